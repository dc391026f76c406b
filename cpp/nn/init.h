// Weight initialisations of a dense layer (weights (out, in) row-major, bias (out)).
//
//   uniform   w ~ U[-0.5, 0.5]                         (TensorFlow Playground)
//   standard  w ~ U[-1/√in, 1/√in]                     (Glorot & Bengio 2010, eq. 1)
//   xavier    w ~ U[-√6/√(in+out), √6/√(in+out)]       (Glorot & Bengio 2010, eq. 16)
//   he        w ~ N(0, 2/in)                           (He et al. 2015)
//   lecun     w ~ N(0, 1/in)                           (LeCun 1998; for SELU)
//   rai       per unit, [w_j; b_j] ~ N(0, 0.6007²/in), then one of the in + 1
//             entries, chosen uniformly, is replaced by a Beta(2, 1) sample
//             (Lu et al. 2019, "Dying ReLU and Initialization", Algorithm 1)
// `gain` multiplies every drawn value afterwards (weights, and rai's biases):
// gain 4-8 puts sigmoid and tanh units at their asymptotes from step 0. At
// gain 1 nothing is multiplied, so the draws keep their bits.
// Biases are set to `bias_init` for every kind but rai. Draws come from `rng`
// in row-major order (unit by unit), so one seed gives one network everywhere.
#pragma once

#include "core/rng.h"
#include "nn/config.h"

namespace alab::nn {

void init_dense(InitKind kind, float* w, float* b, int out, int in, float bias_init, Rng& rng, float gain = 1.0f);

}  // namespace alab::nn
