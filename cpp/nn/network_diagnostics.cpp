// Per-hidden-layer diagnostics over the diagnostics set (the first
// min(1000, n) training samples), in evaluation mode:
//   pre/act mean and std over all (unit, sample) pairs (Glorot & Bengio Fig. 2),
//   saturatedFraction  share of pairs with |f'(z)| < 0.05 · max|f'|, max|f'|
//                      measured once per layer on a grid over [-20, 20] with the
//                      configured parameters (prelu: the initial alpha),
//   deadFraction       share of units with f'(z) == 0 on every sample,
//   saturatedUnits     live units with |f'(z)| below the scale on >= 90 % of samples,
//   meanAbsDerivative, the pre-activation histogram, prelu alpha statistics,
//   and the died / revived events against the previous report's dead set, each
//   with the unit's firing region (mean input where f'(z) != 0) for the autopsy.
// All sums run in double in (chunk, unit, sample) order: deterministic.
#include <algorithm>
#include <cfloat>
#include <cmath>

#include "nn/network.h"

namespace alab::nn {
namespace {

float finite_or_clamped(float v) {
  if (v != v) return 0.0f;
  return std::fmax(-FLT_MAX, std::fmin(FLT_MAX, v));
}

constexpr double kSaturationShare = 0.05;

int histogram_bin(float z) {
  constexpr float kBinsPerUnit = kHistogramBins / (kHistogramMax - kHistogramMin);
  if (!(z >= kHistogramMin)) return 0;  // below the range (and NaN)
  if (z >= kHistogramMax) return kHistogramBins - 1;
  const int bin = static_cast<int>((z - kHistogramMin) * kBinsPerUnit);
  return std::min(bin, kHistogramBins - 1);
}

struct Accumulator {
  double z = 0, z2 = 0, a = 0, a2 = 0, abs_d = 0;
  long saturated = 0;
  std::vector<char> alive;
  std::vector<long> fired;          // (units) samples with f'(z) != 0
  std::vector<long> saturated_by_unit;  // (units) samples with |f'(z)| below the threshold
  std::vector<double> fired_x;      // (units, inputs) sum of their inputs
  std::vector<uint32_t> histogram = std::vector<uint32_t>(kHistogramBins, 0);
};

}  // namespace

void Network::diagnostics(TrainReport& r, bool events) {
  const int hidden = static_cast<int>(layers_.size()) - 1;
  const int total = std::min(kDiagnosticsSamples, n_train_);
  std::vector<Accumulator> acc(hidden);
  const int d_in = config_.inputs;
  for (int l = 0; l < hidden; ++l) {
    acc[l].alive.assign(layers_[l].out, 0);
    acc[l].fired.assign(layers_[l].out, 0);
    acc[l].saturated_by_unit.assign(layers_[l].out, 0);
    acc[l].fired_x.assign(static_cast<std::size_t>(layers_[l].out) * d_in, 0.0);
  }
  float* d = &acts_[scratch0_];
  for (int first = 0; first < total; first += cap_) {
    const int m = std::min(cap_, total - first);
    const int ld = (m + 3) & ~3;
    load_batch(x_.data(), nullptr, nullptr, m, first, ld);
    forward(m, ld, false);
    for (int l = 0; l < hidden; ++l) {
      const Layer& L = layers_[l];
      const float* z = &acts_[L.z];
      const float* a = &acts_[L.a];
      const ActivationInfo& info = activation_info(L.act);
      for (int j = 0; j < L.out; ++j)
        info.derivative(z + static_cast<long>(j) * ld, d + static_cast<long>(j) * ld, m, unit_params(L, l, j, false));
      const float threshold = static_cast<float>(kSaturationShare * L.max_abs_derivative);
      Accumulator& A = acc[l];
      for (int j = 0; j < L.out; ++j) {
        const long row = static_cast<long>(j) * ld;
        for (int c = 0; c < m; ++c) {
          // Weights set near FLT_MAX (setWeights) can still overflow z:
          // the statistics count ±Inf as ±FLT_MAX and NaN as 0, so the
          // report stays finite and says what happened through its values.
          const float zv = finite_or_clamped(z[row + c]), av = finite_or_clamped(a[row + c]);
          const float dv = finite_or_clamped(std::fabs(d[row + c]));
          A.z += zv;
          A.z2 += static_cast<double>(zv) * zv;
          A.a += av;
          A.a2 += static_cast<double>(av) * av;
          A.abs_d += dv;
          A.saturated += dv < threshold;
          A.saturated_by_unit[j] += dv < threshold;
          if (dv != 0.0f) {
            A.alive[j] = 1;
            ++A.fired[j];
            const float* xs = &x_[static_cast<std::size_t>(first + c) * d_in];
            for (int k = 0; k < d_in; ++k) A.fired_x[static_cast<std::size_t>(j) * d_in + k] += xs[k];
          }
          ++A.histogram[histogram_bin(zv)];
        }
      }
    }
  }
  r.layers.assign(hidden, LayerReport{});
  for (int l = 0; l < hidden; ++l) {
    const Layer& L = layers_[l];
    const Accumulator& A = acc[l];
    LayerReport& out = r.layers[l];
    const double pairs = static_cast<double>(total) * L.out;
    out.pre_mean = A.z / pairs;
    out.pre_std = std::sqrt(std::max(0.0, A.z2 / pairs - out.pre_mean * out.pre_mean));
    out.act_mean = A.a / pairs;
    out.act_std = std::sqrt(std::max(0.0, A.a2 / pairs - out.act_mean * out.act_mean));
    out.saturated_fraction = A.saturated / pairs;
    out.mean_abs_derivative = A.abs_d / pairs;
    // A unit is marked saturated when |f'| is below the scale on at least 90 %
    // of the samples but not on all of them (that is dead).
    for (int j = 0; j < L.out; ++j) {
      if (!A.alive[j]) out.dead_units.push_back(j);
      else if (A.saturated_by_unit[j] * 10 >= static_cast<long>(total) * 9) out.saturated_units.push_back(j);
    }
    out.dead_fraction = static_cast<double>(out.dead_units.size()) / L.out;
    out.grad_norm = l < static_cast<int>(grad_norms_.size()) ? grad_norms_[l] : 0.0;
    out.histogram = A.histogram;
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
      const long fired = acc[l].fired[j];
      if (fired > 0) {
        FiringRegion& g = regions[l][j];
        g.share = static_cast<double>(fired) / total;
        for (int k = 0; k < d_in; ++k)
          g.center.push_back(static_cast<float>(acc[l].fired_x[static_cast<std::size_t>(j) * d_in + k] / fired));
      } else if (l < static_cast<int>(last_region_.size()) && j < static_cast<int>(last_region_[l].size())) {
        regions[l][j] = last_region_[l][j];
      }
    }
  }
  if (!events) {
    last_region_ = regions;
    return;
  }
  std::vector<std::vector<char>> now(hidden);
  for (int l = 0; l < hidden; ++l) {
    now[l].assign(layers_[l].out, 0);
    for (int j : r.layers[l].dead_units) now[l][j] = 1;
    if (l >= static_cast<int>(dead_before_.size())) continue;
    for (int j = 0; j < layers_[l].out; ++j)
      if (now[l][j] != dead_before_[l][j])
        r.events.push_back({step_, l, j, now[l][j] != 0, learning_rate_, regions[l][j]});
  }
  dead_before_ = now;
  last_region_ = regions;
}

std::vector<std::vector<char>> Network::dead_units() {
  TrainReport r;
  diagnostics(r, false);
  std::vector<std::vector<char>> dead(r.layers.size());
  for (std::size_t l = 0; l < r.layers.size(); ++l) {
    dead[l].assign(layers_[l].out, 0);
    for (int j : r.layers[l].dead_units) dead[l][j] = 1;
  }
  return dead;
}

}  // namespace alab::nn
