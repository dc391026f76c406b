// sin and cos for the dataset generators without libm: libm's last bits differ
// between glibc and Emscripten, and a dataset must be the same everywhere.
// Double precision, reduced to [−π, π] with floor (exact), then the Taylor
// series to x^25 (truncation error π^27/27! < 3e-15, far below float's ulp).
#pragma once

#include <cmath>

namespace alab::data {

inline double det_sin(double x) {
  constexpr double kTwoPi = 6.283185307179586477;
  const double r = x - kTwoPi * std::floor(x / kTwoPi + 0.5);
  const double r2 = r * r;
  // Horner form of r (1 − r²/(2·3) (1 − r²/(4·5) (1 − ...))), innermost term first.
  double s = 1.0;
  for (int k = 24; k >= 2; k -= 2) s = 1.0 - r2 / (static_cast<double>(k) * (k + 1)) * s;
  return r * s;
}

inline double det_cos(double x) { return det_sin(x + 1.5707963267948966192); }

}  // namespace alab::data
