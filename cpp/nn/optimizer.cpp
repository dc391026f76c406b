// Optimizer updates (see optimizer.h).
#include "nn/optimizer.h"

#include <cmath>

#include "core/simd.h"

namespace alab::nn {
namespace {

// Runs f on every group of 4 floats; the tail goes through a padded vector.
template <class F>
void for_each_vector(std::size_t n, F&& f) {
  std::size_t i = 0;
  for (; i + kLanes <= n; i += kLanes) f(i, kLanes);
  if (i < n) f(i, n - i);
}

inline v128_t load(const float* p, std::size_t live) {
  return live == kLanes ? wasm_v128_load(p) : load_partial(p, live);
}
inline void store(float* p, v128_t v, std::size_t live) {
  if (live == kLanes) wasm_v128_store(p, v); else store_partial(p, v, live);
}

}  // namespace

int optimizer_state_per_param(OptimizerKind kind) {
  return kind == OptimizerKind::sgd ? 0 : kind == OptimizerKind::momentum ? 1 : 2;
}

namespace {

// Accumulates v − v over the live lanes: 0 for finite values, NaN for ±Inf
// and NaN, and NaN sticks in the sum (all_finite's rule).
struct FiniteCheck {
  v128_t acc = wasm_f32x4_splat(0.0f);
  void add(v128_t v, std::size_t live) {
    v128_t d = wasm_f32x4_sub(v, v);
    if (live != kLanes) d = wasm_v128_and(d, wasm_i32x4_lt(wasm_i32x4_make(0, 1, 2, 3), wasm_i32x4_splat(static_cast<int>(live))));
    acc = wasm_f32x4_add(acc, d);
  }
  bool finite() const { return wasm_i32x4_all_true(wasm_f32x4_eq(acc, acc)); }
};

}  // namespace

bool optimizer_update(OptimizerKind kind, float* p, const float* g, float* state, std::size_t n, float lr,
                      float momentum, bool nesterov, double beta1_power, double beta2_power, float* p_before,
                      float* state_before) {
  const v128_t vlr = wasm_f32x4_splat(lr);
  FiniteCheck check;
  // The old value of p[i..] (or of a state float), kept in *_before first.
  const auto old = [&](float* x, float* before, std::size_t i, std::size_t live) {
    const v128_t v = load(x + i, live);
    if (before) store(before + i, v, live);
    return v;
  };
  if (kind == OptimizerKind::sgd) {
    for_each_vector(n, [&](std::size_t i, std::size_t live) {
      const v128_t np = wasm_f32x4_sub(old(p, p_before, i, live), wasm_f32x4_mul(vlr, load(g + i, live)));
      store(p + i, np, live);
      check.add(np, live);
    });
  } else if (kind == OptimizerKind::momentum) {
    const v128_t mu = wasm_f32x4_splat(momentum);
    for_each_vector(n, [&](std::size_t i, std::size_t live) {
      const v128_t gi = load(g + i, live);
      const v128_t v = wasm_f32x4_add(wasm_f32x4_mul(mu, old(state, state_before, i, live)), gi);
      store(state + i, v, live);
      const v128_t step = nesterov ? wasm_f32x4_add(gi, wasm_f32x4_mul(mu, v)) : v;
      const v128_t np = wasm_f32x4_sub(old(p, p_before, i, live), wasm_f32x4_mul(vlr, step));
      store(p + i, np, live);
      check.add(v, live);
      check.add(np, live);
    });
  } else {
    const float lr_t = static_cast<float>(lr * std::sqrt(1.0 - beta2_power) / (1.0 - beta1_power));
    const v128_t vlrt = wasm_f32x4_splat(lr_t), b1 = wasm_f32x4_splat(kAdamBeta1),
                 b2 = wasm_f32x4_splat(kAdamBeta2), c1 = wasm_f32x4_splat(1.0f - kAdamBeta1),
                 c2 = wasm_f32x4_splat(1.0f - kAdamBeta2), eps = wasm_f32x4_splat(kAdamEpsilon);
    float* mstate = state;
    float* vstate = state + n;
    float* mbefore = state_before;
    float* vbefore = state_before ? state_before + n : nullptr;
    for_each_vector(n, [&](std::size_t i, std::size_t live) {
      const v128_t gi = load(g + i, live);
      const v128_t m = wasm_f32x4_add(wasm_f32x4_mul(b1, old(mstate, mbefore, i, live)), wasm_f32x4_mul(c1, gi));
      const v128_t v = wasm_f32x4_add(wasm_f32x4_mul(b2, old(vstate, vbefore, i, live)),
                                      wasm_f32x4_mul(c2, wasm_f32x4_mul(gi, gi)));
      store(mstate + i, m, live);
      store(vstate + i, v, live);
      const v128_t step = wasm_f32x4_div(wasm_f32x4_mul(vlrt, m), wasm_f32x4_add(wasm_f32x4_sqrt(v), eps));
      const v128_t np = wasm_f32x4_sub(old(p, p_before, i, live), step);
      store(p + i, np, live);
      check.add(m, live);
      check.add(v, live);
      check.add(np, live);
    });
  }
  return check.finite();
}

void scale_in_place(float* g, std::size_t n, float s) {
  const v128_t vs = wasm_f32x4_splat(s);
  for_each_vector(n, [&](std::size_t i, std::size_t live) { store(g + i, wasm_f32x4_mul(load(g + i, live), vs), live); });
}

void add_scaled(float* g, const float* p, std::size_t n, float s) {
  const v128_t vs = wasm_f32x4_splat(s);
  for_each_vector(n, [&](std::size_t i, std::size_t live) {
    store(g + i, wasm_f32x4_add(load(g + i, live), wasm_f32x4_mul(vs, load(p + i, live))), live);
  });
}

double sum_squares(const float* x, std::size_t n) {
  double s = 0.0;
  for (std::size_t i = 0; i < n; ++i) s += static_cast<double>(x[i]) * static_cast<double>(x[i]);
  return s;
}

bool all_finite(const float* x, std::size_t n) {
  // x − x is 0 for finite x and NaN for ±Inf and NaN; NaN sticks in the sum.
  v128_t acc = wasm_f32x4_splat(0.0f);
  for_each_vector(n, [&](std::size_t i, std::size_t live) {
    const v128_t v = load(x + i, live);
    acc = wasm_f32x4_add(acc, wasm_f32x4_sub(v, v));
  });
  return wasm_i32x4_all_true(wasm_f32x4_eq(acc, acc));
}

}  // namespace alab::nn
