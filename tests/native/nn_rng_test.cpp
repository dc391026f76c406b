// The seeded generator (core/rng.h): reproducibility, known first outputs,
// and the moments of its uniform, normal and Beta(2, 1) samplers.
#include <gtest/gtest.h>

#include <cmath>

#include "core/rng.h"

namespace alab {
namespace {

TEST(Rng, Pcg32ReferenceSequence) {
  // pcg32_srandom(42, 54) from the PCG reference implementation (pcg32-demo).
  Rng rng(42, 54);
  const uint32_t expected[] = {0xa15c02b7, 0x7b47f409, 0xba1d3330, 0x83d2f293, 0xbfa4784b, 0xcbed606e};
  for (uint32_t e : expected) EXPECT_EQ(rng.next_u32(), e);
}

TEST(Rng, StreamsAndSeedsDiffer) {
  Rng a(1, 0), b(1, 1), c(2, 0);
  const uint32_t x = a.next_u32();
  EXPECT_NE(x, b.next_u32());
  EXPECT_NE(x, c.next_u32());
}

TEST(Rng, SamplerMoments) {
  Rng rng(3, 3);
  constexpr int n = 200000;
  double su = 0, sn = 0, sn2 = 0, sn4 = 0, sb = 0, sb2 = 0;
  uint32_t counts[7] = {};
  for (int i = 0; i < n; ++i) {
    const double u = rng.uniform();
    ASSERT_TRUE(u >= 0.0 && u < 1.0);
    su += u;
    const double z = rng.normal();
    sn += z;
    sn2 += z * z;
    sn4 += z * z * z * z;
    const double b = rng.beta21();
    sb += b;
    sb2 += b * b;
    ++counts[rng.below(7)];
  }
  EXPECT_NEAR(su / n, 0.5, 0.003);
  EXPECT_NEAR(sn / n, 0.0, 0.01);
  EXPECT_NEAR(sn2 / n, 1.0, 0.015);
  EXPECT_NEAR(sn4 / n, 3.0, 0.08);       // normal kurtosis
  EXPECT_NEAR(sb / n, 2.0 / 3.0, 0.003);  // Beta(2,1): mean 2/3
  EXPECT_NEAR(sb2 / n, 0.5, 0.003);       // E b² = 1/2
  for (uint32_t c : counts) EXPECT_NEAR(c, n / 7.0, 5 * std::sqrt(n / 7.0));
}

}  // namespace
}  // namespace alab
