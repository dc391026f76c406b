// JSON text in, the ConfigValue API out (json_api.h); config structs back to JSON.
#include "api/json/json_api.h"

#include "api/json/config_json.h"
#include "api/json/json_value.h"
#include "api/json/json_fields.h"

namespace alab {

using nlohmann::json;

namespace {

// Options text: empty means {} (no options given).
json options_of(const std::string& text, const std::string& field) {
  return text.empty() ? json::object() : json_fields::parse(text, field);
}

}  // namespace

std::unique_ptr<nn::Network> create_network(const std::string& config_json) {
  const json j = json_fields::parse(config_json, "config");
  return create_network(JsonValue(j));
}

data::Dataset make_dataset(const std::string& name, const std::string& options_json) {
  const json o = options_of(options_json, "options");
  return make_dataset(name, JsonValue(o));
}

nn::BornDeadResult born_dead(const std::string& options_json) {
  const json o = options_of(options_json, "options");
  return born_dead(JsonValue(o));
}

void run_activation(KernelKind kind, const std::string& name, const float* x, float* y, std::size_t n,
                    const std::string& params_json) {
  if (params_json.empty()) return run_activation(kind, name, x, y, n, static_cast<const ConfigValue*>(nullptr));
  const json params = json_fields::parse(params_json, "params");
  const JsonValue view(params);
  run_activation(kind, name, x, y, n, &view);
}

graph::LabelledGraph make_graph(const std::string& name, const std::string& options_json) {
  const json o = options_of(options_json, "options");
  return make_graph(name, JsonValue(o));
}

std::unique_ptr<graph::GcnModel> create_gcn(const std::string& config_json) {
  const json j = options_of(config_json, "config");
  return create_gcn(JsonValue(j));
}

graph::GcnConfig parse_gcn_config(const std::string& config_json) {
  const json j = options_of(config_json, "config");
  return parse_gcn_config(JsonValue(j));
}

graph::SymmetricEigen graph_fourier(double nodes, const std::vector<int>& edges, const std::string& options_json) {
  const json o = options_of(options_json, "options");
  return graph_fourier(nodes, edges, JsonValue(o));
}

graph::FilterResult graph_filter(double nodes, const std::vector<int>& edges, const std::vector<float>& signal,
                                 const std::string& options_json) {
  const json o = options_of(options_json, "options");
  return graph_filter(nodes, edges, signal, JsonValue(o));
}

}  // namespace alab
