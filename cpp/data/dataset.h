// Built-in datasets: seeded generators in TensorFlow Playground's style and
// coordinate range ([−6, 6]), split into training and test sets.
//
//   circle       2-D, 2 classes: inside r < 2.5 (label 1) vs ring 3.5..5 (label 0);
//                noise shifts the point used for labelling by U(−5, 5)·noise
//   xor          2-D, 2 classes: label 1 when x·y ≥ 0; coordinates U(−5, 5) pushed 0.3
//                away from the axes; labelling noise U(−5, 5)·noise
//   gauss        2-D, 2 classes: N((2, 2), v) label 1, N((−2, −2), v) label 0,
//                variance v = 0.5 + 7·noise (Playground's 0.5..4 over noise 0..0.5)
//   spiral       2-D, 2 classes: two interleaved arms, r = 5 i/m, angle 1.75·2π i/m
//                (+π for label 0), coordinates + U(−1, 1)·noise
//   moons        2-D, 2 classes: scikit-learn's two half circles scaled by 3.5
//                (outer label 1), coordinates + N(0, (1.75·noise)²)
//   spiral_k     2-D, k classes (classes in [2, 8]): k spiral arms, labels 0..k−1
//   plane        2-D regression: y = (x1 + x2)/10 at the point shifted by U(−6, 6)·noise
//                (in [−1.2, 1.2] without noise)
//   multi_gauss  2-D regression: Playground's six signed Gaussian bumps, y in [−1, 1]
//   sine         1-D regression: x ~ U(−6, 6), y = sin x + U(−1, 1)·noise
//   shapeset     size×size grey images in [0, 1] (size in [8, 32], default 32), 9 classes:
//                Glorot & Bengio's Shapeset-3x2 (see shapeset.h); n·size² <= 16e6
// Classification labels are 0..classes−1 (to_tanh_labels maps 0/1 to −1/+1).
// All points are generated, shuffled (seeded) and the first
// round(n·trainFraction) (at least 1, at most n − 1) become the training set.
// Arguments: n in [4, 100000], noise in [0, 1], trainFraction in (0, 1).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace alab::data {

struct Dataset {
  std::string name;
  int inputs = 2;
  int classes = 2;  // 0 for regression
  std::vector<float> x, y;            // (n_train, inputs) row-major, (n_train)
  std::vector<float> test_x, test_y;  // (n_test, inputs), (n_test)
  int n_train() const { return static_cast<int>(y.size()); }
  int n_test() const { return static_cast<int>(test_y.size()); }
};

// The generator names, in the order dataset_names() and lab.schema list them.
inline constexpr const char* kDatasetNames[] = {"circle", "xor",   "gauss",       "spiral", "moons",
                                                "spiral_k", "plane", "multi_gauss", "sine",   "shapeset"};

// The options of lab.dataset(name, options), with their defaults (validated
// by the field table in cpp/api/config_schema.cpp).
struct DatasetOptions {
  int n = 400;
  double noise = 0.0;
  uint32_t seed = 1;
  double train_fraction = 0.5;
  int classes = 3;  // spiral_k only
  int size = 32;    // shapeset only
};

// Throws alab::InvalidArgument naming the argument and what is allowed.
// `classes` is read by spiral_k only, `size` by shapeset only.
Dataset make_dataset(const std::string& name, int n, double noise, uint32_t seed, double train_fraction = 0.5,
                     int classes = 3, int size = 32);

Dataset make_dataset(const std::string& name, const DatasetOptions& o);

// "circle, xor, gauss, spiral, moons, spiral_k, plane, multi_gauss, sine, shapeset"
std::string dataset_names();

// 0/1 labels to −1/+1 (for tanh heads).
std::vector<float> to_tanh_labels(const std::vector<float>& y);

}  // namespace alab::data
