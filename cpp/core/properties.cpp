// Property probes. All probes run the registry's SIMD array kernels, so a bug
// in a kernel shows up as a wrong property as well as a failed accuracy test.
#include "properties.h"

#include <cmath>
#include <limits>

namespace alab {
namespace {

std::vector<float> grid(float from, float to, std::size_t n) {
  std::vector<float> x(n);
  for (std::size_t i = 0; i < n; ++i) x[i] = from + (to - from) * static_cast<float>(i) / static_cast<float>(n - 1);
  return x;
}

std::vector<float> apply(ArrayKernel k, const std::vector<float>& x, const ActivationParams& p) {
  std::vector<float> y(x.size());
  k(x.data(), y.data(), x.size(), p);
  return y;
}

float at(ArrayKernel k, float x, const ActivationParams& p) {
  float y = 0;
  k(&x, &y, 1, p);
  return y;
}

// Where f' jumps on a fine grid, refined by bisection. A smooth f' changes by
// at most max|f''| * h between neighbours (< 0.01 here for every catalogue
// member at h = 1e-3); a kink changes it by the jump itself.
std::vector<float> find_kinks(const ActivationInfo& info, const ActivationParams& p) {
  constexpr float kJump = 0.02f;
  const std::vector<float> x = grid(-20.0f, 20.0f, 40001);
  const std::vector<float> d = apply(info.derivative, x, p);
  std::vector<float> kinks;
  for (std::size_t i = 0; i + 1 < x.size(); ++i) {
    if (std::fabs(d[i + 1] - d[i]) <= kJump) continue;
    float lo = x[i], hi = x[i + 1];
    const float dlo = d[i];
    for (int it = 0; it < 40 && hi - lo > 1e-6f; ++it) {
      const float mid = 0.5f * (lo + hi);
      if (std::fabs(at(info.derivative, mid, p) - dlo) <= kJump) lo = mid; else hi = mid;
    }
    const float k = std::round(0.5f * (lo + hi) * 1000.0f) / 1000.0f;
    if (kinks.empty() || kinks.back() != k) kinks.push_back(k + 0.0f);  // + 0 turns -0 into 0
  }
  return kinks;
}

// Where f itself jumps, found and refined like the kinks. Between grid
// neighbours h = 1e-3 apart a continuous catalogue member moves by at most
// max|f'| * h < 2e-3 (selu's 1.76 is the steepest); a jump moves by itself.
std::vector<float> find_jumps(const ActivationInfo& info, const ActivationParams& p) {
  constexpr float kJump = 0.02f;
  const std::vector<float> x = grid(-20.0f, 20.0f, 40001);
  const std::vector<float> f = apply(info.forward, x, p);
  std::vector<float> jumps;
  for (std::size_t i = 0; i + 1 < x.size(); ++i) {
    if (std::fabs(f[i + 1] - f[i]) <= kJump) continue;
    float lo = x[i], hi = x[i + 1];
    const float flo = f[i];
    for (int it = 0; it < 40 && hi - lo > 1e-6f; ++it) {
      const float mid = 0.5f * (lo + hi);
      if (std::fabs(at(info.forward, mid, p) - flo) <= kJump) lo = mid; else hi = mid;
    }
    const float k = std::round(0.5f * (lo + hi) * 1000.0f) / 1000.0f;
    if (jumps.empty() || jumps.back() != k) jumps.push_back(k + 0.0f);
  }
  return jumps;
}

}  // namespace

SaturationRegions saturation_regions(const ActivationInfo& info, const ActivationParams& params) {
  ActivationParams p = params;
  p.training = false;
  std::vector<float> x(4001);
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = -20.0f + 0.01f * static_cast<float>(i);
  const std::vector<float> d = apply(info.derivative, x, p);
  float scale = 0.0f;
  for (float v : d) scale = std::fmax(scale, std::fabs(v));
  const float threshold = 0.05f * scale;
  const std::size_t zero = 2000;  // x[2000] = 0
  SaturationRegions r;
  // One side: `outer` is the grid end (0 or 4000), `step` walks inwards.
  const auto side = [&](long outer, long step, float far_probe, float& boundary, bool& inactive) {
    bool all_zero = true;
    for (long i = outer; i != static_cast<long>(zero); i += step) all_zero = all_zero && d[i] == 0.0f;
    inactive = all_zero;
    if (all_zero || !(std::fabs(d[outer]) < threshold)) return;
    const float at_far = std::fabs(at(info.derivative, far_probe, p));
    if (!(at_far <= 0.5f * std::fabs(d[outer]))) return;  // a constant small slope is not a tail
    long i = outer;
    while (i + step != static_cast<long>(zero) && std::fabs(d[i + step]) < threshold) i += step;
    boundary = x[i];
  };
  side(0, 1, -40.0f, r.below, r.inactive_below);
  side(4000, -1, 40.0f, r.above, r.inactive_above);
  return r;
}

float max_abs_derivative(const ActivationInfo& info, const ActivationParams& params) {
  std::vector<float> x(4001);
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = -20.0f + 0.01f * static_cast<float>(i);
  const std::vector<float> d = apply(info.derivative, x, params);
  float m = 0.0f;
  for (float v : d) m = std::fmax(m, std::fabs(v));
  return m;
}

ActivationProperties measure_properties(const ActivationInfo& info, const ActivationParams& params) {
  ActivationParams p = params;
  p.training = false;
  ActivationProperties r{};

  // Nonlinear: f(x + y) = f(x) + f(y) and f(2x) = 2 f(x) for all probes only if linear.
  const std::vector<float> x = grid(-8.0f, 8.0f, 1601);
  const std::vector<float> fx = apply(info.forward, x, p);
  r.nonlinear = false;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const float f2x = at(info.forward, 2.0f * x[i], p);
    if (std::fabs(f2x - 2.0f * fx[i]) > 1e-4f * (1.0f + std::fabs(f2x))) r.nonlinear = true;
    const float fsum = at(info.forward, x[i] + 0.5f, p);
    if (std::fabs(fsum - fx[i] - at(info.forward, 0.5f, p)) > 1e-4f * (1.0f + std::fabs(fsum))) r.nonlinear = true;
  }

