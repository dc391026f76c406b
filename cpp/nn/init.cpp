// The initialisations listed in init.h.
#include "nn/init.h"

#include <cmath>

namespace alab::nn {

namespace {

void draw_dense(InitKind kind, float* w, float* b, int out, int in, float bias_init, Rng& rng) {
  const long count = static_cast<long>(out) * in;
  const float fin = static_cast<float>(in);
  switch (kind) {
    case InitKind::uniform:
      for (long i = 0; i < count; ++i) w[i] = rng.uniform(-0.5f, 0.5f);
      break;
    case InitKind::standard: {
      const float r = 1.0f / std::sqrt(fin);
      for (long i = 0; i < count; ++i) w[i] = rng.uniform(-r, r);
      break;
    }
    case InitKind::xavier: {
      const float r = std::sqrt(6.0f) / std::sqrt(fin + static_cast<float>(out));
      for (long i = 0; i < count; ++i) w[i] = rng.uniform(-r, r);
      break;
    }
    case InitKind::he: {
      const float s = std::sqrt(2.0f / fin);
      for (long i = 0; i < count; ++i) w[i] = s * rng.normal();
      break;
    }
    case InitKind::lecun: {
      const float s = std::sqrt(1.0f / fin);
      for (long i = 0; i < count; ++i) w[i] = s * rng.normal();
      break;
    }
    case InitKind::rai: {
      // 0.6007 is Lu et al.'s constant: with one entry replaced by a Beta(2, 1)
      // sample, it keeps the second moment of the layer's output as He's does.
      const float s = 0.6007f / std::sqrt(fin);
      for (int j = 0; j < out; ++j) {
        float* wj = w + static_cast<long>(j) * in;
        for (int k = 0; k < in; ++k) wj[k] = s * rng.normal();
        b[j] = s * rng.normal();
        const uint32_t pick = rng.below(static_cast<uint32_t>(in) + 1);
        const float beta = rng.beta21();
        if (pick == static_cast<uint32_t>(in)) b[j] = beta; else wj[pick] = beta;
      }
      return;
    }
  }
  for (int j = 0; j < out; ++j) b[j] = bias_init;
}

}  // namespace

void init_dense(InitKind kind, float* w, float* b, int out, int in, float bias_init, Rng& rng, float gain) {
  draw_dense(kind, w, b, out, in, bias_init, rng);
  if (gain == 1.0f) return;
  const long count = static_cast<long>(out) * in;
  for (long i = 0; i < count; ++i) w[i] *= gain;
  if (kind == InitKind::rai)
    for (int j = 0; j < out; ++j) b[j] *= gain;
}

}  // namespace alab::nn
