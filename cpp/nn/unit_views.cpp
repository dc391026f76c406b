// What each hidden unit computes, for the page's per-unit pictures:
//   unit_grid   every hidden unit's activation f(z) over the 2-D input plane
//               (the predict_grid points), one image per unit;
//   unit_stats  per unit over the diagnostics set: the shares of samples on
//               which it is active, inactive (f'(z) = 0) and saturated, and
//               its pre-activation histogram (the report's bins).
// Both run in evaluation mode (rrelu at its mean slope) and change nothing
// but the activation scratch buffers.
#include <algorithm>
#include <cfloat>
#include <cmath>

#include "core/errors.h"
#include "nn/network.h"

namespace alab::nn {
namespace {

// The report's bins (network_diagnostics.cpp): below / above the range go to
// the first / last bin, NaN to the first.
int histogram_bin(float z) {
  constexpr float kBinsPerUnit = kHistogramBins / (kHistogramMax - kHistogramMin);
  if (!(z >= kHistogramMin)) return 0;
  if (z >= kHistogramMax) return kHistogramBins - 1;
  return std::min(static_cast<int>((z - kHistogramMin) * kBinsPerUnit), kHistogramBins - 1);
}


}  // namespace

std::vector<float> Network::unit_grid(float xmin, float xmax, float ymin, float ymax, int resolution) {
  const std::vector<float> pts = grid_points(xmin, xmax, ymin, ymax, resolution);
  const int pixels = resolution * resolution;
  const int hidden = static_cast<int>(layers_.size()) - 1;
  long units = 0;
  for (int l = 0; l < hidden; ++l) units += layers_[l].out;
  if (units * pixels > kMaxUnitGridFloats)
    throw_range("resolution", resolution,
                "at most " + std::to_string(static_cast<long>(std::sqrt(static_cast<double>(kMaxUnitGridFloats) / units))) +
                    " for " + std::to_string(units) + " hidden units (units x resolution^2 <= 16000000)");
  std::vector<float> out(static_cast<std::size_t>(units) * pixels);
  for (int first = 0; first < pixels; first += cap_) {
    const int m = std::min(cap_, pixels - first);
    const int ld = (m + 3) & ~3;
    load_batch(pts.data(), nullptr, nullptr, m, first, ld);
    forward(m, ld, false);
    std::size_t unit = 0;
    for (int l = 0; l < hidden; ++l) {
      const Layer& L = layers_[l];
      for (int j = 0; j < L.out; ++j, ++unit)
        std::copy_n(&acts_[L.a + static_cast<std::size_t>(j) * ld], m, &out[unit * pixels + first]);
    }
  }
  return out;
}

std::vector<float> Network::unit_stats() {
  if (!has_data()) throw_type("data", "none", "set with setData() before unitStats");
  const int hidden = static_cast<int>(layers_.size()) - 1;
  const int total = std::min(kDiagnosticsSamples, n_train_);
  std::vector<std::size_t> base(hidden);
  std::size_t units = 0;
  for (int l = 0; l < hidden; ++l) {
    base[l] = units;
    units += layers_[l].out;
  }
  std::vector<double> counts(units * kUnitStatsStride, 0.0);
  for_each_diagnostics_batch([&](int l, int, int m, int ld, const float* z, const float*, const float* d) {
    const Layer& L = layers_[l];
    for (int j = 0; j < L.out; ++j) {
      const long row = static_cast<long>(j) * ld;
      double* c = &counts[(base[l] + j) * kUnitStatsStride];
      for (int k = 0; k < m; ++k) {
        // the report's definitions (layer_stats.h): a flat tail of a smooth
        // activation is saturation; f' = 0 elsewhere is inactive
        const float dv = std::fabs(d[row + k]);
        if (L.regions.saturated(z[row + k])) c[2] += 1;
        else if (dv == 0.0f || dv != dv) c[1] += 1;
        else c[0] += 1;
        c[3 + histogram_bin(z[row + k])] += 1;
      }
    }
  });
  std::vector<float> out(counts.size());
  for (std::size_t u = 0; u < units; ++u)
    for (int k = 0; k < kUnitStatsStride; ++k) {
      const double v = counts[u * kUnitStatsStride + k];
      out[u * kUnitStatsStride + k] = static_cast<float>(k < 3 ? v / total : v);
    }
  return out;
}

}  // namespace alab::nn