  r.kinks = find_kinks(info, p);
  r.jumps = find_jumps(info, p);
  r.differentiable = r.kinks.empty() && r.jumps.empty();
  r.saturation = saturation_regions(info, p);

  // Monotonic: no negative derivative and no decrease of f on a wide grid.
  const std::vector<float> wide = grid(-50.0f, 50.0f, 100001);
  const std::vector<float> fw = apply(info.forward, wide, p);
  const std::vector<float> dw = apply(info.derivative, wide, p);
  r.monotonic = true;
  for (std::size_t i = 0; i < wide.size(); ++i) {
    if (dw[i] < 0.0f) r.monotonic = false;
    // A few ULP of rounding noise is not a decrease.
    if (i > 0 && fw[i] < fw[i - 1] - 1e-6f * (1.0f + std::fabs(fw[i - 1]))) r.monotonic = false;
  }

  r.value_at_zero = at(info.forward, 0.0f, p);
  r.slope_left_of_zero = at(info.derivative, -1e-4f, p);
  r.slope_right_of_zero = at(info.derivative, 1e-4f, p);
  r.identity_near_origin = std::fabs(r.value_at_zero) < 1e-6f && std::fabs(r.slope_left_of_zero - 1.0f) < 1e-3f &&
                           std::fabs(r.slope_right_of_zero - 1.0f) < 1e-3f;

  // Range: the extremes of f over the wide grid and at ±1e30; a side whose
  // value at ±1e30 is huge is unbounded.
  constexpr float kInf = std::numeric_limits<float>::infinity();
  float lo = kInf, hi = -kInf;
  for (float v : fw) { lo = std::fmin(lo, v); hi = std::fmax(hi, v); }
  for (float probe : {-1e30f, 1e30f}) {
    const float v = at(info.forward, probe, p);
    lo = std::fmin(lo, v);
    hi = std::fmax(hi, v);
  }
  r.bounded_below = lo > -1e6f;
  r.bounded_above = hi < 1e6f;
  r.lower_bound = r.bounded_below ? lo : -kInf;
  r.upper_bound = r.bounded_above ? hi : kInf;

  // Mean on N(0, 1) by the midpoint rule on [-10, 10]; the density weights are
  // computed in double (this is a measurement, not a kernel).
  const std::size_t n = 20001;
  const std::vector<float> z = grid(-10.0f, 10.0f, n);
  const std::vector<float> fz = apply(info.forward, z, p);
  double sum = 0, weight = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double w = std::exp(-0.5 * static_cast<double>(z[i]) * z[i]);
    sum += w * fz[i];
    weight += w;
  }
  r.mean_on_standard_normal = static_cast<float>(sum / weight);
  r.zero_centred = std::fabs(r.mean_on_standard_normal) < 1e-3f;
  return r;
}

}  // namespace alab
