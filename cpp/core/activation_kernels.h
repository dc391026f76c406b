// The kernels of the activation catalogue, one struct per activation.
//
// Each struct holds, side by side:
//   forward(x) / derivative(x)       SIMD, four lanes, written once against
//                                     wasm_simd128.h (SIMDe natively);
//   reference / reference_derivative plain double-precision C++, the truth the
//                                     SIMD code is tested against;
//   label, formulas and parameter specs for the registry.
// Kernels assume validated parameters; activations.cpp wraps them in array
// drivers and the registry table. Transcendentals come from vmath.h (vector
// code, no libm), so results are bit-identical natively and in WebAssembly.
#pragma once

#include <cmath>
#include <limits>

#include "activations.h"
#include "counter_hash.h"
#include "simd.h"
#include "vmath.h"

namespace alab::kernels {

// Parameters splatted once per array call.
struct Prepared {
  v128_t alpha;
  v128_t lower;
  v128_t span;       // upper - lower
  v128_t mean;       // (lower + upper) / 2
  bool training;
  uint32_t seed;
  explicit Prepared(const ActivationParams& p)
      : alpha(wasm_f32x4_splat(p.alpha)),
        lower(wasm_f32x4_splat(p.lower)),
        span(wasm_f32x4_splat(p.upper - p.lower)),
        mean(wasm_f32x4_splat((p.lower + p.upper) * 0.5f)),
        training(p.training),
        seed(p.seed) {}
};

inline constexpr ParamSpec kNoParam = {nullptr, 0, 0, 0, nullptr};

inline v128_t splat(float v) { return wasm_f32x4_splat(v); }
inline v128_t abs(v128_t x) { return wasm_f32x4_abs(x); }
inline v128_t positive(v128_t x) { return wasm_f32x4_gt(x, splat(0.0f)); }
// Lanes where x is +Inf (or -Inf) get value; others keep r. For functions of
// the form x * g(x) whose product is Inf * 0 = NaN at the infinities.
inline v128_t at_infinity(v128_t x, v128_t r, float at_neg_inf, float at_pos_inf) {
  const v128_t inf = splat(std::numeric_limits<float>::infinity());
  r = wasm_v128_bitselect(splat(at_pos_inf), r, wasm_f32x4_eq(x, inf));
  return wasm_v128_bitselect(splat(at_neg_inf), r, wasm_f32x4_eq(x, wasm_f32x4_neg(inf)));
}

// A derivative near its zero crossing x0 = x0_hi + x0_lo (two floats), where
// its formula is a sum that cancels: there f'(x) = u P(u), u = (x − x0_hi) −
// x0_lo, with P fitted by fit_coefficients.cpp ("silu' root", ...), error
// below 1 x 2^-24 relative to f' (x − x0_hi is exact near x0, so u and the
// result are relatively accurate right down to the root). Lanes with
// |u| > half_width keep d.
struct RootExpansion {
  float x0_hi, x0_lo, half_width;
  float c[9];
  v128_t apply(v128_t x, v128_t d) const {
    const v128_t u = wasm_f32x4_sub(wasm_f32x4_sub(x, splat(x0_hi)), splat(x0_lo));
    const v128_t near = wasm_f32x4_le(abs(u), splat(half_width));
    return wasm_v128_bitselect(wasm_f32x4_mul(u, vm::detail::horner(u, c)), d, near);
  }
};

// σ(x) and σ(−x) from one exp and one division: e = e^(−|x|) (rr2_p6,
// flushed to 0 for |x| > 87.34), d = 1 + e, r = 1/d; for x ≥ 0, σ(x) = r and
// σ(−x) = e r, mirrored for x < 0. Both are formed without cancellation, so
// each is accurate to a few ULP over the whole range (below FLT_MIN the flush
// gives 0, within the 1e-7 absolute floor).
struct SigmoidPair {
  v128_t s, sn, e, d;
  explicit SigmoidPair(v128_t x) {
    e = vm::exp_neg_rr2_p6(abs(x));
    d = wasm_f32x4_add(splat(1.0f), e);
    const v128_t r = wasm_f32x4_div(splat(1.0f), d);
    const v128_t er = wasm_f32x4_mul(e, r);
    const v128_t neg = wasm_i32x4_shr(x, 31);  // all ones where the sign bit is set
    s = wasm_v128_bitselect(er, r, neg);
    sn = wasm_v128_bitselect(r, er, neg);
  }
};

// σ(x) alone ("rr2_p6_div", "rr2_p5_div"): one division of the selected
// numerator, 1 or e, by 1 + e. NaN passes through as some NaN.
inline v128_t sigmoid_from_exp(v128_t x, v128_t e) {
  const v128_t num = wasm_v128_bitselect(e, splat(1.0f), wasm_i32x4_shr(x, 31));
  return wasm_f32x4_div(num, wasm_f32x4_add(splat(1.0f), e));
}
inline v128_t sigmoid_rr2_p6_div(v128_t x) { return sigmoid_from_exp(x, vm::exp_neg_rr2_p6(abs(x))); }
inline v128_t sigmoid_rr2_p5_div(v128_t x) { return sigmoid_from_exp(x, vm::exp_neg_rr2_p5(abs(x))); }

struct Identity {
  static constexpr const char* label = "Identity";
  static constexpr const char* formula = "f(x) = x";
  static constexpr const char* derivative_formula = "f'(x) = 1";
  static constexpr const char* tex = "f(x) = x";
  static constexpr std::array<ParamSpec, 2> params = {kNoParam, kNoParam};
  static constexpr std::size_t param_count = 0;
  // {forward ULP, forward abs, derivative ULP, derivative abs, measured
  // forward max, measured derivative max}: see KernelAccuracy.
  static constexpr KernelAccuracy accuracy = {4.0, 1e-7, 16.0, 2e-7, 0.00, 0.00};
  // One vector per iteration: V8 ran the 8-vector copy loop 4x slower than
  // this one (measured in npm run bench, not understood).
  static constexpr const char* variant = "copy_u4";
  static v128_t forward(v128_t x, const Prepared&, v128_t) { return x; }
  static v128_t derivative(v128_t, const Prepared&, v128_t) { return splat(1.0f); }
  static double reference(double x, const ActivationParams&, uint32_t) { return x; }
  static double reference_derivative(double, const ActivationParams&, uint32_t) { return 1.0; }
};

struct Sigmoid {
  static constexpr const char* label = "Sigmoid";
  static constexpr const char* formula = "f(x) = 1 / (1 + e^(-x))";
  static constexpr const char* derivative_formula = "f'(x) = f(x) (1 - f(x))";
  static constexpr const char* tex = "\\sigma(x) = \\frac{1}{1 + e^{-x}}";
  static constexpr std::array<ParamSpec, 2> params = {kNoParam, kNoParam};
  static constexpr std::size_t param_count = 0;
  static constexpr KernelAccuracy accuracy = {4.0, 1e-7, 16.0, 2e-7, 3.54, 5.29};
  // XNNPACK's algorithm (silu uses the more accurate p6), 6 vectors per
  // iteration: 12-20 % faster than 4 or 8 in V8 at 1 Mi (measured in CPU
  // time, interleaved runs).
  static constexpr const char* variant = "rr2_p5_div_u24";
  static constexpr std::size_t kUnroll = 6;
  // σ(x) is in [+0, 1] (bits <= 0x3f800000) or a quiet NaN (bits >=
  // 0x7fc00000 as unsigned, of either sign): one unsigned min with the
  // canonical NaN's bits canonicalises the NaN lanes and keeps every other,
  // one op instead of canonical_nan's compare and select.
  static v128_t forward(v128_t x, const Prepared&, v128_t) {
    return wasm_u32x4_min(sigmoid_rr2_p5_div(x), wasm_i32x4_splat(vm::detail::kNaNBits));
  }
  // σ'(x) = e^(−|x|) / (1 + e^(−|x|))², symmetric and free of cancellation.
  static v128_t derivative(v128_t x, const Prepared&, v128_t) {
    const v128_t e = vm::exp_neg_rr2_p5(abs(x));
    const v128_t d = wasm_f32x4_add(splat(1.0f), e);
    return wasm_f32x4_div(e, wasm_f32x4_mul(d, d));
  }
  static constexpr bool kDerivativeFromOutput = true;
  static v128_t derivative_from_output(v128_t y, const Prepared&) {
    return wasm_f32x4_mul(y, wasm_f32x4_sub(splat(1.0f), y));
  }
  static double reference(double x, const ActivationParams&, uint32_t) { return 1.0 / (1.0 + std::exp(-x)); }
  static double reference_derivative(double x, const ActivationParams&, uint32_t) {
    const double e = std::exp(-std::fabs(x));
    return e / ((1.0 + e) * (1.0 + e));
  }
};

struct Tanh {
  static constexpr const char* label = "Tanh";
  static constexpr const char* formula = "f(x) = (e^x - e^(-x)) / (e^x + e^(-x))";
  static constexpr const char* derivative_formula = "f'(x) = 1 - f(x)^2";
  static constexpr const char* tex = "\\tanh(x) = \\frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}";
  static constexpr std::array<ParamSpec, 2> params = {kNoParam, kNoParam};
  static constexpr std::size_t param_count = 0;
  static constexpr KernelAccuracy accuracy = {4.0, 1e-7, 16.0, 2e-7, 2.50, 4.22};
  static constexpr const char* variant = "expm1_p7_div_u16";
  static constexpr std::size_t kUnroll = 4;
  // tanh|x| = −m / (2 + m) with m = expm1(−2|x|) in (−1, 0]: relative
  // accuracy down to the subnormals, no overflow. −2|x| is clamped at −20
  // (tanh(10) rounds to 1 in float); 0 − m is +0 for m = ±0, and the sign is
  // copied back from x.
  static v128_t forward(v128_t x, const Prepared&, v128_t) {
    const v128_t ax = abs(x);
    const v128_t z = wasm_f32x4_pmax(wasm_f32x4_mul(ax, splat(-2.0f)), splat(-20.0f));  // NaN stays
    const v128_t m = vm::detail::expm1_nonpositive_core(z);
    const v128_t t = wasm_f32x4_div(wasm_f32x4_sub(splat(0.0f), m), wasm_f32x4_add(splat(2.0f), m));
    const v128_t sign = wasm_v128_and(x, splat(-0.0f));
    return vm::detail::canonical_nan(wasm_v128_or(t, sign));
  }
  // 1 − tanh² = 4e / (1 + e)² with e = e^(−2|x|): no cancellation near |x| → ∞.
  static v128_t derivative(v128_t x, const Prepared&, v128_t) {
    const v128_t ax = abs(x);
    const v128_t e = vm::exp_fast(wasm_f32x4_neg(wasm_f32x4_add(ax, ax)));
    const v128_t d = wasm_f32x4_add(splat(1.0f), e);
    return wasm_f32x4_div(wasm_f32x4_mul(splat(4.0f), e), wasm_f32x4_mul(d, d));
  }
  // (1 − y)(1 + y) rather than 1 − y²: 1 − y is exact for |y| >= 1/2.
  static constexpr bool kDerivativeFromOutput = true;
  static v128_t derivative_from_output(v128_t y, const Prepared&) {
    return wasm_f32x4_mul(wasm_f32x4_sub(splat(1.0f), y), wasm_f32x4_add(splat(1.0f), y));
  }
  static double reference(double x, const ActivationParams&, uint32_t) { return std::tanh(x); }
  static double reference_derivative(double x, const ActivationParams&, uint32_t) {
    const double c = std::cosh(x);
    return std::isinf(c) ? 0.0 : 1.0 / (c * c);
  }
};

// The rectifier family shares one convention: f'(0) is the left slope
// (0 for relu, alpha for leaky/prelu), as in PyTorch's backward.
struct Relu {
  static constexpr const char* label = "ReLU";
  static constexpr const char* formula = "f(x) = max(0, x)";
  static constexpr const char* derivative_formula = "f'(x) = 1 if x > 0, else 0";
  static constexpr const char* tex = "f(x) = \\max(0, x)";
  static constexpr std::array<ParamSpec, 2> params = {kNoParam, kNoParam};
  static constexpr std::size_t param_count = 0;
  static constexpr KernelAccuracy accuracy = {4.0, 1e-7, 16.0, 2e-7, 0.00, 0.00};
  static constexpr const char* variant = "pmax_u32";
  static constexpr std::size_t kUnroll = 8;
  // pmax(x, 0) = (x < 0) ? 0 : x keeps NaN and is cheaper than f32x4.max on x86.
  static v128_t forward(v128_t x, const Prepared&, v128_t) { return wasm_f32x4_pmax(x, splat(0.0f)); }
  static v128_t derivative(v128_t x, const Prepared&, v128_t) { return wasm_v128_and(positive(x), splat(1.0f)); }
  // f(x) > 0 exactly when x > 0.
  static constexpr bool kDerivativeFromOutput = true;
  static v128_t derivative_from_output(v128_t y, const Prepared& p) { return derivative(y, p, y); }
  static double reference(double x, const ActivationParams&, uint32_t) { return x > 0 ? x : 0.0; }
  static double reference_derivative(double x, const ActivationParams&, uint32_t) { return x > 0 ? 1.0 : 0.0; }
};

struct LeakyRelu {
  static constexpr const char* label = "Leaky ReLU";
  static constexpr const char* formula = "f(x) = x if x > 0, else alpha x";
  static constexpr const char* derivative_formula = "f'(x) = 1 if x > 0, else alpha";
  static constexpr const char* tex = "f(x) = \\begin{cases} x & x > 0 \\\\ \\alpha x & x \\le 0 \\end{cases}";
  static constexpr std::array<ParamSpec, 2> params = {
      ParamSpec{"alpha", 0.01f, 0.0f, 1.0f, "slope for x <= 0"}, kNoParam};
  static constexpr std::size_t param_count = 1;
  static constexpr KernelAccuracy accuracy = {4.0, 1e-7, 16.0, 2e-7, 0.50, 0.00};
  static constexpr const char* variant = "select_u32";
  static constexpr std::size_t kUnroll = 8;
  // x > 0 ? x : alpha x, for every alpha in [0, 1].
  static v128_t forward(v128_t x, const Prepared& p, v128_t) {
    return wasm_v128_bitselect(x, wasm_f32x4_mul(p.alpha, x), positive(x));
  }
  // max(x, alpha x): the select's bits for alpha in (0, 1] (also for ±0, ±Inf
  // and NaN, which pmax keeps), one op less; the array driver picks it per
  // call. alpha = 0 keeps the select: 0 × −Inf is NaN, which max would
  // replace by −Inf.
  static v128_t forward_slope_at_most_one(v128_t x, const Prepared& p, v128_t) {
    return wasm_f32x4_pmax(x, wasm_f32x4_mul(p.alpha, x));
  }
  // min(x, alpha x) for alpha > 1 (PReLU's learned alpha; leaky_relu's is at most 1).
  static v128_t forward_slope_at_least_one(v128_t x, const Prepared& p, v128_t) {
    return wasm_f32x4_pmin(x, wasm_f32x4_mul(p.alpha, x));
  }
  static v128_t derivative(v128_t x, const Prepared& p, v128_t) {
    return wasm_v128_bitselect(splat(1.0f), p.alpha, positive(x));
  }
  // f(x) > 0 exactly when x > 0, as alpha >= 0 (not so for a learned prelu alpha).
  static constexpr bool kDerivativeFromOutput = true;
  static v128_t derivative_from_output(v128_t y, const Prepared& p) { return derivative(y, p, y); }
  static double reference(double x, const ActivationParams& p, uint32_t) { return x > 0 ? x : p.alpha * x; }
  static double reference_derivative(double x, const ActivationParams& p, uint32_t) { return x > 0 ? 1.0 : p.alpha; }
};

// Parametric ReLU (He et al. 2015): the same function as Leaky ReLU, but alpha
// is learned; the trainer uses prelu_alpha_derivative for ∂f/∂alpha.
struct Prelu : LeakyRelu {
  static constexpr bool kDerivativeFromOutput = false;  // alpha may be negative
  // forward: leaky_relu's select, for any alpha in [-10, 10]. Its cheaper
  // forms, one op less, which the array driver picks per call (alpha is one
  // number): for alpha in (0, 1] leaky_relu's max(x, alpha x), for alpha > 1
  // min(x, alpha x). Both give the select's bits, ±0 and ±Inf included
  // (pmin/pmax keep x when the comparison fails, and NaN). alpha < 0
  // (alpha × +0 = −0) and alpha = 0 (0 × −Inf = NaN) keep the select.
  static constexpr const char* label = "PReLU";
  static constexpr const char* formula = "f(x) = x if x > 0, else alpha x (alpha learned)";
  static constexpr const char* derivative_formula = "f'(x) = 1 if x > 0, else alpha; df/dalpha = x if x <= 0, else 0";
  static constexpr const char* tex = "f(x) = \\begin{cases} x & x > 0 \\\\ a x & x \\le 0 \\end{cases},\\ a \\text{ learned}";
  static constexpr std::array<ParamSpec, 2> params = {
      ParamSpec{"alpha", 0.25f, -10.0f, 10.0f, "initial slope for x <= 0 (learned by the trainer)"}, kNoParam};
};

// Randomized ReLU in the seed's convention (Xu et al. 2015, NDSB winner):
// negative part x / a with a ~ U(lower, upper) per element while training and
// a = (lower + upper) / 2 in evaluation. PyTorch's slope form uses
// slope = 1 / a, i.e. slope in [1/upper, 1/lower] = [1/8, 1/3] by default here.
struct Rrelu {
  static constexpr const char* label = "RReLU";
  static constexpr const char* formula = "f(x) = x if x > 0, else x / a; a ~ U(lower, upper) training, (lower + upper) / 2 evaluation";
  static constexpr const char* derivative_formula = "f'(x) = 1 if x > 0, else 1 / a";
  static constexpr const char* tex = "f(x) = \\begin{cases} x & x > 0 \\\\ x / a & x \\le 0 \\end{cases},\\ a \\sim U(l, u)";
  static constexpr std::array<ParamSpec, 2> params = {
      ParamSpec{"lower", 3.0f, 1.0f, 1000.0f, "smallest divisor a of the negative part"},
      ParamSpec{"upper", 8.0f, 1.0f, 1000.0f, "largest divisor a of the negative part"}};
  static constexpr std::size_t param_count = 2;
  static constexpr KernelAccuracy accuracy = {4.0, 1e-7, 16.0, 2e-7, 0.50, 0.00};
  static constexpr const char* variant = "select_u16";
  static constexpr std::size_t kUnroll = 4;
  static v128_t divisor(const Prepared& p, v128_t counter) {
    if (!p.training) return p.mean;
    return wasm_f32x4_add(p.lower, wasm_f32x4_mul(p.span, counter_uniform(p.seed, counter)));
  }
  static v128_t forward(v128_t x, const Prepared& p, v128_t counter) {
    return wasm_v128_bitselect(x, wasm_f32x4_div(x, divisor(p, counter)), positive(x));
  }
  static v128_t derivative(v128_t x, const Prepared& p, v128_t counter) {
    return wasm_v128_bitselect(splat(1.0f), wasm_f32x4_div(splat(1.0f), divisor(p, counter)), positive(x));
  }
  static double divisor(const ActivationParams& p, uint32_t index) {
    if (!p.training) return (p.lower + p.upper) * 0.5f;
    return p.lower + (p.upper - p.lower) * counter_uniform(p.seed, p.counter + index);
  }
  static double reference(double x, const ActivationParams& p, uint32_t i) { return x > 0 ? x : x / divisor(p, i); }
  static double reference_derivative(double x, const ActivationParams& p, uint32_t i) {
    return x > 0 ? 1.0 : static_cast<double>(1.0f / static_cast<float>(divisor(p, i)));
  }
};

struct Elu {
  static constexpr const char* label = "ELU";
  static constexpr const char* formula = "f(x) = x if x > 0, else alpha (e^x - 1)";
  static constexpr const char* derivative_formula = "f'(x) = 1 if x > 0, else alpha e^x";
  static constexpr const char* tex = "f(x) = \\begin{cases} x & x > 0 \\\\ \\alpha (e^{x} - 1) & x \\le 0 \\end{cases}";
  static constexpr std::array<ParamSpec, 2> params = {
      ParamSpec{"alpha", 1.0f, 0.0f, 10.0f, "saturation value -alpha for x -> -inf"}, kNoParam};
  static constexpr std::size_t param_count = 1;
  static constexpr KernelAccuracy accuracy = {4.0, 1e-7, 16.0, 2e-7, 0.95, 0.99};
  static constexpr const char* variant = "rr2_p6_u16";
  static constexpr std::size_t kUnroll = 4;
  // x < 0 gives alpha (e^x − 1), always finite; every other lane keeps x:
  // x >= 0 (and −0) and NaN, which passes through unchanged (the same bits in
  // every engine, as for relu) instead of costing two ops to canonicalise.
  static v128_t forward(v128_t x, const Prepared& p, v128_t) {
    const v128_t neg = wasm_f32x4_mul(p.alpha, vm::expm1_rr2_p6(x));
    return wasm_v128_bitselect(neg, x, wasm_f32x4_lt(x, splat(0.0f)));
  }
  static v128_t derivative(v128_t x, const Prepared& p, v128_t) {
    return wasm_v128_bitselect(splat(1.0f), wasm_f32x4_mul(p.alpha, vm::exp_neg_rr2_p6(abs(x))), positive(x));
  }
  // alpha e^x = f(x) + alpha for x <= 0 (absolute, not relative, accuracy as
  // f -> -alpha); f(x) > 0 exactly when x > 0.
  static constexpr bool kDerivativeFromOutput = true;
  static v128_t derivative_from_output(v128_t y, const Prepared& p) {
    return wasm_v128_bitselect(splat(1.0f), wasm_f32x4_add(y, p.alpha), positive(y));
  }
  static double reference(double x, const ActivationParams& p, uint32_t) { return x > 0 ? x : p.alpha * std::expm1(x); }
  static double reference_derivative(double x, const ActivationParams& p, uint32_t) {
    return x > 0 ? 1.0 : p.alpha * std::exp(x);
  }
};

// SELU (Klambauer et al. 2017): the constants make N(0, 1) a fixed point of
// the layer map, so its mean output on standard-normal input is 0.
struct Selu {
  static constexpr double kLambda = 1.0507009873554805;
  static constexpr double kAlpha = 1.6732632423543773;
  static constexpr const char* label = "SELU";
  static constexpr const char* formula = "f(x) = lambda x if x > 0, else lambda alpha (e^x - 1); lambda = 1.0507009873554805, alpha = 1.6732632423543773";
  static constexpr const char* derivative_formula = "f'(x) = lambda if x > 0, else lambda alpha e^x";
  static constexpr const char* tex = "f(x) = \\lambda \\begin{cases} x & x > 0 \\\\ \\alpha (e^{x} - 1) & x \\le 0 \\end{cases}";
  static constexpr std::array<ParamSpec, 2> params = {kNoParam, kNoParam};
  static constexpr std::size_t param_count = 0;
  static constexpr KernelAccuracy accuracy = {4.0, 1e-7, 16.0, 2e-7, 1.94, 1.86};
  static constexpr const char* variant = "rr2_p6_u16";
  static constexpr std::size_t kUnroll = 4;
  // λ − 1 rounded to float: λ x = x + (λ − 1) x rounds almost always
  // correctly, where float(λ) x would not (float(λ) > λ, so
  // float(λ) * 3.2386221e38 overflows although λ x < FLT_MAX + ulp/2).
  static constexpr float kLambdaMinus1 = static_cast<float>(kLambda - 1.0);
  // λα rounded once to float: one rounding instead of two.
  static v128_t forward(v128_t x, const Prepared&, v128_t) {
    const v128_t neg = wasm_f32x4_mul(splat(static_cast<float>(kLambda * kAlpha)), vm::expm1_rr2_p6(x));
    const v128_t pos = wasm_f32x4_add(x, wasm_f32x4_mul(splat(kLambdaMinus1), x));
    return vm::detail::canonical_nan(wasm_v128_bitselect(pos, neg, wasm_f32x4_ge(x, splat(0.0f))));
  }
  static v128_t derivative(v128_t x, const Prepared&, v128_t) {
    const v128_t neg = wasm_f32x4_mul(splat(static_cast<float>(kLambda * kAlpha)), vm::exp_neg_rr2_p6(abs(x)));
    return wasm_v128_bitselect(splat(static_cast<float>(kLambda)), neg, positive(x));
  }
  // λα e^x = f(x) + λα for x <= 0, as for elu.
  static constexpr bool kDerivativeFromOutput = true;
  static v128_t derivative_from_output(v128_t y, const Prepared&) {
    const v128_t neg = wasm_f32x4_add(y, splat(static_cast<float>(kLambda * kAlpha)));
    return wasm_v128_bitselect(splat(static_cast<float>(kLambda)), neg, positive(y));
  }
  static double reference(double x, const ActivationParams&, uint32_t) {
    return kLambda * (x > 0 ? x : kAlpha * std::expm1(x));
  }
  static double reference_derivative(double x, const ActivationParams&, uint32_t) {
    return kLambda * (x > 0 ? 1.0 : kAlpha * std::exp(x));
  }
};

// GELU, exact form (Hendrycks & Gimpel 2016): x Φ(x) with the normal CDF, not
// the tanh approximation.
struct Gelu {
  static constexpr const char* label = "GELU";
  static constexpr const char* formula = "f(x) = x Phi(x) = x (1 + erf(x / sqrt 2)) / 2";
  static constexpr const char* derivative_formula = "f'(x) = Phi(x) + x phi(x)";
  static constexpr const char* tex = "f(x) = x\\,\\Phi(x) = \\tfrac{x}{2}\\left(1 + \\operatorname{erf}(x/\\sqrt{2})\\right)";
  static constexpr std::array<ParamSpec, 2> params = {kNoParam, kNoParam};
  static constexpr std::size_t param_count = 0;
  static constexpr KernelAccuracy accuracy = {4.0, 1e-7, 16.0, 2e-7, 3.25, 2.96};
  static constexpr const char* variant = "mills_div2_u4";
  static v128_t forward(v128_t x, const Prepared&, v128_t) {
    return at_infinity(x, wasm_f32x4_mul(x, vm::normal_cdf(x)), -0.0f, std::numeric_limits<float>::infinity());
  }
  // Φ(x) + x φ(x) cancels near the root x0 = −0.7518, covered by kRoot.
  static constexpr RootExpansion kRoot = {
      -7.517915368e-01f, 1.211444989e-08f, 0.4f,
      {4.314939976e-01f, 3.882849813e-01f, -1.820061170e-02f, -1.140084341e-01f, -1.474528480e-02f,
       1.942487992e-02f, 4.300882574e-03f, -2.224887488e-03f, -4.887508840e-05f}};
  static v128_t derivative(v128_t x, const Prepared&, v128_t) {
    const v128_t d = wasm_f32x4_add(vm::normal_cdf(x), wasm_f32x4_mul(x, vm::normal_pdf(x)));
    return at_infinity(x, kRoot.apply(x, d), 0.0f, 1.0f);
  }
  static double reference(double x, const ActivationParams&, uint32_t) {
    return 0.5 * x * std::erfc(-x / std::sqrt(2.0));
  }
  static double reference_derivative(double x, const ActivationParams&, uint32_t) {
    constexpr double kInvSqrt2Pi = 0.39894228040143267794;
    return 0.5 * std::erfc(-x / std::sqrt(2.0)) + x * kInvSqrt2Pi * std::exp(-0.5 * x * x);
  }
};

struct Silu {
  static constexpr const char* label = "SiLU (Swish)";
  static constexpr const char* formula = "f(x) = x sigma(x)";
  static constexpr const char* derivative_formula = "f'(x) = sigma(x) (1 + x (1 - sigma(x)))";
  static constexpr const char* tex = "f(x) = x\\,\\sigma(x)";
  static constexpr std::array<ParamSpec, 2> params = {kNoParam, kNoParam};
  static constexpr std::size_t param_count = 0;
  static constexpr KernelAccuracy accuracy = {4.0, 1e-7, 16.0, 2e-7, 3.20, 6.03};
  static constexpr const char* variant = "rr2_p6_div_u16";
  static constexpr std::size_t kUnroll = 4;
  // x σ(x); x is clamped at −FLT_MAX so that −Inf gives −FLT_MAX · 0 = −0
  // instead of NaN (pmax keeps NaN).
  static v128_t forward(v128_t x, const Prepared&, v128_t) {
    const v128_t xc = wasm_f32x4_pmax(x, splat(-std::numeric_limits<float>::max()));
    return vm::detail::canonical_nan(wasm_f32x4_mul(xc, sigmoid_rr2_p6_div(x)));
  }
  // 1 − σ(x) is σ(−x), taken from the same pair without cancellation;
  // 1 + x σ(−x) cancels near the root x0 = −1.2785, covered by kRoot.
  static constexpr RootExpansion kRoot = {
      -1.278464556e+00f, 1.297928254e-08f, 0.6f,
      {2.178117037e-01f, 1.466487944e-01f, 1.887486316e-02f, -1.522289123e-02f, -6.606803276e-03f,
       1.308254141e-04f, 7.986919954e-04f, 1.655937813e-04f, -4.155939678e-05f}};
  static v128_t derivative(v128_t x, const Prepared&, v128_t) {
    const SigmoidPair p(x);
    const v128_t d = wasm_f32x4_mul(p.s, wasm_f32x4_add(splat(1.0f), wasm_f32x4_mul(x, p.sn)));
    return at_infinity(x, kRoot.apply(x, d), 0.0f, 1.0f);
  }
  static double reference(double x, const ActivationParams&, uint32_t) { return x / (1.0 + std::exp(-x)); }
  static double reference_derivative(double x, const ActivationParams&, uint32_t) {
    const double s = 1.0 / (1.0 + std::exp(-x));
    const double sn = 1.0 / (1.0 + std::exp(x));
    return s * (1.0 + x * sn);
  }
};

struct Softplus {
  static constexpr const char* label = "Softplus";
  static constexpr const char* formula = "f(x) = log(1 + e^x)";
  static constexpr const char* derivative_formula = "f'(x) = sigma(x)";
  static constexpr const char* tex = "f(x) = \\log(1 + e^{x})";
  static constexpr std::array<ParamSpec, 2> params = {kNoParam, kNoParam};
  static constexpr std::size_t param_count = 0;
  static constexpr KernelAccuracy accuracy = {4.0, 1e-7, 16.0, 2e-7, 1.65, 3.54};
  static constexpr const char* variant = "exp_log1p_u4";
  // max(x, 0) + log1p(e^(−|x|)): never overflows, exact limits at ±∞.
  static v128_t forward(v128_t x, const Prepared&, v128_t) {
    const v128_t tail = vm::log1p(vm::exp_fast(wasm_f32x4_neg(abs(x))));
    return wasm_f32x4_add(wasm_f32x4_pmax(x, splat(0.0f)), tail);
  }
  static v128_t derivative(v128_t x, const Prepared&, v128_t) { return sigmoid_rr2_p5_div(x); }
  static double reference(double x, const ActivationParams&, uint32_t) {
    return std::fmax(x, 0.0) + std::log1p(std::exp(-std::fabs(x)));
  }
  static double reference_derivative(double x, const ActivationParams&, uint32_t) { return 1.0 / (1.0 + std::exp(-x)); }
};

struct Softsign {
  static constexpr const char* label = "Softsign";
  static constexpr const char* formula = "f(x) = x / (1 + |x|)";
  static constexpr const char* derivative_formula = "f'(x) = 1 / (1 + |x|)^2";
  static constexpr const char* tex = "f(x) = \\frac{x}{1 + |x|}";
  static constexpr std::array<ParamSpec, 2> params = {kNoParam, kNoParam};
  static constexpr std::size_t param_count = 0;
  static constexpr KernelAccuracy accuracy = {4.0, 1e-7, 16.0, 2e-7, 1.50, 3.47};
  static constexpr const char* variant = "div_u16";
  static constexpr std::size_t kUnroll = 4;
  static v128_t forward(v128_t x, const Prepared&, v128_t) {
    return at_infinity(x, wasm_f32x4_div(x, wasm_f32x4_add(splat(1.0f), abs(x))), -1.0f, 1.0f);
  }
  static v128_t derivative(v128_t x, const Prepared&, v128_t) {
    const v128_t d = wasm_f32x4_add(splat(1.0f), abs(x));
    return wasm_f32x4_div(splat(1.0f), wasm_f32x4_mul(d, d));
  }
  static double reference(double x, const ActivationParams&, uint32_t) { return x / (1.0 + std::fabs(x)); }
  static double reference_derivative(double x, const ActivationParams&, uint32_t) {
    const double d = 1.0 + std::fabs(x);
    return 1.0 / (d * d);
  }
};

// Mish (Misra 2019): x tanh(softplus(x)). With e = e^(−|x|), tanh(softplus(x))
// is a ratio of small polynomials in e, exact-limit correct on both sides:
//   x ≥ 0: (1 + 2e) / (1 + 2e + 2e²)        x < 0: e(e + 2) / (e(e + 2) + 2)
struct Mish {
  static constexpr const char* label = "Mish";
  static constexpr const char* formula = "f(x) = x tanh(log(1 + e^x))";
  static constexpr const char* derivative_formula = "f'(x) = tanh(sp(x)) + x sech^2(sp(x)) sigma(x), sp = softplus";
  static constexpr const char* tex = "f(x) = x \\tanh(\\log(1 + e^{x}))";
  static constexpr std::array<ParamSpec, 2> params = {kNoParam, kNoParam};
  static constexpr std::size_t param_count = 0;
  static constexpr KernelAccuracy accuracy = {4.0, 1e-7, 16.0, 2e-7, 3.95, 10.35};
  static constexpr const char* variant = "exp_div_u4";
  struct Parts {
    v128_t e, t, den, pos;
    explicit Parts(v128_t x) {
      e = vm::exp(wasm_f32x4_neg(abs(x)));  // exp, not exp_fast: mish would reach 4.7 ULP
      pos = wasm_f32x4_ge(x, splat(0.0f));
      const v128_t two_e = wasm_f32x4_add(e, e);
      const v128_t num_pos = wasm_f32x4_add(splat(1.0f), two_e);
      const v128_t num_neg = wasm_f32x4_add(two_e, wasm_f32x4_mul(e, e));  // e² + 2e: 2e is exact
      const v128_t num = wasm_v128_bitselect(num_pos, num_neg, pos);
      const v128_t extra = wasm_v128_bitselect(wasm_f32x4_mul(two_e, e), splat(2.0f), pos);
      den = wasm_f32x4_add(num, extra);
      t = wasm_f32x4_div(num, den);
    }
  };
  static v128_t forward(v128_t x, const Prepared&, v128_t) {
    return at_infinity(x, wasm_f32x4_mul(x, Parts(x).t), -0.0f, std::numeric_limits<float>::infinity());
  }
  // sech²(sp(x)) σ(x) = 4 (1 + e) m / den² with m = e² for x ≥ 0, e for x < 0.
  // t + x g cancels near the root x0 = −1.1924, covered by kRoot.
  static constexpr RootExpansion kRoot = {
      -1.192431211e+00f, -3.043937546e-09f, 0.6f,
      {2.669479251e-01f, 2.047312707e-01f, 4.190688953e-02f, -2.027248591e-02f, -1.580919139e-02f,
       -3.351733088e-03f, 1.047016005e-03f, 9.527610964e-04f, 2.879788517e-04f}};
  static v128_t derivative(v128_t x, const Prepared&, v128_t) {
    const Parts p(x);
    const v128_t m = wasm_v128_bitselect(wasm_f32x4_mul(p.e, p.e), p.e, p.pos);
    const v128_t g = wasm_f32x4_div(wasm_f32x4_mul(wasm_f32x4_mul(splat(4.0f), wasm_f32x4_add(splat(1.0f), p.e)), m),
                                    wasm_f32x4_mul(p.den, p.den));
    return at_infinity(x, kRoot.apply(x, wasm_f32x4_add(p.t, wasm_f32x4_mul(x, g))), 0.0f, 1.0f);
  }
  static double softplus(double x) { return std::fmax(x, 0.0) + std::log1p(std::exp(-std::fabs(x))); }
  static double reference(double x, const ActivationParams&, uint32_t) { return x * std::tanh(softplus(x)); }
  static double reference_derivative(double x, const ActivationParams&, uint32_t) {
    const double sp = softplus(x);
    const double c = std::cosh(sp);
    return std::tanh(sp) + x / (c * c) / (1.0 + std::exp(-x));
  }
};

// The perceptron's threshold unit (Rosenblatt 1958). f' is 0 wherever it
// exists (f jumps at 0), so no gradient passes through it: the catalogue's
// example of an activation that is not differentiable in the useful sense.
struct Step {
  static constexpr const char* label = "Step";
  static constexpr const char* formula = "f(x) = 1 if x > 0, else 0";
  static constexpr const char* derivative_formula = "f'(x) = 0 (undefined at 0)";
  static constexpr const char* tex = "f(x) = \\begin{cases} 1 & x > 0 \\\\ 0 & x \\le 0 \\end{cases}";
  static constexpr std::array<ParamSpec, 2> params = {kNoParam, kNoParam};
  static constexpr std::size_t param_count = 0;
  // (x > 0) & 1.0 is 0 for NaN; NaN lanes are put back so NaN in gives NaN out.
  static v128_t forward(v128_t x, const Prepared&, v128_t) {
    return wasm_v128_bitselect(x, wasm_v128_and(positive(x), splat(1.0f)), wasm_f32x4_ne(x, x));
  }
  static v128_t derivative(v128_t, const Prepared&, v128_t) { return splat(0.0f); }
  static constexpr bool kDerivativeFromOutput = true;
  static v128_t derivative_from_output(v128_t, const Prepared&) { return splat(0.0f); }
  static double reference(double x, const ActivationParams&, uint32_t) { return x != x ? x : (x > 0 ? 1.0 : 0.0); }
  static double reference_derivative(double x, const ActivationParams&, uint32_t) { return x != x ? x : 0.0; }
};

}  // namespace alab::kernels
