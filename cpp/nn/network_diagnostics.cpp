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
#include <cstdint>

#include "core/simd.h"
#include "nn/layer_stats.h"
#include "nn/network.h"

namespace alab::nn {
namespace {

// At most this many activations are kept (over all layers) for the
// percentiles; beyond it every k-th (unit, sample) pair is used.
constexpr long kPercentileBudget = 1L << 22;

// The firing masks of kPairs pairs of units (2·kPairs rows of d at ld): for
// sample c, mask[2 (p·m + c) + {0, 1}] holds the masks of units 2p and 2p + 1,
// the two 64-bit lanes of a double vector (all ones where f'(z) != 0 and not NaN).
template <int kPairs>
void firing_masks(const float* d, int ld, int m, uint64_t* mask) {
  const v128_t zero = wasm_f32x4_splat(0.0f);
  for (int p = 0; p < kPairs; ++p) {
    const float* r0 = d + static_cast<long>(2 * p) * ld;
    const float* r1 = r0 + ld;
    for (int c = 0; c < m; c += 4) {
      const int lanes = std::min(4, m - c);
      const v128_t valid = wasm_i32x4_lt(wasm_i32x4_make(0, 1, 2, 3), wasm_i32x4_splat(lanes));
      const v128_t a = load_lanes(r0 + c, static_cast<std::size_t>(lanes));
      const v128_t b = load_lanes(r1 + c, static_cast<std::size_t>(lanes));
      const v128_t fa = wasm_v128_and(valid, wasm_v128_and(wasm_f32x4_ne(a, zero), wasm_f32x4_eq(a, a)));
      const v128_t fb = wasm_v128_and(valid, wasm_v128_and(wasm_f32x4_ne(b, zero), wasm_f32x4_eq(b, b)));
      uint64_t* out = mask + 2 * (static_cast<long>(p) * m + c);
      wasm_v128_store(out, wasm_i8x16_shuffle(fa, fb, 0, 1, 2, 3, 0, 1, 2, 3, 16, 17, 18, 19, 16, 17, 18, 19));
      if (lanes > 1) wasm_v128_store(out + 2, wasm_i8x16_shuffle(fa, fb, 4, 5, 6, 7, 4, 5, 6, 7, 20, 21, 22, 23, 20, 21, 22, 23));
      if (lanes > 2) wasm_v128_store(out + 4, wasm_i8x16_shuffle(fa, fb, 8, 9, 10, 11, 8, 9, 10, 11, 24, 25, 26, 27, 24, 25, 26, 27));
      if (lanes > 3) wasm_v128_store(out + 6, wasm_i8x16_shuffle(fa, fb, 12, 13, 14, 15, 12, 13, 14, 15, 28, 29, 30, 31, 28, 29, 30, 31));
    }
  }
}

// Adds the inputs of the samples where the kPairs pairs of units fired to
// their sums (units, inputs), in sample order: x2[k·m + c] is input k of
// sample c in both lanes. A sample that did not fire adds +0.0, which changes
// no sum (a sum that starts at +0 never becomes −0), so the adds need no
// branch; each lane is the scalar sum of its unit, two units per vector and
// kPairs vectors in flight.
template <int kPairs>
void add_firing(const uint64_t* mask, const double* x2, int m, int inputs, double* sums) {
  for (int k = 0; k < inputs; ++k) {
    v128_t s[kPairs];
    for (int p = 0; p < kPairs; ++p)
      s[p] = wasm_f64x2_make(sums[static_cast<std::size_t>(2 * p) * inputs + k], sums[static_cast<std::size_t>(2 * p + 1) * inputs + k]);
    const double* xk = x2 + 2 * static_cast<long>(k) * m;
    for (int c = 0; c < m; ++c) {
      const v128_t x = wasm_v128_load(xk + 2 * c);
      for (int p = 0; p < kPairs; ++p)
        s[p] = wasm_f64x2_add(s[p], wasm_v128_and(x, wasm_v128_load(mask + 2 * (static_cast<long>(p) * m + c))));
    }
    for (int p = 0; p < kPairs; ++p) {
      sums[static_cast<std::size_t>(2 * p) * inputs + k] = wasm_f64x2_extract_lane(s[p], 0);
      sums[static_cast<std::size_t>(2 * p + 1) * inputs + k] = wasm_f64x2_extract_lane(s[p], 1);
    }
  }
}

// The storage of a diagnostics pass (see DiagnosticsPass), kept from report
// to report: no allocation once it has grown.
struct PassStorage {
  bool in_use = false;
  std::vector<LayerStats> stats;
  std::vector<std::vector<double>> fired_x;
  std::vector<std::vector<char>> own;
  std::vector<double> all_x, all_x_before, x2, last_unit;
  std::vector<uint64_t> mask;
};

// The kept storage, or `local` while a pass is using it.
PassStorage& claim_storage(PassStorage& local) {
  thread_local PassStorage kept;
  if (kept.in_use) return local;
  kept.in_use = true;
  return kept;
}

}  // namespace

struct Network::DiagnosticsPass {
  Network& net;
  const int hidden, total, inputs;
  PassStorage local_;
  PassStorage& storage;
  std::vector<LayerStats>& stats;  // per layer; also each unit's firing samples (active_pairs)
  // The firing sums, per layer (units, inputs): the sum of the inputs of the
  // samples where the unit fired, in sample order. A unit that has fired on
  // every sample so far has the sums of all inputs, all_x: its own are
  // written (from all_x as it was before the chunk) only once it misses a
  // sample (`own`). Same additions, same bits; most smooth units never miss.
  std::vector<std::vector<double>>& fired_x;
  std::vector<std::vector<char>>& own;
  std::vector<double>& all_x;
  std::vector<double>& all_x_before;  // (inputs), after and before the current chunk
  int all_x_first = -1;
  // Scratch of the firing sums: the chunk's inputs (inputs, m) as double
  // pairs, the masks of up to 4 pairs of units, the sums of an odd last unit.
  std::vector<double>& x2;
  std::vector<uint64_t>& mask;
  int x2_first = -1;
  std::vector<double>& last_unit;

