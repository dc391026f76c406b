// The network config's derived values and enumeration names (validation:
// cpp/api/config_schema.cpp).
#include "nn/config.h"

#include "core/errors.h"

namespace alab::nn {

long parameter_count(const NetworkConfig& c) {
  long p = 0, in = c.inputs;
  for (std::size_t l = 0; l < c.hidden.size(); ++l) {
    p += (in + 1) * c.hidden[l];
    if (l < c.activations.size() && c.activations[l] == Activation::prelu) p += c.prelu_shared ? 1 : c.hidden[l];
    in = c.hidden[l];
  }
  return p + (in + 1) * c.outputs();
}

const char* output_name(OutputHead h) { return kOutputNames[static_cast<int>(h)]; }
const char* init_name(InitKind k) { return kInitNames[static_cast<int>(k)]; }
const char* optimizer_name(OptimizerKind k) { return kOptimizerNames[static_cast<int>(k)]; }

void validate_learning_rate(double lr, const std::string& field) {
  if (!(lr >= 0.0 && lr <= 100.0)) throw_range(field, describe_value(lr), "a finite number in [0, 100]");
}

}  // namespace alab::nn
