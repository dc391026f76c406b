// Monte Carlo born-dead estimate (see born_dead.h).
#include "nn/born_dead.h"

#include <cmath>
#include <vector>

#include "core/activations.h"
#include "core/errors.h"
#include "core/rng.h"
#include "nn/dense.h"
#include "nn/init.h"

namespace alab::nn {
namespace {

constexpr int kPoints = 101;
constexpr int kLd = 104;  // kPoints rounded up to the vector width

bool rows_constant(const float* a, int rows) {
  for (int j = 0; j < rows; ++j) {
    const float* r = a + static_cast<long>(j) * kLd;
    for (int c = 1; c < kPoints; ++c)
      if (r[c] != r[0]) return false;
  }
  return true;
}

}  // namespace

BornDeadResult born_dead(int width, int depth, InitKind init, float bias_init, long trials, uint32_t seed) {
  if (width < 1 || width > 256) throw_range("width", width, "an integer in [1, 256]");
  if (depth < 1 || depth > 64) throw_range("depth", depth, "an integer in [1, 64]");
  if (trials < 1 || trials > 100000) throw_range("trials", trials, "an integer in [1, 100000]");
  if (!(bias_init >= -10.0f && bias_init <= 10.0f)) throw_range("biasInit", bias_init, "a finite number in [-10, 10]");

  const ActivationInfo& relu = activation_info(Activation::relu);
  const ActivationParams params;
  std::vector<float> w(static_cast<std::size_t>(width) * width), b(width);
  std::vector<float> x(kLd, 0.0f), h0(static_cast<std::size_t>(width) * kLd), h1(h0.size()), out(kLd);
  for (int i = 0; i < kPoints; ++i) x[i] = static_cast<float>(i - 50) / 50.0f;

  Rng rng(seed, 3);
  BornDeadResult r;
  r.trials = trials;
  for (long t = 0; t < trials; ++t) {
    const float* in = x.data();
    int in_width = 1;
    bool dead = false;
    for (int l = 0; l < depth && !dead; ++l) {
      float* h = (l % 2 == 0) ? h0.data() : h1.data();
      init_dense(init, w.data(), b.data(), width, in_width, bias_init, rng);
      dense_forward(in, w.data(), b.data(), h, in_width, width, kLd, kLd);
      relu.forward(h, h, static_cast<std::size_t>(width) * kLd, params);
      dead = rows_constant(h, width);
      in = h;
      in_width = width;
    }
    if (!dead) {
      init_dense(init, w.data(), b.data(), 1, width, bias_init, rng);
      dense_forward(in, w.data(), b.data(), out.data(), width, 1, kLd, kLd);
      dead = rows_constant(out.data(), 1);
    }
    r.dead += dead;
  }
  r.probability = static_cast<double>(r.dead) / static_cast<double>(trials);
  return r;
}

}  // namespace alab::nn
