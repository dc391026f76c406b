// Reading validated fields out of JSON objects that came from outside.
//
// JavaScript sends configs as JSON; numbers it cannot encode (NaN, ±Infinity)
// arrive as the strings "NaN", "Infinity", "-Infinity" so that the error can
// name them. Every reader names the field and what is allowed when it throws.
#pragma once

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <limits>
#include <string>

#include <nlohmann/json.hpp>

#include "core/errors.h"

namespace alab::json_fields {

using nlohmann::json;

// "3", "\"relu\"", "an object", "NaN" — how a value is shown in a message.
inline std::string show(const json& v) {
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    if (s == "NaN" || s == "Infinity" || s == "-Infinity") return s;
    return v.dump().substr(0, 60);
  }
  if (v.is_object()) return "an object";
  if (v.is_array()) return "an array";
  if (v.is_number_float()) return describe_value(v.get<double>());  // -1, not -1.0
  return v.dump().substr(0, 60);
}

// The shortest decimal that reads back as the same float, as a double:
// 0.01f is sent to JS as 0.01, not 0.009999999776482582.
inline double shortest_decimal(float v) {
  if (!std::isfinite(v)) return v;
  char buf[32];
  for (int digits = 1; digits <= 9; ++digits) {
    std::snprintf(buf, sizeof buf, "%.*g", digits, static_cast<double>(v));
    if (std::strtof(buf, nullptr) == v) break;
  }
  return std::strtod(buf, nullptr);
}

// A number, or one of the non-finite sentinels, as a double.
inline bool as_number(const json& v, double& out) {
  if (v.is_number()) { out = v.get<double>(); return true; }
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    if (s == "NaN") { out = std::numeric_limits<double>::quiet_NaN(); return true; }
    if (s == "Infinity") { out = std::numeric_limits<double>::infinity(); return true; }
    if (s == "-Infinity") { out = -std::numeric_limits<double>::infinity(); return true; }
  }
  return false;
}

// A double argument as JSON, non-finite values as their sentinel strings, so
// that the readers below report them by name.
inline json from_double(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  return d;
}

// A number in [lo, hi] (NaN and infinities are rejected by the range test).
inline double number_in(const json& v, const std::string& field, double lo, double hi) {
  double d = 0;
  if (!as_number(v, d)) throw_type(field, show(v), "a number");
  if (!(d >= lo && d <= hi))
    throw InvalidArgument(InvalidArgument::Kind::Range, field,
                          field + " must be a finite number in [" + describe_value(lo) + ", " + describe_value(hi) +
                              "]; got " + show(v));
  return d;
}

inline long long integer_in(const json& v, const std::string& field, long long lo, long long hi) {
  double d = 0;
  const std::string allowed = "an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]";
  if (!as_number(v, d)) throw_type(field, show(v), allowed);
  if (!(d >= static_cast<double>(lo) && d <= static_cast<double>(hi)) || std::floor(d) != d)
    throw InvalidArgument(InvalidArgument::Kind::Range, field, field + " must be " + allowed + "; got " + show(v));
  return static_cast<long long>(d);
}

inline bool boolean(const json& v, const std::string& field) {
  if (!v.is_boolean()) throw_type(field, show(v), "true or false");
  return v.get<bool>();
}

inline const std::string& string(const json& v, const std::string& field, const std::string& allowed) {
  if (!v.is_string()) throw_type(field, show(v), allowed);
  return v.get_ref<const std::string&>();
}

// Throws when obj is not an object or has a key outside `allowed`.
inline void require_object(const json& obj, const std::string& field, std::initializer_list<const char*> allowed) {
  if (!obj.is_object()) throw_type(field, show(obj), "an object");
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    bool known = false;
    std::string list;
    for (const char* a : allowed) {
      if (it.key() == a) known = true;
      list += list.empty() ? a : std::string(", ") + a;
    }
    if (!known) {
      // the message starts with the field's path, as every other error does
      const std::string key = printable_key(it.key());
      const std::string path = field.empty() ? key : field + "." + key;
      throw InvalidArgument(InvalidArgument::Kind::Range, path,
                            path + ": unknown field \"" + key + "\"" +
                                (field.empty() ? "" : " in " + field) + "; allowed: " + (list.empty() ? "none" : list));
    }
  }
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
