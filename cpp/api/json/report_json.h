// The training report as JSON, for native code only (tests, tools, fuzzers):
// the same shape and values JS receives from the bindings (cpp/bindings/
// report_adapters.h builds it as a JS object there). Non-finite numbers are
// null, as in JS. This folder is not part of the WebAssembly build.
#pragma once

#include <nlohmann/json.hpp>

#include "nn/report.h"

namespace alab::nn {

nlohmann::json report_to_json(const TrainReport& r);
// One hidden layer's entry of report.layers (also used by the GCN reports).
nlohmann::json layer_report_to_json(const LayerReport& l);

}  // namespace alab::nn
