// LayerStats (nn/layer_stats.h) against a plain pair-by-pair reference of the
// report's definitions: the vector pass, the double sums in pair order, the
// histograms and the percentiles' radix selection must give exactly what the
// definitions give, bit for bit, for NaN, ±inf, ±0, subnormals, values on the
// bin edges, runs below, at and above the vector width and the run length,
// both layouts (MLP rows, GCN node rows) and a keep stride above 1; an
// object reused through reset() gives what a new one gives.
#include <gtest/gtest.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "core/rng.h"
#include "nn/layer_stats.h"

namespace alab::nn {
namespace {

uint64_t bits(double v) {
  uint64_t u;
  std::memcpy(&u, &v, sizeof u);
  return u;
}

// [p2, p50, p98] by sorting (the definition).
std::array<double, 3> sorted_percentiles(std::vector<float> v) {
  std::array<double, 3> out{0, 0, 0};
  if (v.empty()) return out;
  std::sort(v.begin(), v.end());
  const double ps[3] = {0.02, 0.50, 0.98};
  for (int k = 0; k < 3; ++k) {
    const double rank = ps[k] * static_cast<double>(v.size() - 1);
    const std::size_t lo = static_cast<std::size_t>(std::floor(rank));
    const double vlo = v[lo], vhi = lo + 1 < v.size() ? v[lo + 1] : vlo;
    out[k] = vlo + (rank - static_cast<double>(lo)) * (vhi - vlo);
  }
  return out;
}

// The statistics pair by pair, as the report defines them.
struct Reference {
  SaturationRegions regions;
  long stride;
  double sz = 0, sz2 = 0, sa = 0, sa2 = 0, sd = 0;
  long pairs = 0, saturated = 0, inactive = 0, since = 0;
  std::vector<char> alive;
  std::vector<long> saturated_by_unit, active_by_unit;
  std::vector<uint32_t> histogram = std::vector<uint32_t>(kHistogramBins, 0);
  std::vector<float> kept;

  Reference(int units, SaturationRegions r, long s)
      : regions(r), stride(s), alive(units, 0), saturated_by_unit(units, 0), active_by_unit(units, 0) {}

  void add(int unit, float z, float a, float d) {
    const float zc = LayerStats::finite_or_clamped(z), ac = LayerStats::finite_or_clamped(a);
    const float ad = LayerStats::finite_or_clamped(d < 0 ? -d : d);
    sz += zc;
    sz2 += static_cast<double>(zc) * zc;
    sa += ac;
    sa2 += static_cast<double>(ac) * ac;
    sd += ad;
    const bool sat = regions.saturated(zc), active = ad != 0.0f;
    saturated += sat;
    saturated_by_unit[unit] += sat;
    alive[unit] |= static_cast<char>(active);
    active_by_unit[unit] += active;
    inactive += !sat && !active;
    ++histogram[LayerStats::histogram_bin(zc)];
    if (++since == stride) {
      kept.push_back(ac);
      since = 0;
    }
    ++pairs;
  }

