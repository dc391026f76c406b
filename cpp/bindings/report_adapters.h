// Results of the C++ API as JS values, built here with emscripten::val: the
// training report (shape in nn/report.h; packed into one Float64Array, see
// report_val), evaluation, GCN report, parameter layout and born-dead
// estimate. No JSON on the way: numbers stay numbers.
// What JS sees is what it saw when these crossed as JSON text: a number that is
// not finite is null (JSON had no NaN), optional values are null when absent,
// floats shown to the user (learning rates, alphas, firing-region centres) as
// their shortest decimal (0.03f → 0.03), arrays are plain JS arrays, and keys
// come in the order JSON.parse gave them (nlohmann::json sorts them): alphabetical.
// cpp/api/json/report_json.cpp is the native twin of report_val.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <vector>

#include "adapters.h"
#include "core/errors.h"
#include "graph/gcn_model.h"
#include "nn/born_dead.h"
#include "nn/network.h"
#include "nn/report.h"

namespace alab::bindings {

// A double as JSON showed it to JS: null unless finite.
inline val number_or_null(double v) { return std::isfinite(v) ? val(v) : val::null(); }

template <class T>
val optional_number(const std::optional<T>& v) {
  return v ? number_or_null(static_cast<double>(*v)) : val::null();
}

inline val shortest(float v) { return number_or_null(shortest_decimal(v)); }

// A plain JS array copied from n numbers in the heap (one call: Array.from over a view).
template <class T>
val js_array(const T* data, std::size_t n) {
  return val::global("Array").call<val>("from", val(emscripten::typed_memory_view(n, data)));
}
template <class T>
val js_array(const std::vector<T>& v) {
  return js_array(v.data(), v.size());
}

// Floats as their shortest decimals, in a plain JS array.
inline val number_array(const double* data, std::size_t n);
inline val shortest_array(const std::vector<float>& v) {
  std::vector<double> d(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) d[i] = shortest_decimal(v[i]);
  return number_array(d.data(), d.size());
}

// Finite doubles are copied as one array; any non-finite one becomes null.
inline val number_array(const double* data, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i)
    if (!std::isfinite(data[i])) {
      val out = val::array();
      for (std::size_t k = 0; k < n; ++k) out.call<void>("push", number_or_null(data[k]));
      return out;
    }
  return js_array(data, n);
}

// One hidden layer's entry of report.layers (MLP and GCN).
inline val layer_report_val(const nn::LayerReport& l) {
  val alpha = val::null();
  if (l.alpha) {
    alpha = val::object();
    alpha.set("max", shortest(l.alpha->max));
    alpha.set("mean", shortest(l.alpha->mean));
    alpha.set("min", shortest(l.alpha->min));
    alpha.set("values", shortest_array(l.alpha->values));
  }
  val histogram = val::object();
  histogram.set("counts", js_array(l.histogram));
  histogram.set("max", static_cast<double>(nn::kHistogramMax));
  histogram.set("min", static_cast<double>(nn::kHistogramMin));
  val out = val::object();
  out.set("actMean", number_or_null(l.act_mean));
  out.set("actPercentiles", number_array(l.act_percentiles.data(), l.act_percentiles.size()));
  out.set("actStd", number_or_null(l.act_std));
  out.set("alpha", alpha);
  out.set("deadFraction", number_or_null(l.dead_fraction));
  out.set("deadUnits", js_array(l.dead_units));
  out.set("gradNorm", number_or_null(l.grad_norm));
  out.set("histogram", histogram);
  out.set("inactiveFraction", number_or_null(l.inactive_fraction));
  out.set("meanAbsDerivative", number_or_null(l.mean_abs_derivative));
  out.set("preMean", number_or_null(l.pre_mean));
  out.set("preStd", number_or_null(l.pre_std));
  out.set("saturatedFraction", number_or_null(l.saturated_fraction));
  out.set("saturatedUnits", js_array(l.saturated_units));
  return out;
}

inline val layers_val(const std::vector<nn::LayerReport>& layers) {
  val out = val::array();
  for (const nn::LayerReport& l : layers) out.call<void>("push", layer_report_val(l));
  return out;
}

// The training report as one Float64Array, unpacked into the report object
// (the shape in nn/report.h) by web/lib/report-unpack.js: one crossing
// instead of one per field. The layout, all doubles, in order:
//   header  kPackedReportVersion, kHistogramBins, kHistogramMin, kHistogramMax,
//           step, learningRate, batchLoss, trainLoss, testLoss, trainAccuracy,
//           testAccuracy, diverged (0/1), divergedAtStep, gradNormRatio,
//           number of layers, number of events
//   layer   preMean, preStd, actMean, actStd, p2, p50, p98, saturatedFraction,
//           inactiveFraction, deadFraction, meanAbsDerivative, gradNorm,
//           number of dead units, of saturated units, of alpha values (-1: no
//           alpha), the kHistogramBins counts, the dead units, the saturated
//           units, and with alpha: mean, min, max, the values
//   event   step, layer, unit, died (1: died, 0: revived), learningRate,
//           number of centre coordinates (-1: no region), share, the centre
// An absent value is NaN; JS shows every non-finite number as null, as the
// object built here before did. Floats shown to the user (learning rates,
// alphas, centres) are their shortest decimals, as above.
inline constexpr int kPackedReportVersion = 1;

