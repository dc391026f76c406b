// The configuration of a GcnModel (gcn_model.h): a plain struct with its caps
// and the names of its layer kinds. Validation lives outside the model: the
// field table schema::gcn_table() in cpp/api/config_schema.cpp.
#pragma once

#include <cstdint>
#include <vector>

#include "core/activations.h"
#include "nn/config.h"

namespace alab::graph {

enum class LayerKind : uint8_t { gcn, chebyshev };
inline constexpr const char* kLayerKindNames[] = {"gcn", "chebyshev"};

inline constexpr int kMaxGraphNodes = 5000;
inline constexpr int kMaxGraphEdges = 200000;
inline constexpr long kMaxFeatureFloats = 4000000;  // n · features (identity: n²)
inline constexpr int kMaxGcnHiddenLayers = 8;
inline constexpr int kMaxGcnWidth = 256;
inline constexpr int kMaxChebOrder = 10;
inline constexpr int kMaxGraphClasses = 16;

struct GcnConfig {
  LayerKind layer = LayerKind::gcn;
  int order = 2;                                // Chebyshev K (hops per layer)
  std::vector<int> hidden = {16};
  std::vector<Activation> activations;          // one per hidden layer
  std::vector<ActivationParams> params;         // one per hidden layer
  int classes = 2;
  nn::InitKind init = nn::InitKind::xavier;     // Glorot, as Kipf & Welling
  nn::OptimizerKind optimizer = nn::OptimizerKind::adam;
  float learning_rate = 0.01f;
  float momentum = 0.9f;
  float weight_decay = 5e-4f;                   // L2 on weights (not biases)
  float lambda_max = 0.0f;                      // Chebyshev λmax; 0: estimated from the graph
  uint32_t seed = 1;
};

}  // namespace alab::graph
