// The multilayer perceptron: batched SIMD training with diagnostics.
//
// Memory (as in llm.c): four blocks, each one allocation carved by a size table.
//   params      per dense layer: weight (out, in) row-major, bias (out), and for
//               prelu layers alpha (out, or 1 when preluShared); hidden layers
//               first, the output layer last. layout() names every tensor.
//   grads       the same layout; zeroed with one fill per step.
//   opt state   0, 1 or 2 floats per parameter (sgd, momentum, adam: m then v).
//   activations input (inputs, ld), per layer z and a (units, ld), scratch:
//               feature-major, so SIMD lanes run over the samples of a batch;
//               a training step packs its rows (ld = batch size), evaluation
//               passes pad them to a multiple of 4 (dense.h). Plus 4 floats
//               of slack: the kernels read whole vectors.
// All blocks are 16-byte aligned (FloatBlock).
// Plus a snapshot of params and optimizer state: the last state whose loss was
// finite, restored on divergence.
//
// Training: each step takes the next batchSize samples of a permutation of the
// training set, reshuffled (seeded by seed and epoch) when exhausted; batches
// may straddle epochs. The loss is the batch mean. rrelu draws its slopes from
// a counter hash keyed by (seed, step, layer) in training, and uses the mean
// slope for evaluation, prediction and diagnostics.
//
// Divergence: when a batch loss or any parameter becomes NaN/Inf, the step
// stops, the snapshot is restored (parameters that gave a finite loss, with
// their optimizer state and step count), diverged is set with divergedAtStep,
// and later train() calls train nothing and return a report with diverged =
// true until set_learning_rate(), set_weights() or reset() is called.
//
// Diagnostics set: the first min(1000, n) training samples, in order.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/aligned.h"
#include "core/properties.h"
#include "nn/config.h"
#include "nn/report.h"

namespace alab::nn {

// A contiguous model block (parameters, gradients, optimizer state,
// activations), 16-byte aligned (core/aligned.h).
using alab::FloatBlock;

// One named tensor of the parameter block (offset and size in floats).
struct TensorInfo {
  std::string name;        // "hidden0.weight", "hidden0.bias", "hidden0.alpha", "output.weight", ...
  std::size_t offset = 0;
  std::vector<int> shape;  // (out, in) for weights, (out) for biases, (out) or (1) for alpha
};

struct Evaluation {
  double train_loss = 0;
  std::optional<double> test_loss, train_accuracy, test_accuracy;
};

inline constexpr int kMaxSamples = 1000000;        // per set_data array
inline constexpr long kMaxDataFloats = 16000000;   // n · inputs per array
inline constexpr int kDiagnosticsSamples = 1000;
inline constexpr long kMaxStepsPerCall = 1000000;
inline constexpr int kMaxGridResolution = 400;
inline constexpr int kMaxPredict = 1000000;
inline constexpr long kMaxUnitGridFloats = 16000000;  // 64 MiB of unit images
inline constexpr int kUnitStatsStride = 3 + kHistogramBins;

class Network {
 public:
  // From a validated config (parse_config); initialises the parameters from config.seed.
  explicit Network(const NetworkConfig& config);

  const NetworkConfig& config() const { return config_; }
  int inputs() const { return config_.inputs; }
  int outputs() const { return config_.outputs(); }

  const float* params() const { return params_.data(); }
  std::size_t param_count() const { return params_.size(); }
  const float* grads() const { return grads_.data(); }
  const std::vector<TensorInfo>& layout() const { return layout_; }

  // Copies the data. x (n, inputs) and test_x (n_test, inputs) row-major; labels
  // per sample: 0/1 (sigmoid), 0..classes-1 (softmax), -1/+1 (tanh), any finite
  // number (linear). n in [1, 1e6], n_test in [0, 1e6], all values finite.
  // Throws InvalidArgument naming the array and index. Restarts the epoch order.
  void set_data(const float* x, int n, int inputs, const float* y, const float* test_x, int n_test,
                const float* test_y);
  bool has_data() const { return n_train_ > 0; }

  // Runs `steps` mini-batch updates (0..1e6; 0 only reports) and, with
  // `with_report`, the full report (losses, accuracies, per-layer diagnostics,
  // dead-unit events since the last report). Requires data.
  TrainReport train(long steps, bool with_report);

