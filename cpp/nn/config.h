// Network configuration: the one declared table of settings a network is
// built from, with validation and JSON conversion (field names as in JS).
//
// Fields, defaults and caps (every field is checked by parse_config):
//   inputs           required   integer in [1, 1024]
//   hidden           [4, 2]     array of 0..64 widths, each an integer in [1, 1024]
//   activation       "tanh"     a registry name, or an array with one name per hidden layer
//   activationParams {}         object {alpha?, lower?, upper?} for all layers, or an array
//                               with one such object per hidden layer; each key must be a
//                               parameter of (one of) the layer activation(s) and lies in the
//                               registry's interval (validate_params); missing keys take the
//                               registry defaults (prelu alpha 0.25, leaky_relu 0.01, ...)
//   output           "sigmoid"  sigmoid (+ binary cross-entropy, labels 0/1) | softmax
//                               (+ cross-entropy, labels 0..classes-1) | linear (+ MSE) |
//                               tanh (+ MSE, labels -1/+1, Playground style)
//   classes          2          integer in [2, 16]; the number of outputs of a softmax head
//                               (other heads have one output and ignore it)
//   init             "xavier"   uniform | standard | xavier | he | lecun | rai
//   initGain         1          number in [0, 100]; multiplies the scale of the init
//                               (every drawn weight, and rai's drawn biases)
//   biasInit         0          number in [-10, 10] (every bias; rai draws biases itself)
//   optimizer        "sgd"      sgd | momentum | adam (beta1 0.9, beta2 0.999, eps 1e-8)
//   learningRate     0.03       number in [0, 100]
//   momentum         0.9        number in [0, 1) (momentum optimizer)
//   nesterov         false      boolean (momentum optimizer)
//   batchSize        10         integer in [1, 1024] (capped at the training-set size)
//   l2               0          number in [0, 1]; weight decay on weights only
//   clip             0          number in [0, 1e6]; global gradient-norm clip, 0 = off
//   preluShared      false      boolean: one learned alpha per layer instead of per unit
//   seed             1          integer in [0, 4294967295]
// Size cap beyond the fields: at most kMaxParameters parameters (a bigger
// network is refused naming "hidden"). With it the activation buffers stay
// below 40 M floats even at 64 layers and batchSize 1024.
// Non-finite numbers arrive from JS as the strings "NaN", "Infinity" and
// "-Infinity" (JSON cannot carry them); they are reported as numbers and rejected.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/activations.h"

namespace alab::nn {

enum class OutputHead : uint8_t { sigmoid, softmax, linear, tanh };
enum class InitKind : uint8_t { uniform, standard, xavier, he, lecun, rai };
enum class OptimizerKind : uint8_t { sgd, momentum, adam };

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

// Validates every field (see the table above) and fills the defaults.
// Throws InvalidArgument naming the field, the value and what is allowed.
NetworkConfig parse_config(const nlohmann::json& j);
// The full config with every field explicit; parse_config(config_to_json(c)) == c.
nlohmann::json config_to_json(const NetworkConfig& c);

const char* output_name(OutputHead h);
const char* init_name(InitKind k);
const char* optimizer_name(OptimizerKind k);
// Parses an init name; throws InvalidArgument naming `field` when unknown.
InitKind parse_init(const std::string& name, const std::string& field = "init");

// Validates a learning rate (finite, in [0, 100]); throws naming `field`.
void validate_learning_rate(double lr, const std::string& field = "learningRate");

// Helpers shared by the JSON readers of the nn and data modules.
namespace json_field {
// A number, or one of the strings "NaN", "Infinity", "-Infinity"; else throws a type error.
double number(const nlohmann::json& v, const std::string& field);
// A finite number in [lo, hi]; `allowed` describes it for the message.
double number_in(const nlohmann::json& v, const std::string& field, double lo, double hi);
// An integer in [lo, hi].
int64_t integer_in(const nlohmann::json& v, const std::string& field, int64_t lo, int64_t hi);
bool boolean(const nlohmann::json& v, const std::string& field);
std::string string(const nlohmann::json& v, const std::string& field);
// The double with the fewest decimal digits that converts back to f exactly
// (0.03f -> 0.03), so JSON shows short numbers that still round-trip bit-exactly.
double shortest(float f);
// "NaN", "Infinity", "0.5": a number as JS would print it.
std::string format_number(double v);
}  // namespace json_field

}  // namespace alab::nn
