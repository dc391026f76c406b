// The activation kernels against their double-precision references, across
// the float range, array shapes and special values; the seed's properties;
// parameter validation. Tolerances are each kernel's promise, read from its
// struct (ActivationInfo::accuracy, README): by default
//   forward    max(4 ULP of the result, 1e-7 absolute)
//   derivative max(16 ULP of the result, 2e-7 absolute)
// and the dense sweep also asserts the per-activation maxima that the
// exhaustive sweep measured (accuracy.forward_max / derivative_max).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "accuracy.h"
#include "api/catalogue_api.h"
#include "api/json/json_api.h"
#include "core/activations.h"
#include "core/errors.h"
#include "core/properties.h"

namespace alab {
namespace {

using testing::dense_sweep;
using testing::ulp_error;

constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

struct Tolerance {
  double ulp;
  double abs;
};
Tolerance forward_tol(const ActivationInfo& info) { return {info.accuracy.forward_ulp, info.accuracy.forward_abs}; }
Tolerance derivative_tol(const ActivationInfo& info) {
  return {info.accuracy.derivative_ulp, info.accuracy.derivative_abs};
}
// The ULP maxima are taken over results of at least these magnitudes (below,
// the absolute floor is the promise): the same in the dense and the
// exhaustive sweep.
constexpr double kForwardUlpFloor = 1e-7;
constexpr double kDerivativeUlpFloor = 1e-5;

bool within(float got, double want, Tolerance tol) {
  if (std::isnan(want) || std::isinf(static_cast<float>(want))) return ulp_error(got, want) == 0.0;
  return ulp_error(got, want) <= tol.ulp || std::fabs(static_cast<double>(got) - want) <= tol.abs;
}

// Every activation, in evaluation and (for rrelu) training mode.
struct Case {
  const ActivationInfo* info;
  ActivationParams params;
  std::string label;
};

std::vector<Case> all_cases() {
  std::vector<Case> cases;
  for (const ActivationInfo& info : activation_table()) {
    cases.push_back({&info, default_params(info), info.name});
    if (info.id == Activation::rrelu) {
      ActivationParams p = default_params(info);
      p.training = true;
      p.seed = 12345;
      p.counter = 77;
      cases.push_back({&info, p, "rrelu(training)"});
    }
  }
  return cases;
}

class KernelTest : public ::testing::TestWithParam<Case> {};

// Max error over the dense sweep, with the worst input reported on failure.
TEST_P(KernelTest, DenseSweepWithinTolerance) {
  const Case& c = GetParam();
  const std::vector<float> x = dense_sweep();
  std::vector<float> y(x.size()), d(x.size());
  c.info->forward(x.data(), y.data(), x.size(), c.params);
  c.info->derivative(x.data(), d.data(), x.size(), c.params);
  double worst_f = 0, worst_d = 0;
  float at_f = 0, at_d = 0;
  std::size_t bad_f = 0, bad_d = 0;
  const Tolerance ft = forward_tol(*c.info), dt = derivative_tol(*c.info);
  for (std::size_t i = 0; i < x.size(); ++i) {
    // NaN in gives NaN out, for f and f' (the kernels' contract, README "Accuracy").
    // At ±Inf the want is the reference's value there, or — where its formula is
    // indeterminate (inf·0 in gelu/silu/mish, inf/inf in softsign) — its limit,
    // the reference at ±FLT_MAX; infinite and NaN wants must match exactly.
    const auto want = [&](auto ref) {
      if (std::isnan(x[i])) return static_cast<double>(kNaN);
      const double r = ref(static_cast<double>(x[i]));
      if (std::isnan(r) && std::isinf(x[i])) return ref(std::copysign(static_cast<double>(std::numeric_limits<float>::max()), x[i]));
      return r;
    };
    const auto at = static_cast<uint32_t>(i);
    const double rf = want([&](double v) { return c.info->reference(v, c.params, at); });
    const double rd = want([&](double v) { return c.info->reference_derivative(v, c.params, at); });
    if (!within(y[i], rf, ft)) { ++bad_f; if (bad_f < 4) ADD_FAILURE() << c.label << " f(" << x[i] << ") = " << y[i] << ", want " << rf; }
    if (!within(d[i], rd, dt)) { ++bad_d; if (bad_d < 4) ADD_FAILURE() << c.label << " f'(" << x[i] << ") = " << d[i] << ", want " << rd; }
    // ULP maxima over finite results above the floors: near a zero of f the
    // relative error of a tiny result says nothing, and the promise there is
    // the absolute bound. Derivatives are relatively accurate down to 1e-5
    // even at their zero crossings (gelu', silu', mish' expand around them).
    if (std::isfinite(rf) && std::fabs(rf) >= kForwardUlpFloor && ulp_error(y[i], rf) > worst_f) worst_f = ulp_error(y[i], rf), at_f = x[i];
    if (std::isfinite(rd) && std::fabs(rd) >= kDerivativeUlpFloor && ulp_error(d[i], rd) > worst_d) worst_d = ulp_error(d[i], rd), at_d = x[i];
  }
  std::printf("[ accuracy ] %-16s %-16s forward max %.2f ULP (x = %.9g), derivative max %.2f ULP (x = %.9g) over %zu inputs\n",
              c.label.c_str(), c.info->variant, worst_f, at_f, worst_d, at_d, x.size());
  EXPECT_EQ(bad_f, 0u);
  EXPECT_EQ(bad_d, 0u);
  // The maxima the README states, from the exhaustive sweep.
  EXPECT_LE(worst_f, c.info->accuracy.forward_max) << c.label << " at x = " << at_f;
  EXPECT_LE(worst_d, c.info->accuracy.derivative_max) << c.label << " at x = " << at_d;
}

// Arrays of every length 0..67 and 1e5, aligned, misaligned and in place, give
// exactly the per-element results of one long call.
TEST_P(KernelTest, EveryLengthOffsetAndInPlaceMatches) {
  const Case& c = GetParam();
  std::vector<float> x(100000 + 8);
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = -12.0f + 24.0f * static_cast<float>((i * 7919) % 10007) / 10007.0f;
  for (ArrayKernel k : {c.info->forward, c.info->derivative}) {
    std::vector<std::size_t> lengths(68);
    for (std::size_t n = 0; n < lengths.size(); ++n) lengths[n] = n;  // every length 0..67
    lengths.push_back(100000);
    for (std::size_t n : lengths) {
      for (std::size_t offset : {0u, 1u, 3u}) {
        std::vector<float> expected(n), got(n + 1, 42.0f);
        for (std::size_t i = 0; i < n; ++i) {
          ActivationParams p = c.params;
          p.counter = c.params.counter + static_cast<uint32_t>(i);  // element i alone keeps its draw
          k(&x[offset + i], &expected[i], 1, p);
        }
        k(&x[offset], got.data(), n, c.params);
        for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(got[i], expected[i]) << c.label << " n=" << n << " i=" << i;
        EXPECT_EQ(got[n], 42.0f) << "wrote past the end, n=" << n;
        std::vector<float> inplace(x.begin() + offset, x.begin() + offset + n);
        k(inplace.data(), inplace.data(), n, c.params);
        for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(inplace[i], expected[i]) << c.label << " in place n=" << n;
      }
    }
  }
}

TEST_P(KernelTest, NaNInGivesNaNOut) {
  const Case& c = GetParam();
  const float x[5] = {1.0f, kNaN, -kNaN, -2.0f, kNaN};
  float y[5], d[5];
  c.info->forward(x, y, 5, c.params);
  c.info->derivative(x, d, 5, c.params);
  for (int i : {1, 2, 4}) {
    EXPECT_TRUE(std::isnan(y[i])) << c.label << " forward lane " << i;
    EXPECT_TRUE(std::isnan(d[i])) << c.label << " derivative lane " << i;
  }
  EXPECT_FALSE(std::isnan(y[0]) || std::isnan(y[3]) || std::isnan(d[0]) || std::isnan(d[3]));
}

// elu keeps a NaN's bits (a select, like relu's pmax) rather than
// canonicalising it: the same bits in every engine either way.
TEST(EluKernel, NaNPassesThroughWithItsBits) {
  const uint32_t in[4] = {0x7fc00000u, 0xffc00000u, 0x7fc12345u, 0xff800001u};
  float x[4], y[4];
  std::memcpy(x, in, sizeof x);
  activation_info(Activation::elu).forward(x, y, 4, ActivationParams{});
  uint32_t out[4];
  std::memcpy(out, y, sizeof out);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(out[i], in[i]) << "lane " << i;
}

TEST_P(KernelTest, FiniteInputsNeverGiveNaN) {
  const Case& c = GetParam();
  const std::vector<float> x = dense_sweep(65537, testing::NonFinite::exclude);
  std::vector<float> y(x.size()), d(x.size());
  c.info->forward(x.data(), y.data(), x.size(), c.params);
  c.info->derivative(x.data(), d.data(), x.size(), c.params);
  for (std::size_t i = 0; i < x.size(); ++i) {
    ASSERT_FALSE(std::isnan(y[i])) << c.label << " f(" << x[i] << ")";
    ASSERT_FALSE(std::isnan(d[i])) << c.label << " f'(" << x[i] << ")";
  }
}

TEST_P(KernelTest, BackwardIsUpstreamTimesDerivative) {
  const Case& c = GetParam();
  std::vector<float> x(37), dy(37), d(37), dx(37);
  for (int i = 0; i < 37; ++i) { x[i] = -5.0f + 0.27f * i; dy[i] = 0.5f - 0.03f * i; }
  c.info->derivative(x.data(), d.data(), 37, c.params);
  c.info->backward(x.data(), dy.data(), dx.data(), 37, c.params);
  for (int i = 0; i < 37; ++i) EXPECT_EQ(dx[i], dy[i] * d[i]) << c.label << " i=" << i;
}

INSTANTIATE_TEST_SUITE_P(Catalogue, KernelTest, ::testing::ValuesIn(all_cases()),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           std::string s = info.param.label;
                           for (char& ch : s) if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           return s;
                         });

float f(const char* name, float x, ActivationParams p) {
  const ActivationInfo* info = find_activation(name);
  float y;
  info->forward(&x, &y, 1, p);
  return y;
}
float df(const char* name, float x, ActivationParams p) {
  const ActivationInfo* info = find_activation(name);
  float y;
  info->derivative(&x, &y, 1, p);
  return y;
}
ActivationParams defaults(const char* name) { return default_params(*find_activation(name)); }

TEST(Limits, ExactAtTheEndsOfTheRange) {
  // rr2_p6 flushes e^-|x| below FLT_MIN to 0 (σ(−100) = 3.7e-44, within the
  // 1e-7 absolute floor), so the far tail is exactly 0, the limit.
  EXPECT_EQ(f("sigmoid", -100.0f, {}), 0.0f);
  EXPECT_EQ(f("sigmoid", -87.0f, {}), static_cast<float>(1.0 / (1.0 + std::exp(87.0))));
  EXPECT_EQ(f("sigmoid", kInf, {}), 1.0f);
  EXPECT_EQ(f("sigmoid", -kInf, {}), 0.0f);
  EXPECT_EQ(f("softplus", 100.0f, {}), 100.0f);
  EXPECT_EQ(f("softplus", -kInf, {}), 0.0f);
  EXPECT_EQ(f("softplus", kInf, {}), kInf);
  EXPECT_EQ(f("tanh", kInf, {}), 1.0f);
  EXPECT_EQ(f("tanh", -kInf, {}), -1.0f);
  EXPECT_EQ(f("tanh", -1e-30f, {}), -1e-30f);
  for (const char* name : {"mish", "gelu", "silu"}) {
    EXPECT_EQ(f(name, 1e30f, {}), 1e30f) << name;
    EXPECT_EQ(f(name, -1e30f, {}), 0.0f) << name;
    EXPECT_EQ(f(name, kInf, {}), kInf) << name;
    EXPECT_EQ(f(name, -kInf, {}), 0.0f) << name;
    EXPECT_EQ(df(name, kInf, {}), 1.0f) << name;
    EXPECT_EQ(df(name, -kInf, {}), 0.0f) << name;
  }
  EXPECT_FLOAT_EQ(f("selu", -1e30f, {}), static_cast<float>(-1.0507009873554805 * 1.6732632423543773));
  // λ x rounds to FLT_MAX here although float(λ) x overflows (float(λ) > λ);
  // no finite input may give Inf where the correctly rounded result is finite.
  EXPECT_EQ(f("selu", 3.2386221e38f, {}), std::numeric_limits<float>::max());
  EXPECT_EQ(f("selu", std::numeric_limits<float>::max(), {}), kInf);  // λ FLT_MAX > FLT_MAX + ulp/2
  EXPECT_EQ(f("selu", -0.0f, {}), 0.0f);
  EXPECT_TRUE(std::signbit(f("elu", -0.0f, defaults("elu"))));  // x >= 0 keeps x, and -0
  EXPECT_EQ(f("elu", -kInf, defaults("elu")), -1.0f);
  EXPECT_EQ(f("softsign", kInf, {}), 1.0f);
  EXPECT_EQ(f("softsign", -kInf, {}), -1.0f);
}

TEST(Rectifiers, SlopesAndConventions) {
  EXPECT_EQ(df("relu", 0.0f, {}), 0.0f);  // f'(0) is the left slope
  EXPECT_EQ(df("relu", 1e-30f, {}), 1.0f);
  EXPECT_EQ(f("leaky_relu", -2.0f, defaults("leaky_relu")), -0.02f);
  EXPECT_EQ(f("prelu", -2.0f, defaults("prelu")), -0.5f);
  ActivationParams eval = defaults("rrelu");
  EXPECT_EQ(f("rrelu", -5.5f, eval), -1.0f);  // a = (3 + 8) / 2
  EXPECT_EQ(df("rrelu", -1.0f, eval), 1.0f / 5.5f);
  float x[4] = {-1.0f, 0.0f, 2.0f, -3.0f}, d[4];
  prelu_alpha_derivative(x, d, 4);
  EXPECT_EQ(d[0], -1.0f);
  EXPECT_EQ(d[1], 0.0f);
  EXPECT_EQ(d[2], 0.0f);
  EXPECT_EQ(d[3], -3.0f);
}

// The PReLU driver picks max, min or the select by alpha (activations.cpp):
// every form must give the select's bits, x > 0 ? x : alpha x, on every
// float class (±0, subnormals, ±Inf; NaN stays NaN), at alphas inside and on
// the edges of each range.
// leaky_relu and prelu pick a cheaper form per call (max or min of x and
// alpha x); every alpha in range must give the select's bits, x > 0 ? x :
// alpha x, infinities included (alpha = 0: 0 x -Inf is NaN, not -Inf).
TEST(Rectifiers, LeakyAndPreluFormsGiveTheSelectsBits) {
  std::vector<float> xs = dense_sweep();
  for (float x : {0.0f, -0.0f, 1e-45f, -1e-45f, 1.17549435e-38f, -3.4028235e38f, 3.4028235e38f, kInf, -kInf}) xs.push_back(x);
  std::vector<float> ys(xs.size());
  for (const char* name : {"leaky_relu", "prelu"}) {
    const ActivationInfo& info = *find_activation(name);
    for (float alpha : {-10.0f, -1.0f, -0.25f, -1e-30f, 0.0f, 1e-30f, 0.25f, 0.999f, 1.0f, 1.0000001f, 2.5f, 10.0f}) {
      if (alpha < info.params[0].min_value || alpha > info.params[0].max_value) continue;
      ActivationParams p = default_params(info);
      p.alpha = alpha;
      info.forward(xs.data(), ys.data(), xs.size(), p);
      std::size_t wrong = 0;
      for (std::size_t i = 0; i < xs.size(); ++i) {
        const float want = xs[i] > 0.0f ? xs[i] : alpha * xs[i];
        if (std::isnan(want) ? !std::isnan(ys[i]) : std::memcmp(&want, &ys[i], sizeof want) != 0) {
          if (++wrong <= 3) ADD_FAILURE() << name << " alpha " << alpha << ", x " << xs[i] << ": got " << ys[i] << ", want " << want;
        }
      }
      EXPECT_EQ(wrong, 0u) << name << " alpha " << alpha;
    }
  }
}

TEST(Rrelu, TrainingDrawsCoverTheIntervalAndDependOnSeedAndCounter) {
  const ActivationInfo& info = *find_activation("rrelu");
  ActivationParams p = default_params(info);
  p.training = true;
  p.seed = 7;
  const std::size_t n = 100000;
  std::vector<float> x(n, -1.0f), y(n);
  info.forward(x.data(), y.data(), n, p);
  double lo = 1e9, hi = -1e9, mean = 0;
  for (float v : y) {
    const double a = -1.0 / v;
    lo = std::fmin(lo, a);
    hi = std::fmax(hi, a);
    mean += a / n;
  }
  EXPECT_GE(lo, 3.0);
  EXPECT_LT(lo, 3.001);
  EXPECT_LE(hi, 8.0);
  EXPECT_GT(hi, 7.999);
  EXPECT_NEAR(mean, 5.5, 0.02);  // U(3, 8) has mean 5.5; the standard error here is 0.005
  std::vector<float> y2(n);
  p.seed = 8;
  info.forward(x.data(), y2.data(), n, p);
  EXPECT_NE(y, y2);
  p.seed = 7;
  p.counter = 1;
  info.forward(x.data(), y2.data(), n, p);
  EXPECT_EQ(std::vector<float>(y.begin() + 1, y.end()), std::vector<float>(y2.begin(), y2.end() - 1));
}

// The seed's properties, measured, against what is known of each function.
struct Truth {
  const char* name;
  bool nonlinear, differentiable, monotonic, identity_near_origin, bounded_below, bounded_above, zero_centred;
  float lower, upper;  // NaN when unbounded
};

TEST(Properties, MatchTheKnownTruth) {
  const float U = kNaN;
  const Truth truth[] = {
      {"identity", false, true, true, true, false, false, true, U, U},
      {"sigmoid", true, true, true, false, true, true, false, 0.0f, 1.0f},
      {"tanh", true, true, true, true, true, true, true, -1.0f, 1.0f},
      {"relu", true, false, true, false, true, false, false, 0.0f, U},
      {"leaky_relu", true, false, true, false, false, false, false, U, U},
      {"prelu", true, false, true, false, false, false, false, U, U},
      {"rrelu", true, false, true, false, false, false, false, U, U},
      {"elu", true, true, true, true, true, false, false, -1.0f, U},
      {"selu", true, false, true, false, true, false, true, -1.7580993f, U},
      {"gelu", true, true, false, false, true, false, false, -0.16997f, U},
      {"silu", true, true, false, false, true, false, false, -0.278464f, U},
      {"softplus", true, true, true, false, true, false, false, 0.0f, U},
      {"softsign", true, true, true, true, true, true, true, -1.0f, 1.0f},
      {"mish", true, true, false, false, true, false, false, -0.308843f, U},
      {"step", true, false, true, false, true, true, false, 0.0f, 1.0f},
  };
  ASSERT_EQ(std::size(truth), kActivationCount);
  for (const Truth& t : truth) {
    const ActivationInfo& info = *find_activation(t.name);
    const ActivationProperties p = measure_properties(info, default_params(info));
    SCOPED_TRACE(t.name);
    EXPECT_EQ(p.nonlinear, t.nonlinear);
    EXPECT_EQ(p.differentiable, t.differentiable);
    if (!t.differentiable) {
      // relu and its kin bend at 0 (f' jumps); step jumps there itself.
      EXPECT_EQ(std::string(t.name) == "step" ? p.jumps : p.kinks, std::vector<float>{0.0f});
    } else {
      EXPECT_TRUE(p.jumps.empty());
    }
    EXPECT_EQ(p.monotonic, t.monotonic);
    EXPECT_EQ(p.identity_near_origin, t.identity_near_origin);
    EXPECT_EQ(p.bounded_below, t.bounded_below);
    EXPECT_EQ(p.bounded_above, t.bounded_above);
    EXPECT_EQ(p.zero_centred, t.zero_centred);
    if (t.bounded_below) {
      EXPECT_NEAR(p.lower_bound, t.lower, 1e-4);
    }
    if (t.bounded_above) {
      EXPECT_NEAR(p.upper_bound, t.upper, 1e-4);
    }
  }
}

// Where each activation saturates, measured: both sides of the S-shaped ones,
// the negative side of the smooth rectifiers; the exactly flat sides of relu
// and step are inactive instead, and a constant small slope is neither.
TEST(Properties, SaturationRegionsFollowTheShapeOfTheDerivative) {
  struct Side { const char* name; bool below, above, inactive_below, inactive_above; };
  const Side sides[] = {
      {"identity", false, false, false, false}, {"sigmoid", true, true, false, false},
      {"tanh", true, true, false, false},       {"relu", false, false, true, false},
      {"leaky_relu", false, false, false, false}, {"prelu", false, false, false, false},
      {"rrelu", false, false, false, false},    {"elu", true, false, false, false},
      {"selu", true, false, false, false},      {"gelu", true, false, false, false},
      {"silu", true, false, false, false},      {"softplus", true, false, false, false},
      {"softsign", true, true, false, false},   {"mish", true, false, false, false},
      {"step", false, false, true, true},
  };
  ASSERT_EQ(std::size(sides), kActivationCount);
  for (const Side& s : sides) {
    SCOPED_TRACE(s.name);
    const ActivationInfo& info = *find_activation(s.name);
    const SaturationRegions r = saturation_regions(info, default_params(info));
    EXPECT_EQ(std::isfinite(r.below), s.below);
    EXPECT_EQ(std::isfinite(r.above), s.above);
    EXPECT_EQ(r.inactive_below, s.inactive_below);
    EXPECT_EQ(r.inactive_above, s.inactive_above);
    // Inside a tail |f'| is below 5 % of its maximum, and the boundary is the outermost crossing.
    const float scale = max_abs_derivative(info, default_params(info));
    for (float z : {r.below, r.above}) {
      if (!std::isfinite(z)) continue;
      for (float t : {z, z * 1.5f, z * 4.0f}) {
        float d = 0;
        info.derivative(&t, &d, 1, default_params(info));
        EXPECT_LT(std::fabs(d), 0.05f * scale) << t;
      }
      float inner = z > 0 ? z - 0.01f : z + 0.01f, d = 0;
      info.derivative(&inner, &d, 1, default_params(info));
      EXPECT_GE(std::fabs(d), 0.05f * scale * 0.999f) << inner;
    }
  }
  // The known boundaries: σ'(z) = 0.0125 at |z| = 4.36, elu's e^z = 0.05 at z = ln 0.05.
  const SaturationRegions sig = saturation_regions(*find_activation("sigmoid"), {});
  EXPECT_NEAR(sig.below, -4.36, 0.011);
  EXPECT_NEAR(sig.above, 4.36, 0.011);
  const ActivationInfo& elu = *find_activation("elu");
  EXPECT_NEAR(saturation_regions(elu, default_params(elu)).below, std::log(0.05), 0.011);
}

TEST(Properties, EluWithAlphaNotOneHasAKink) {
  const ActivationInfo& info = *find_activation("elu");
  ActivationParams p = default_params(info);
  p.alpha = 0.5f;
  EXPECT_FALSE(measure_properties(info, p).differentiable);
  EXPECT_NEAR(measure_properties(info, p).lower_bound, -0.5f, 1e-6);
}

std::string error_of(const std::function<void()>& f) {
  try { f(); } catch (const InvalidArgument& e) { return e.what(); }
  return "(no error)";
}

TEST(Validation, ErrorsNameTheFieldTheValueAndWhatIsAllowed) {
  float x[3] = {1, 2, 3}, y[3];
  auto run = [&](const char* name, const char* params) {
    return error_of([&] { run_activation(KernelKind::Forward, name, x, y, 3, params); });
  };
  EXPECT_EQ(run("relux", ""), "name must be one of " + activation_names() + "; got \"relux\"");
  EXPECT_EQ(run("leaky_relu", R"({"alpha":"NaN"})"), "params.alpha must be a finite number in [0, 1]; got NaN");
  EXPECT_EQ(run("leaky_relu", R"({"alpha":-0.5})"), "params.alpha must be a finite number in [0, 1]; got -0.5");
  EXPECT_EQ(run("rrelu", R"({"lower":5,"upper":4})"), "params.lower must be <= upper (4) for rrelu; got 5");
  EXPECT_EQ(run("elu", R"({"alpha":"Infinity"})"), "params.alpha must be a finite number in [0, 10]; got Infinity");
  EXPECT_EQ(run("relu", R"({"alpha":1})"), "params.alpha: unknown parameter \"alpha\" for relu; allowed: none");
  EXPECT_EQ(run("rrelu", R"({"training":1})"), "params.training must be true or false; got 1");
  EXPECT_EQ(run("rrelu", R"({"seed":-1})"), "params.seed must be an integer in [0, 4294967295]; got -1");
  EXPECT_EQ(run("relu", R"({"alpha":)"), "params must be valid JSON; got malformed JSON");
  EXPECT_EQ(run("relu", "[1]"), "params must be an object; got an array");
  // After errors the kernels still work.
  run_activation(KernelKind::Forward, "relu", x, y, 3, "");
  EXPECT_EQ(y[2], 3.0f);
}

// Opt-in: all 2^32 inputs (ALAB_EXHAUSTIVE=1, about a minute per activation).
// ALAB_EXHAUSTIVE_ONLY=sigmoid,selu limits the sweep to those activations.
// Prints progress every 1/8 of the range, then the maxima per activation.
TEST(Exhaustive, AllFloatInputs) {
  if (std::getenv("ALAB_EXHAUSTIVE") == nullptr) GTEST_SKIP() << "set ALAB_EXHAUSTIVE=1 to sweep all 2^32 inputs";
  const char* only = std::getenv("ALAB_EXHAUSTIVE_ONLY");
  const std::string wanted = only ? "," + std::string(only) + "," : "";
  for (const Case& c : all_cases()) {
    if (only && wanted.find("," + std::string(c.info->name) + ",") == std::string::npos) continue;
    const Tolerance ft = forward_tol(*c.info), dt = derivative_tol(*c.info);
    double worst_f = 0, worst_d = 0;
    float at_f = 0, at_d = 0;
    std::vector<float> x(1 << 16), y(x.size()), d(x.size());
    for (uint64_t base = 0; base < (1ULL << 32); base += x.size()) {
      if (base % (1ULL << 29) == 0) {
        std::printf("[exhaustive] %-16s %3d%%\n", c.label.c_str(), static_cast<int>(base * 100 >> 32));
        std::fflush(stdout);
      }
      for (std::size_t i = 0; i < x.size(); ++i) {
        const uint32_t bits = static_cast<uint32_t>(base + i);
        std::memcpy(&x[i], &bits, 4);
      }
      ActivationParams p = c.params;
      p.counter = static_cast<uint32_t>(base);
      c.info->forward(x.data(), y.data(), x.size(), p);
      c.info->derivative(x.data(), d.data(), x.size(), p);
      for (std::size_t i = 0; i < x.size(); ++i) {
        if (std::isnan(x[i]) || std::isinf(x[i])) continue;
        const double rf = c.info->reference(x[i], p, static_cast<uint32_t>(i));
        const double rd = c.info->reference_derivative(x[i], p, static_cast<uint32_t>(i));
        EXPECT_TRUE(within(y[i], rf, ft)) << c.label << " f(" << x[i] << ")";
        EXPECT_TRUE(within(d[i], rd, dt)) << c.label << " f'(" << x[i] << ")";
        if (std::fabs(rf) >= kForwardUlpFloor && ulp_error(y[i], rf) > worst_f) worst_f = ulp_error(y[i], rf), at_f = x[i];
        if (std::fabs(rd) >= kDerivativeUlpFloor && ulp_error(d[i], rd) > worst_d) worst_d = ulp_error(d[i], rd), at_d = x[i];
      }
    }
    std::printf("[exhaustive] %-16s %-16s forward max %.2f ULP (x = %.9g), derivative max %.2f ULP (x = %.9g)\n",
                c.label.c_str(), c.info->variant, worst_f, at_f, worst_d, at_d);
    std::fflush(stdout);
    EXPECT_LE(worst_f, c.info->accuracy.forward_max) << c.label;
    EXPECT_LE(worst_d, c.info->accuracy.derivative_max) << c.label;
  }
}

}  // namespace
}  // namespace alab

namespace alab {
namespace {

// Numbers in messages: integers plainly, others as the shortest round trip,
// and far-out-of-range values without undefined behaviour (a fuzz finding:
// biasInit 1.1e47 was cast to long long).
TEST(Validation, NumbersInMessagesAreShortAndSafe) {
  EXPECT_EQ(describe_value(0.3f), "0.3");
  EXPECT_EQ(describe_value(0.01f), "0.01");
  EXPECT_EQ(describe_value(-1.0), "-1");
  EXPECT_EQ(describe_value(10.0f), "10");
  EXPECT_EQ(describe_value(std::size_t{67108864}), "67108864");
  EXPECT_EQ(describe_value(1.1111111111111111e47), "1.1111111111111111e+47");
  EXPECT_EQ(describe_value(-1e300), "-1e+300");
  EXPECT_EQ(describe_value(std::numeric_limits<double>::quiet_NaN()), "NaN");
  EXPECT_EQ(describe_value(-std::numeric_limits<float>::infinity()), "-Infinity");
}

}  // namespace
}  // namespace alab