  // Losses and accuracies over the whole training and test sets (evaluation mode).
  Evaluation evaluate();
  // Head outputs (probabilities or values), row-major (n, outputs).
  std::vector<float> predict(const float* x, int n);
  // Outputs on a resolution × resolution grid for 2-input networks: row r has
  // y = ymin + (ymax − ymin)·r/(resolution−1), column c has x likewise, so row 0
  // is y = ymin; values row-major (row, column, output). resolution in [2, 400].
  std::vector<float> predict_grid(float xmin, float xmax, float ymin, float ymax, int resolution);
  // Every hidden unit's activation f(z) (evaluation mode) on the predict_grid
  // grid (same points, same row order): [hidden layer][unit][row][column],
  // one block. Same validation as predict_grid, plus
  // (hidden units) · resolution² <= kMaxUnitGridFloats. (unit_views.cpp)
  std::vector<float> unit_grid(float xmin, float xmax, float ymin, float ymax, int resolution);
  // Per hidden unit over the diagnostics set, evaluation mode, as
  // [hidden layer][unit][kUnitStatsStride]: share of samples active, inactive
  // (f'(z) = 0 outside a saturated tail) and saturated (z in a flat tail of
  // a smooth activation: the report's rule, layer_stats.h), then the kHistogramBins pre-activation counts. Requires data.
  std::vector<float> unit_stats();

  // The whole training state (parameters, optimizer state, step, learning
  // rate, epoch order position, divergence snapshot, dead-unit memory) as
  // bytes; restore_state() on a network of the same config and data continues
  // bit-identically to the original. (network_state.cpp)
  std::vector<uint8_t> save_state();
  // exact: the blob must come from this config and data. Not exact (a fork
  // that changes hidden activations or the data's noise): widths, inputs,
  // head, optimizer, batch and seed must agree; weights, biases, step, epoch
  // position and learning rate are taken, the optimizer state too when the
  // parameter layouts agree, and prelu alphas keep this network's values.
  // Throws InvalidArgument("state").
  void restore_state(const uint8_t* bytes, std::size_t n, bool exact);

  float learning_rate() const { return learning_rate_; }
  // Validated like config.learningRate; clears a divergence.
  void set_learning_rate(float lr);

  std::vector<float> weights() const { return {params_.begin(), params_.end()}; }
  // Replaces the whole parameter block (length param_count(), finite values);
  // resets the optimizer state and clears a divergence.
  void set_weights(const float* w, std::size_t n);
  // Re-initialises parameters from the seed, zeroes the optimizer state, step 0,
  // config learning rate, epoch order restarted, divergence cleared.
  void reset();

  int64_t step() const { return step_; }
  bool diverged() const { return diverged_; }

  // A saved network's parameters and step (lab.loadNetwork): set_weights(),
  // then the step counter. (The file format itself lives at the edges:
  // web/lib/network-file.js, and cpp/api/json/network_json.h natively.)
  void load_parameters(const float* w, std::size_t n, int64_t step);

  // Mean loss of the n given samples and its gradient in grads() (no update).
  // x (n, inputs) row-major, n in [1, batch capacity]. For tests.
  double compute_gradients(const float* x, const float* y, int n, bool training);

 private:
  struct Layer {
    int in = 0, out = 0;
    bool hidden = true;
    Activation act = Activation::identity;
    ActivationParams act_params;
    bool prelu = false;
    int alpha_count = 0;
    std::size_t w = 0, b = 0, alpha = 0;  // offsets in params
    std::size_t z = 0, a = 0;             // offsets in acts
    SaturationRegions regions;            // of the activation: where a unit is saturated
  };

  void build_layout();
  void initialise();
  void load_batch(const float* x, const float* y, const uint32_t* idx, int n, int first, int ld);
  void forward(int n, int ld, bool training);
  void backward(int n, int ld);
  ActivationParams unit_params(const Layer& layer, int l, int unit, bool training) const;
  double batch_step(int b);
  void next_batch_indices(int b);
  void reshuffle();
  // after_chunk(first, m, ld), if given, runs after each chunk's forward pass
  // and loss (the chunk's activations still in acts_).
  using ChunkHook = std::function<void(int first, int m, int ld)>;
  void evaluate_set(const float* x, const float* y, int n, double& loss, long& correct,
                    const ChunkHook& after_chunk = nullptr);
  Evaluation evaluate(const ChunkHook& after_train_chunk);
  // The report's evaluation and diagnostics (network_diagnostics.cpp): the
  // diagnostics reuse the training-set evaluation's forward passes.
  void report(TrainReport& r);
  void diagnostics(TrainReport& r, bool events);
  struct DiagnosticsPass;  // the per-layer accumulators of one diagnostics run
  std::vector<std::vector<char>> dead_units();
  std::vector<int> hidden_widths() const;
  void record_grad_norms();
  void restore_snapshot();
  void clear_training_state();
  std::vector<float> grid_points(float xmin, float xmax, float ymin, float ymax, int resolution) const;
  uint64_t structure_hash(bool with_activations) const;