  LayerReport finish(long samples) const {
    LayerReport out;
    const double n = static_cast<double>(std::max(1L, pairs));
    out.pre_mean = sz / n;
    out.pre_std = std::sqrt(std::max(0.0, sz2 / n - out.pre_mean * out.pre_mean));
    out.act_mean = sa / n;
    out.act_std = std::sqrt(std::max(0.0, sa2 / n - out.act_mean * out.act_mean));
    out.saturated_fraction = saturated / n;
    out.inactive_fraction = inactive / n;
    out.mean_abs_derivative = sd / n;
    for (int j = 0; j < static_cast<int>(alive.size()); ++j) {
      if (!alive[j]) out.dead_units.push_back(j);
      else if (saturated_by_unit[j] * 10 >= samples * 9) out.saturated_units.push_back(j);
    }
    out.dead_fraction = alive.empty() ? 0.0 : static_cast<double>(out.dead_units.size()) / alive.size();
    out.histogram = histogram;
    out.act_percentiles = sorted_percentiles(kept);
    return out;
  }
};

void expect_same(const LayerReport& got, const LayerReport& want, const std::string& what) {
  const double g[] = {got.pre_mean, got.pre_std, got.act_mean, got.act_std, got.saturated_fraction,
                      got.inactive_fraction, got.dead_fraction, got.mean_abs_derivative, got.act_percentiles[0],
                      got.act_percentiles[1], got.act_percentiles[2]};
  const double w[] = {want.pre_mean, want.pre_std, want.act_mean, want.act_std, want.saturated_fraction,
                      want.inactive_fraction, want.dead_fraction, want.mean_abs_derivative, want.act_percentiles[0],
                      want.act_percentiles[1], want.act_percentiles[2]};
  for (int k = 0; k < 11; ++k) EXPECT_EQ(bits(g[k]), bits(w[k])) << what << " field " << k << ": " << g[k] << " vs " << w[k];
  EXPECT_EQ(got.histogram, want.histogram) << what;
  EXPECT_EQ(got.dead_units, want.dead_units) << what;
  EXPECT_EQ(got.saturated_units, want.saturated_units) << what;
}

// Values of every kind the statistics treat specially.
float awkward(Rng& rng) {
  static const float special[] = {std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity(),
                                  -std::numeric_limits<float>::infinity(), 0.0f, -0.0f, FLT_MAX, -FLT_MAX,
                                  FLT_MIN / 4, -FLT_MIN / 4, -6.0f, 6.0f, -5.6f, 5.6f, 1.0f, -1.0f, 0.4f};
  const uint32_t pick = rng.next_u32() % 40;
  if (pick < 16) return special[pick];
  if (pick < 20) return static_cast<float>(rng.uniform() * 14.0 - 7.0);   // around the histogram range
  if (pick < 24) return std::ldexp(static_cast<float>(rng.uniform()), static_cast<int>(rng.next_u32() % 80) - 40);
  return static_cast<float>(rng.uniform() * 2.0 - 1.0);
}

TEST(LayerStats, MatchesThePairByPairDefinitionOnEveryKindOfValue) {
  SaturationRegions tails;
  tails.below = -2.5f;
  tails.above = 3.0f;
  const SaturationRegions none;
  Rng rng(20261201);
  int cases = 0;
  // One object through every case (reset() between them), beside a new one per case.
  LayerStats reused(5, tails, 2, 1000);
  for (const SaturationRegions& regions : {tails, none})
    for (long stride : {1L, 3L})
      for (int units : {1, 3, 8, 33})
        for (int samples : {1, 3, 4, 5, 255, 256, 257, 600})
          for (bool mlp : {true, false}) {
            // Two blocks (chunks) of the same layer; MLP rows padded to ld, GCN rows of `units`.
            LayerStats stats(units, regions, stride, mlp ? 0 : static_cast<long>(units) * samples);
            reused.reset(units, regions, stride, mlp ? static_cast<long>(units) * samples : 0);
            Reference ref(units, regions, stride);
            for (int block = 0; block < 2; ++block) {
              const int ld = (samples + 3) & ~3;
              const std::size_t size = static_cast<std::size_t>(units) * (mlp ? ld : samples);
              std::vector<float> z(size), a(size), d(size);
              for (std::size_t i = 0; i < size; ++i) {
                z[i] = awkward(rng);
                a[i] = awkward(rng);
                d[i] = rng.next_u32() % 3 == 0 ? 0.0f : awkward(rng);
              }
              if (mlp) {
                stats.add_block(z.data(), a.data(), d.data(), 0, units, samples, ld, 1, true);
                reused.add_block(z.data(), a.data(), d.data(), 0, units, samples, ld, 1, true);
                for (int j = 0; j < units; ++j)
                  for (int c = 0; c < samples; ++c) {
                    const std::size_t e = static_cast<std::size_t>(j) * ld + c;
                    ref.add(j, z[e], a[e], d[e]);
                  }
              } else {
                stats.add_block(z.data(), a.data(), d.data(), 0, units, samples, 1, units, false);
                reused.add_block(z.data(), a.data(), d.data(), 0, units, samples, 1, units, false);
                for (int c = 0; c < samples; ++c)
                  for (int j = 0; j < units; ++j) {
                    const std::size_t e = static_cast<std::size_t>(c) * units + j;
                    ref.add(j, z[e], a[e], d[e]);
                  }
              }
            }
            const std::string what = "units " + std::to_string(units) + " samples " + std::to_string(samples) +
                                     (mlp ? " mlp" : " gcn") + " stride " + std::to_string(stride);
            for (int j = 0; j < units; ++j) {
              EXPECT_EQ(stats.active_pairs(j), ref.active_by_unit[j]) << what << " unit " << j;
              EXPECT_EQ(reused.active_pairs(j), ref.active_by_unit[j]) << what << " unit " << j << " (reused)";
            }
            const LayerReport want = ref.finish(2L * samples);
            LayerReport got, got_reused;
            stats.finish(got, 2L * samples);
            reused.finish(got_reused, 2L * samples);
            expect_same(got, want, what);
            expect_same(got_reused, want, what + " (reused)");
            ++cases;
          }
  EXPECT_EQ(cases, 2 * 2 * 4 * 8 * 2);
}

TEST(LayerStats, SinglePairsAddLikeBlocks) {
  SaturationRegions regions;
  regions.above = 2.0f;
  LayerStats stats(2, regions, 1);
  Reference ref(2, regions, 1);
  Rng rng(7);
  for (int i = 0; i < 300; ++i) {
    const float z = awkward(rng), a = awkward(rng), d = awkward(rng);
    stats.add(i % 2, z, a, d);
    ref.add(i % 2, z, a, d);
  }
  LayerReport got;
  stats.finish(got, 150);
  expect_same(got, ref.finish(150), "add()");
}

TEST(LayerStats, PercentilesEqualTheSortedDefinition) {
  Rng rng(99);
  for (int n : {1, 2, 3, 31, 32, 33, 50, 101, 1000, 2000, 2001, 5000}) {
    for (int kind = 0; kind < 6; ++kind) {
      std::vector<float> v(n);
      for (float& x : v) {
        switch (kind) {
          case 0: x = static_cast<float>(rng.uniform() * 2 - 1); break;                  // spread
          case 1: x = rng.next_u32() % 2 ? 1.0f : -1.0f; break;                           // two values
          case 2: x = rng.next_u32() % 3 == 0 ? 0.0f : (rng.next_u32() % 2 ? -0.0f : 0.5f); break;  // signed zeros
          case 3:  // many binades, both signs
            x = std::ldexp(1.0f + static_cast<float>(rng.uniform()), static_cast<int>(rng.next_u32() % 200) - 100);
            if (rng.next_u32() % 2) x = -x;
            break;
          case 4: x = LayerStats::finite_or_clamped(awkward(rng)); break;                 // the clamped extremes
          default: {  // tanh-like: clusters at and just below +-1 (deep buckets), a spread between
            const uint32_t pick = rng.next_u32() % 10;
            const float sign = rng.next_u32() % 2 ? 1.0f : -1.0f;
            if (pick < 2) x = sign;
            else if (pick < 6) x = sign * (1.0f - std::ldexp(static_cast<float>(rng.uniform()), -static_cast<int>(rng.next_u32() % 20)));
            else x = static_cast<float>(rng.uniform() * 2 - 1);
          }
        }
      }
      const std::array<double, 3> want = sorted_percentiles(v), got = percentiles_2_50_98(v);
      for (int k = 0; k < 3; ++k) EXPECT_EQ(bits(got[k]), bits(want[k])) << "n " << n << " kind " << kind << " p" << k;
    }
  }
  // Keys order as the floats do and give them back (−0 as +0).
  for (float f : {-FLT_MAX, -1.0f, -FLT_MIN / 4, -0.0f, 0.0f, FLT_MIN / 4, 1.0f, FLT_MAX}) {
    EXPECT_EQ(key_value(order_key(f)), f);
    EXPECT_LE(order_key(-FLT_MAX), order_key(f));
  }
  EXPECT_EQ(order_key(-0.0f), order_key(0.0f));
  EXPECT_LT(order_key(-1.0f), order_key(-0.5f));
  EXPECT_LT(order_key(0.5f), order_key(1.0f));
}

}  // namespace
}  // namespace alab::nn
