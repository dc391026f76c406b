// Small converters between Embind values and the C++ API, and the error
// boundary: no C++ exception may cross into JavaScript (Embind would surface
// it as a bare number), so every bound call runs inside `guarded`, which
// rethrows InvalidArgument as a JS TypeError / RangeError and anything else
// as a JS Error, each with the C++ message.
#pragma once

#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <exception>
#include <string>
#include <vector>

#include "core/errors.h"

namespace alab::bindings {

using emscripten::val;

[[noreturn]] inline void throw_js(const char* type, const std::string& message) {
  val::global(type).new_(message).throw_();
  __builtin_unreachable();
}

template <class F>
auto guarded(F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const InvalidArgument& e) {
    throw_js(e.kind() == InvalidArgument::Kind::Type ? "TypeError" : "RangeError", e.what());
  } catch (const std::bad_alloc&) {
    throw_js("RangeError", "out of memory: the request is larger than the WebAssembly heap can grow to");
  } catch (const std::exception& e) {
    throw_js("Error", e.what());
  }
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

}  // namespace alab::bindings
