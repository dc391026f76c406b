// One statistics routine for a hidden layer's (z, a, f'(z)) values, shared by
// the MLP and the GCN diagnostics so that both report the same quantities
// with the same definitions (see report.h) — accumulate (add_block), finalise
// (finish), and the died / revived events between two reports (append_unit_events):
//   saturated  z in an asymptotically flat tail of a smooth activation, as
//              measured by saturation_regions() (|f'| < 5 % of max|f'| there);
//   inactive   f'(z) == 0 outside such a tail (relu's negative side, step);
//   dead       a unit inactive on every sample;
//   actPercentiles [p2, p50, p98] of the activations (linear interpolation
//              between closest ranks), over every `stride`-th pair added.
// Sums run in double in the order the pairs are added: deterministic.
#pragma once

#include <cfloat>
#include <cstdint>
#include <vector>

#include "core/properties.h"
#include "nn/report.h"

namespace alab::nn {

class LayerStats {
 public:
  // `units` of the layer, its activation's regions; every `stride`-th pair
  // (>= 1) is kept for the percentiles.
  LayerStats(int units, const SaturationRegions& regions, long stride);

  // One (unit, sample) pair; z, a and d = f'(z) as computed (non-finite values
  // are counted as ±FLT_MAX, NaN as 0, so the report stays finite).
  void add(int unit, float z, float a, float d) { add_block(&z, &a, &d, unit, 1, 1, 0, 0, true); }

  // A block of pairs in the order they are added: units [first_unit,
  // first_unit + units) × `samples`, the pair (j, c) at z[j·unit_stride +
  // c·sample_stride] (a, d alike); units_outer: unit by unit (MLP rows),
  // else sample by sample (GCN node rows). Same sums as add() pair by pair,
  // with the accumulators kept in registers.
  void add_block(const float* z, const float* a, const float* d, int first_unit, int units, int samples,
                 long unit_stride, long sample_stride, bool units_outer) {
    double sz = sum_z_, sz2 = sum_z2_, sa = sum_a_, sa2 = sum_a2_, sd = sum_abs_d_;
    long saturated = saturated_, inactive = inactive_, since_kept = since_kept_;
    // Plain pointers and locals: nothing in the loop may alias the sums.
    const long pairs = static_cast<long>(units) * samples;
    std::size_t kept = kept_.size();
    // One spare slot: every pair writes its activation, only every stride-th is kept.
    kept_.resize(kept + static_cast<std::size_t>((since_kept + pairs) / stride_) + 1);
    float* const kept_values = kept_.data();
    long* const saturated_by_unit = saturated_by_unit_.data();
    char* const alive = alive_.data();
    uint32_t* const histogram = histogram_.data();
    const float below = regions_.below, above = regions_.above;
    const long stride = stride_;
    // Branch-free (selects, not jumps): the pairs' outcomes are data-dependent.
    const auto pair = [&](int unit, long e) {
      const float zc = finite_or_clamped(z[e]);
      const float ac = finite_or_clamped(a[e]);
      const float de = d[e];
      const float ad = finite_or_clamped(de < 0 ? -de : de);
      sz += zc;
      sz2 += static_cast<double>(zc) * zc;
      sa += ac;
      sa2 += static_cast<double>(ac) * ac;
      sd += ad;
      const int sat = (zc <= below) | (zc >= above);  // regions_.saturated(zc)
      const int active = ad != 0.0f;
      saturated += sat;
      saturated_by_unit[unit] += sat;
      alive[unit] |= static_cast<char>(active);
      inactive += (active | sat) ^ 1;
      ++histogram[histogram_bin(zc)];
      kept_values[kept] = ac;
      const int take = ++since_kept == stride;
      kept += static_cast<std::size_t>(take);
      since_kept = take ? 0 : since_kept;
    };
    if (units_outer) {
      for (int j = 0; j < units; ++j)
        for (int c = 0; c < samples; ++c) pair(first_unit + j, j * unit_stride + c * sample_stride);
    } else {
      for (int c = 0; c < samples; ++c)
        for (int j = 0; j < units; ++j) pair(first_unit + j, j * unit_stride + c * sample_stride);
    }
    sum_z_ = sz, sum_z2_ = sz2, sum_a_ = sa, sum_a2_ = sa2, sum_abs_d_ = sd;
    saturated_ = saturated, inactive_ = inactive, since_kept_ = since_kept;
    kept_.resize(kept);
    pairs_ += pairs;
  }

  bool alive(int unit) const { return alive_[unit] != 0; }

  // Fills the statistics fields of `out` (not gradNorm, alpha or events).
  // `samples` per unit, for saturatedUnits (saturated on >= 90 % of them).
  void finish(LayerReport& out, long samples);

  // NaN → 0, ±inf → ±FLT_MAX, everything else as is.
  static float finite_or_clamped(float v) {
    if (v != v) return 0.0f;
    return v > FLT_MAX ? FLT_MAX : v < -FLT_MAX ? -FLT_MAX : v;
  }
  // Bin of the pre-activation histogram (out-of-range and NaN values in the end bins).
  static int histogram_bin(float z) {
    constexpr float kBinsPerUnit = kHistogramBins / (kHistogramMax - kHistogramMin);
    constexpr float kLast = kHistogramBins - 1;
    // Below the range (and NaN) bin 0, at or above it the last bin; written
    // as selects on a value that is always in range when converted.
    float t = (z - kHistogramMin) * kBinsPerUnit;
    t = z >= kHistogramMin ? t : 0.0f;
    t = z >= kHistogramMax ? kLast : t;
    t = t < kLast ? t : kLast;
    return static_cast<int>(t);
  }

 private:
  SaturationRegions regions_;
  long stride_, since_kept_ = 0, pairs_ = 0;
  double sum_z_ = 0, sum_z2_ = 0, sum_a_ = 0, sum_a2_ = 0, sum_abs_d_ = 0;
  long saturated_ = 0, inactive_ = 0;
  std::vector<char> alive_;
  std::vector<long> saturated_by_unit_;
  std::vector<uint32_t> histogram_;
  std::vector<float> kept_;
};

// Per layer, a flag per unit (widths[l] of them): 1 for the layers' dead_units.
std::vector<std::vector<char>> dead_flags(const std::vector<LayerReport>& layers, const std::vector<int>& widths);

// The died / revived events from the dead flags `before` to `now`, in (layer,
// unit) order, each with its unit's firing region; layers that `before` does
// not have yet (no earlier report) give none.
void append_unit_events(const std::vector<std::vector<char>>& before, const std::vector<std::vector<char>>& now,
                        const std::vector<std::vector<FiringRegion>>& regions, int64_t step, float learning_rate,
                        std::vector<UnitEvent>& events);

// [p2, p50, p98] of v (reordered in place); zeros when v is empty.
std::array<double, 3> percentiles_2_50_98(std::vector<float>& v);

}  // namespace alab::nn
