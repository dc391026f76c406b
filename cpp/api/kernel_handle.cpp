#include "kernel_handle.h"

#include <new>

namespace alab {

KernelHandle* create_kernel_handle(int id, bool derivative, const ActivationParams& params) {
  if (id < 0 || static_cast<std::size_t>(id) >= kActivationCount) return nullptr;
  const ActivationInfo& info = activation_table()[static_cast<std::size_t>(id)];
  if (!params_valid(info, params)) return nullptr;
  KernelHandle* k = new (std::nothrow) KernelHandle;
  if (k == nullptr) return nullptr;
  k->kernel = derivative ? info.derivative : info.forward;
  k->params = params;
  return k;
}

void delete_kernel_handle(KernelHandle* handle) noexcept {
  if (handle == nullptr) return;
  handle->tag = 0;
  delete handle;
}

}  // namespace alab
