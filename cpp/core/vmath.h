// Vector math for the activation kernels: exp, expm1, log, log1p and the
// normal distribution (pdf, cdf, erf), four float lanes at a time.
//
// Everything is written with WebAssembly SIMD intrinsics (through simd.h) and
// uses only IEEE-exact operations: add, sub, mul, div, compares, bit and
// integer ops. No libm, no FMA. Compiled natively with -ffp-contract=off the
// results are therefore bit-identical to the WebAssembly build.
//
// Accuracy: bound asserted by tests/native/vmath_test.cpp (max error against
// a long double reference, in ULP of the exact result) and, in brackets, the
// max seen over its dense sweep:
//   exp, exp_hilo  1 ULP (0.76)     log    1 ULP (0.80)
//   expm1          2 ULP (1.38)     log1p  2 ULP (0.78)
//   normal_pdf     2 ULP (0.75)     normal_cdf  3 ULP (2.44)    erf  3 ULP (1.73)
// normal_cdf is relative to Φ(x) even deep in the lower tail (Φ(-13) = 6e-39).
//   exp_fast       2 ULP (0.95)     expm1_nonpositive  2 ULP (0.82)
//   exp_neg_rr2_p6 2 ULP (0.96)     expm1_rr2_p6       2 ULP (0.90)
//   exp_neg_rr2_p5 3 ULP            (the last three flush results below FLT_MIN to 0)
// Cost per vector of 4 (wasm, SIMD ops): exp 46, exp_fast 34, log 38,
// normal_pdf 72, normal_cdf and erf 110 (two divisions).
// Results below FLT_MIN are produced with gradual underflow (subnormals, not
// flushed); there the error is within a few units of the smallest subnormal.
// Every NaN result is the canonical quiet NaN (bits 0x7fc00000).
//
// Every constant is either exact (powers of two, float splits of ln 2,
// ln sqrt(2π) and ln sqrt(π/2), the Taylor coefficients 2/(2k+1) of log) or
// fitted by cpp/tools/fit_coefficients.cpp, which prints them.
#pragma once

#include <cstdint>
#include <limits>

#include "core/simd.h"

