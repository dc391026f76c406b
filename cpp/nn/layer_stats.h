// One statistics routine for a hidden layer's (z, a, f'(z)) values, shared by
// the MLP and the GCN diagnostics so that both report the same quantities
// with the same definitions (see report.h):
//   saturated  z in an asymptotically flat tail of a smooth activation, as
//              measured by saturation_regions() (|f'| < 5 % of max|f'| there);
//   inactive   f'(z) == 0 outside such a tail (relu's negative side, step);
//   dead       a unit inactive on every sample;
//   actPercentiles [p2, p50, p98] of the activations (linear interpolation
//              between closest ranks), over every `stride`-th pair added.
// Sums run in double in the order the pairs are added: deterministic.
#pragma once

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
  void add(int unit, float z, float a, float d) {
    z = finite_or_clamped(z);
    a = finite_or_clamped(a);
    const float ad = finite_or_clamped(d < 0 ? -d : d);
    sum_z_ += z;
    sum_z2_ += static_cast<double>(z) * z;
    sum_a_ += a;
    sum_a2_ += static_cast<double>(a) * a;
    sum_abs_d_ += ad;
    const bool sat = regions_.saturated(z);
    saturated_ += sat;
    saturated_by_unit_[unit] += sat;
    if (ad != 0.0f) alive_[unit] = 1;
    else if (!sat) ++inactive_;
    ++histogram_[histogram_bin(z)];
    if (++since_kept_ == stride_) {
      since_kept_ = 0;
      kept_.push_back(a);
    }
    ++pairs_;
  }

  bool alive(int unit) const { return alive_[unit] != 0; }

  // Fills the statistics fields of `out` (not gradNorm, alpha or events).
  // `samples` per unit, for saturatedUnits (saturated on >= 90 % of them).
  void finish(LayerReport& out, long samples);

  static float finite_or_clamped(float v);
  static int histogram_bin(float z);

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

// [p2, p50, p98] of v (reordered in place); zeros when v is empty.
std::array<double, 3> percentiles_2_50_98(std::vector<float>& v);

}  // namespace alab::nn
