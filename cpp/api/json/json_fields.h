// Reading validated fields out of JSON text, for the native build's JSON edge
// (cpp/api/json/: tests, fuzzers, tools; the wasm module reads JS objects and
// never includes this). Thin wrappers over the one set of readers in
// config_schema.h, through the JsonValue view, so messages are the same as
// for configs.
//
// Numbers JSON cannot encode (NaN, ±Infinity) arrive as the strings "NaN",
// "Infinity", "-Infinity" and are reported by name.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/config_schema.h"
#include "api/json/json_value.h"
#include "core/errors.h"

namespace alab::json_fields {

using nlohmann::json;

// "3", "\"relu\"", "an object", "NaN" — how a value is shown in a message.
inline std::string show(const json& v) { return schema::shown(JsonValue(v), schema::Style::options); }

using alab::shortest_decimal;

// A number, non-finite ones included.
inline double number(const json& v, const std::string& field, schema::Style style = schema::Style::options) {
  return schema::read_number(JsonValue(v), field, style);
}

// A number in [lo, hi] (NaN and infinities are rejected by the range test).
inline double number_in(const json& v, const std::string& field, double lo, double hi) {
  return schema::read_number_in(JsonValue(v), field, lo, hi, schema::Style::options);
}

inline long long integer_in(const json& v, const std::string& field, long long lo, long long hi,
                            schema::Style style = schema::Style::options) {
  return schema::read_integer_in(JsonValue(v), field, lo, hi, style);
}

inline bool boolean(const json& v, const std::string& field) {
  return schema::read_boolean(JsonValue(v), field, schema::Style::options);
}

// Throws when obj is not an object or has a key outside `allowed`.
inline void require_object(const json& obj, const std::string& field, std::initializer_list<const char*> allowed) {
  schema::require_keys(JsonValue(obj), field, std::vector<std::string>(allowed.begin(), allowed.end()));
}

// Parses JSON text from outside (configs and option objects, which are tiny);
// malformed text is a TypeError naming `field`.
inline json parse(const std::string& text, const std::string& field) {
  constexpr std::size_t kMaxBytes = 1u << 20;
  if (text.size() > kMaxBytes) throw_range(field + " (JSON length)", text.size(), "at most 1 MiB of JSON");
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) throw_type(field, "malformed JSON", "valid JSON");
  return j;
}

}  // namespace alab::json_fields
