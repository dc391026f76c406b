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
}
