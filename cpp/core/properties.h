// The seed document's properties of a good activation function, measured on
// the library's own kernels (never typed into a table): probing forward and
// derivative on dense grids tells whether an activation is nonlinear,
// differentiable, monotonic, the identity near 0, bounded, and zero-centred.
#pragma once

#include <vector>

#include "activations.h"

namespace alab {

struct ActivationProperties {
  bool nonlinear;            // f(a x + b y) != a f(x) + b f(y) somewhere
  bool differentiable;       // f' continuous on [-20, 20] (no jump found)
  std::vector<float> kinks;  // where f' jumps (e.g. {0} for relu), rounded to 1e-3
  bool monotonic;            // f' >= 0 everywhere probed
  bool identity_near_origin; // f(0) = 0 and f'(0-) = f'(0+) = 1
  float value_at_zero;       // f(0)
  float slope_left_of_zero;  // f'(-1e-4)
  float slope_right_of_zero; // f'(+1e-4)
  bool bounded_below, bounded_above;
  float lower_bound, upper_bound;  // infimum / supremum (±Inf when unbounded)
  bool zero_centred;         // E[f(z)] = 0 for z ~ N(0, 1) (|mean| < 1e-3)
  float mean_on_standard_normal;
};

// max |f'(x)| over [-20, 20] in steps of 0.01: the scale of "saturated"
// (|f'| < 5 % of it) in the trainers' diagnostics.
float max_abs_derivative(const ActivationInfo& info, const ActivationParams& params);

// Probes the activation with the given parameters (rrelu in evaluation mode).
ActivationProperties measure_properties(const ActivationInfo& info, const ActivationParams& params);

}  // namespace alab
