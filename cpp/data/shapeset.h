// Shapeset-3x2 (Glorot & Bengio 2010, section 2.1): grey images in [0, 1],
// each holding one or two shapes among triangle, parallelogram and ellipse,
// with random position, size, orientation, proportions and grey level, on a
// black background. 9 classes: the set of shape types in the image,
//   0 triangle, 1 parallelogram, 2 ellipse                     (one shape)
//   3 two triangles, 4 two parallelograms, 5 two ellipses,
//   6 triangle + parallelogram, 7 triangle + ellipse, 8 parallelogram + ellipse.
// The class is drawn uniformly first, then its shapes; the second shape is
// painted over the first (they may overlap, as in the paper's images).
// Pixels are sampled at their centres; noise adds U(−noise, noise) to every
// pixel, clamped to [0, 1]. Only det_math and sqrt: bit-identical everywhere.
#pragma once

#include <vector>

#include "core/rng.h"

namespace alab::data {

inline constexpr int kShapesetClasses = 9;

// Appends n images of size × size pixels (row-major, row 0 at the top) to x
// and their labels to y.
void shapeset_images(int n, int size, double noise, Rng& rng, std::vector<float>& x, std::vector<float>& y);

}  // namespace alab::data
