// Dataset generators: shapes, ranges, labels, balance, determinism, validation.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "core/errors.h"
#include "data/dataset.h"
#include "data/det_math.h"

namespace alab::data {
namespace {

TEST(Data, DeterministicSinMatchesLibm) {
  for (double x = -20; x <= 20; x += 0.01) ASSERT_NEAR(det_sin(x), std::sin(x), 1e-13) << x;
  for (double x = -20; x <= 20; x += 0.01) ASSERT_NEAR(det_cos(x), std::cos(x), 1e-13) << x;
}

// Shapeset-3x2: 9 classes, grey images in [0, 1], one shape or two by class,
// seeded, at 32 x 32 and smaller.
TEST(Shapeset, ImagesLabelsAndSizes) {
  const Dataset d = make_dataset("shapeset", 900, 0.0, 5, 0.5);
  EXPECT_EQ(d.inputs, 1024);
  EXPECT_EQ(d.classes, 9);
  ASSERT_EQ(d.x.size(), 450u * 1024);
  std::vector<int> count(9, 0);
  std::vector<double> ink(9, 0.0);
  for (int i = 0; i < d.n_train(); ++i) {
    const int label = static_cast<int>(d.y[i]);
    ASSERT_TRUE(label >= 0 && label < 9);
    ++count[label];
    int lit = 0;
    for (int k = 0; k < 1024; ++k) {
      const float v = d.x[static_cast<std::size_t>(i) * 1024 + k];
      ASSERT_TRUE(v >= 0.0f && v <= 1.0f);
      lit += v > 0.0f;
    }
    EXPECT_GT(lit, 8) << "image " << i << " (class " << label << ") is nearly empty";
    EXPECT_LT(lit, 900) << "image " << i;
    ink[label] += lit;
  }
  for (int c = 0; c < 9; ++c) EXPECT_GT(count[c], 25) << c;  // uniform classes: 50 expected
  // Two shapes cover more pixels than one of the same kind, on average.
  for (int t = 0; t < 3; ++t) EXPECT_GT(ink[3 + t] / count[3 + t], 1.2 * ink[t] / count[t]) << t;
  // Seeded: same seed, same bits; another seed, other images.
  EXPECT_EQ(make_dataset("shapeset", 50, 0.1, 5, 0.5).x, make_dataset("shapeset", 50, 0.1, 5, 0.5).x);
  EXPECT_NE(make_dataset("shapeset", 50, 0.1, 5, 0.5).x, make_dataset("shapeset", 50, 0.1, 6, 0.5).x);
  const Dataset small = make_dataset("shapeset", 40, 0.2, 1, 0.5, 3, 12);
  EXPECT_EQ(small.inputs, 144);
  EXPECT_EQ(small.x.size(), 20u * 144);
  for (float v : small.x) ASSERT_TRUE(v >= 0.0f && v <= 1.0f);
  EXPECT_THROW(make_dataset("shapeset", 40, 0, 1, 0.5, 3, 7), InvalidArgument);
  EXPECT_THROW(make_dataset("shapeset", 40, 0, 1, 0.5, 3, 33), InvalidArgument);
  EXPECT_THROW(make_dataset("shapeset", 20000, 0, 1, 0.5, 3, 32), InvalidArgument);
  EXPECT_NO_THROW(make_dataset("shapeset", 15625, 0, 1, 0.5, 3, 32));
}

TEST(Data, EveryGeneratorHasShapeRangeAndLabels) {
  for (const char* name : {"circle", "xor", "gauss", "spiral", "moons", "spiral_k", "plane", "multi_gauss", "sine"}) {
    const Dataset d = make_dataset(name, 400, 0.1, 3, 0.75, 4);
    ASSERT_EQ(d.n_train(), 300) << name;
    ASSERT_EQ(d.n_test(), 100) << name;
    ASSERT_EQ(d.x.size(), 300u * d.inputs);
    ASSERT_EQ(d.test_x.size(), 100u * d.inputs);
    for (float v : d.x) ASSERT_TRUE(std::isfinite(v) && std::fabs(v) <= 12.0f) << name << " " << v;
    std::set<float> labels(d.y.begin(), d.y.end());
    labels.insert(d.test_y.begin(), d.test_y.end());
    if (d.classes > 0) {
      EXPECT_EQ(labels.size(), static_cast<std::size_t>(d.classes)) << name;
      for (float l : labels) EXPECT_TRUE(l == std::floor(l) && l >= 0 && l < d.classes) << name;
    } else {
      for (float l : labels) EXPECT_LE(std::fabs(l), 2.5f) << name;
    }
  }
  EXPECT_EQ(make_dataset("sine", 10, 0, 1).inputs, 1);
  EXPECT_EQ(make_dataset("spiral_k", 90, 0, 1, 0.5, 3).classes, 3);
  EXPECT_EQ(make_dataset("plane", 10, 0, 1).classes, 0);
}

TEST(Data, NoiselessLabelsFollowTheRule) {
  const Dataset c = make_dataset("circle", 1000, 0, 1, 0.5);
  for (int i = 0; i < c.n_train(); ++i) {
    const float r = std::hypot(c.x[2 * i], c.x[2 * i + 1]);
    EXPECT_EQ(c.y[i], r < 2.5f ? 1.0f : 0.0f);
  }
  const Dataset x = make_dataset("xor", 1000, 0, 1, 0.5);
  for (int i = 0; i < x.n_train(); ++i) EXPECT_EQ(x.y[i], x.x[2 * i] * x.x[2 * i + 1] >= 0 ? 1.0f : 0.0f);
  const Dataset p = make_dataset("plane", 100, 0, 1, 0.5);
  for (int i = 0; i < p.n_train(); ++i) EXPECT_NEAR(p.y[i], (p.x[2 * i] + p.x[2 * i + 1]) / 10.0f, 1e-6);
  int ones = 0;
  for (float l : c.y) ones += l == 1.0f;
  for (float l : c.test_y) ones += l == 1.0f;
  EXPECT_EQ(ones, 500);  // balanced classes
}

TEST(Data, DeterministicFromSeed) {
  const Dataset a = make_dataset("spiral", 200, 0.3, 7), b = make_dataset("spiral", 200, 0.3, 7);
  EXPECT_EQ(a.x, b.x);
  EXPECT_EQ(a.y, b.y);
  EXPECT_EQ(a.test_x, b.test_x);
  EXPECT_NE(make_dataset("spiral", 200, 0.3, 8).x, a.x);
}

TEST(Data, TanhLabels) { EXPECT_EQ(to_tanh_labels({0, 1, 1, 0}), (std::vector<float>{-1, 1, 1, -1})); }

TEST(Data, ValidatesArguments) {
  auto message = [](auto&& f) {
    try {
      f();
    } catch (const InvalidArgument& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message([] { make_dataset("circle", 3, 0, 1); }), "n must be an integer in [4, 100000]; got 3");
  EXPECT_EQ(message([] { make_dataset("circle", 10, 1.5, 1); }), "noise must be a number in [0, 1] (a fraction: 0.25 = 25%); got 1.5");
  EXPECT_EQ(message([] { make_dataset("circle", 10, 0, 1, 1.0); }), "trainFraction must be a number in (0, 1), e.g. 0.5; got 1");
  EXPECT_EQ(message([] { make_dataset("spiral_k", 10, 0, 1, 0.5, 9); }), "classes must be an integer in [2, 8] for spiral_k; got 9");
  EXPECT_EQ(message([] { make_dataset("donut", 10, 0, 1); }),
            "name must be one of circle, xor, gauss, spiral, moons, spiral_k, plane, multi_gauss, sine, shapeset; got \"donut\"");
  EXPECT_EQ(make_dataset("xor", 4, 0, 1, 0.01).n_train(), 1);  // at least one sample on each side
  EXPECT_EQ(make_dataset("xor", 4, 0, 1, 0.99).n_test(), 1);
}

}  // namespace
}  // namespace alab::data
