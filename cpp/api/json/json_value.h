// ConfigValue over nlohmann::json: the native build's view of JSON configs
// (tests, fuzzers, tools, and the JSON edges that remain). Not compiled into
// the wasm config path, which reads JS objects (cpp/bindings/adapters.h).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/config_value.h"

namespace alab {

class JsonValue final : public ConfigValue {
 public:
  // Views j without copying; j must outlive the view.
  explicit JsonValue(const nlohmann::json& j) : j_(j) {}

  Kind kind() const override {
    if (j_.is_null()) return Kind::null;
    if (j_.is_boolean()) return Kind::boolean;
    if (j_.is_number()) return Kind::number;
    if (j_.is_string()) return Kind::string;
    if (j_.is_array()) return Kind::array;
    if (j_.is_object()) return Kind::object;
    return Kind::other;
  }
  double number() const override { return j_.get<double>(); }
  bool boolean() const override { return j_.get<bool>(); }
  std::string string() const override { return j_.get<std::string>(); }
  std::size_t size() const override { return j_.is_array() ? j_.size() : 0; }
  std::unique_ptr<ConfigValue> element(std::size_t i) const override { return std::make_unique<JsonValue>(j_.at(i)); }
  std::vector<std::string> keys() const override {
    std::vector<std::string> out;
    if (j_.is_object())
      for (auto it = j_.begin(); it != j_.end(); ++it) out.push_back(it.key());
    return out;
  }
  std::unique_ptr<ConfigValue> get(const std::string& key) const override {
    if (!j_.is_object()) return nullptr;
    const auto it = j_.find(key);
    return it == j_.end() ? nullptr : std::make_unique<JsonValue>(*it);
  }
  std::string dump() const override { return j_.dump(); }

 private:
  const nlohmann::json& j_;
};

}  // namespace alab
