#include "api/float32_buffer.h"

#include "core/errors.h"

namespace alab {

namespace {

std::size_t checked_length(double n) {
  if (!(n >= 0 && n <= static_cast<double>(kMaxKernelElements)) || n != static_cast<double>(static_cast<std::size_t>(n)))
    throw_range("length", n, "an integer in [0, " + std::to_string(kMaxKernelElements) + "]");
  return static_cast<std::size_t>(n);
}

}  // namespace

Float32Buffer::Float32Buffer(double length) : data_(checked_length(length)) {}

void run_activation(KernelKind kind, const std::string& name, Float32Buffer& x, Float32Buffer& y,
                    const ConfigValue* params) {
  if (x.size() != y.size())
    throw_range("output.length", y.size(), "equal to input.length (" + std::to_string(x.size()) + ")");
  run_activation(kind, name, x.data(), y.data(), x.size(), params);
}

}  // namespace alab