// shortest_decimal with a one-entry memo: a report repeats one learning rate
// (shortest_decimal works out exact decimal digits: cheap, not free).
inline double shortest_memo(float v) {
  static uint32_t last_bits = 0x7fc00000u;
  static double last = std::nan("");
  uint32_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  if (bits != last_bits) {
    last = shortest_decimal(v);
    last_bits = bits;
  }
  return last;
}

inline val report_val(const nn::TrainReport& r) {
  static std::vector<double> p;  // reused: no allocation once it has grown; the view below points into it
  p.clear();
  constexpr double kAbsent = std::numeric_limits<double>::quiet_NaN();
  const auto opt = [&](const auto& v) { p.push_back(v ? static_cast<double>(*v) : kAbsent); };
  p.insert(p.end(), {static_cast<double>(kPackedReportVersion), static_cast<double>(nn::kHistogramBins),
                     static_cast<double>(nn::kHistogramMin), static_cast<double>(nn::kHistogramMax),
                     static_cast<double>(r.step), shortest_memo(r.learning_rate)});
  opt(r.batch_loss);
  opt(r.train_loss);
  opt(r.test_loss);
  opt(r.train_accuracy);
  opt(r.test_accuracy);
  p.push_back(r.diverged ? 1.0 : 0.0);
  opt(r.diverged_at_step);
  opt(r.grad_norm_ratio);
  p.push_back(static_cast<double>(r.layers.size()));
  p.push_back(static_cast<double>(r.events.size()));
  for (const nn::LayerReport& l : r.layers) {
    p.insert(p.end(), {l.pre_mean, l.pre_std, l.act_mean, l.act_std, l.act_percentiles[0], l.act_percentiles[1],
                       l.act_percentiles[2], l.saturated_fraction, l.inactive_fraction, l.dead_fraction,
                       l.mean_abs_derivative, l.grad_norm, static_cast<double>(l.dead_units.size()),
                       static_cast<double>(l.saturated_units.size()),
                       l.alpha ? static_cast<double>(l.alpha->values.size()) : -1.0});
    p.insert(p.end(), l.histogram.begin(), l.histogram.end());
    p.insert(p.end(), l.dead_units.begin(), l.dead_units.end());
    p.insert(p.end(), l.saturated_units.begin(), l.saturated_units.end());
    if (l.alpha) {
      p.insert(p.end(), {shortest_memo(l.alpha->mean), shortest_memo(l.alpha->min), shortest_memo(l.alpha->max)});
      for (float v : l.alpha->values) p.push_back(shortest_memo(v));
    }
  }
  for (const nn::UnitEvent& e : r.events) {
    const bool region = !e.region.center.empty();
    p.insert(p.end(), {static_cast<double>(e.step), static_cast<double>(e.layer), static_cast<double>(e.unit),
                       e.died ? 1.0 : 0.0, shortest_memo(e.learning_rate),
                       region ? static_cast<double>(e.region.center.size()) : -1.0, e.region.share});
    for (float c : e.region.center) p.push_back(shortest_memo(c));
  }
  // A view of the buffer, not a copy: web/lib/network.js unpacks it before
  // anything else can run in the module (which could move or grow the heap).
  return val(emscripten::typed_memory_view(p.size(), p.data()));
}

// net.evaluate(): { trainLoss, testLoss, trainAccuracy, testAccuracy }.
inline val evaluation_val(const nn::Evaluation& e) {
  val out = val::object();
  out.set("testAccuracy", optional_number(e.test_accuracy));
  out.set("testLoss", optional_number(e.test_loss));
  out.set("trainAccuracy", optional_number(e.train_accuracy));
  out.set("trainLoss", number_or_null(e.train_loss));
  return out;
}

// model.train / model.evaluate of the GCN (see api/graph_api.h).
inline val gcn_report_val(const graph::GcnReport& r) {
  val out = val::object();
  out.set("accuracy", number_or_null(r.accuracy));
  out.set("diverged", r.diverged);
  out.set("layers", layers_val(r.layers));
  out.set("learningRate", shortest(r.learning_rate));
  out.set("loss", number_or_null(r.loss));
  out.set("step", static_cast<double>(r.step));
  out.set("testAccuracy", optional_number(r.test_accuracy));
  out.set("trainAccuracy", number_or_null(r.train_accuracy));
  return out;
}

// [{ name, offset, shape }] of a parameter block.
inline val layout_val(const std::vector<nn::TensorInfo>& layout) {
  val out = val::array();
  for (const nn::TensorInfo& t : layout) {
    val entry = val::object();
    entry.set("name", t.name);
    entry.set("offset", static_cast<double>(t.offset));
    entry.set("shape", js_array(t.shape));
    out.call<void>("push", entry);
  }
  return out;
}

// lab.bornDead(): { probability, dead, trials }.
inline val born_dead_val(const nn::BornDeadResult& r) {
  val out = val::object();
  out.set("dead", static_cast<double>(r.dead));
  out.set("probability", number_or_null(r.probability));
  out.set("trials", static_cast<double>(r.trials));
  return out;
}

}  // namespace alab::bindings
