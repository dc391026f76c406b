// The dense kernels against a scalar reference written from the order that
// dense.h promises (bias first, then k = 0, 1, ...; batch sums as four lane
// sums combined (l0 + l1) + (l2 + l3)): bit-exact for every blocking path
// (row counts not divisible by the block, 4 to 28 and 64 columns, ld > cols).
#include <gtest/gtest.h>

#include <cstring>
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

float lane_order_dot(const float* x, const float* y, int cols) {
  float lane[4] = {0.0f, 0.0f, 0.0f, 0.0f};
  for (int c = 0; c < cols; ++c) lane[c % 4] += x[c] * y[c];
  return (lane[0] + lane[1]) + (lane[2] + lane[3]);
}

struct Case {
  int in, out, cols, ld;
};

class DenseKernels : public ::testing::TestWithParam<Case> {};

TEST_P(DenseKernels, MatchScalarReferenceBitForBit) {
  const auto [in, out, cols, ld] = GetParam();
  alab::Rng rng(7, static_cast<uint64_t>(in * 1000 + out * 100 + cols));
  auto fill = [&](std::size_t n) {
    std::vector<float> v(n);
    for (float& x : v) x = rng.normal();
    return v;
  };
  const std::vector<float> a = fill(static_cast<std::size_t>(in) * ld), w = fill(static_cast<std::size_t>(out) * in),
                           b = fill(out), dz = fill(static_cast<std::size_t>(out) * ld);
  std::vector<float> dw = fill(w.size()), db = fill(out);  // backward accumulates into them
  std::vector<float> z(static_cast<std::size_t>(out) * ld, -7.0f), da(static_cast<std::size_t>(in) * ld, -7.0f);
  std::vector<float> dw_want = dw, db_want = db;

  dense_forward(a.data(), w.data(), b.data(), z.data(), in, out, cols, ld);
  dense_backward(a.data(), w.data(), dz.data(), dw.data(), db.data(), da.data(), in, out, cols, ld);

  for (int j = 0; j < out; ++j)
    for (int c = 0; c < cols; ++c) {
      float want = b[j];
      for (int k = 0; k < in; ++k) want += w[j * in + k] * a[static_cast<std::size_t>(k) * ld + c];
      ASSERT_EQ(bits(z[static_cast<std::size_t>(j) * ld + c]), bits(want)) << "z[" << j << "][" << c << "]";
    }
  std::vector<float> ones(cols, 1.0f);
  for (int j = 0; j < out; ++j) {
    const float* dzj = &dz[static_cast<std::size_t>(j) * ld];
    for (int k = 0; k < in; ++k) dw_want[j * in + k] += lane_order_dot(dzj, &a[static_cast<std::size_t>(k) * ld], cols);
    db_want[j] += lane_order_dot(dzj, ones.data(), cols);
  }
  for (std::size_t i = 0; i < dw.size(); ++i) ASSERT_EQ(bits(dw[i]), bits(dw_want[i])) << "dw[" << i << "]";
  for (int j = 0; j < out; ++j) ASSERT_EQ(bits(db[j]), bits(db_want[j])) << "db[" << j << "]";
  for (int k = 0; k < in; ++k)
    for (int c = 0; c < cols; ++c) {
      float want = 0.0f;
      for (int j = 0; j < out; ++j) want += w[j * in + k] * dz[static_cast<std::size_t>(j) * ld + c];
      ASSERT_EQ(bits(da[static_cast<std::size_t>(k) * ld + c]), bits(want)) << "da[" << k << "][" << c << "]";
    }
  // Columns [cols, ld) are not written.
  for (int j = 0; j < out; ++j)
    for (int c = cols; c < ld; ++c) ASSERT_EQ(z[static_cast<std::size_t>(j) * ld + c], -7.0f);
}

std::vector<Case> cases() {
  std::vector<Case> v;
  for (int rows : {1, 2, 3, 4, 5, 7, 8, 9})
    for (int cols : {4, 8, 12, 16, 20, 28, 64}) {
      v.push_back({rows, rows, cols, cols});
      v.push_back({rows + 2, rows, cols, cols + 8});  // in != out, ld > cols
      v.push_back({rows, 2 * rows + 1, cols, cols});
    }
  return v;
}

INSTANTIATE_TEST_SUITE_P(Sizes, DenseKernels, ::testing::ValuesIn(cases()), [](const auto& info) {
  const Case& c = info.param;
  return "in" + std::to_string(c.in) + "_out" + std::to_string(c.out) + "_cols" + std::to_string(c.cols) + "_ld" +
         std::to_string(c.ld);
});

}  // namespace
