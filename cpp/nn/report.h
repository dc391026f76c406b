// The training report: what a step of training did and why the network is or
// is not learning. Built by Network::train; the bindings pack it into one
// Float64Array (cpp/bindings/report_adapters.h) that web/lib/report-unpack.js
// turns into an object of this shape (names exact; cpp/api/json/report_json.h
// gives the same as JSON for native code):
//
// { step, learningRate, batchLoss, trainLoss, testLoss, trainAccuracy, testAccuracy,
//   diverged, divergedAtStep,
//   layers: [ { preMean, preStd, actMean, actStd, actPercentiles: [p2, p50, p98],
//               saturatedFraction, inactiveFraction, deadFraction,
//               deadUnits: [int], saturatedUnits: [int], meanAbsDerivative, gradNorm,
//               alpha: { mean, min, max, values: [] } | null,
//               histogram: { min: -6, max: 6, counts: [30 ints] } } ],   // hidden layers
//   gradNormRatio, events: [ { step, layer, unit, kind: "died" | "revived", learningRate,
//                              region: { center: [inputs], share } | null } ] }
//
// Definitions, over (unit, sample) pairs of the diagnostics set:
//   saturatedFraction  z in an asymptotically flat tail of a smooth activation
//                      (|f'(z)| < 5 % of max|f'|; the regions are measured from the
//                      kernel, core/properties.h saturation_regions): sigmoid, tanh,
//                      softsign on both sides, softplus, elu, selu, gelu, silu, mish
//                      on the negative side. The flat side of a rectifier is not one.
//   inactiveFraction   f'(z) == 0 outside such a tail (relu's negative side, step).
//   deadFraction       units inactive on every sample.
//   actPercentiles     the 2nd, 50th and 98th percentile of the activations.
//
// Absent values are null: test* without test data, *Accuracy for a linear
// head, divergedAtStep before any divergence, gradNormRatio without hidden
// layers or when the last layer's gradNorm is 0. trainLoss and the rest are
// null (and layers/events empty) when the report was not requested.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace alab::nn {

// Pre-activation histogram: kHistogramBins equal bins over [kHistogramMin,
// kHistogramMax); values below / above are counted in the first / last bin.
inline constexpr int kHistogramBins = 30;
inline constexpr float kHistogramMin = -6.0f;
inline constexpr float kHistogramMax = 6.0f;

struct AlphaStats {
  float mean = 0, min = 0, max = 0;
  std::vector<float> values;  // per unit (one value when shared)
};

struct LayerReport {
  double pre_mean = 0, pre_std = 0, act_mean = 0, act_std = 0;
  std::array<double, 3> act_percentiles{0, 0, 0};  // p2, p50, p98 of the activations
  double saturated_fraction = 0;     // (unit, sample) pairs in a flat tail (see above)
  double inactive_fraction = 0;      // pairs with f'(z) == 0 outside a flat tail
  double dead_fraction = 0;          // units with f'(z) == 0 on every diagnostics sample
  std::vector<int> dead_units;
  std::vector<int> saturated_units;  // not dead, in a flat tail on >= 90 % of samples
  double mean_abs_derivative = 0;
  double grad_norm = 0;              // ‖dL/dW‖ of the layer's weights at the last step
  std::optional<AlphaStats> alpha;   // prelu layers only
  std::vector<uint32_t> histogram;   // kHistogramBins counts of pre-activations
};

// Where a unit fired: the mean input of the diagnostics samples on which
// f'(z) != 0, and the share of samples that is (the "dead-unit autopsy").
struct FiringRegion {
  std::vector<float> center;  // (inputs); empty when the unit never fired
  double share = 0;
};

struct UnitEvent {
  int64_t step = 0;
  int layer = 0, unit = 0;
  bool died = false;   // false: revived
  float learning_rate = 0;
  // died: where the unit last fired (at the previous report); revived: where it fires now.
  FiringRegion region;
};

struct TrainReport {
  int64_t step = 0;
  float learning_rate = 0;
  std::optional<double> batch_loss;  // loss of the last mini-batch trained in this call
  std::optional<double> train_loss, test_loss, train_accuracy, test_accuracy;
  bool diverged = false;
  std::optional<int64_t> diverged_at_step;
  std::vector<LayerReport> layers;
  std::optional<double> grad_norm_ratio;
  std::vector<UnitEvent> events;
};

}  // namespace alab::nn
