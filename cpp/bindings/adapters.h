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

#include <exception>
#include <new>
#include <string>
#include <type_traits>
#include <vector>

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

template <class F>
auto guarded(F&& f) -> decltype(f()) {
  using R = decltype(f());
  RecordedError& slot = recorded_error();
  try {
    return f();
  } catch (const InvalidArgument& e) {
    slot = {e.kind() == InvalidArgument::Kind::Type ? "TypeError" : "RangeError", e.what()};
  } catch (const std::bad_alloc&) {
    slot = {"RangeError", "out of memory: the request is larger than the WebAssembly heap can grow to"};
  } catch (const std::exception& e) {
    slot = {"Error", e.what()};
  }
  return failure_value<R>();
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

// Copies a JS Uint8Array into C++ memory, and bytes back into a new Uint8Array.
inline std::vector<uint8_t> to_bytes(const val& array) {
  return emscripten::convertJSArrayToNumberVector<uint8_t>(array);
}
inline val to_uint8_array(const uint8_t* data, std::size_t n) {
  return val::global("Uint8Array").new_(val(emscripten::typed_memory_view(n, data)));
}

}  // namespace alab::bindings
