// Embind registrations of the activation catalogue: the registry's static
// entries and, apart, the properties measured on the kernels (the build runs
// that once and ships the result: scripts/measure-catalogue.mjs). Both are
// built as JS objects here; no JSON text crosses the boundary. Keys are set in
// alphabetical order, the order the catalogue has always had.
#include <emscripten/bind.h>

#include <cmath>
#include <vector>

#include "adapters.h"
#include "api/catalogue_api.h"

namespace alab::bindings {
namespace {

// A parameter or a bound as written in the registry (0.01, not 0.009999999776).
val decimal(float v) { return val(shortest_decimal(v)); }

// An unbounded side is null (as it was in the catalogue's JSON).
val bound(bool bounded, float v) { return bounded ? decimal(v) : val::null(); }

val numbers(const std::vector<float>& values) {
  val out = val::array();
  for (float v : values) out.call<void>("push", v);
  return out;
}

val static_entry(const ActivationInfo& info) {
  val params = val::object(), ranges = val::object();
  for (std::size_t k = 0; k < info.param_count; ++k) {
    const ParamSpec& spec = info.params[k];
    params.set(spec.name, decimal(spec.default_value));
    val range = val::array();
    range.call<void>("push", decimal(spec.min_value));
    range.call<void>("push", decimal(spec.max_value));
    ranges.set(spec.name, range);
  }
  val out = val::object();
  out.set("derivativeFormula", std::string(info.derivative_formula));
  out.set("formula", std::string(info.formula));
  out.set("label", std::string(info.label));
  out.set("name", std::string(info.name));
  out.set("paramRanges", ranges);
  out.set("params", params);
  out.set("tex", std::string(info.tex));
  out.set("variant", std::string(info.variant));
  return out;
}

val properties_object(const ActivationProperties& pr) {
  val out = val::object();
  out.set("boundedAbove", pr.bounded_above);
  out.set("boundedBelow", pr.bounded_below);
  out.set("differentiable", pr.differentiable);
  out.set("discontinuousAt", numbers(pr.jumps));
  out.set("identityNearOrigin", pr.identity_near_origin);
  // The diagnostics' regions: z <= saturatesBelow or z >= saturatesAbove is an
  // asymptotically flat tail (null: that side does not saturate); inactive*: f' == 0
  // on the whole side (a unit there is inactive, not saturated).
  out.set("inactiveAbove", pr.saturation.inactive_above);
  out.set("inactiveBelow", pr.saturation.inactive_below);
  out.set("lowerBound", bound(pr.bounded_below, pr.lower_bound));
  out.set("meanOnStandardNormal", pr.mean_on_standard_normal);
  out.set("monotonic", pr.monotonic);
  out.set("nonDifferentiableAt", numbers(non_differentiable_at(pr)));
  out.set("nonlinear", pr.nonlinear);
  out.set("saturatesAbove", bound(std::isfinite(pr.saturation.above), pr.saturation.above));
  out.set("saturatesBelow", bound(std::isfinite(pr.saturation.below), pr.saturation.below));
  out.set("slopeLeftOfZero", pr.slope_left_of_zero);
  out.set("slopeRightOfZero", pr.slope_right_of_zero);
  out.set("upperBound", bound(pr.bounded_above, pr.upper_bound));
  out.set("valueAtZero", pr.value_at_zero);
  out.set("zeroCentred", pr.zero_centred);
  return out;
}

// [{ derivativeFormula, formula, label, name, paramRanges, params, tex, variant }] in registry order.
val catalogue() {
  return guarded([] {
    val out = val::array();
    for (const ActivationInfo& info : activation_table()) out.call<void>("push", static_entry(info));
    return out;
  });
}

// { [name]: properties } for every activation, measured now on this module's kernels.
val measure_catalogue_properties() {
  return guarded([] {
    val out = val::object();
    for (const ActivationInfo& info : activation_table()) out.set(info.name, properties_object(catalogue_properties(info)));
    return out;
  });
}

}  // namespace
}  // namespace alab::bindings

EMSCRIPTEN_BINDINGS(activation_catalogue) {
  using namespace alab::bindings;
  emscripten::function("catalogue", &catalogue);
  emscripten::function("measureCatalogueProperties", &measure_catalogue_properties);
  emscripten::constant("maxKernelElements", static_cast<double>(alab::kMaxKernelElements));
}
