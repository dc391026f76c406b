// Per-hidden-layer diagnostics over the diagnostics set (the first
// min(1000, n) training samples), in evaluation mode, through LayerStats
// (nn/layer_stats.h: pre/act mean and std, actPercentiles, saturatedFraction,
// inactiveFraction, deadFraction, saturatedUnits, meanAbsDerivative, the
// pre-activation histogram), plus prelu alpha statistics and the died /
// revived events against the previous report's dead set, each with the
// unit's firing region (mean input where f'(z) != 0) for the autopsy.
// The saturation regions come from the layer's activation with its
// configured parameters (prelu: the initial alpha).
// All sums run in double in (chunk, unit, sample) order: deterministic.
#include <algorithm>
#include <cmath>

#include "nn/layer_stats.h"
#include "nn/network.h"

namespace alab::nn {
namespace {

// At most this many activations are kept (over all layers) for the
// percentiles; beyond it every k-th (unit, sample) pair is used.
constexpr long kPercentileBudget = 1L << 22;

struct Firing {
  std::vector<long> fired;       // (units) samples with f'(z) != 0
  std::vector<double> fired_x;   // (units, inputs) sum of their inputs
};

}  // namespace

void Network::diagnostics(TrainReport& r, bool events) {
  const int hidden = static_cast<int>(layers_.size()) - 1;
  const int total = std::min(kDiagnosticsSamples, n_train_);
  const int d_in = config_.inputs;
  long all_pairs = 0;
  for (int l = 0; l < hidden; ++l) all_pairs += static_cast<long>(total) * layers_[l].out;
  const long stride = (all_pairs + kPercentileBudget - 1) / kPercentileBudget;
  std::vector<LayerStats> stats;
  std::vector<Firing> firing(hidden);
  for (int l = 0; l < hidden; ++l) {
    stats.emplace_back(layers_[l].out, layers_[l].regions, stride);
    firing[l].fired.assign(layers_[l].out, 0);
    firing[l].fired_x.assign(static_cast<std::size_t>(layers_[l].out) * d_in, 0.0);
  }
  for_each_diagnostics_batch([&](int l, int first, int m, int ld, const float* z, const float* a, const float* d) {
    LayerStats& S = stats[l];
    Firing& F = firing[l];
    S.add_block(z, a, d, 0, layers_[l].out, m, ld, 1, true);
    // Firing regions: per unit and input, the inputs of the samples where
    // f'(z) != 0, summed over the samples in order (a register sum per input).
    const float* xs = &x_[static_cast<std::size_t>(first) * d_in];
    for (int j = 0; j < layers_[l].out; ++j) {
      const float* dj = d + static_cast<long>(j) * ld;
      for (int c = 0; c < m; ++c) F.fired[j] += dj[c] != 0.0f && dj[c] == dj[c];
      double* sums = &F.fired_x[static_cast<std::size_t>(j) * d_in];
      for (int k = 0; k < d_in; ++k) {
        double sum = sums[k];
        for (int c = 0; c < m; ++c)
          if (dj[c] != 0.0f && dj[c] == dj[c]) sum += xs[static_cast<std::size_t>(c) * d_in + k];
        sums[k] = sum;
      }
    }
  });
  r.layers.assign(hidden, LayerReport{});
  for (int l = 0; l < hidden; ++l) {
    const Layer& L = layers_[l];
    LayerReport& out = r.layers[l];
    stats[l].finish(out, total);
    out.grad_norm = l < static_cast<int>(grad_norms_.size()) ? grad_norms_[l] : 0.0;
    if (L.prelu) {
      AlphaStats s;
      s.values.assign(&params_[L.alpha], &params_[L.alpha] + L.alpha_count);
      double sum = 0;
      s.min = s.max = s.values[0];
      for (float v : s.values) {
        sum += v;
        s.min = std::min(s.min, v);
        s.max = std::max(s.max, v);
      }
      s.mean = static_cast<float>(sum / L.alpha_count);
      out.alpha = s;
    }
  }
  if (hidden > 0 && r.layers.back().grad_norm > 0)
    r.grad_norm_ratio = r.layers.front().grad_norm / r.layers.back().grad_norm;
  // Firing regions of this report; a dead unit keeps the one it last fired in.
  std::vector<std::vector<FiringRegion>> regions(hidden);
  for (int l = 0; l < hidden; ++l) {
    regions[l].resize(layers_[l].out);
    for (int j = 0; j < layers_[l].out; ++j) {
      const long fired = firing[l].fired[j];
      if (fired > 0) {
        FiringRegion& g = regions[l][j];
        g.share = static_cast<double>(fired) / total;
        for (int k = 0; k < d_in; ++k)
          g.center.push_back(static_cast<float>(firing[l].fired_x[static_cast<std::size_t>(j) * d_in + k] / fired));
      } else if (l < static_cast<int>(last_region_.size()) && j < static_cast<int>(last_region_[l].size())) {
        regions[l][j] = last_region_[l][j];
      }
    }
  }
  if (!events) {
    last_region_ = regions;
    return;
  }
  std::vector<std::vector<char>> now = dead_flags(r.layers, hidden_widths());
  append_unit_events(dead_before_, now, regions, step_, learning_rate_, r.events);
  dead_before_ = std::move(now);
  last_region_ = regions;
}

std::vector<int> Network::hidden_widths() const {
  std::vector<int> widths;
  for (std::size_t l = 0; l + 1 < layers_.size(); ++l) widths.push_back(layers_[l].out);
  return widths;
}

std::vector<std::vector<char>> Network::dead_units() {
  TrainReport r;
  diagnostics(r, false);
  return dead_flags(r.layers, hidden_widths());
}

}  // namespace alab::nn
