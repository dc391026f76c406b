// Embind registrations. This file only registers; conversion lives in
// adapters.h and all validation in the C++ API (cpp/api/).
#include <emscripten/bind.h>

#include "adapters.h"
#include "api/catalogue_api.h"

namespace alab::bindings {
namespace {

val apply_kernel(KernelKind kind, const std::string& name, const val& x, const std::string& params_json) {
  return guarded([&] {
    const std::vector<float> in = to_floats(x);
    std::vector<float> out(in.size());
    run_activation(kind, name, in.data(), out.data(), in.size(), params_json);
    return to_float32_array(out.data(), out.size());
  });
}

val forward(const std::string& name, const val& x, const std::string& params_json) {
  return apply_kernel(KernelKind::Forward, name, x, params_json);
}

val derivative(const std::string& name, const val& x, const std::string& params_json) {
  return apply_kernel(KernelKind::Derivative, name, x, params_json);
}

// A float array that lives in the WebAssembly heap, for calls without copies
// (benchmarks, the page's chart sampling). view() is invalidated by any later
// heap growth: take it again after other calls.
class Float32Buffer {
 public:
  explicit Float32Buffer(double n) : data_(guarded([&] { return checked_size(n); })) {}
  std::size_t size() const { return data_.size(); }
  val view() { return val(emscripten::typed_memory_view(data_.size(), data_.data())); }
  float* data() { return data_.data(); }

 private:
  static std::size_t checked_size(double n) {
    if (!(n >= 0 && n <= static_cast<double>(kMaxKernelElements)) || n != static_cast<double>(static_cast<std::size_t>(n)))
      throw_range("length", n, "an integer in [0, " + std::to_string(kMaxKernelElements) + "]");
    return static_cast<std::size_t>(n);
  }
  std::vector<float> data_;
};

void apply_buffers(KernelKind kind, const std::string& name, Float32Buffer& x, Float32Buffer& y,
                   const std::string& params_json) {
  guarded([&] {
    if (x.size() != y.size()) throw_range("output.length", y.size(), "equal to input.length (" + std::to_string(x.size()) + ")");
    run_activation(kind, name, x.data(), y.data(), x.size(), params_json);
    return 0;
  });
}

void forward_buffer(const std::string& name, Float32Buffer& x, Float32Buffer& y, const std::string& params_json) {
  apply_buffers(KernelKind::Forward, name, x, y, params_json);
}

void derivative_buffer(const std::string& name, Float32Buffer& x, Float32Buffer& y, const std::string& params_json) {
  apply_buffers(KernelKind::Derivative, name, x, y, params_json);
}

std::string catalogue() {
  return guarded([] { return catalogue_json(); });
}

// Whether this module was compiled with WebAssembly SIMD (the scalar
// benchmark variant is not).
bool simd() {
#if defined(__wasm_simd128__)
  return true;
#else
  return false;
#endif
}

}  // namespace
}  // namespace alab::bindings

EMSCRIPTEN_BINDINGS(activation_lab) {
  using namespace alab::bindings;
  emscripten::function("catalogueJson", &catalogue);
  emscripten::function("forward", &forward);
  emscripten::function("derivative", &derivative);
  emscripten::function("simd", &simd);
  emscripten::class_<Float32Buffer>("Float32Buffer")
      .constructor<double>()
      .function("size", &Float32Buffer::size)
      .function("view", &Float32Buffer::view);
  emscripten::function("forwardBuffer", &forward_buffer);
  emscripten::function("derivativeBuffer", &derivative_buffer);
}
