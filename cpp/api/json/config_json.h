// Config structs to and from JSON through their field tables
// (config_schema.h): the JSON edge of configs — native tests, tools, fuzzers,
// and the network JSON format. Header-only, so that it adds no source to the
// wasm config path (which reads JS objects: cpp/bindings/adapters.h).
#pragma once

#include <nlohmann/json.hpp>

#include "api/config_schema.h"
#include "api/json/json_value.h"
#include "core/errors.h"

namespace alab {

namespace config_json_detail {

using nlohmann::json;

inline json value_json(const schema::FieldSpec& spec, const schema::FieldValue& v) {
  using schema::FieldType;
  switch (spec.type) {
    case FieldType::integer: return static_cast<int64_t>(v.number);
    case FieldType::number: return v.single ? shortest_decimal(static_cast<float>(v.number)) : v.number;
    case FieldType::boolean: return v.number != 0;
    case FieldType::enumeration: return spec.values.items[static_cast<int>(v.number)];
    case FieldType::integer_list: return v.ints;
    case FieldType::activation: return v.names;
    case FieldType::activation_params: {
      json layers = json::array();
      for (const auto& obj : v.params) {
        json p = json::object();
        for (const auto& [key, x] : obj) p[key] = shortest_decimal(x);
        layers.push_back(p);
      }
      return layers;
    }
  }
  return nullptr;
}

// Every row of the table, read from c.
template <class T>
inline json to_json(const schema::Table<T>& table, const T& c) {
  json out = json::object();
  for (const schema::Field<T>& f : table.fields) out[f.spec.name] = value_json(f.spec, f.read(c));
  return out;
}

}  // namespace config_json_detail

// The network config from JSON (strings "NaN"/"Infinity" read as numbers).
inline nn::NetworkConfig parse_config(const nlohmann::json& j) {
  return schema::parse(schema::network_table(), JsonValue(j));
}
// The full config with every field explicit; parse_config(config_to_json(c)) == c.
inline nlohmann::json config_to_json(const nn::NetworkConfig& c) {
  return config_json_detail::to_json(schema::network_table(), c);
}
// The GCN config with every field explicit.
inline nlohmann::json gcn_config_to_json(const graph::GcnConfig& c) {
  return config_json_detail::to_json(schema::gcn_table(), c);
}

}  // namespace alab
