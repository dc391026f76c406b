// The seed document's properties of a good activation function, measured on
// the library's own kernels (never typed into a table): probing forward and
// derivative on dense grids tells whether an activation is nonlinear,
// differentiable, monotonic, the identity near 0, bounded, and zero-centred.
#pragma once

#include <limits>
#include <vector>

#include "activations.h"

namespace alab {

// Where an activation saturates, measured on its own derivative kernel.
//
// A side (x < 0 or x > 0) ends in an asymptotically flat tail when f' tends
// to 0 there without being 0: |f'| falls below 5 % of max|f'| before ±20 and
// stays below, is not 0 on the whole side, and keeps shrinking (|f'(±40)| is
// at most half of |f'(±20)|). That is sigmoid, tanh and softsign on both
// sides, and softplus, elu, selu, gelu, silu and mish on the negative side.
// The tail starts at the outermost grid point (step 0.01) where |f'| reaches
// the 5 % scale: z <= below (or z >= above) is saturated.
// A side where f' is exactly 0 everywhere (relu's negative side, step) is
// not a tail: units there are inactive (f' = 0), not saturated. A constant
// small slope (leaky_relu's 0.01) is neither.
struct SaturationRegions {
  float below = -std::numeric_limits<float>::infinity();  // -Inf: the negative side does not saturate
  float above = std::numeric_limits<float>::infinity();   // +Inf: the positive side does not saturate
  bool inactive_below = false;  // f' == 0 on the whole negative side
  bool inactive_above = false;  // f' == 0 on the whole positive side
  // z in a saturated tail (false for NaN).
  bool saturated(float z) const { return z <= below || z >= above; }
};

struct ActivationProperties {
  bool nonlinear;            // f(a x + b y) != a f(x) + b f(y) somewhere
  bool differentiable;       // f continuous and f' continuous on [-20, 20] (no jump found)
  std::vector<float> kinks;  // where f' jumps (e.g. {0} for relu), rounded to 1e-3
  std::vector<float> jumps;  // where f itself jumps (e.g. {0} for step), rounded to 1e-3
  bool monotonic;            // f' >= 0 everywhere probed
  bool identity_near_origin; // f(0) = 0 and f'(0-) = f'(0+) = 1
  float value_at_zero;       // f(0)
  float slope_left_of_zero;  // f'(-1e-4)
  float slope_right_of_zero; // f'(+1e-4)
  bool bounded_below, bounded_above;
  float lower_bound, upper_bound;  // infimum / supremum (±Inf when unbounded)
  bool zero_centred;         // E[f(z)] = 0 for z ~ N(0, 1) (|mean| < 1e-3)
  float mean_on_standard_normal;
  SaturationRegions saturation;
};

// max |f'(x)| over [-20, 20] in steps of 0.01: the scale of "saturated"
// (|f'| < 5 % of it) in the trainers' diagnostics.
float max_abs_derivative(const ActivationInfo& info, const ActivationParams& params);

SaturationRegions saturation_regions(const ActivationInfo& info, const ActivationParams& params);

// Probes the activation with the given parameters (rrelu in evaluation mode).
ActivationProperties measure_properties(const ActivationInfo& info, const ActivationParams& params);

}  // namespace alab
