// Accuracy tests for cpp/core/vmath.h against long double references.
//
// Error measure: |got - ref| / ulp(ref), a real number, where ref is the exact
// (long double) value and ulp(ref) = 2^(exponent(ref) - 23) is the spacing of
// floats in ref's binade; below FLT_MIN the unit is the smallest subnormal,
// 2^-149 (so subnormal results are judged in absolute terms). +0 and -0 are
// equal. A result of ±Inf is compared as ±2^128 unless ref rounds to ±Inf too.
// A NaN result is required exactly when the reference is NaN.
// The integer distance between got and float(ref) on the monotonic bit line
// (ulp_distance) is printed too.
//
// Bounds asserted over every sweep (documented in vmath.h):
//   exp, exp_hilo, log : 1 ULP      expm1, log1p, normal_pdf : 2 ULP
//   normal_cdf, erf    : 3 ULP
//
// Sweeps: every 4099th float bit pattern (about 1M inputs over all 2^32),
// a dense linear sweep of each function's interesting interval, and special
// values. Exhaustive*: all 2^32 inputs, only with ALAB_EXHAUSTIVE=1.
#include "core/vmath.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <limits>
#include <thread>
#include <vector>

namespace {

using VecFn = v128_t (*)(v128_t);
using RefFn = long double (*)(long double);

constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

float from_bits(uint32_t b) {
  float f;
  std::memcpy(&f, &b, 4);
  return f;
}
uint32_t to_bits(float f) {
  uint32_t b;
  std::memcpy(&b, &f, 4);
  return b;
}

// Floats in order on a signed integer line; +0 and -0 both map to 0.
int64_t monotonic(float f) {
  const uint32_t b = to_bits(f);
  const int64_t mag = b & 0x7fffffffu;
  return (b >> 31) ? -mag : mag;
}
int64_t ulp_distance(float a, float b) { return std::llabs(monotonic(a) - monotonic(b)); }

// See the file header. Returns +inf for a NaN mismatch or a wrong infinity.
double ulp_error(float got, long double ref) {
  const double kBad = std::numeric_limits<double>::infinity();
  if (std::isnan(ref) || std::isnan(got)) return std::isnan(ref) && std::isnan(got) ? 0 : kBad;
  const float ref_f = static_cast<float>(ref);
  if (std::isinf(ref_f)) return got == ref_f ? 0 : kBad;
  long double g = got;
  if (std::isinf(got)) g = std::copysign(std::ldexp(1.0L, 128), got);
  const long double a = std::fabs(ref);
  const int e = a >= FLT_MIN ? std::ilogb(a) - 23 : -149;
  return static_cast<double>(std::fabs(g - ref) / std::ldexp(1.0L, e));
}

long double ref_exp(long double x) { return std::exp(x); }
long double ref_expm1(long double x) { return std::expm1(x); }
// expm1_nonpositive clamps x > 0 to 0 (its callers select those lanes away).
long double ref_expm1_nonpositive(long double x) { return x > 0 ? 0.0L : std::expm1(x); }
long double ref_log(long double x) { return std::log(x); }
long double ref_log1p(long double x) { return std::log1p(x); }
long double ref_pdf(long double x) {
  return std::exp(-x * x / 2) / std::sqrt(2 * 3.141592653589793238462643383279502884L);
}
long double ref_cdf(long double x) { return std::erfc(-x / std::sqrt(2.0L)) / 2; }
long double ref_erf(long double x) { return std::erf(x); }

// The fast exponentials of the sigmoid/elu kernels, on their domains: e^-z
// for z = |x| (flushed to 0 below FLT_MIN), e^x - 1 for x = -|x|; NaN made
// canonical here as the kernels do.
v128_t exp_neg_rr2_p6_of_abs(v128_t x) {
  return alab::vm::detail::canonical_nan(alab::vm::exp_neg_rr2_p6(wasm_f32x4_abs(x)));
}
long double ref_exp_neg_flushed(long double x) { return std::fabs(x) > 87.3365402L ? 0.0L : std::exp(-std::fabs(x)); }
v128_t exp_neg_rr2_p5_of_abs(v128_t x) {
  return alab::vm::detail::canonical_nan(alab::vm::exp_neg_rr2_p5(wasm_f32x4_abs(x)));
}
v128_t expm1_rr2_p6_of_neg_abs(v128_t x) {
  return alab::vm::detail::canonical_nan(alab::vm::expm1_rr2_p6(wasm_f32x4_neg(wasm_f32x4_abs(x))));
}
long double ref_expm1_neg_abs(long double x) { return std::expm1(-std::fabs(x)); }

struct Func {
  const char* name;
  VecFn fn;
  RefFn ref;
  double bound;  // max ULP error allowed
  float lo, hi;  // interval of interest for the dense linear sweep
};

const Func kFuncs[] = {
    {"exp", alab::vm::exp, ref_exp, 1.0, -105.0f, 90.0f},
    {"expm1", alab::vm::expm1, ref_expm1, 2.0, -20.0f, 90.0f},
    {"exp_fast", alab::vm::exp_fast, ref_exp, 2.0, -105.0f, 90.0f},
    {"expm1_nonpositive", alab::vm::expm1_nonpositive, ref_expm1_nonpositive, 2.0, -21.0f, 0.0f},
    {"exp_neg_rr2_p6", exp_neg_rr2_p6_of_abs, ref_exp_neg_flushed, 2.0, -90.0f, 90.0f},
    {"exp_neg_rr2_p5", exp_neg_rr2_p5_of_abs, ref_exp_neg_flushed, 3.0, -90.0f, 90.0f},
    {"expm1_rr2_p6", expm1_rr2_p6_of_neg_abs, ref_expm1_neg_abs, 2.0, -20.0f, 20.0f},
    {"log", alab::vm::log, ref_log, 1.0, 0.0f, 4.0f},
    {"log1p", alab::vm::log1p, ref_log1p, 2.0, -1.0f, 4.0f},
    {"normal_pdf", alab::vm::normal_pdf, ref_pdf, 2.0, -15.0f, 15.0f},
    {"normal_cdf", alab::vm::normal_cdf, ref_cdf, 3.0, -15.0f, 7.0f},
    {"erf", alab::vm::erf, ref_erf, 3.0, -5.0f, 5.0f},
};

// Inputs: strided bit patterns, a dense linear sweep of [lo, hi], specials.
std::vector<float> sweep_inputs(const Func& f) {
  std::vector<float> xs;
  for (uint64_t b = 0; b < (1ull << 32); b += 4099) xs.push_back(from_bits(static_cast<uint32_t>(b)));
  const int kDense = 1 << 20;
  for (int i = 0; i <= kDense; ++i) xs.push_back(f.lo + (f.hi - f.lo) * (static_cast<float>(i) / kDense));
  for (float s : {0.0f, 1e-45f, 1e-30f, 15.0f, 88.0f, 89.0f, 1e4f, FLT_MAX, kInf, 1.0f, 0.5f,
                  88.72283f, 88.7228394f, 103.97f, 104.0f, 13.0f, 1.0f, 1e-8f, 2.0f, 0.70710677f}) {
    xs.push_back(s);
    xs.push_back(-s);
  }
  xs.push_back(kNaN);
  return xs;
}

struct Stats {
  double max_err = 0;
  float worst_x = 0;
  int64_t max_dist = 0;
  uint64_t n = 0;
  void add(float x, float got, long double ref) {
    const double e = ulp_error(got, ref);
    if (!(e <= max_err)) max_err = e, worst_x = x;
    if (!std::isnan(got) && !std::isnan(ref))
      max_dist = std::max(max_dist, ulp_distance(got, static_cast<float>(ref)));
    ++n;
  }
  void merge(const Stats& o) {
    if (!(o.max_err <= max_err)) max_err = o.max_err, worst_x = o.worst_x;
    max_dist = std::max(max_dist, o.max_dist);
    n += o.n;
  }
};

Stats measure(const Func& f, const float* xs, size_t n) {
  Stats st;
  for (size_t i = 0; i < n; i += 4) {
    const size_t m = std::min<size_t>(4, n - i);
    float out[4];
    alab::store_partial(out, f.fn(alab::load_partial(xs + i, m)), m);
    for (size_t k = 0; k < m; ++k) st.add(xs[i + k], out[k], f.ref(xs[i + k]));
  }
  return st;
}

void report(const Func& f, const Stats& st) {
  std::printf("  %-11s max %.3f ULP at x = %.9g (%a); max distance to float(ref) %lld; %llu inputs\n",
              f.name, st.max_err, st.worst_x, st.worst_x, static_cast<long long>(st.max_dist),
              static_cast<unsigned long long>(st.n));
}

class VmathAccuracy : public ::testing::TestWithParam<Func> {};

TEST_P(VmathAccuracy, DenseSweepWithinBound) {
  const Func& f = GetParam();
  const std::vector<float> xs = sweep_inputs(f);
  const Stats st = measure(f, xs.data(), xs.size());
  report(f, st);
  EXPECT_LE(st.max_err, f.bound) << f.name << " worst at x = " << st.worst_x;
}

// Lane i of f(v) equals f applied to lane i alone: no cross-lane effects.
TEST_P(VmathAccuracy, LanesAreIndependent) {
  const Func& f = GetParam();
  const std::vector<float> xs = sweep_inputs(f);
  for (size_t i = 0; i + 4 <= xs.size(); i += 4) {
    float out[4];
    wasm_v128_store(out, f.fn(wasm_v128_load(xs.data() + i)));
    for (size_t k = 0; k < 4; ++k) {
      const float alone = alab::on_lane0(f.fn, xs[i + k]);
      ASSERT_EQ(to_bits(out[k]), to_bits(alone)) << f.name << " lane " << k << " x = " << xs[i + k];
    }
  }
}

// NaN in, canonical NaN out (0x7fc00000, the same bits on every platform).
TEST_P(VmathAccuracy, NaNGivesCanonicalNaN) {
  const Func& f = GetParam();
  for (uint32_t b : {0x7fc00000u, 0xffc00000u, 0x7f800001u, 0x7fbfffffu, 0xffffffffu, 0xff812345u})
    EXPECT_EQ(to_bits(alab::on_lane0(f.fn, from_bits(b))), 0x7fc00000u) << f.name << " bits " << b;
}

INSTANTIATE_TEST_SUITE_P(All, VmathAccuracy, ::testing::ValuesIn(kFuncs),
                         [](const auto& info) { return std::string(info.param.name); });

float lane0(VecFn fn, float x) { return alab::on_lane0(fn, x); }

TEST(VmathLimits, ExactValues) {
  using namespace alab::vm;
  EXPECT_EQ(lane0(exp, kInf), kInf);
  EXPECT_EQ(lane0(exp, -kInf), 0.0f);
  EXPECT_EQ(lane0(exp, 88.73f), kInf);
  EXPECT_EQ(lane0(exp, 1e4f), kInf);
  EXPECT_EQ(lane0(exp, -104.0f), 0.0f);
  EXPECT_EQ(lane0(exp, -1e4f), 0.0f);
  EXPECT_EQ(lane0(exp, 0.0f), 1.0f);
  EXPECT_EQ(lane0(exp, -0.0f), 1.0f);
  EXPECT_GT(lane0(exp, -103.0f), 0.0f);  // gradual underflow, no flush
  EXPECT_EQ(lane0(expm1, kInf), kInf);
  EXPECT_EQ(lane0(expm1, -kInf), -1.0f);
  EXPECT_EQ(lane0(expm1, -20.0f), -1.0f);
  EXPECT_EQ(lane0(expm1, 89.0f), kInf);
  EXPECT_EQ(to_bits(lane0(expm1, -0.0f)), to_bits(-0.0f));
  EXPECT_EQ(lane0(expm1, 1e-30f), 1e-30f);
  EXPECT_EQ(lane0(log, 0.0f), -kInf);
  EXPECT_EQ(lane0(log, -0.0f), -kInf);
  EXPECT_EQ(to_bits(lane0(log, -1.0f)), 0x7fc00000u);
  EXPECT_TRUE(std::isnan(lane0(log, -kInf)));
  EXPECT_TRUE(std::isnan(lane0(log, -1e-45f)));
  EXPECT_EQ(lane0(log, kInf), kInf);
  EXPECT_EQ(lane0(log, 1.0f), 0.0f);
  EXPECT_EQ(lane0(log1p, -1.0f), -kInf);
  EXPECT_EQ(to_bits(lane0(log1p, -1.0000001f)), 0x7fc00000u);
  EXPECT_TRUE(std::isnan(lane0(log1p, -kInf)));
  EXPECT_EQ(lane0(log1p, kInf), kInf);
  EXPECT_EQ(to_bits(lane0(log1p, -0.0f)), to_bits(-0.0f));
  EXPECT_EQ(lane0(log1p, 1e-30f), 1e-30f);
  EXPECT_EQ(lane0(log1p, 1e-45f), 1e-45f);
  EXPECT_EQ(lane0(normal_cdf, -kInf), 0.0f);
  EXPECT_EQ(lane0(normal_cdf, kInf), 1.0f);
  EXPECT_EQ(lane0(normal_cdf, -FLT_MAX), 0.0f);
  EXPECT_EQ(lane0(normal_cdf, FLT_MAX), 1.0f);
  EXPECT_EQ(lane0(normal_cdf, -20.0f), 0.0f);
  EXPECT_EQ(lane0(normal_pdf, kInf), 0.0f);
  EXPECT_EQ(lane0(normal_pdf, -kInf), 0.0f);
  EXPECT_EQ(lane0(normal_pdf, 1e4f), 0.0f);
  EXPECT_EQ(lane0(erf, kInf), 1.0f);
  EXPECT_EQ(lane0(erf, -kInf), -1.0f);
  EXPECT_EQ(lane0(erf, 10.0f), 1.0f);
  EXPECT_EQ(to_bits(lane0(erf, -0.0f)), to_bits(-0.0f));
  EXPECT_LE(ulp_error(lane0(erf, 1e-40f), 1e-40L * 1.1283791670955125739L), 1.0);
}

// Φ deep in the lower tail, where a cdf built on erfc(x/√2) in float fails.
TEST(VmathLimits, NormalCdfLowerTail) {
  for (float x : {-5.0f, -8.0f, -10.0f, -12.0f, -13.0f}) {
    const float got = lane0(alab::vm::normal_cdf, x);
    EXPECT_LE(ulp_error(got, ref_cdf(x)), 3.0) << "x = " << x << " got " << got;
  }
}

// e^(hi + lo) with a correction below ulp(hi), against e^(hi + lo) exactly.
TEST(VmathExpHilo, WithinBound) {
  Stats st;
  uint32_t seed = 12345;
  const int kN = 1 << 21;
  for (int i = 0; i < kN; i += 4) {
    float hi[4], lo[4], out[4];
    for (int k = 0; k < 4; ++k) {
      seed = seed * 1664525u + 1013904223u;
      hi[k] = -104.0f + 193.0f * static_cast<float>((i + k) % kN) / kN;
      const float ulp = std::nextafter(std::fabs(hi[k]), kInf) - std::fabs(hi[k]);
      lo[k] = ulp * (static_cast<float>(seed >> 8) / 16777216.0f - 0.5f);
    }
    wasm_v128_store(out, alab::vm::exp_hilo(wasm_v128_load(hi), wasm_v128_load(lo)));
    for (int k = 0; k < 4; ++k)
      st.add(hi[k], out[k], std::exp(static_cast<long double>(hi[k]) + lo[k]));
  }
  report({"exp_hilo", nullptr, nullptr, 1.0, 0, 0}, st);
  EXPECT_LE(st.max_err, 1.0) << "worst at hi = " << st.worst_x;
}

// All 2^32 inputs, split over threads. Opt-in: ALAB_EXHAUSTIVE=1.
TEST(Exhaustive, AllFloats) {
  const char* env = std::getenv("ALAB_EXHAUSTIVE");
  if (!env || std::strcmp(env, "1") != 0)
    GTEST_SKIP() << "set ALAB_EXHAUSTIVE=1 to sweep all 2^32 inputs (minutes per function)";
  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  for (const Func& f : kFuncs) {
    std::vector<Stats> per(threads);
    std::atomic<uint64_t> next{0};
    const uint64_t kChunk = 1 << 16;
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t)
      pool.emplace_back([&, t] {
        std::vector<float> xs(kChunk);
        for (uint64_t start; (start = next.fetch_add(kChunk)) < (1ull << 32);) {
          for (uint64_t i = 0; i < kChunk; ++i) xs[i] = from_bits(static_cast<uint32_t>(start + i));
          per[t].merge(measure(f, xs.data(), kChunk));
        }
      });
    for (auto& th : pool) th.join();
    Stats all;
    for (const Stats& s : per) all.merge(s);
    report(f, all);
    EXPECT_LE(all.max_err, f.bound) << f.name << " worst at x = " << all.worst_x;
  }
}

}  // namespace