  NetworkConfig config_;
  std::vector<Layer> layers_;
  std::vector<TensorInfo> layout_;
  int cap_ = 0;  // columns of the activation buffers (a multiple of 4)
  int max_width_ = 0;

  FloatBlock params_, grads_, state_;
  FloatBlock snapshot_params_, snapshot_state_;
  FloatBlock acts_;
  std::size_t scratch0_ = 0, scratch1_ = 0, labels_ = 0, tmp_ = 0;

  std::vector<float> x_, y_, test_x_, test_y_;
  int n_train_ = 0, n_test_ = 0;
  uint64_t data_hash_ = 0;  // FNV-1a of the data, checked by restore_state
  std::vector<uint32_t> order_, batch_idx_;
  int cursor_ = 0;
  uint32_t epoch_ = 0;

  int64_t step_ = 0;  // 64-bit: long is 32 bits in wasm32
  float learning_rate_ = 0;
  double beta1_power_ = 1.0, beta2_power_ = 1.0;
  int64_t snapshot_step_ = 0;
  double snapshot_beta1_ = 1.0, snapshot_beta2_ = 1.0;
  bool diverged_ = false;
  bool training_pass_ = false;  // mode of the last forward(), reused by backward()
  std::optional<int64_t> diverged_at_;
  std::vector<double> grad_norms_;
  // grad_norms_ are computed from grads_ only when read (end of train(), or
  // before compute_gradients overwrites grads_), not on every step.
  bool grad_norms_pending_ = false;
  std::vector<std::vector<char>> dead_before_;
  std::vector<std::vector<FiringRegion>> last_region_;  // per layer and unit, from the last report it fired in

  // Evaluation-mode passes over the diagnostics samples (the first
  // min(kDiagnosticsSamples, n_train) training inputs) in batches of cap_,
  // shared by diagnostics() and unit_stats(): after each forward pass f'(z)
  // of every hidden unit is computed into the scratch block, and
  // visit(l, first, m, ld, z, a, d) sees hidden layer l's rows (unit j's m
  // samples at offset j * ld) of pre-activations, activations and f'.
  // visit_diagnostics_chunk does that for one chunk already forwarded.
  template <class Visit>
  void for_each_diagnostics_batch(Visit&& visit, int from = 0);
  template <class Visit>
  void visit_diagnostics_chunk(int first, int m, int ld, Visit&& visit);
};

template <class Visit>
void Network::visit_diagnostics_chunk(int first, int m, int ld, Visit&& visit) {
  const int hidden = static_cast<int>(layers_.size()) - 1;
  float* d = &acts_[scratch0_];
  for (int l = 0; l < hidden; ++l) {
    const Layer& L = layers_[l];
    const float* z = &acts_[L.z];
    const ActivationInfo& info = activation_info(L.act);
    if (!L.prelu || L.alpha_count == 1)  // one set of parameters: one call over all rows (padding columns too, unread)
      info.derivative(z, d, static_cast<std::size_t>(L.out) * ld, unit_params(L, l, 0, false));
    else
      for (int j = 0; j < L.out; ++j)
        info.derivative(z + static_cast<long>(j) * ld, d + static_cast<long>(j) * ld, m, unit_params(L, l, j, false));
    visit(l, first, m, ld, z, static_cast<const float*>(&acts_[L.a]), static_cast<const float*>(d));
  }
}

// The chunks from sample `from` (a chunk boundary) on.
template <class Visit>
void Network::for_each_diagnostics_batch(Visit&& visit, int from) {
  const int total = std::min(kDiagnosticsSamples, n_train_);
  for (int first = from; first < total; first += cap_) {
    const int m = std::min(cap_, total - first);
    const int ld = (m + 3) & ~3;
    load_batch(x_.data(), nullptr, nullptr, m, first, ld);
    forward(m, ld, false);
    visit_diagnostics_chunk(first, m, ld, visit);
  }
}

}  // namespace alab::nn