  explicit DiagnosticsPass(Network& n)
      : net(n), hidden(static_cast<int>(n.layers_.size()) - 1), total(std::min(kDiagnosticsSamples, n.n_train_)),
        inputs(n.config_.inputs), storage(claim_storage(local_)), stats(storage.stats), fired_x(storage.fired_x),
        own(storage.own), all_x(storage.all_x), all_x_before(storage.all_x_before), x2(storage.x2),
        mask(storage.mask), last_unit(storage.last_unit) {
    long all_pairs = 0;
    for (int l = 0; l < hidden; ++l) all_pairs += static_cast<long>(total) * n.layers_[l].out;
    const long stride = (all_pairs + kPercentileBudget - 1) / kPercentileBudget;
    all_x.assign(inputs, 0.0);
    if (static_cast<int>(fired_x.size()) < hidden) fired_x.resize(hidden), own.resize(hidden);
    for (int l = 0; l < hidden; ++l) {
      const Layer& L = n.layers_[l];
      const long expected = static_cast<long>(total) * L.out;
      if (l < static_cast<int>(stats.size())) stats[l].reset(L.out, L.regions, stride, expected);
      else stats.emplace_back(L.out, L.regions, stride, expected);
      fired_x[l].assign(static_cast<std::size_t>(L.out) * inputs, 0.0);
      own[l].assign(L.out, 0);
    }
  }
  ~DiagnosticsPass() { storage.in_use = false; }
  DiagnosticsPass(const DiagnosticsPass&) = delete;
  DiagnosticsPass& operator=(const DiagnosticsPass&) = delete;

