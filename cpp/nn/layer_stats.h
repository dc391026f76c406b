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

// The top digit of an order key (order_key below): its histogram is counted
// as the activations are added; the percentiles' selection starts from it.
inline constexpr int kTopDigitBits = 11;
inline constexpr int kTopDigitShift = 32 - kTopDigitBits;

class LayerStats {
 public:
  // `units` of the layer, its activation's regions; every `stride`-th pair
  // (>= 1) is kept for the percentiles; room for `expected_pairs` of them is
  // reserved at once (a hint: more may be added).
  LayerStats(int units, const SaturationRegions& regions, long stride, long expected_pairs = 0);

  // As a new LayerStats(units, regions, stride, expected_pairs), keeping the
  // storage of this one (no allocation once it has grown).
  void reset(int units, const SaturationRegions& regions, long stride, long expected_pairs = 0);

  // One (unit, sample) pair; z, a and d = f'(z) as computed (non-finite values
  // are counted as ±FLT_MAX, NaN as 0, so the report stays finite).
  void add(int unit, float z, float a, float d) { add_block(&z, &a, &d, unit, 1, 1, 0, 0, true); }

  // A block of pairs in the order they are added: units [first_unit,
  // first_unit + units) × `samples`, the pair (j, c) at z[j·unit_stride +
  // c·sample_stride] (a, d alike); units_outer: unit by unit (MLP rows),
  // else sample by sample (GCN node rows). Same sums as add() pair by pair.
  void add_block(const float* z, const float* a, const float* d, int first_unit, int units, int samples,
                 long unit_stride, long sample_stride, bool units_outer);

  bool alive(int unit) const { return active_by_unit_[unit] != 0; }
  // The pairs of `unit` added so far with f'(z) != 0 (NaN counts as 0): the
  // samples it fired on.
  long active_pairs(int unit) const { return active_by_unit_[unit]; }

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
    // as selects on a value that is always in range when converted (the
    // vector form in layer_stats.cpp gives the same bins for finite z).
    float t = (z - kHistogramMin) * kBinsPerUnit;
    t = z >= kHistogramMin ? t : 0.0f;
    t = z >= kHistogramMax ? kLast : t;
    t = t < kLast ? t : kLast;
    return static_cast<int>(t);
  }

 private:
  // Pairs are added in runs along the inner loop (layer_stats.cpp): a vector
  // pass clamps and classifies a run, then a scalar pass adds it to the
  // double sums in order.
  // The histograms are counted in kHistogramCopies interleaved copies (summed
  // in finish): consecutive pairs in the same bin then do not wait on each other.
  // The top digits in one copy (1 or 2): a second copy costs more to clear
  // and sum per report than it saves in the scalar pass (measured in wasm).
  static constexpr int kHistogramCopies = 4;
  static constexpr int kTopDigitCopies = 1;
  template <bool kOneUnit>
  void add_run(const float* z, const float* a, const float* d, long step, int n, int unit);

  SaturationRegions regions_;
  long stride_, since_kept_ = 0, pairs_ = 0;
  double sum_z_ = 0, sum_z2_ = 0, sum_a_ = 0, sum_a2_ = 0, sum_abs_d_ = 0;
  long saturated_ = 0, inactive_ = 0;
  std::vector<long> active_by_unit_, saturated_by_unit_;
  std::vector<uint32_t> histogram_;  // (kHistogramCopies, kHistogramBins)
  // order_key of the kept activations: the first kept_n_ of kept_ (sized
  // ahead, never shrunk: growing it is the only time it is cleared).
  std::vector<uint32_t> kept_;
  std::size_t kept_n_ = 0;
  void make_room(std::size_t keys);
  std::vector<uint32_t> top_digits_;  // (kTopDigitCopies, 2^kTopDigitBits) counts of their top digits
  // Top digits [digit_lo_, digit_hi_] (or wider) may be counted; all others are 0.
  uint32_t digit_lo_ = 1u << kTopDigitBits, digit_hi_ = 0;
};

// Per layer, a flag per unit (widths[l] of them): 1 for the layers' dead_units.
std::vector<std::vector<char>> dead_flags(const std::vector<LayerReport>& layers, const std::vector<int>& widths);

// The died / revived events from the dead flags `before` to `now`, in (layer,
// unit) order, each with its unit's firing region; layers that `before` does
// not have yet (no earlier report) give none.
void append_unit_events(const std::vector<std::vector<char>>& before, const std::vector<std::vector<char>>& now,
                        const std::vector<std::vector<FiringRegion>>& regions, int64_t step, float learning_rate,
                        std::vector<UnitEvent>& events);

// [p2, p50, p98] of v (no NaN; -0 counts as +0); zeros when v is empty.
// Each percentile is linear interpolation between the two closest ranks of
// the sorted values, found by an exact selection (the same values as a sort).
std::array<double, 3> percentiles_2_50_98(const std::vector<float>& v);

// A key that orders as its float does (−0 as +0, NaN not allowed), and back;
// the percentiles' selection starts from a histogram of the keys' top bits.
uint32_t order_key(float f);
float key_value(uint32_t key);

}  // namespace alab::nn
