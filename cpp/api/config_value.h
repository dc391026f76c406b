// A read-only view of one value of a config that came from outside: the
// abstraction the generic validator (config_schema.h) reads, so that it knows
// neither Embind nor any JSON library. Two implementations:
//   cpp/bindings/adapters.h   over emscripten::val (the JS object itself; wasm)
//   cpp/api/json/json_value.h over nlohmann::json (native tests, fuzzers, tools)
// Numbers are doubles; NaN and ±Infinity are numbers (JSON text, which cannot
// hold them, spells them "NaN", "Infinity", "-Infinity", and the validator
// reads those strings as the numbers).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace alab {

class ConfigValue {
 public:
  enum class Kind { null, boolean, number, string, array, object, other };
  virtual ~ConfigValue() = default;

  virtual Kind kind() const = 0;
  // The value, when kind() says it is one (else unspecified).
  virtual double number() const = 0;
  virtual bool boolean() const = 0;
  virtual std::string string() const = 0;
  // Arrays: the length and element i < size().
  virtual std::size_t size() const = 0;
  virtual std::unique_ptr<ConfigValue> element(std::size_t i) const = 0;
  // Objects: the keys (any order) and the value of a key, nullptr when absent.
  virtual std::vector<std::string> keys() const = 0;
  virtual std::unique_ptr<ConfigValue> get(const std::string& key) const = 0;
  // Compact JSON-like text of the value, for error messages.
  virtual std::string dump() const = 0;

  bool is(Kind k) const { return kind() == k; }
};

// dump() for views without a native serialiser: JSON text with strings
// escaped as JSON does, NaN/Infinity spelled as numbers, keys in sorted order.
std::string render_value(const ConfigValue& v);

}  // namespace alab
