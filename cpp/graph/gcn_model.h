// Semi-supervised node classification with a stack of graph convolutions
// (Kipf & Welling 2017): hidden GCN (or Chebyshev) layers with any catalogue
// activation, an output graph convolution to `classes` logits, softmax
// cross-entropy on the labelled nodes only, full-batch updates (one step =
// one pass over the whole graph).
//
// Memory (as in llm.c and nn::Network): parameters, gradients and optimizer
// state are each one block carved by a size table (layout()): per layer
// "layerL.weight" (out, in) — (K + 1, out, in) for Chebyshev layers — then
// "layerL.bias" (out). Activations are one block too: per layer z and a
// (n, out), and for Chebyshev layers T_k(L̃)·h (K + 1, n, in).
//
// Node features default to the identity (one-hot node ids, as in Kipf &
// Welling's karate-club example): the first layer's weights are then one
// learned vector per node. Parameters are (re)initialised from the seed when
// a graph is set, because their shapes depend on the feature count.
//
// PReLU's alpha is a fixed parameter here (not learned); RReLU draws its
// slopes per (step, layer, element) in training and uses the mean slope for
// evaluation, diagnostics and the embedding.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/activations.h"
#include "graph/gcn_config.h"
#include "graph/graph.h"
#include "nn/config.h"
#include "nn/network.h"
#include "nn/report.h"

namespace alab::graph {

struct GcnReport {
  long step = 0;
  float learning_rate = 0;
  double loss = 0;                        // mean cross-entropy over the labelled nodes
  double accuracy = 0;                    // over every node with a known class
  double train_accuracy = 0;              // over the labelled nodes
  std::optional<double> test_accuracy;    // over known-class nodes that are not labelled
  bool diverged = false;
  std::vector<nn::LayerReport> layers;    // hidden layers, over all nodes (evaluation mode)
};

class GcnModel {
 public:
  explicit GcnModel(GcnConfig config);

  const GcnConfig& config() const { return config_; }

  // Preconditions (the API validates): labels (n) in [−1, classes) where −1 is
  // "unknown"; labelled: distinct nodes with a known class, at least one;
  // features (n, f) row-major and finite, or empty for the identity.
  void set_graph(const Graph& g, std::vector<float> features, int feature_count, std::vector<int> labels,
                 std::vector<int> labelled);
  bool has_graph() const { return n_ > 0; }
  int nodes() const { return n_; }

  // `steps` full-batch updates; returns the report (diagnostics when `with_report`).
  GcnReport train(long steps, bool with_report);
  // The report of the current parameters without training.
  GcnReport evaluate();

  // Class probabilities (n, classes), evaluation mode.
  std::vector<float> predict();
  // Activations of hidden layer `layer` (n, width), evaluation mode.
  std::vector<float> hidden_output(int layer);
  // A 2-D picture of the nodes (n, 2): the last hidden layer's activations
  // when it has 2 units (one unit: (a, 0)); wider layers are projected on their
  // two principal axes (Jacobi eigenvectors of the covariance, signs fixed);
  // without hidden layers, the logits are used the same way.
  std::vector<float> embedding();

  float learning_rate() const { return learning_rate_; }
  void set_learning_rate(float lr);
  long step() const { return step_; }
  // Parameters back to the seed's initial values, step 0, optimizer state cleared.
  void reset();

  const std::vector<float>& params() const { return params_; }
  std::vector<float>& mutable_params() { return params_; }
  const std::vector<float>& grads() const { return grads_; }
  const std::vector<nn::TensorInfo>& layout() const { return layout_; }

  // Loss over the labelled nodes and its gradient in grads() (no update, no
  // weight decay). For gradient checks. `training` selects rrelu draws.
  double compute_gradients(bool training = false);

 private:
  struct Layer {
    int in = 0, out = 0;
    bool hidden = true;
    Activation act = Activation::identity;
    ActivationParams act_params;
    SaturationRegions regions;  // of the activation (core/properties.h)
    std::size_t w = 0, b = 0, w_count = 0;  // offsets in params
    std::size_t z = 0, a = 0, tx = 0;       // offsets in acts
  };

  void build();
  void initialise();
  void forward(bool training);
  double loss_and_output_grad(float* dz_last);
  void backward();
  ActivationParams layer_params(int l, bool training) const;
  void fill_accuracy(GcnReport& r);
  void diagnostics(GcnReport& r);

  GcnConfig config_;
  std::vector<Layer> layers_;
  std::vector<nn::TensorInfo> layout_;
  std::vector<float> params_, grads_, state_, snapshot_params_, snapshot_state_;
  std::vector<float> acts_, dz_, dh_, scratch_;

  int n_ = 0, features_ = 0;
  SparseMatrix a_hat_, l_scaled_;
  std::vector<float> x_;
  std::vector<int> labels_, labelled_;
  std::vector<char> is_labelled_;
  std::vector<double> grad_norms_;

  long step_ = 0;
  float learning_rate_ = 0;
  double beta1_power_ = 1.0, beta2_power_ = 1.0;
  bool diverged_ = false;
  bool training_pass_ = false;  // mode of the last forward(), reused by backward()
};

}  // namespace alab::graph
