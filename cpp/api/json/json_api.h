// The native build's JSON-text face of the config API: the same validation
// (the field tables of config_schema.h, through the JsonValue view) for
// callers that hold JSON — native tests, fuzzers, tools — and the config's
// JSON form for the network JSON edge. Not part of the wasm config path: the
// module reads JS objects (cpp/bindings/adapters.h). config_json.h has
// parse_config / config_to_json.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/catalogue_api.h"
#include "api/graph_api.h"
#include "api/json/config_json.h"
#include "api/network_api.h"
#include "nn/config.h"

namespace alab {

// JSON text overloads of the ConfigValue API (empty text: no options).
std::unique_ptr<nn::Network> create_network(const std::string& config_json);
data::Dataset make_dataset(const std::string& name, const std::string& options_json);
nn::BornDeadResult born_dead(const std::string& options_json);
// lab.forward's params as JSON text (empty: the defaults).
void run_activation(KernelKind kind, const std::string& name, const float* x, float* y, std::size_t n,
                    const std::string& params_json);
graph::LabelledGraph make_graph(const std::string& name, const std::string& options_json);
std::unique_ptr<graph::GcnModel> create_gcn(const std::string& config_json);
graph::GcnConfig parse_gcn_config(const std::string& config_json);
graph::SymmetricEigen graph_fourier(double nodes, const std::vector<int>& edges, const std::string& options_json);
graph::FilterResult graph_filter(double nodes, const std::vector<int>& edges, const std::vector<float>& signal,
                                 const std::string& options_json);

}  // namespace alab