  // One chunk of hidden layer l (Network::for_each_diagnostics_batch).
  void operator()(int l, int first, int m, int ld, const float* z, const float* a, const float* d) {
    const int units = net.layers_[l].out;
    LayerStats& s = stats[l];
    s.add_block(z, a, d, 0, units, m, ld, 1, true);
    const float* xs = &net.x_[static_cast<std::size_t>(first) * inputs];
    if (first != all_x_first) {  // once per chunk: all_x over its samples
      all_x_before = all_x;
      for (int k = 0; k < inputs; ++k) {
        double sum = all_x[k];
        for (int c = 0; c < m; ++c) sum += xs[static_cast<std::size_t>(c) * inputs + k];
        all_x[k] = sum;
      }
      all_x_first = first;
    }
    // A block of units needs its masked sums unless every unit in it still
    // fired on every sample (then its sums are all_x); the others in the
    // block get their own sums first.
    char* const owns = own[l].data();
    double* const sums = fired_x[l].data();
    const long seen = first + m;
    const auto needs_sums = [&](int j, int count) {
      bool any = false;
      for (int u = j; u < j + count; ++u) any |= owns[u] != 0 || s.active_pairs(u) != seen;
      if (!any) return false;
      for (int u = j; u < j + count; ++u)
        if (!owns[u]) {
          std::copy(all_x_before.begin(), all_x_before.end(), sums + static_cast<std::size_t>(u) * inputs);
          owns[u] = 1;
        }
      // The chunk's inputs as double pairs, once per chunk (every layer's firing uses them).
      if (first != x2_first) {
        x2.resize(static_cast<std::size_t>(2) * inputs * m);
        for (int k = 0; k < inputs; ++k)
          for (int c = 0; c < m; ++c) {
            const std::size_t e = 2 * (static_cast<std::size_t>(k) * m + c);
            x2[e] = x2[e + 1] = xs[static_cast<std::size_t>(c) * inputs + k];
          }
        x2_first = first;
      }
      mask.resize(static_cast<std::size_t>(2 * 4) * m);
      return true;
    };
    // Units in blocks of 8 (4 pairs), then pairs; an odd last unit pairs with
    // a copy of itself, whose lane is dropped.
    int j = 0;
    for (; j + 8 <= units; j += 8)
      if (needs_sums(j, 8)) {
        firing_masks<4>(d + static_cast<long>(j) * ld, ld, m, mask.data());
        add_firing<4>(mask.data(), x2.data(), m, inputs, sums + static_cast<std::size_t>(j) * inputs);
      }
    for (; j + 2 <= units; j += 2)
      if (needs_sums(j, 2)) {
        firing_masks<1>(d + static_cast<long>(j) * ld, ld, m, mask.data());
        add_firing<1>(mask.data(), x2.data(), m, inputs, sums + static_cast<std::size_t>(j) * inputs);
      }
    if (j < units && needs_sums(j, 1)) {
      // The last unit twice over (rows j and j at stride 0): its own lane is kept.
      firing_masks<1>(d + static_cast<long>(j) * ld, 0, m, mask.data());
      std::vector<double>& tmp = last_unit;
      tmp.assign(static_cast<std::size_t>(2) * inputs, 0.0);
      std::copy_n(sums + static_cast<std::size_t>(j) * inputs, inputs, tmp.data());
      add_firing<1>(mask.data(), x2.data(), m, inputs, tmp.data());
      std::copy_n(tmp.data(), inputs, sums + static_cast<std::size_t>(j) * inputs);
    }
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
    // Firing regions of this report, written over the last ones in place; a
    // dead unit keeps the one it last fired in (none before any report).
    std::vector<std::vector<FiringRegion>>& regions = net.last_region_;
    regions.resize(hidden);
    for (int l = 0; l < hidden; ++l) {
      const int units = net.layers_[l].out;
      regions[l].resize(units);
      for (int j = 0; j < units; ++j) {
        const long count = stats[l].active_pairs(j);
        if (count > 0) {
          FiringRegion& g = regions[l][j];
          g.share = static_cast<double>(count) / total;
          g.center.resize(inputs);
          const double* sums = own[l][j] ? &fired_x[l][static_cast<std::size_t>(j) * inputs] : all_x.data();
          for (int k = 0; k < inputs; ++k) g.center[k] = static_cast<float>(sums[k] / count);
        }
      }
    }
    if (events) {
      std::vector<std::vector<char>> now = dead_flags(r.layers, net.hidden_widths());
      append_unit_events(net.dead_before_, now, regions, net.step_, net.learning_rate_, r.events);
      net.dead_before_ = std::move(now);
    }
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