namespace alab::vm {

namespace detail {

inline v128_t splat(float v) { return wasm_f32x4_splat(v); }
inline v128_t splati(int32_t v) { return wasm_i32x4_splat(v); }

constexpr float kInf = std::numeric_limits<float>::infinity();

// NaN results are made canonical (quiet NaN 0x7fc00000): which NaN an
// arithmetic op returns depends on operand order, which compilers and wasm
// engines choose freely, so only a canonical NaN is bit-identical everywhere.
constexpr int32_t kNaNBits = 0x7fc00000;
inline v128_t canonical_nan(v128_t y) {
  return wasm_v128_bitselect(y, splati(kNaNBits), wasm_f32x4_eq(y, y));
}

// x clamped to [lo, hi]; a NaN in x stays NaN (pmin/pmax return their first
// operand when the comparison is false), and they are cheap on x86.
inline v128_t clamp(v128_t x, float lo, float hi) {
  return wasm_f32x4_pmax(wasm_f32x4_pmin(x, splat(hi)), splat(lo));
}

// round(v) to nearest-even as float and as int32, for |v| < 2^22: adding
// 1.5*2^23 pushes the fraction out of the significand, whose low bits are
// then the integer itself.
struct Rounded {
  v128_t f;  // float lanes
  v128_t i;  // int32 lanes
};
inline Rounded round_nearest(v128_t v) {
  const float kMagic = 12582912.0f;  // 1.5 * 2^23
  const v128_t k = wasm_f32x4_add(v, splat(kMagic));
  return {wasm_f32x4_sub(k, splat(kMagic)),
          wasm_i32x4_sub(k, splati(0x4b400000))};  // bits of kMagic
}

// 2^n for integer lanes n in [-126, 127].
inline v128_t pow2(v128_t n) {
  return wasm_i32x4_shl(wasm_i32x4_add(n, splati(127)), 23);
}

// y * 2^n for n in [-252, 254]: two exact steps, so that 2^n itself may
// overflow or underflow; only the last product rounds (gradual underflow).
inline v128_t scale(v128_t y, v128_t n) {
  const v128_t n1 = wasm_i32x4_shr(n, 1);
  const v128_t n2 = wasm_i32x4_sub(n, n1);
  return wasm_f32x4_mul(wasm_f32x4_mul(y, pow2(n1)), pow2(n2));
}

// Knuth's TwoSum: s + err == a + b exactly, for any magnitudes.
inline void two_sum(v128_t a, v128_t b, v128_t& s, v128_t& err) {
  s = wasm_f32x4_add(a, b);
  const v128_t bb = wasm_f32x4_sub(s, a);
  err = wasm_f32x4_add(wasm_f32x4_sub(a, wasm_f32x4_sub(s, bb)),
                       wasm_f32x4_sub(b, bb));
}

// ln 2 split for Cody-Waite reduction: kLn2Hi has 9 significant bits, so
// n * kLn2Hi is exact for |n| < 2^15; kLn2Lo = ln 2 - kLn2Hi rounded.
constexpr float kLn2Hi = 0.693359375f;
constexpr float kLn2Lo = -2.12194440e-4f;
constexpr float kLog2e = 1.44269504088896341f;

// Horner's rule: c[0] + u (c[1] + u (c[2] + ...)).
template <std::size_t N>
inline v128_t horner(v128_t u, const float (&c)[N]) {
  v128_t y = splat(c[N - 1]);
  for (std::size_t k = N - 1; k-- > 0;) y = wasm_f32x4_add(wasm_f32x4_mul(y, u), splat(c[k]));
  return y;
}

// e^r = 1 + r + r^2 q(r) on |r| <= ln2/2 (+0.01%): fitted by
// fit_coefficients.cpp ("exp q(r)"), error 1e-10 relative to e^r.
constexpr float kExpQ[] = {5.000000000e-01f, 1.666666567e-01f, 4.166646302e-02f,
                           8.333570324e-03f, 1.393507933e-03f, 1.974024926e-04f};

// e^r - 1 - r = r^2 q(r).
inline v128_t expm1_poly_tail(v128_t r) {
  return wasm_f32x4_mul(wasm_f32x4_mul(r, r), horner(r, kExpQ));
}

// Clamp bounds for exp: above kExpMax the result overflows to +Inf, below
// kExpMin (e^-104 < 2^-150) it rounds to 0.
constexpr float kExpMax = 89.0f;
constexpr float kExpMin = -104.0f;

// log(x) + corr for x > 0 finite (other inputs give garbage, the callers
// patch them). corr is a tiny additive correction (log1p uses it), added
// before the last rounding. kSubnormal: x may be below FLT_MIN.
//
// x = 2^e * m with m in [sqrt(1/2), sqrt(2)), f = m - 1 (exact),
// s = f / (2 + f), log(1 + f) = 2 atanh(s) = f - f^2/2 + s (f^2/2 + R),
// R = 2s^2/3 + 2s^4/5 + ... (fdlibm's arrangement; Taylor coefficients 2/(2k+1),
// |s| <= 0.1716, truncation after s^8 term: 2 s^11 / 11 <= 7e-10).
template <bool kSubnormal>
inline v128_t log_core(v128_t x, v128_t corr) {
  using namespace detail;
  v128_t ebias = splati(0);
  if (kSubnormal) {
    const v128_t tiny = wasm_u32x4_lt(x, splati(0x00800000));  // < FLT_MIN
    x = wasm_v128_bitselect(wasm_f32x4_mul(x, splat(8388608.0f)), x, tiny);
    ebias = wasm_v128_and(tiny, splati(23));                   // x * 2^23
  }
  const int32_t kSqrtHalfBits = 0x3f3504f3;  // bits of sqrt(1/2)
  const v128_t ix = wasm_i32x4_sub(x, splati(kSqrtHalfBits));
  const v128_t e = wasm_i32x4_sub(wasm_i32x4_shr(ix, 23), ebias);
  const v128_t m = wasm_i32x4_add(wasm_v128_and(ix, splati(0x007fffff)),
                                  splati(kSqrtHalfBits));
  const v128_t f = wasm_f32x4_sub(m, splat(1.0f));
  const v128_t s = wasm_f32x4_div(f, wasm_f32x4_add(f, splat(2.0f)));
  const v128_t z = wasm_f32x4_mul(s, s);
  v128_t r = splat(2.0f / 9);
  r = wasm_f32x4_add(wasm_f32x4_mul(r, z), splat(2.0f / 7));
  r = wasm_f32x4_add(wasm_f32x4_mul(r, z), splat(2.0f / 5));
  r = wasm_f32x4_add(wasm_f32x4_mul(r, z), splat(2.0f / 3));
  r = wasm_f32x4_mul(r, z);
  const v128_t hfsq = wasm_f32x4_mul(splat(0.5f), wasm_f32x4_mul(f, f));
  const v128_t dk = wasm_f32x4_convert_i32x4(e);
  const v128_t lo = wasm_f32x4_add(wasm_f32x4_mul(dk, splat(kLn2Lo)), corr);
  const v128_t t = wasm_f32x4_add(
      wasm_f32x4_mul(s, wasm_f32x4_add(hfsq, r)), lo);
  return wasm_f32x4_sub(
      wasm_f32x4_mul(dk, splat(kLn2Hi)),
      wasm_f32x4_sub(wasm_f32x4_sub(hfsq, t), f));
}

// e^(x + lo) for x already clamped to [kExpMin, kExpMax] and |lo| tiny.
// Cody-Waite: x + lo = n ln2 + r; r is carried as a double-float r + rl so
// that its rounding does not reach the result; e^r by polynomial; times 2^n.
inline v128_t exp_core(v128_t x, v128_t lo) {
  const Rounded n = round_nearest(wasm_f32x4_mul(x, splat(kLog2e)));
  const v128_t t = wasm_f32x4_sub(x, wasm_f32x4_mul(n.f, splat(kLn2Hi)));  // exact
  const v128_t u = wasm_f32x4_sub(lo, wasm_f32x4_mul(n.f, splat(kLn2Lo)));
  v128_t r, rl;
  two_sum(t, u, r, rl);
  // e^(r + rl) = (1 + r) + (r^2 q(r) + rl (1 + r)) to first order in rl, with
  // 1 + r = s + e exactly (Fast2Sum, |r| < 1): only the last add rounds at
  // the result's ulp.
  const v128_t s = wasm_f32x4_add(splat(1.0f), r);
  const v128_t e = wasm_f32x4_sub(r, wasm_f32x4_sub(s, splat(1.0f)));
  const v128_t small = wasm_f32x4_add(
      expm1_poly_tail(r), wasm_f32x4_add(e, wasm_f32x4_add(rl, wasm_f32x4_mul(rl, r))));
  return scale(wasm_f32x4_add(s, small), n.i);
}

}  // namespace detail

// e^(hi + lo), with lo a small correction to hi (|lo| <= ulp(hi) or so).
inline v128_t exp_hilo(v128_t hi, v128_t lo) {
  using namespace detail;
  const v128_t x = clamp(hi, kExpMin, kExpMax);
  lo = wasm_v128_and(lo, wasm_f32x4_eq(x, hi));  // clamped: lo is meaningless
  return canonical_nan(exp_core(x, lo));
}

// e^x. x > 88.72 -> +Inf, x < -103.98 -> 0 (gradual underflow through the
// subnormals, not flushed), NaN -> NaN.
inline v128_t exp(v128_t x) {
  using namespace detail;
  return canonical_nan(exp_core(clamp(x, kExpMin, kExpMax), splat(0.0f)));
}

// e^x, cheaper than exp (34 SIMD ops instead of 46): the same reduction and
// polynomial, but r = x - n ln2 is rounded once instead of being carried as a
// double-float, which costs up to one more ULP. Same limits and NaN rule as exp.
inline v128_t exp_fast(v128_t x) {
  using namespace detail;
  x = clamp(x, kExpMin, kExpMax);
  const Rounded n = round_nearest(wasm_f32x4_mul(x, splat(kLog2e)));
  const v128_t r = wasm_f32x4_sub(wasm_f32x4_sub(x, wasm_f32x4_mul(n.f, splat(kLn2Hi))),
                                  wasm_f32x4_mul(n.f, splat(kLn2Lo)));
  const v128_t p = wasm_f32x4_add(splat(1.0f), wasm_f32x4_add(r, expm1_poly_tail(r)));
  return canonical_nan(scale(p, n.i));
}

// ---------------------------------------------------------------------------
// The fast exponentials of sigmoid, silu, elu and selu, in the XNNPACK style
// ("rr2": a two-constant Cody-Waite range reduction with n rounded by a magic
// bias whose low bits are n + 127, so that one shift gives 2^n; "p6": the
// total degree of the polynomial for e^r on |r| <= ln2/2). They give up
// gradual underflow: e^-z for z > 87.34 (below FLT_MIN) is flushed to 0, which
// the kernels' 1e-7 absolute floor allows. About 20 SIMD ops each.
namespace detail {

// 1.5 * 2^23 + 127: v + kMagicBias rounds v to an integer n whose float bits
// end in n + 127 (for |n| <= 127), the biased exponent of 2^n.
constexpr float kMagicBias = 12583039.0f;
// e^-z < FLT_MIN for z above this (= -ln FLT_MIN rounded down): flushed to 0.
constexpr float kExpNegCutoff = 87.3365402f;

// e^r = 1 + r + r^2 Q(r) on |r| <= ln2/2: fitted by fit_coefficients.cpp
// ("expm1 p6"), error 0.05 x 2^-24 relative to e^r. (XNNPACK's sigmoid uses
// a degree-5 fit, error 1.5 x 2^-24: silu would then reach 4.6 ULP.)
constexpr float kExpm1P6[] = {4.999999404e-01f, 1.666652113e-01f, 4.166826233e-02f,
                              8.368670940e-03f, 1.382104238e-03f};

// n = round(v log2e) as float, 2^n (valid for n in [-126, 127]) and the
// reduced argument r = v - n ln2 (two constants: n kLn2Hi is exact).
struct Reduced {
  v128_t s;  // 2^n
  v128_t r;  // v - n ln2, |r| <= ln2/2 (+ rounding)
};
inline Reduced reduce_rr2(v128_t v) {
  v128_t n = wasm_f32x4_add(wasm_f32x4_mul(v, splat(kLog2e)), splat(kMagicBias));
  const v128_t s = wasm_i32x4_shl(n, 23);
  n = wasm_f32x4_sub(n, splat(kMagicBias));
  v128_t r = wasm_f32x4_sub(v, wasm_f32x4_mul(n, splat(kLn2Hi)));
  r = wasm_f32x4_sub(r, wasm_f32x4_mul(n, splat(kLn2Lo)));
  return {s, r};
}

// The coefficients of Q with the odd ones negated: Q(r) from t = -r with the
// same roundings (sign flips are exact), as the reduction for e^-z gives t.
constexpr float kExpm1P6Alt[] = {kExpm1P6[0], -kExpm1P6[1], kExpm1P6[2], -kExpm1P6[3], kExpm1P6[4]};

// e^-z = 2^n e^-t: n = round(-z log2e) (as 2^n, s) and t = z + n ln2 in two
// steps, |t| <= ln2/2: the reduction of -z with every sign flipped (exactly),
// which saves the negation of z.
struct ReducedNeg {
  v128_t s;  // 2^n
  v128_t t;  // z + n ln2 = -r
};
inline ReducedNeg reduce_rr2_neg(v128_t z) {
  v128_t n = wasm_f32x4_add(wasm_f32x4_mul(z, splat(-kLog2e)), splat(kMagicBias));
  const v128_t s = wasm_i32x4_shl(n, 23);
  n = wasm_f32x4_sub(n, splat(kMagicBias));
  v128_t t = wasm_f32x4_add(z, wasm_f32x4_mul(n, splat(kLn2Hi)));
  t = wasm_f32x4_add(t, wasm_f32x4_mul(n, splat(kLn2Lo)));
  return {s, t};
}

// e^r = 1 + r P(r) on |r| <= ln2/2, total degree 5 as XNNPACK's "p5":
// fitted by fit_coefficients.cpp ("exp p5"), error 1.5 x 2^-24 relative to
// e^r; odd coefficients negated for t = -r (kExpP5[k] = (-1)^k c_k).
constexpr float kExpP5Alt[] = {-9.999997020e-01f, 4.999915063e-01f, -1.666765064e-01f,
                               4.189783707e-02f, -8.289440535e-03f};

}  // namespace detail

// e^-z for z >= 0 ("rr2_p6"): within 2 ULP of e^-z while e^-z >= FLT_MIN,
// exactly 0 for z > 87.34 and z = +Inf; NaN gives some NaN (callers
// canonicalise).
inline v128_t exp_neg_rr2_p6(v128_t z) {
  using namespace detail;
  const ReducedNeg q = reduce_rr2_neg(z);
  // e^-z = s (1 + r + r^2 Q(r)) = s + ((s t) t Q(r) - s t), r = -t; s t is exact.
  const v128_t st = wasm_f32x4_mul(q.s, q.t);
  const v128_t p = wasm_f32x4_mul(horner(q.t, kExpm1P6Alt), q.t);
  const v128_t e = wasm_f32x4_add(q.s, wasm_f32x4_sub(wasm_f32x4_mul(p, st), st));
  return wasm_v128_andnot(e, wasm_f32x4_gt(z, splat(kExpNegCutoff)));
}

// e^-z as exp_neg_rr2_p6 with the degree-5 polynomial ("rr2_p5", XNNPACK's
// sigmoid): 2 SIMD ops cheaper, within 3 ULP (sigmoid stays within 3.6 ULP;
// silu would not stay within 4, so it uses p6).
inline v128_t exp_neg_rr2_p5(v128_t z) {
  using namespace detail;
  const ReducedNeg q = reduce_rr2_neg(z);
  // e^-z = s (1 + r P(r)) = s + (s t) P~(t), P~(t) = -P(-t).
  const v128_t e = wasm_f32x4_add(q.s, wasm_f32x4_mul(wasm_f32x4_mul(q.s, q.t), horner(q.t, kExpP5Alt)));
  return wasm_v128_andnot(e, wasm_f32x4_gt(z, splat(kExpNegCutoff)));
}

// e^x - 1 for x <= 0 ("rr2_p6"): within 2 ULP; -1 for x < -17.33 (where
// e^x - 1 rounds to -1) and x = -Inf. x > 0 gives garbage (callers select
// those lanes away); NaN gives some NaN; x = -0 gives +0.
inline v128_t expm1_rr2_p6(v128_t x) {
  using namespace detail;
  const v128_t z = wasm_f32x4_pmax(x, splat(-17.3286779f));  // NaN stays NaN
  const Reduced q = reduce_rr2(z);
  // e^z - 1 = (s - 1) + s r + (s r) r Q(r); s - 1 is exact for n >= -24.
  const v128_t sr = wasm_f32x4_mul(q.s, q.r);
  const v128_t p = wasm_f32x4_mul(horner(q.r, kExpm1P6), q.r);
  return wasm_f32x4_add(wasm_f32x4_add(wasm_f32x4_mul(p, sr), sr), wasm_f32x4_sub(q.s, splat(1.0f)));
}

namespace detail {

// e^x - 1 for x in [-20, 0] (NaN passes through as some NaN): n in [-29, 0],
// so s = 2^n is a normal float and e^x - 1 = s (e^r - 1) + (s - 1), where
// s - 1 is exact for n >= -24 and otherwise far below the result's ulp.
// +0 for x = ±0.
inline v128_t expm1_nonpositive_core(v128_t x) {
  const Rounded n = round_nearest(wasm_f32x4_mul(x, splat(kLog2e)));
  const v128_t r = wasm_f32x4_sub(wasm_f32x4_sub(x, wasm_f32x4_mul(n.f, splat(kLn2Hi))),
                                  wasm_f32x4_mul(n.f, splat(kLn2Lo)));
  const v128_t p = wasm_f32x4_add(r, expm1_poly_tail(r));  // e^r - 1
  const v128_t s = pow2(n.i);
  return wasm_f32x4_add(wasm_f32x4_mul(s, p), wasm_f32x4_sub(s, splat(1.0f)));
}

}  // namespace detail

// e^x - 1 for x <= 0, cheaper than expm1 (no overflow side, one exact
// scaling): x < -20 -> -1, -0 -> -0, NaN -> NaN. Inputs x > 0 give
// e^0 - 1 = 0 (clamped), for callers that select those lanes away.
inline v128_t expm1_nonpositive(v128_t x) {
  using namespace detail;
  const v128_t c = clamp(x, -20.0f, 0.0f);
  const v128_t y = expm1_nonpositive_core(c);
  return canonical_nan(wasm_v128_bitselect(c, y, wasm_f32x4_eq(c, splat(0.0f))));  // keeps -0
}

// e^x - 1, relatively accurate near 0 (and exact sign of -0).
// x < -17.4 -> -1, x > 88.72 -> +Inf, NaN -> NaN.
inline v128_t expm1(v128_t x) {
  using namespace detail;
  x = clamp(x, -30.0f, kExpMax);
  const Rounded n = round_nearest(wasm_f32x4_mul(x, splat(kLog2e)));
  const v128_t t = wasm_f32x4_sub(x, wasm_f32x4_mul(n.f, splat(kLn2Hi)));
  const v128_t r = wasm_f32x4_sub(t, wasm_f32x4_mul(n.f, splat(kLn2Lo)));
  const v128_t p = wasm_f32x4_add(r, expm1_poly_tail(r));  // e^r - 1
  // e^x - 1 = 2^n (p - (2^-n - 1)). 2^-n - 1 is exact for |n| <= 24; beyond,
  // its rounding is far below the result's ulp. n = 0 keeps p (and -0).
  const v128_t nc = wasm_i32x4_min(n.i, splati(30));
  const v128_t c = wasm_f32x4_sub(pow2(wasm_i32x4_neg(nc)), splat(1.0f));
  const v128_t y = scale(wasm_f32x4_sub(p, c), n.i);
  return canonical_nan(wasm_v128_bitselect(x, y, wasm_f32x4_eq(x, splat(0.0f))));  // keeps -0
}

// Natural log. log(±0) = -Inf, log(x < 0) = NaN, log(+Inf) = +Inf, NaN -> NaN;
// subnormal inputs are handled.
inline v128_t log(v128_t x) {
  using namespace detail;
  v128_t y = log_core<true>(x, splat(0.0f));
  const v128_t inf = splat(kInf);
  y = wasm_v128_bitselect(inf, y, wasm_f32x4_eq(x, inf));
  y = wasm_v128_bitselect(splat(-kInf), y, wasm_f32x4_eq(x, splat(0.0f)));
  return wasm_v128_bitselect(y, splati(kNaNBits), wasm_f32x4_ge(x, splat(0.0f)));
}

// log(1 + x), relatively accurate for tiny x. x = -1 -> -Inf, x < -1 -> NaN.
inline v128_t log1p(v128_t x) {
  using namespace detail;
  v128_t u, c;
  two_sum(splat(1.0f), x, u, c);  // u + c == 1 + x exactly
  // log(1 + x) = log(u) + log(1 + c/u) = log(u) + c/u (|c/u| <= 2^-24).
  v128_t y = log_core<false>(u, wasm_f32x4_div(c, u));
  const v128_t inf = splat(kInf);
  y = wasm_v128_bitselect(inf, y, wasm_f32x4_eq(x, inf));
  y = wasm_v128_bitselect(splat(-kInf), y, wasm_f32x4_eq(x, splat(-1.0f)));
  y = wasm_v128_bitselect(x, y, wasm_f32x4_eq(x, splat(0.0f)));  // keeps -0
  return wasm_v128_bitselect(y, splati(kNaNBits), wasm_f32x4_ge(x, splat(-1.0f)));
}

namespace detail {

// e^(-k a^2 - (c_hi + c_lo)) for a >= 0, k a power of two, without rounding
// a^2: a = ah + al with 12 significant bits each, so ah^2, ah*al and al^2 are
// exact and a^2 = ah^2 + (2 ah al + al^2) with one small rounding in the
// second part; the exponent goes to exp_hilo as a renormalised double-float.
inline v128_t exp_neg_square(v128_t a, float k, float c_hi, float c_lo) {
  const v128_t ah = wasm_v128_and(a, splati(static_cast<int32_t>(0xfffff000u)));
  const v128_t al = wasm_f32x4_sub(a, ah);
  const v128_t hi0 = wasm_f32x4_mul(splat(-k), wasm_f32x4_mul(ah, ah));
  const v128_t lo0 = wasm_f32x4_mul(
      splat(-k), wasm_f32x4_add(wasm_f32x4_mul(wasm_f32x4_add(ah, ah), al),
                                wasm_f32x4_mul(al, al)));
  v128_t s, e;
  two_sum(hi0, splat(-c_hi), s, e);
  const v128_t lo1 = wasm_f32x4_sub(wasm_f32x4_add(e, lo0), splat(c_lo));
  const v128_t hi = wasm_f32x4_add(s, lo1);  // Fast2Sum, |s| >= |lo1|
  const v128_t lo = wasm_f32x4_sub(lo1, wasm_f32x4_sub(hi, s));
  return exp_hilo(hi, lo);
}

// ln sqrt(2π) = 0.918938533204672742 as float hi + lo.
constexpr float kLnSqrt2PiHi = 0.918938533204672742f;
constexpr float kLnSqrt2PiLo = static_cast<float>(0.918938533204672742L - kLnSqrt2PiHi);

// Inverse Mills ratio D(a) = φ(a) / Φ(-a) for a in [0.67, 15], as
// D(a) = a + R(v), v = a / (a + kMillsK) in [0.14, 0.79]. v is relatively
// accurate (no cancellation), and |dR/da| <= 0.3 there, so the roundings of v
// barely reach D. R fitted by fit_coefficients.cpp ("normal_cdf R(v)"),
// error 2.2e-9 relative to D.
constexpr float kMillsK = 4.0f;
constexpr float kMillsR[] = {
    7.978771329e-01f, -1.453200698e+00f, 2.848880291e-01f, 8.664318323e-01f,
    -2.790201604e-01f, 6.033933759e-01f, -3.729903460e+00f, 5.637118816e+00f,
    -3.607960224e+00f, 8.808630705e-01f};
inline v128_t mills_inverse(v128_t a) {
  const v128_t v = wasm_f32x4_div(a, wasm_f32x4_add(a, splat(kMillsK)));
  return wasm_f32x4_add(a, horner(v, kMillsR));
}

// Φ(x) = 1/2 + x P(x^2) for |x| <= 0.67 (where Φ(x) is in [0.25, 0.75]):
// fitted by fit_coefficients.cpp ("normal_cdf P(s)"), error 2.2e-9 relative
// to Φ(-|x|).
constexpr float kCdfSmall = 0.67f;
constexpr float kCdfP[] = {3.989422917e-01f, -6.649063528e-02f, 9.975020774e-03f,
                           -1.189169823e-03f, 1.107263815e-04f};

// erf(x) = x + x E(x^2) for |x| <= 0.5: fitted by fit_coefficients.cpp
// ("erf E(s)"), error 1.5e-9 relative to erf.
constexpr float kErfE[] = {1.283791661e-01f, -3.761261106e-01f, 1.128285155e-01f,
                           -2.675835043e-02f, 4.719422199e-03f};

}  // namespace detail

// φ(x) = exp(-x^2/2) / sqrt(2π), computed as exp(-x^2/2 - ln sqrt(2π)) with
// the exponent exact to about 2^-36, so exp is the only rounding of note.
inline v128_t normal_pdf(v128_t x) {
  using namespace detail;
  const v128_t a = wasm_f32x4_pmin(wasm_f32x4_abs(x), splat(20.0f));  // φ(20) = 0
  return canonical_nan(exp_neg_square(a, 0.5f, kLnSqrt2PiHi, kLnSqrt2PiLo));
}

// Φ(x) = P(X <= x) for a standard normal X, relatively accurate in the whole
// lower tail. |x| <= 0.67: odd polynomial around 1/2. Beyond, with a = |x|:
// Φ(-a) = φ(a) / D(a) and Φ(a) = 1 - Φ(-a). Φ(x) = 0 below x = -14.2
// (through the subnormals), 1 above x = 5.42; NaN -> NaN.
inline v128_t normal_cdf(v128_t x) {
  using namespace detail;
  const v128_t ax = wasm_f32x4_abs(x);
  const v128_t a = wasm_f32x4_pmin(ax, splat(15.0f));  // Φ(-15) = 0
  const v128_t q = wasm_f32x4_div(exp_neg_square(a, 0.5f, kLnSqrt2PiHi, kLnSqrt2PiLo),
                                  mills_inverse(a));
  const v128_t neg = wasm_f32x4_lt(x, splat(0.0f));
  const v128_t tail = wasm_v128_bitselect(q, wasm_f32x4_sub(splat(1.0f), q), neg);
  const v128_t small = wasm_f32x4_add(
      splat(0.5f), wasm_f32x4_mul(x, horner(wasm_f32x4_mul(x, x), kCdfP)));
  return canonical_nan(wasm_v128_bitselect(small, tail, wasm_f32x4_le(ax, splat(kCdfSmall))));
}

// erf(x). |x| <= 0.5: odd polynomial. Beyond: 1 - erfc(|x|) with the sign of
// x, erfc(a) = 2 Φ(-a √2) = sqrt(2/π) e^(-a^2) / D(a √2), where the exponent
// is taken from a exactly (only D sees the rounded a √2).
inline v128_t erf(v128_t x) {
  using namespace detail;
  const v128_t a = wasm_f32x4_pmin(wasm_f32x4_abs(x), splat(5.0f));  // erf(5) = 1
  // -ln sqrt(2/π) = 0.225791352644727432 = hi + lo.
  constexpr float kHi = 0.225791352644727432f;
  constexpr float kLo = static_cast<float>(0.225791352644727432L - kHi);
  const v128_t erfc = wasm_f32x4_div(
      exp_neg_square(a, 1.0f, kHi, kLo),
      mills_inverse(wasm_f32x4_mul(a, splat(1.41421356237309505f))));
  const v128_t big = wasm_v128_or(wasm_f32x4_sub(splat(1.0f), erfc),
                                  wasm_v128_and(x, splati(INT32_MIN)));  // sign of x
  const v128_t s = wasm_f32x4_mul(x, x);
  const v128_t small = wasm_f32x4_add(x, wasm_f32x4_mul(x, horner(s, kErfE)));
  return canonical_nan(
      wasm_v128_bitselect(small, big, wasm_f32x4_le(wasm_f32x4_abs(x), splat(0.5f))));
}

}  // namespace alab::vm
