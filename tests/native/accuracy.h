// Shared helpers for accuracy tests: ULP distance against a double reference.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

namespace alab::testing {

// Spacing of floats at |v| (the smallest subnormal below FLT_MIN).
inline double ulp_at(double v) {
  const float f = static_cast<float>(std::fabs(v));
  if (std::isinf(f)) return std::ldexp(1.0, 104);  // spacing just below FLT_MAX
  const float next = std::nextafter(f, std::numeric_limits<float>::infinity());
  return static_cast<double>(next) - static_cast<double>(f);
}

// Error of `got` against the exact value `want`, in ULP of want.
inline double ulp_error(float got, double want) {
  if (std::isnan(want)) return std::isnan(got) ? 0.0 : std::numeric_limits<double>::infinity();
  if (std::isnan(got)) return std::numeric_limits<double>::infinity();
  const float want_f = static_cast<float>(want);
  if (std::isinf(want_f) || std::isinf(got)) return got == want_f ? 0.0 : std::numeric_limits<double>::infinity();
  return std::fabs(static_cast<double>(got) - want) / ulp_at(want);
}

enum class NonFinite { include, exclude };

// The dense sweep of the accuracy tests: every bit pattern with a stride that
// visits every exponent of both signs, plus the named special values, and
// (unless excluded) +Inf, -Inf and NaNs of both signs and several payloads,
// with which the kernels must agree with the reference exactly.
inline std::vector<float> dense_sweep(uint32_t stride = 4099, NonFinite nonfinite = NonFinite::include) {
  std::vector<float> xs;
  for (uint64_t bits = 0; bits <= 0xffffffffULL; bits += stride) {
    float f;
    const uint32_t b = static_cast<uint32_t>(bits);
    std::memcpy(&f, &b, sizeof f);
    if (std::isfinite(f)) xs.push_back(f);
  }
  if (nonfinite == NonFinite::include) {
    for (uint32_t b : {0x7f800000u, 0xff800000u,                 // +Inf, -Inf
                       0x7fc00000u, 0xffc00000u,                 // quiet NaN, both signs
                       0x7fa00000u, 0x7f800001u, 0xff800001u,    // signalling payloads
                       0x7fffffffu, 0xffffffffu}) {
      float f;
      std::memcpy(&f, &b, sizeof f);
      xs.push_back(f);
    }
  }
  const float specials[] = {0.0f, -0.0f, std::numeric_limits<float>::denorm_min(), -std::numeric_limits<float>::denorm_min(),
                            std::numeric_limits<float>::min(), 1e-30f, -1e-30f, 15.0f, -15.0f, 88.0f, -88.0f, 89.0f,
                            -89.0f, 1e4f, -1e4f, std::numeric_limits<float>::max(), -std::numeric_limits<float>::max()};
  xs.insert(xs.end(), std::begin(specials), std::end(specials));
  return xs;
}

}  // namespace alab::testing
