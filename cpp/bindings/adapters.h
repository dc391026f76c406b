// Small converters between Embind values and the C++ API, and the error
// boundary.
//
// No exception may cross into JavaScript: a C++ exception reaches JS as a bare
// number, and a JS exception thrown from C++ (val::throw_) skips C++ stack
// unwinding, leaking every object on the way and the exception itself. So
// every bound call runs inside `guarded`, which catches in C++, records the
// error (its JS class and message) and returns a sentinel: undefined, "",
// false or null. The JS façade (web/lib/module-call.js) sees the sentinel,
// takes the recorded error with takeError() and throws a real TypeError,
// RangeError or Error. The success path costs nothing extra.
#pragma once

#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <algorithm>
#include <exception>
#include <new>
#include <string>
#include <type_traits>
#include <vector>

#include "api/config_schema.h"
#include "api/config_value.h"
#include "core/activations.h"
#include "core/errors.h"

namespace alab::bindings {

using emscripten::val;

struct RecordedError {
  std::string type;  // "TypeError" | "RangeError" | "Error"; empty when none
  std::string message;
};

inline RecordedError& recorded_error() {
  static RecordedError e;
  return e;
}

// The sentinel a guarded call returns on error, by return type.
template <class R>
R failure_value() {
  if constexpr (std::is_same_v<R, val>) return val::undefined();
  else if constexpr (std::is_same_v<R, bool>) return false;
  else if constexpr (std::is_pointer_v<R>) return nullptr;
  else return R{};
}

// Records the exception being handled; call only from a catch block. One
// shared copy of the handlers (a "Lippincott function"): each guarded call
// then carries a single catch-all landing pad instead of three handlers.
// Exceptions of other types propagate as they always did.
[[gnu::noinline]] inline void record_current_exception() {
  RecordedError& slot = recorded_error();
  try {
    throw;
  } catch (const InvalidArgument& e) {
    slot = {e.kind() == InvalidArgument::Kind::Type ? "TypeError" : "RangeError", e.what()};
  } catch (const std::bad_alloc&) {
    slot = {"RangeError", "out of memory: the request is larger than the WebAssembly heap can grow to"};
  } catch (const std::exception& e) {
    slot = {"Error", e.what()};
  }
}

template <class F>
auto guarded(F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (...) {
    record_current_exception();
  }
  return failure_value<decltype(f())>();
}

// Hands the recorded error to JS once ({ type, message } or undefined).
inline val take_error() {
  RecordedError& slot = recorded_error();
  if (slot.type.empty()) return val::undefined();
  val out = val::object();
  out.set("type", slot.type);
  out.set("message", slot.message);
  slot = {};
  return out;
}

// Copies a JS Float32Array (validated by the JS façade) into C++ memory.
inline std::vector<float> to_floats(const val& array) {
  return emscripten::convertJSArrayToNumberVector<float>(array);
}

// A new JS Float32Array holding a copy of data (the heap view itself would be
// invalidated by the next allocation).
inline val to_float32_array(const float* data, std::size_t n) {
  return val::global("Float32Array").new_(val(emscripten::typed_memory_view(n, data)));
}

inline val to_float32_array(const std::vector<float>& v) { return to_float32_array(v.data(), v.size()); }

// Numbers of another type (doubles, ints) narrowed to a new JS Float32Array.
template <class T>
val float_array_of(const std::vector<T>& v) {
  const std::vector<float> f(v.begin(), v.end());
  return to_float32_array(f.data(), f.size());
}

// Copies a JS Int32Array (validated by the JS façade) into C++ memory, and ints back into a new Int32Array.
inline std::vector<int> to_ints(const val& array) { return emscripten::convertJSArrayToNumberVector<int>(array); }
inline val to_int32_array(const std::vector<int>& v) {
  return val::global("Int32Array").new_(val(emscripten::typed_memory_view(v.size(), v.data())));
}

// Copies a JS Uint8Array into C++ memory, and bytes back into a new Uint8Array.
inline std::vector<uint8_t> to_bytes(const val& array) {
  return emscripten::convertJSArrayToNumberVector<uint8_t>(array);
}
inline val to_uint8_array(const uint8_t* data, std::size_t n) {
  return val::global("Uint8Array").new_(val(emscripten::typed_memory_view(n, data)));
}

// A config as the JS object itself (web/lib/validate.js hands over a plain-data
// snapshot: plain objects, arrays, numbers — NaN and ±Infinity included —
// strings, booleans, null; no getters, proxies or cycles), read by the
// generic validator in cpp/api/config_schema.h. Keys whose value is
// undefined count as absent.
class ValValue final : public ConfigValue {
 public:
  explicit ValValue(val v) : v_(std::move(v)) {}

