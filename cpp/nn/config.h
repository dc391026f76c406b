// Network configuration: the plain struct a network is built from, and the
// names of its enumerations. Validation lives outside the model: the field
// table in cpp/api/config_schema.cpp (name, type, range, default, doc of every
// field) is read by one generic validator and exported to JS as lab.schema.
// Size cap beyond the fields: at most kMaxParameters parameters (a bigger
// network is refused naming "hidden"). With it the activation buffers stay
// below 40 M floats even at 64 layers and batchSize 1024.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/activations.h"

namespace alab::nn {

// Each enumeration and its names, in the same order (the names are what JS
// passes and what errors and lab.schema list).
enum class OutputHead : uint8_t { sigmoid, softmax, linear, tanh };
inline constexpr const char* kOutputNames[] = {"sigmoid", "softmax", "linear", "tanh"};
enum class InitKind : uint8_t { uniform, standard, xavier, he, lecun, rai };
inline constexpr const char* kInitNames[] = {"uniform", "standard", "xavier", "he", "lecun", "rai"};
enum class OptimizerKind : uint8_t { sgd, momentum, adam };
inline constexpr const char* kOptimizerNames[] = {"sgd", "momentum", "adam"};

inline constexpr int kMaxInputs = 1024;
inline constexpr int kMaxHiddenLayers = 64;
inline constexpr int kMaxWidth = 1024;
// Glorot & Bengio's 4 x 1000 network on 32 x 32 inputs has 4.04 M parameters.
inline constexpr long kMaxParameters = 5L << 20;
inline constexpr float kMaxInitGain = 100.0f;
inline constexpr int kMaxClasses = 16;
inline constexpr int kMaxBatch = 1024;

struct NetworkConfig {
  int inputs = 0;
  std::vector<int> hidden = {4, 2};
  std::vector<Activation> activations;        // one per hidden layer
  std::vector<ActivationParams> params;       // one per hidden layer (training/seed/counter unused)
  OutputHead output = OutputHead::sigmoid;
  int classes = 2;
  InitKind init = InitKind::xavier;
  float init_gain = 1.0f;
  float bias_init = 0.0f;
  OptimizerKind optimizer = OptimizerKind::sgd;
  float learning_rate = 0.03f;
  float momentum = 0.9f;
  bool nesterov = false;
  int batch_size = 10;
  float l2 = 0.0f;
  float clip = 0.0f;
  bool prelu_shared = false;
  uint32_t seed = 1;

  // Units of the output layer: classes for softmax, else 1.
  int outputs() const { return output == OutputHead::softmax ? classes : 1; }
};

// Parameters of the network a config builds (weights, biases, prelu alphas).
long parameter_count(const NetworkConfig& c);

const char* output_name(OutputHead h);
const char* init_name(InitKind k);
const char* optimizer_name(OptimizerKind k);

// Validates a learning rate (finite, in [0, 100]); throws naming `field`.
void validate_learning_rate(double lr, const std::string& field = "learningRate");

}  // namespace alab::nn
