// The dense kernels against a scalar reference written from the order that
// dense.h promises (bias first, then k = 0, 1, ...; batch sums as four lane
// sums combined (l0 + l1) + (l2 + l3)): bit-exact for every blocking path
// (row counts not divisible by the block, 1 to 28 and 62 to 64 columns, packed
// rows ld = n and ld > n). Columns past n (the next row's, the padding, the
// slack after the last row) hold NaN where the kernels may read them: no
// result may depend on them, and no store may reach them.
#include <gtest/gtest.h>

#include <cstring>
#include <limits>
#include <vector>

#include "core/rng.h"
#include "nn/dense.h"

namespace {

using alab::nn::dense_backward;
using alab::nn::dense_forward;

uint32_t bits(float v) {
  uint32_t u;
  std::memcpy(&u, &v, sizeof u);
  return u;
}

float lane_order_dot(const float* x, const float* y, int n) {
  float lane[4] = {0.0f, 0.0f, 0.0f, 0.0f};
  for (int c = 0; c < n; ++c) lane[c % 4] += x[c] * y[c];
  return (lane[0] + lane[1]) + (lane[2] + lane[3]);
}

struct Case {
  int in, out, n, ld;
};

class DenseKernels : public ::testing::TestWithParam<Case> {};

constexpr int kSlack = 4;  // floats readable after the last row (dense.h)

TEST_P(DenseKernels, MatchScalarReferenceBitForBit) {
  const auto [in, out, n, ld] = GetParam();
  alab::Rng rng(7, static_cast<uint64_t>(in * 1000 + out * 100 + n * 7 + ld));
  const float nan = std::numeric_limits<float>::quiet_NaN();
  // rows × ld floats plus slack; columns [0, n) random, the rest NaN.
  auto matrix = [&](int rows) {
    std::vector<float> v(static_cast<std::size_t>(rows) * ld + kSlack, nan);
    for (int r = 0; r < rows; ++r)
      for (int c = 0; c < n; ++c) v[static_cast<std::size_t>(r) * ld + c] = rng.normal();
    return v;
  };
  auto fill = [&](std::size_t count) {
    std::vector<float> v(count);
    for (float& x : v) x = rng.normal();
    return v;
  };
  const std::vector<float> a = matrix(in), dz = matrix(out), w = fill(static_cast<std::size_t>(out) * in), b = fill(out);
  std::vector<float> dw = fill(w.size()), db = fill(out);  // backward accumulates into them
  std::vector<float> z(static_cast<std::size_t>(out) * ld + kSlack, -7.0f),
      da(static_cast<std::size_t>(in) * ld + kSlack, -7.0f);
  std::vector<float> dw_want = dw, db_want = db;

  dense_forward(a.data(), w.data(), b.data(), z.data(), in, out, n, ld);
  dense_backward(a.data(), w.data(), dz.data(), dw.data(), db.data(), da.data(), in, out, n, ld);

  for (int j = 0; j < out; ++j)
    for (int c = 0; c < n; ++c) {
      float want = b[j];
      for (int k = 0; k < in; ++k) want += w[j * in + k] * a[static_cast<std::size_t>(k) * ld + c];
      ASSERT_EQ(bits(z[static_cast<std::size_t>(j) * ld + c]), bits(want)) << "z[" << j << "][" << c << "]";
    }
  std::vector<float> ones(n, 1.0f);
  for (int j = 0; j < out; ++j) {
    const float* dzj = &dz[static_cast<std::size_t>(j) * ld];
    for (int k = 0; k < in; ++k) dw_want[j * in + k] += lane_order_dot(dzj, &a[static_cast<std::size_t>(k) * ld], n);
    db_want[j] += lane_order_dot(dzj, ones.data(), n);
  }
  for (std::size_t i = 0; i < dw.size(); ++i) ASSERT_EQ(bits(dw[i]), bits(dw_want[i])) << "dw[" << i << "]";
  for (int j = 0; j < out; ++j) ASSERT_EQ(bits(db[j]), bits(db_want[j])) << "db[" << j << "]";
  for (int k = 0; k < in; ++k)
    for (int c = 0; c < n; ++c) {
      float want = 0.0f;
      for (int j = 0; j < out; ++j) want += w[j * in + k] * dz[static_cast<std::size_t>(j) * ld + c];
      ASSERT_EQ(bits(da[static_cast<std::size_t>(k) * ld + c]), bits(want)) << "da[" << k << "][" << c << "]";
    }
  // Columns [n, ld) and the slack are not written.
  for (int j = 0; j < out; ++j)
    for (int c = n; c < ld; ++c) ASSERT_EQ(z[static_cast<std::size_t>(j) * ld + c], -7.0f) << "z[" << j << "][" << c << "]";
  for (int k = 0; k < in; ++k)
    for (int c = n; c < ld; ++c) ASSERT_EQ(da[static_cast<std::size_t>(k) * ld + c], -7.0f) << "da[" << k << "][" << c << "]";
  for (int i = 0; i < kSlack; ++i) {
    ASSERT_EQ(z[static_cast<std::size_t>(out) * ld + i], -7.0f) << "z slack " << i;
    ASSERT_EQ(da[static_cast<std::size_t>(in) * ld + i], -7.0f) << "da slack " << i;
  }
}

TEST(DenseKernels, DotColumnsMasksLanesPastN) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  for (int n = 1; n <= 9; ++n) {
    std::vector<float> x(12, nan), y(12, nan);
    for (int c = 0; c < n; ++c) {
      x[c] = 0.5f + static_cast<float>(c);
      y[c] = 1.0f / static_cast<float>(c + 3);
    }
    EXPECT_EQ(bits(alab::nn::dot_columns(x.data(), y.data(), n)), bits(lane_order_dot(x.data(), y.data(), n))) << n;
  }
}

std::vector<Case> cases() {
  std::vector<Case> v;
  for (int rows : {1, 2, 3, 4, 5, 7, 8, 9})
    for (int n : {1, 2, 3, 4, 5, 8, 10, 12, 13, 16, 19, 20, 28, 62, 63, 64}) {
      v.push_back({rows, rows, n, n});                       // packed rows
      v.push_back({rows + 2, rows, n, ((n + 3) & ~3) + 8});  // in != out, padded rows
      v.push_back({rows, 2 * rows + 1, n, n});
    }
  return v;
}

INSTANTIATE_TEST_SUITE_P(Sizes, DenseKernels, ::testing::ValuesIn(cases()), [](const auto& info) {
  const Case& c = info.param;
  return "in" + std::to_string(c.in) + "_out" + std::to_string(c.out) + "_n" + std::to_string(c.n) + "_ld" +
         std::to_string(c.ld);
});

}  // namespace
