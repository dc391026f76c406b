// A float array owned by C++ (lab.createBuffer → the Embind class
// "Float32Buffer"), for kernel calls without copies: benchmarks, the page's
// chart sampling, and the prepared-kernel export (alab_apply_prepared takes
// its heap address). JS sees it through a typed-array view the bindings make;
// the length check and the kernel calls on buffers are here.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "api/catalogue_api.h"
#include "api/config_value.h"

namespace alab {

class Float32Buffer {
 public:
  // length: an integer in [0, kMaxKernelElements]; else InvalidArgument naming "length".
  explicit Float32Buffer(double length);

  std::size_t size() const { return data_.size(); }
  float* data() { return data_.data(); }
  const float* data() const { return data_.data(); }

 private:
  std::vector<float> data_;
};

// y = f(x) or f'(x) elementwise over two buffers of the same length (x and y
// may be the same buffer); params: the params object (nullptr = defaults).
void run_activation(KernelKind kind, const std::string& name, Float32Buffer& x, Float32Buffer& y,
                    const ConfigValue* params);

}  // namespace alab
