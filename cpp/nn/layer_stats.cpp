// LayerStats (see layer_stats.h).
#include "nn/layer_stats.h"

#include <algorithm>
#include <cfloat>
#include <cmath>

namespace alab::nn {

LayerStats::LayerStats(int units, const SaturationRegions& regions, long stride)
    : regions_(regions), stride_(std::max(1L, stride)), alive_(units, 0), saturated_by_unit_(units, 0),
      histogram_(kHistogramBins, 0) {}

std::array<double, 3> percentiles_2_50_98(std::vector<float>& v) {
  std::array<double, 3> out{0, 0, 0};
  if (v.empty()) return out;
  const double ps[3] = {0.02, 0.50, 0.98};
  const std::size_t n = v.size();
  // The order statistics are asked for in increasing rank. nth_element leaves
  // the r-th smallest value at r, whatever the algorithm (so the result is the
  // same in every standard library), and only larger-or-equal values after it:
  // the next rank is searched for among those alone.
  std::size_t start = 0;
  const auto order_statistic = [&](std::size_t r) {
    if (r >= start) {
      std::nth_element(v.begin() + static_cast<long>(start), v.begin() + static_cast<long>(r), v.end());
      start = r + 1;
    }
    return static_cast<double>(v[r]);
  };
  for (int k = 0; k < 3; ++k) {
    // Rank p (n − 1), interpolated between its two neighbours.
    const double rank = ps[k] * static_cast<double>(n - 1);
    const std::size_t lo = static_cast<std::size_t>(std::floor(rank));
    const double vlo = order_statistic(lo);
    const double vhi = lo + 1 < n ? order_statistic(lo + 1) : vlo;
    out[k] = vlo + (rank - static_cast<double>(lo)) * (vhi - vlo);
  }
  return out;
}

std::vector<std::vector<char>> dead_flags(const std::vector<LayerReport>& layers, const std::vector<int>& widths) {
  std::vector<std::vector<char>> dead(layers.size());
  for (std::size_t l = 0; l < layers.size(); ++l) {
    dead[l].assign(static_cast<std::size_t>(widths[l]), 0);
    for (int j : layers[l].dead_units) dead[l][static_cast<std::size_t>(j)] = 1;
  }
  return dead;
}

void append_unit_events(const std::vector<std::vector<char>>& before, const std::vector<std::vector<char>>& now,
                        const std::vector<std::vector<FiringRegion>>& regions, int64_t step, float learning_rate,
                        std::vector<UnitEvent>& events) {
  for (std::size_t l = 0; l < now.size() && l < before.size(); ++l)
    for (std::size_t j = 0; j < now[l].size(); ++j)
      if (now[l][j] != before[l][j])
        events.push_back({step, static_cast<int>(l), static_cast<int>(j), now[l][j] != 0, learning_rate, regions[l][j]});
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