  Kind kind() const override {
    if (v_.isNull()) return Kind::null;
    if (v_.isNumber()) return Kind::number;
    if (v_.isString()) return Kind::string;
    if (v_.isTrue() || v_.isFalse()) return Kind::boolean;
    if (v_.isArray()) return Kind::array;
    if (v_.typeOf().as<std::string>() == "object") return Kind::object;
    return Kind::other;
  }
  double number() const override { return v_.as<double>(); }
  bool boolean() const override { return v_.isTrue(); }
  std::string string() const override { return v_.as<std::string>(); }
  std::size_t size() const override { return v_.isArray() ? v_["length"].as<std::size_t>() : 0; }
  std::unique_ptr<ConfigValue> element(std::size_t i) const override {
    return std::make_unique<ValValue>(v_[static_cast<unsigned>(i)]);
  }
  std::vector<std::string> keys() const override {
    std::vector<std::string> out;
    const val keys = val::global("Object").call<val>("keys", v_);
    const std::size_t n = keys["length"].as<std::size_t>();
    for (std::size_t i = 0; i < n; ++i) {
      const std::string key = keys[static_cast<unsigned>(i)].as<std::string>();
      if (!v_[val(key)].isUndefined()) out.push_back(key);
    }
    return out;
  }
  std::unique_ptr<ConfigValue> get(const std::string& key) const override {
    // Not val::hasOwnProperty(const char*): that cuts the key at a NUL and
    // reads it as Latin-1; val(std::string) keeps every UTF-8 key intact.
    const val own = val::global("Object")["prototype"]["hasOwnProperty"];
    if (!own.call<bool>("call", v_, val(key))) return nullptr;
    val item = v_[val(key)];
    if (item.isUndefined()) return nullptr;
    return std::make_unique<ValValue>(std::move(item));
  }
  std::string dump() const override { return render_value(*this); }

