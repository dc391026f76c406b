// Parameter updates over one contiguous block (SIMD, element-wise, so the
// result of an element never depends on its position).
//
//   sgd       p −= lr g
//   momentum  v = μ v + g;  p −= lr v            (Nesterov: p −= lr (g + μ v))
//   adam      m = β1 m + (1−β1) g;  v = β2 v + (1−β2) g²;
//             p −= lr_t m / (√v + ε),  lr_t = lr √(1−β2^t) / (1−β1^t)
//             (Kingma & Ba 2015, the bias correction folded into the step size)
// Weight decay and clipping act on g before these (see Network::train).
#pragma once

#include <cstddef>

#include "nn/config.h"

namespace alab::nn {

inline constexpr float kAdamBeta1 = 0.9f;
inline constexpr float kAdamBeta2 = 0.999f;
inline constexpr float kAdamEpsilon = 1e-8f;

// Floats of optimizer state per parameter: 0 (sgd), 1 (momentum), 2 (adam).
int optimizer_state_per_param(OptimizerKind kind);

// One update of n parameters in place. `state` holds
// optimizer_state_per_param · n floats (velocity, or m then v). beta1_power,
// beta2_power are β1^t, β2^t for the 1-based step t (adam's bias correction),
// kept by the caller as running products in double so that no pow() (libm)
// is needed. When p_before / state_before are not null, the values before the
// update are copied there in the same pass (the network's divergence
// snapshot; the parameter block itself stays where it is, so a JS view of it
// stays valid). Returns true when every new parameter and state value is
// finite (all_finite over both, in the same pass).
bool optimizer_update(OptimizerKind kind, float* p, const float* g, float* state, std::size_t n, float lr,
                      float momentum, bool nesterov, double beta1_power, double beta2_power,
                      float* p_before = nullptr, float* state_before = nullptr);

// g[i] *= s
void scale_in_place(float* g, std::size_t n, float s);
// g[i] += s * p[i]
void add_scaled(float* g, const float* p, std::size_t n, float s);
// Σ x² in double, in index order.
double sum_squares(const float* x, std::size_t n);
// True when every value is finite.
bool all_finite(const float* x, std::size_t n);

}  // namespace alab::nn
