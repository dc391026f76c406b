// report_to_json (see nn/report.h for the shape).
#include "api/json/report_json.h"

#include "core/errors.h"
#include "nn/config.h"

namespace alab::nn {

using nlohmann::json;

namespace {
template <class T>
json or_null(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}
}  // namespace

namespace {

// { center: [x...], share } or null for a unit that never fired.
json region_json(const FiringRegion& region) {
  if (region.center.empty()) return nullptr;
  json center = json::array();
  for (float c : region.center) center.push_back(shortest_decimal(c));
  return json{{"center", center}, {"share", region.share}};
}

}  // namespace

json layer_report_to_json(const LayerReport& l) {
  json alpha = nullptr;
  if (l.alpha) {
    json values = json::array();
    for (float v : l.alpha->values) values.push_back(shortest_decimal(v));
    alpha = json{{"mean", shortest_decimal(l.alpha->mean)},
                 {"min", shortest_decimal(l.alpha->min)},
                 {"max", shortest_decimal(l.alpha->max)},
                 {"values", values}};
  }
  return json{{"preMean", l.pre_mean},
              {"preStd", l.pre_std},
              {"actMean", l.act_mean},
              {"actStd", l.act_std},
              {"actPercentiles", l.act_percentiles},
              {"saturatedFraction", l.saturated_fraction},
              {"inactiveFraction", l.inactive_fraction},
              {"deadFraction", l.dead_fraction},
              {"deadUnits", l.dead_units},
              {"saturatedUnits", l.saturated_units},
              {"meanAbsDerivative", l.mean_abs_derivative},
              {"gradNorm", l.grad_norm},
              {"alpha", alpha},
              {"histogram", json{{"min", kHistogramMin}, {"max", kHistogramMax}, {"counts", l.histogram}}}};
}

json report_to_json(const TrainReport& r) {
  json layers = json::array();
  for (const LayerReport& l : r.layers) layers.push_back(layer_report_to_json(l));
  json events = json::array();
  for (const UnitEvent& e : r.events)
    events.push_back(json{{"step", e.step},
                          {"layer", e.layer},
                          {"unit", e.unit},
                          {"kind", e.died ? "died" : "revived"},
                          {"learningRate", shortest_decimal(e.learning_rate)},
                          {"region", region_json(e.region)}});
  return json{{"step", r.step},
              {"learningRate", shortest_decimal(r.learning_rate)},
              {"batchLoss", or_null(r.batch_loss)},
              {"trainLoss", or_null(r.train_loss)},
              {"testLoss", or_null(r.test_loss)},
              {"trainAccuracy", or_null(r.train_accuracy)},
              {"testAccuracy", or_null(r.test_accuracy)},
              {"diverged", r.diverged},
              {"divergedAtStep", or_null(r.diverged_at_step)},
              {"layers", layers},
              {"gradNormRatio", or_null(r.grad_norm_ratio)},
              {"events", events}};
}

}  // namespace alab::nn