 private:
  val v_;
};

// An optional argument object (undefined or null: not given) as the
// ConfigValue the C++ API reads, nullptr when absent.
template <class F>
decltype(auto) with_optional(const val& v, F&& f) {
  if (v.isUndefined() || v.isNull()) return f(static_cast<const ConfigValue*>(nullptr));
  const ValValue view(v);
  return f(static_cast<const ConfigValue*>(&view));
}

// lab.schema: every field table as { key: { fields: [{ name, type, default,
// doc, required?, min?, max?, maxExclusive?, values?, maxLength? }], names? } }
// (types/index.d.ts documents the shape).
inline val schema_object() {
  using schema::FieldType;
  const auto array_of = [](const auto& items, auto convert) {
    val out = val::array();
    for (const auto& x : items) out.call<void>("push", convert(x));
    return out;
  };
  const auto name_list = [](schema::Names names) {
    val out = val::array();
    for (std::size_t i = 0; i < names.count; ++i) out.call<void>("push", std::string(names.items[i]));
    return out;
  };
  val out = val::object();
  for (const schema::Schema& s : schema::schemas()) {
    val fields = val::array();
    for (const schema::SchemaField& f : s.fields) {
      const schema::FieldSpec& spec = f.spec;
      const schema::FieldValue& d = f.default_value;
      val row = val::object();
      row.set("name", spec.name);
      row.set("type", std::string(schema::type_name(spec.type)));
      switch (spec.type) {
        case FieldType::integer:
          row.set("default", d.number);
          row.set("min", spec.min);
          row.set("max", spec.max);
          break;
        case FieldType::number:
          row.set("default", d.single ? shortest_decimal(static_cast<float>(d.number)) : d.number);
          row.set("min", spec.min);
          row.set("max", spec.max);
          if (spec.max_exclusive) row.set("maxExclusive", true);
          break;
        case FieldType::boolean: row.set("default", d.number != 0); break;
        case FieldType::enumeration:
          row.set("default", std::string(spec.values.items[static_cast<int>(d.number)]));
          row.set("values", name_list(spec.values));
          break;
        case FieldType::integer_list:
          row.set("default", array_of(d.ints, [](int w) { return val(w); }));
          row.set("min", spec.min);
          row.set("max", spec.max);
          row.set("maxLength", static_cast<double>(spec.max_length));
          break;
        case FieldType::activation: {
          row.set("default", spec.default_name);
          val names = val::array();
          for (const ActivationInfo& a : activation_table()) names.call<void>("push", std::string(a.name));
          row.set("values", names);
          break;
        }
        case FieldType::activation_params: row.set("default", val::object()); break;
      }
      if (spec.required) {  // no default: the caller must give it
        row.delete_(std::string("default"));
        row.set("required", true);
      }
      row.set("doc", spec.doc);
      fields.call<void>("push", row);
    }
    val entry = val::object();
    entry.set("fields", fields);
    if (s.names.count) entry.set("names", name_list(s.names));
    out.set(s.key, entry);
  }
  return out;
}

// The indices of names in alphabetical order: one small insertion sort for
// every table (at most a few dozen rows) and parameter object, not a
// std::sort instantiation per table type.
inline std::vector<std::size_t> alphabetical(const std::vector<const std::string*>& names) {
  std::vector<std::size_t> order(names.size());
  for (std::size_t k = 0; k < order.size(); ++k) {
    std::size_t at = k;
    for (; at > 0 && *names[k] < *names[order[at - 1]]; --at) order[at] = order[at - 1];
    order[at] = k;
  }
  return order;
}

// A config struct as the JS object createNetwork/createGcn reads back
// (net.config, model.config): every row of its table, read from c, keys in
// alphabetical order (the order JSON read-back always had). The native twin
// is cpp/api/json/config_json.h.
inline val field_val(const schema::FieldSpec& spec, const schema::FieldValue& v) {
  using schema::FieldType;
  switch (spec.type) {
    case FieldType::integer: return val(v.number);
    case FieldType::number: return val(v.single ? shortest_decimal(static_cast<float>(v.number)) : v.number);
    case FieldType::boolean: return val(v.number != 0);
    case FieldType::enumeration: return val(std::string(spec.values.items[static_cast<int>(v.number)]));
    case FieldType::integer_list: {
      val out = val::array();
      for (int w : v.ints) out.call<void>("push", w);
      return out;
    }
    case FieldType::activation: {
      val out = val::array();
      for (const std::string& n : v.names) out.call<void>("push", n);
      return out;
    }
    case FieldType::activation_params: {
      val out = val::array();
      for (const auto& obj : v.params) {
        std::vector<const std::string*> keys;  // unique: they were an object's
        for (const auto& entry : obj) keys.push_back(&entry.first);
        val p = val::object();
        for (std::size_t i : alphabetical(keys)) p.set(obj[i].first, shortest_decimal(obj[i].second));
        out.call<void>("push", p);
      }
      return out;
    }
  }
  return val::null();
}

template <class T>
val config_val(const schema::Table<T>& table, const T& c) {
  std::vector<const std::string*> names;
  for (const schema::Field<T>& f : table.fields) names.push_back(&f.spec.name);
  val out = val::object();
  for (std::size_t i : alphabetical(names)) {
    const schema::Field<T>& f = table.fields[i];
    out.set(f.spec.name, field_val(f.spec, f.read(c)));
  }
  return out;
}

}  // namespace alab::bindings
