// Output heads (see head.h), vectorised over four samples at a time. Lanes
// beyond n are computed on whatever follows the row and discarded.
#include "nn/head.h"

#include "core/activation_kernels.h"
#include "core/simd.h"
#include "core/vmath.h"
#include "nn/dense.h"

namespace alab::nn {
namespace {

using kernels::splat;

struct Lanes {
  float v[4];
  explicit Lanes(v128_t x) { wasm_v128_store(v, x); }
};

inline int lanes_in(int c, int n) { return n - c < 4 ? n - c : 4; }

}  // namespace

HeadSums head_loss(OutputHead head, const float* logits, int k, int n, int ld, const float* labels,
                   float* dlogits, float scale) {
  HeadSums sums;
  const int cols = (n + 3) & ~3;
  const v128_t vscale = splat(scale);
  const v128_t zero = splat(0.0f);
  const kernels::Prepared none{ActivationParams{}};
  for (int c = 0; c < cols; c += 4) {
    const int live = lanes_in(c, n);
    const v128_t y = load_partial(labels + c, live);
    v128_t loss, correct = wasm_i32x4_splat(0);
    if (head == OutputHead::softmax) {
      v128_t m = wasm_v128_load(logits + c);
      v128_t best = zero;
      for (int q = 1; q < k; ++q) {
        const v128_t z = wasm_v128_load(logits + static_cast<long>(q) * ld + c);
        best = wasm_v128_bitselect(splat(static_cast<float>(q)), best, wasm_f32x4_gt(z, m));
        m = wasm_f32x4_pmax(m, z);
      }
      v128_t s = zero, zy = zero;
      for (int q = 0; q < k; ++q) {
        const v128_t z = wasm_v128_load(logits + static_cast<long>(q) * ld + c);
        s = wasm_f32x4_add(s, vm::exp(wasm_f32x4_sub(z, m)));
        zy = wasm_v128_bitselect(z, zy, wasm_f32x4_eq(y, splat(static_cast<float>(q))));
      }
      loss = wasm_f32x4_sub(wasm_f32x4_add(m, vm::log(s)), zy);
      correct = wasm_f32x4_eq(best, y);
      if (dlogits)
        for (int q = 0; q < k; ++q) {
          const v128_t z = wasm_v128_load(logits + static_cast<long>(q) * ld + c);
          const v128_t p = wasm_f32x4_div(vm::exp(wasm_f32x4_sub(z, m)), s);
          const v128_t onehot = wasm_v128_and(wasm_f32x4_eq(y, splat(static_cast<float>(q))), splat(1.0f));
          const v128_t g = wasm_f32x4_mul(wasm_f32x4_sub(p, onehot), vscale);
          store_first_lanes(dlogits + static_cast<long>(q) * ld + c, g, live);
        }
    } else {
      const v128_t z = wasm_v128_load(logits + c);
      v128_t g;
      if (head == OutputHead::sigmoid) {
        const kernels::SigmoidPair sp(z);
        const v128_t tail = vm::log1p(sp.e);  // log1p(e^−|z|)
        loss = wasm_f32x4_add(wasm_f32x4_sub(wasm_f32x4_pmax(z, zero), wasm_f32x4_mul(z, y)), tail);
        g = wasm_f32x4_sub(sp.s, y);
        correct = wasm_v128_not(wasm_v128_xor(wasm_f32x4_ge(z, zero), wasm_f32x4_gt(y, splat(0.5f))));
      } else if (head == OutputHead::tanh) {
        const v128_t t = kernels::Tanh::forward(z, none, zero);
        const v128_t e = wasm_f32x4_sub(t, y);
        loss = wasm_f32x4_mul(splat(0.5f), wasm_f32x4_mul(e, e));
        g = wasm_f32x4_mul(e, kernels::Tanh::derivative_from_output(t, none));
        correct = wasm_v128_not(wasm_v128_xor(wasm_f32x4_ge(t, zero), wasm_f32x4_gt(y, zero)));
      } else {
        const v128_t e = wasm_f32x4_sub(z, y);
        loss = wasm_f32x4_mul(splat(0.5f), wasm_f32x4_mul(e, e));
        g = e;
      }
      if (dlogits) store_first_lanes(dlogits + c, wasm_f32x4_mul(g, vscale), live);
    }
    const Lanes l(loss);
    int32_t ok[4];
    wasm_v128_store(ok, correct);
    for (int i = 0; i < live; ++i) {
      sums.loss += static_cast<double>(l.v[i]);
      sums.correct += ok[i] != 0;
    }
  }
  if (head == OutputHead::linear) sums.correct = 0;
  return sums;
}

void head_outputs(OutputHead head, const float* logits, int k, int n, int ld, float* out) {
  const int cols = (n + 3) & ~3;
  const kernels::Prepared none{ActivationParams{}};
  const v128_t zero = splat(0.0f);
  for (int c = 0; c < cols; c += 4) {
    const int live = lanes_in(c, n);
    float col[16][4];
    if (head == OutputHead::softmax) {
      v128_t m = wasm_v128_load(logits + c);
      for (int q = 1; q < k; ++q) m = wasm_f32x4_pmax(m, wasm_v128_load(logits + static_cast<long>(q) * ld + c));
      v128_t s = zero;
      for (int q = 0; q < k; ++q)
        s = wasm_f32x4_add(s, vm::exp(wasm_f32x4_sub(wasm_v128_load(logits + static_cast<long>(q) * ld + c), m)));
      for (int q = 0; q < k; ++q) {
        const v128_t z = wasm_v128_load(logits + static_cast<long>(q) * ld + c);
        wasm_v128_store(col[q], wasm_f32x4_div(vm::exp(wasm_f32x4_sub(z, m)), s));
      }
    } else {
      const v128_t z = wasm_v128_load(logits + c);
      v128_t o = z;
      if (head == OutputHead::sigmoid) o = kernels::SigmoidPair(z).s;
      if (head == OutputHead::tanh) o = kernels::Tanh::forward(z, none, zero);
      wasm_v128_store(col[0], o);
    }
    for (int i = 0; i < live; ++i)
      for (int q = 0; q < k; ++q) out[static_cast<long>(c + i) * k + q] = col[q][i];
  }
}

}  // namespace alab::nn
