// Per-hidden-layer diagnostics over the diagnostics set (the first
// min(1000, n) training samples), in evaluation mode, through LayerStats
// (nn/layer_stats.h: pre/act mean and std, actPercentiles, saturatedFraction,
// inactiveFraction, deadFraction, saturatedUnits, meanAbsDerivative, the
// pre-activation histogram), plus prelu alpha statistics and the died /
// revived events against the previous report's dead set, each with the
// unit's firing region (mean input where f'(z) != 0) for the autopsy.
// The saturation regions come from the layer's activation with its
// configured parameters (prelu: the initial alpha).
// The report (train with a report) evaluates the training set and takes the
// diagnostics from the same forward passes: the diagnostics set is the
// training set's first samples, and a chunk of the evaluation that covers
// the same samples as a diagnostics chunk (same first sample, same size) runs
// the same forward pass on the same inputs.
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

inline bool fires(float d) { return d != 0.0f && d == d; }

// Where the units [j0, j0 + kUnits) fired in one chunk: per unit and input,
// the inputs of the samples with f'(z) != 0 added to sums (units, inputs) in
// sample order. A sample that did not fire adds +0.0, which changes no sum
// (a sum that starts at +0 never becomes −0), so the adds need no branch;
// kUnits units side by side keep that many sums in flight.
template <int kUnits>
void add_firing(const float* d, int ld, int j0, int m, const float* xs, int inputs, double* sums) {
  const float* rows[kUnits];
  for (int u = 0; u < kUnits; ++u) rows[u] = d + static_cast<long>(j0 + u) * ld;
  for (int k = 0; k < inputs; ++k) {
    double s[kUnits];
    for (int u = 0; u < kUnits; ++u) s[u] = sums[static_cast<std::size_t>(j0 + u) * inputs + k];
    for (int c = 0; c < m; ++c) {
      const double x = xs[static_cast<std::size_t>(c) * inputs + k];
      for (int u = 0; u < kUnits; ++u) s[u] += fires(rows[u][c]) ? x : 0.0;
    }
    for (int u = 0; u < kUnits; ++u) sums[static_cast<std::size_t>(j0 + u) * inputs + k] = s[u];
  }
}

}  // namespace

struct Network::DiagnosticsPass {
  Network& net;
  const int hidden, total, inputs;
  std::vector<LayerStats> stats;
  std::vector<std::vector<long>> fired;      // per layer (units): samples with f'(z) != 0
  std::vector<std::vector<double>> fired_x;  // per layer (units, inputs): sum of their inputs

  explicit DiagnosticsPass(Network& n)
      : net(n), hidden(static_cast<int>(n.layers_.size()) - 1), total(std::min(kDiagnosticsSamples, n.n_train_)),
        inputs(n.config_.inputs), fired(hidden), fired_x(hidden) {
    long all_pairs = 0;
    for (int l = 0; l < hidden; ++l) all_pairs += static_cast<long>(total) * n.layers_[l].out;
    const long stride = (all_pairs + kPercentileBudget - 1) / kPercentileBudget;
    stats.reserve(hidden);
    for (int l = 0; l < hidden; ++l) {
      const Layer& L = n.layers_[l];
      stats.emplace_back(L.out, L.regions, stride, static_cast<long>(total) * L.out);
      fired[l].assign(L.out, 0);
      fired_x[l].assign(static_cast<std::size_t>(L.out) * inputs, 0.0);
    }
  }

  // One chunk of hidden layer l (Network::for_each_diagnostics_batch).
  void operator()(int l, int first, int m, int ld, const float* z, const float* a, const float* d) {
    const int units = net.layers_[l].out;
    stats[l].add_block(z, a, d, 0, units, m, ld, 1, true);
    for (int j = 0; j < units; ++j) {
      const float* dj = d + static_cast<long>(j) * ld;
      long count = 0;
      for (int c = 0; c < m; ++c) count += fires(dj[c]);
      fired[l][j] += count;
    }
    const float* xs = &net.x_[static_cast<std::size_t>(first) * inputs];
    double* sums = fired_x[l].data();
    int j = 0;
    for (; j + 4 <= units; j += 4) add_firing<4>(d, ld, j, m, xs, inputs, sums);
    for (; j < units; ++j) add_firing<1>(d, ld, j, m, xs, inputs, sums);
  }

  void finish(TrainReport& r, bool events) {
    r.layers.assign(hidden, LayerReport{});
    for (int l = 0; l < hidden; ++l) {
      const Layer& L = net.layers_[l];
      LayerReport& out = r.layers[l];
      stats[l].finish(out, total);
      out.grad_norm = l < static_cast<int>(net.grad_norms_.size()) ? net.grad_norms_[l] : 0.0;
      if (L.prelu) {
        AlphaStats s;
        s.values.assign(&net.params_[L.alpha], &net.params_[L.alpha] + L.alpha_count);
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
      const int units = net.layers_[l].out;
      regions[l].resize(units);
      for (int j = 0; j < units; ++j) {
        const long count = fired[l][j];
        if (count > 0) {
          FiringRegion& g = regions[l][j];
          g.share = static_cast<double>(count) / total;
          g.center.resize(inputs);
          for (int k = 0; k < inputs; ++k)
            g.center[k] = static_cast<float>(fired_x[l][static_cast<std::size_t>(j) * inputs + k] / count);
        } else if (l < static_cast<int>(net.last_region_.size()) && j < static_cast<int>(net.last_region_[l].size())) {
          regions[l][j] = net.last_region_[l][j];
        }
      }
    }
    if (events) {
      std::vector<std::vector<char>> now = dead_flags(r.layers, net.hidden_widths());
      append_unit_events(net.dead_before_, now, regions, net.step_, net.learning_rate_, r.events);
      net.dead_before_ = std::move(now);
    }
    net.last_region_ = std::move(regions);
  }
};

void Network::diagnostics(TrainReport& r, bool events) {
  DiagnosticsPass pass(*this);
  for_each_diagnostics_batch(pass);
  pass.finish(r, events);
}

void Network::report(TrainReport& r) {
  DiagnosticsPass pass(*this);
  int next = 0;  // the first diagnostics sample not visited yet (a chunk boundary)
  const Evaluation e = evaluate([&](int first, int m, int ld) {
    if (first == next && first < pass.total && std::min(cap_, pass.total - first) == m) {
      visit_diagnostics_chunk(first, m, ld, pass);
      next = first + m;
    }
  });
  for_each_diagnostics_batch(pass, next);  // the diagnostics chunks no evaluation chunk matched
  r.train_loss = e.train_loss;
  r.test_loss = e.test_loss;
  r.train_accuracy = e.train_accuracy;
  r.test_accuracy = e.test_accuracy;
  pass.finish(r, true);
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
