// A prepared kernel owned from JS (lab.kernel() holds two, forward and
// derivative; lab.forward/derivative one for the length of the call): one of
// an activation's array kernels with its parameters, checked once when it is
// made, so that each call passes only its buffers. JS holds its heap address;
// the bindings export these functions as plain wasm functions (numbers only:
// an Embind call costs more than a 1 Ki kernel). One run function for every
// handle keeps the façade's call site monomorphic in V8 (a call site that
// sees two wasm functions costs ~10 ns more per call).
#pragma once

#include <cstddef>
#include <cstdint>

#include "api/catalogue_api.h"
#include "core/activations.h"

namespace alab {

struct KernelHandle {
  static constexpr uint32_t kLive = 0x6b65726eu;  // "kern"; cleared when freed
  uint32_t tag = kLive;
  ArrayKernel kernel;  // the registry's forward or derivative
  ActivationParams params;
};

// A new handle for f (derivative false) or f' of registry index `id` with
// these parameters, or nullptr when
// the index or a parameter is out of range (the façade passes what
// prepareKernel validated, with its messages, so nullptr means a bug).
KernelHandle* create_kernel_handle(int id, bool derivative, const ActivationParams& params);

// Frees a handle from create_kernel_handle (nullptr: nothing).
void delete_kernel_handle(KernelHandle* handle) noexcept;

// y = f(x) or f'(x) (the handle's kernel) for n elements; false without
// running when the handle is not live or n is above kMaxKernelElements.
inline bool run_kernel_handle(const KernelHandle* k, const float* x, float* y, std::size_t n) noexcept {
  if (k == nullptr || k->tag != KernelHandle::kLive || n > kMaxKernelElements) return false;
  k->kernel(x, y, n, k->params);
  return true;
}

}  // namespace alab
