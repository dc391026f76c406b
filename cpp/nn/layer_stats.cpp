// LayerStats (see layer_stats.h).
#include "nn/layer_stats.h"

#include <algorithm>
#include <cfloat>
#include <cmath>

namespace alab::nn {

LayerStats::LayerStats(int units, const SaturationRegions& regions, long stride)
    : regions_(regions), stride_(std::max(1L, stride)), alive_(units, 0), saturated_by_unit_(units, 0),
      histogram_(kHistogramBins, 0) {}

float LayerStats::finite_or_clamped(float v) {
  if (v != v) return 0.0f;
  return std::fmax(-FLT_MAX, std::fmin(FLT_MAX, v));
}

int LayerStats::histogram_bin(float z) {
  constexpr float kBinsPerUnit = kHistogramBins / (kHistogramMax - kHistogramMin);
  if (!(z >= kHistogramMin)) return 0;  // below the range (and NaN)
  if (z >= kHistogramMax) return kHistogramBins - 1;
  const int bin = static_cast<int>((z - kHistogramMin) * kBinsPerUnit);
  return std::min(bin, kHistogramBins - 1);
}

std::array<double, 3> percentiles_2_50_98(std::vector<float>& v) {
  std::array<double, 3> out{0, 0, 0};
  if (v.empty()) return out;
  const double ps[3] = {0.02, 0.50, 0.98};
  const std::size_t n = v.size();
  for (int k = 0; k < 3; ++k) {
    // Rank p (n − 1), interpolated between its two neighbours. nth_element
    // leaves the lo-th smallest value in place whatever the algorithm, so
    // the result is the same in every standard library.
    const double rank = ps[k] * static_cast<double>(n - 1);
    const std::size_t lo = static_cast<std::size_t>(std::floor(rank));
    std::nth_element(v.begin(), v.begin() + static_cast<long>(lo), v.end());
    const double vlo = v[lo];
    double vhi = vlo;
    if (lo + 1 < n) vhi = *std::min_element(v.begin() + static_cast<long>(lo) + 1, v.end());
    out[k] = vlo + (rank - static_cast<double>(lo)) * (vhi - vlo);
  }
  return out;
}

void LayerStats::finish(LayerReport& out, long samples) {
  const int units = static_cast<int>(alive_.size());
  const double pairs = static_cast<double>(std::max(1L, pairs_));
  out.pre_mean = sum_z_ / pairs;
  out.pre_std = std::sqrt(std::max(0.0, sum_z2_ / pairs - out.pre_mean * out.pre_mean));
  out.act_mean = sum_a_ / pairs;
  out.act_std = std::sqrt(std::max(0.0, sum_a2_ / pairs - out.act_mean * out.act_mean));
  out.saturated_fraction = saturated_ / pairs;
  out.inactive_fraction = inactive_ / pairs;
  out.mean_abs_derivative = sum_abs_d_ / pairs;
  out.dead_units.clear();
  out.saturated_units.clear();
  // A unit is marked saturated when it sits in a flat tail on at least 90 %
  // of the samples (a dead unit is listed as dead only).
  for (int j = 0; j < units; ++j) {
    if (!alive_[j]) out.dead_units.push_back(j);
    else if (saturated_by_unit_[j] * 10 >= samples * 9) out.saturated_units.push_back(j);
  }
  out.dead_fraction = units > 0 ? static_cast<double>(out.dead_units.size()) / units : 0.0;
  out.histogram = histogram_;
  out.act_percentiles = percentiles_2_50_98(kept_);
}

}  // namespace alab::nn
