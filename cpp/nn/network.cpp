// Network: layout, initialisation, data, forward/backward and the training loop.
// Diagnostics live in network_diagnostics.cpp; the network file (JSON) at the
// edges: web/lib/network-file.js, and cpp/api/json/network_json.cpp natively.
#include "nn/network.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/counter_hash.h"
#include "core/errors.h"
#include "core/properties.h"
#include "core/rng.h"
#include "core/simd.h"
#include "nn/dense.h"
#include "nn/head.h"
#include "nn/init.h"
#include "nn/optimizer.h"

namespace alab::nn {
namespace {

constexpr int kEvalColumns = 256;     // columns per evaluation chunk
constexpr uint64_t kInitStream = 1;
constexpr uint64_t kShuffleStream = 1ULL << 32;  // + epoch

inline int round4(int n) { return (n + 3) & ~3; }

// Data values are bounded so that pre-activations stay finite: with |x| near
// FLT_MAX a single weight overflows them to ±Inf and every statistic to NaN.
// The built-in datasets lie in [-6, 6].
constexpr float kMaxDataMagnitude = 1e6f;

void check_finite(const float* v, long count, int row_len, const std::string& name) {
  for (long i = 0; i < count; ++i)
    if (!(std::fabs(v[i]) <= kMaxDataMagnitude))
      throw_range(name + "[" + std::to_string(i) + "]", describe_value(static_cast<double>(v[i])),
                  "a finite number in [-1e6, 1e6]" + (row_len > 1 ? " (sample " + std::to_string(i / row_len) + ", feature " +
                                                std::to_string(i % row_len) + ")"
                                          : std::string()));
}

void check_labels(OutputHead head, int classes, const float* y, int n, const std::string& name) {
  for (int i = 0; i < n; ++i) {
    const float v = y[i];
    const std::string field = name + "[" + std::to_string(i) + "]";
    switch (head) {
      case OutputHead::sigmoid:
        if (v != 0.0f && v != 1.0f) throw_range(field, describe_value(static_cast<double>(v)), "0 or 1 for a sigmoid head");
        break;
      case OutputHead::softmax:
        if (!(v >= 0.0f && v < static_cast<float>(classes)) || v != std::floor(v))
          throw_range(field, describe_value(static_cast<double>(v)),
                      "an integer class in [0, " + std::to_string(classes - 1) + "] for a softmax head");
        break;
      case OutputHead::tanh:
        if (v != -1.0f && v != 1.0f)
          throw_range(field, describe_value(static_cast<double>(v)), "-1 or 1 for a tanh head (map 0/1 labels to -1/+1)");
        break;
      case OutputHead::linear:
        if (!(std::fabs(v) <= kMaxDataMagnitude))
          throw_range(field, describe_value(static_cast<double>(v)), "a finite number in [-1e6, 1e6] for a linear head");
        break;
    }
  }
}

}  // namespace

Network::Network(const NetworkConfig& config) : config_(config) {
  build_layout();
  learning_rate_ = config_.learning_rate;
  initialise();
}

void Network::build_layout() {
  const int hidden = static_cast<int>(config_.hidden.size());
  int in = config_.inputs;
  std::size_t p = 0;
  max_width_ = std::max(config_.inputs, config_.outputs());
  for (int l = 0; l <= hidden; ++l) {
    Layer L;
    L.hidden = l < hidden;
    L.in = in;
    L.out = L.hidden ? config_.hidden[l] : config_.outputs();
    const std::string name = L.hidden ? "hidden" + std::to_string(l) : std::string("output");
    L.w = p;
    layout_.push_back({name + ".weight", p, {L.out, L.in}});
    p += static_cast<std::size_t>(L.out) * L.in;
    L.b = p;
    layout_.push_back({name + ".bias", p, {L.out}});
    p += L.out;
    if (L.hidden) {
      L.act = config_.activations[l];
      L.act_params = config_.params[l];
      L.prelu = L.act == Activation::prelu;
      L.regions = saturation_regions(activation_info(L.act), L.act_params);
      if (L.prelu) {
        L.alpha = p;
        L.alpha_count = config_.prelu_shared ? 1 : L.out;
        layout_.push_back({name + ".alpha", p, {L.alpha_count}});
        p += L.alpha_count;
      }
    }
    max_width_ = std::max(max_width_, L.out);
    layers_.push_back(L);
    in = L.out;
  }
  params_.assign(p, 0.0f);
  grads_.assign(p, 0.0f);
  state_.assign(p * optimizer_state_per_param(config_.optimizer), 0.0f);

  cap_ = std::max(round4(config_.batch_size), kEvalColumns);
  std::size_t a = static_cast<std::size_t>(config_.inputs) * cap_;  // input rows at offset 0
  for (Layer& L : layers_) {
    L.z = a;
    a += static_cast<std::size_t>(L.out) * cap_;
    L.a = a;
    if (L.hidden) a += static_cast<std::size_t>(L.out) * cap_;
  }
  scratch0_ = a;
  scratch1_ = a += static_cast<std::size_t>(max_width_) * cap_;
  labels_ = a += static_cast<std::size_t>(max_width_) * cap_;
  tmp_ = a += cap_;
  a += cap_;
  // The kernels read whole vectors: up to 3 floats past the last row of the
  // last block (dense.h).
  acts_.assign(a + kLanes, 0.0f);
}

void Network::initialise() {
  Rng rng(config_.seed, kInitStream);
  for (const Layer& L : layers_) {
    init_dense(config_.init, &params_[L.w], &params_[L.b], L.out, L.in, config_.bias_init, rng, config_.init_gain);
    if (L.prelu) std::fill_n(&params_[L.alpha], L.alpha_count, L.act_params.alpha);
  }
}

void Network::clear_training_state() {
  std::fill(state_.begin(), state_.end(), 0.0f);
  beta1_power_ = beta2_power_ = 1.0;
  snapshot_params_.clear();
  diverged_ = false;
  diverged_at_.reset();
  grad_norms_.assign(layers_.size(), 0.0);
  grad_norms_pending_ = false;
  dead_before_.clear();
  last_region_.clear();
  if (has_data()) dead_before_ = dead_units();
}

void Network::reset() {
  std::fill(params_.begin(), params_.end(), 0.0f);
  initialise();
  step_ = 0;
  learning_rate_ = config_.learning_rate;
  if (has_data()) {
    epoch_ = 0;
    reshuffle();
  }
  clear_training_state();
}

void Network::set_learning_rate(float lr) {
  validate_learning_rate(lr);
  learning_rate_ = lr;
  diverged_ = false;
}

void Network::set_weights(const float* w, std::size_t n) {
  if (n != params_.size())
    throw_range("weights.length", n, "exactly " + std::to_string(params_.size()) + " (param_count)");
  check_finite(w, static_cast<long>(n), 1, "weights");
  std::copy(w, w + n, params_.begin());
  clear_training_state();
}

void Network::load_parameters(const float* w, std::size_t n, int64_t step) {
  set_weights(w, n);
  step_ = step;
}

void Network::set_data(const float* x, int n, int inputs, const float* y, const float* test_x, int n_test,
                       const float* test_y) {
  if (inputs != config_.inputs)
    throw_range("inputs", inputs, "the network's input count " + std::to_string(config_.inputs));
  if (n < 1 || n > kMaxSamples) throw_range("n", n, "an integer in [1, 1000000] (training samples)");
  if (n_test < 0 || n_test > kMaxSamples) throw_range("nTest", n_test, "an integer in [0, 1000000]");
  if (static_cast<long>(n) * inputs > kMaxDataFloats || static_cast<long>(n_test) * inputs > kMaxDataFloats)
    throw_range("x.length", static_cast<long>(std::max(n, n_test)) * inputs, "at most 16000000 values");
  if (!x || !y || (n_test > 0 && (!test_x || !test_y)))
    throw_type("x", "null", "an array of n * inputs numbers with labels y");
  check_finite(x, static_cast<long>(n) * inputs, inputs, "x");
  check_labels(config_.output, config_.classes, y, n, "y");
  if (n_test > 0) {
    check_finite(test_x, static_cast<long>(n_test) * inputs, inputs, "testX");
    check_labels(config_.output, config_.classes, test_y, n_test, "testY");
  }
  x_.assign(x, x + static_cast<long>(n) * inputs);
  y_.assign(y, y + n);
  test_x_.assign(test_x ? test_x : x, test_x ? test_x + static_cast<long>(n_test) * inputs : x);
  test_y_.assign(test_y ? test_y : y, test_y ? test_y + n_test : y);
  n_train_ = n;
  n_test_ = n_test;
  data_hash_ = 1469598103934665603ULL;  // FNV-1a 64 over the bytes of x, y, testX, testY
  for (const std::vector<float>* v : {&x_, &y_, &test_x_, &test_y_}) {
    const auto* p = reinterpret_cast<const unsigned char*>(v->data());
    for (std::size_t i = 0; i < v->size() * sizeof(float); ++i) data_hash_ = (data_hash_ ^ p[i]) * 1099511628211ULL;
  }
  epoch_ = 0;
  reshuffle();
  last_region_.clear();
  dead_before_ = dead_units();
}

void Network::reshuffle() {
  order_.resize(n_train_);
  for (int i = 0; i < n_train_; ++i) order_[i] = static_cast<uint32_t>(i);
  Rng rng(config_.seed, kShuffleStream + epoch_);
  for (int i = n_train_ - 1; i > 0; --i) std::swap(order_[i], order_[rng.below(static_cast<uint32_t>(i) + 1)]);
  cursor_ = 0;
}

void Network::next_batch_indices(int b) {
  batch_idx_.resize(b);
  for (int i = 0; i < b; ++i) {
    if (cursor_ == n_train_) {
      ++epoch_;
      reshuffle();
    }
    batch_idx_[i] = order_[cursor_++];
  }
}

// Transposes samples into the feature-major input rows: x[idx[i]] (or x[first + i]
// when idx is null) goes to column i. Columns past n are not touched: no
// kernel result depends on them (dense.h).
void Network::load_batch(const float* x, const float* y, const uint32_t* idx, int n, int first, int ld) {
  const int d = config_.inputs;
  float* in = acts_.data();
  float* lab = &acts_[labels_];
  for (int i = 0; i < n; ++i) {
    const long s = idx ? static_cast<long>(idx[i]) : static_cast<long>(first) + i;
    for (int k = 0; k < d; ++k) in[static_cast<long>(k) * ld + i] = x[s * d + k];
    if (y) lab[i] = y[s];
  }
}

ActivationParams Network::unit_params(const Layer& L, int l, int unit, bool training) const {
  ActivationParams p = L.act_params;
  if (L.prelu) p.alpha = params_[L.alpha + (L.alpha_count == 1 ? 0 : unit)];
  p.training = training && L.act == Activation::rrelu;
  if (p.training) p.seed = mix32(config_.seed ^ mix32(static_cast<uint32_t>(step_) * 0x9e3779b9U + static_cast<uint32_t>(l)));
  p.counter = 0;
  return p;
}

// Whether the activation of a layer must go row by row: a training rrelu
// layer draws element (j, c) from counter j·round4(n) + c (its position in
// the padded layout), which a packed block (ld < round4(n)) does not give.
static bool per_row_counters(const ActivationParams& p, int n, int ld) { return p.training && ld != round4(n); }

void Network::forward(int n, int ld, bool training) {
  training_pass_ = training;
  const float* a_prev = acts_.data();
  for (std::size_t l = 0; l < layers_.size(); ++l) {
    const Layer& L = layers_[l];
    float* z = &acts_[L.z];
    dense_forward(a_prev, &params_[L.w], &params_[L.b], z, L.in, L.out, n, ld);
    if (!L.hidden) break;
    float* a = &acts_[L.a];
    const ActivationInfo& info = activation_info(L.act);
    const ActivationParams p = unit_params(L, static_cast<int>(l), 0, training);
    if (L.prelu) {
      for (int j = 0; j < L.out; ++j)
        info.forward(z + static_cast<long>(j) * ld, a + static_cast<long>(j) * ld, n,
                     unit_params(L, static_cast<int>(l), j, training));
    } else if (per_row_counters(p, n, ld)) {
      for (int j = 0; j < L.out; ++j) {
        ActivationParams q = p;
        q.counter = static_cast<uint32_t>(j * round4(n));
        info.forward(z + static_cast<long>(j) * ld, a + static_cast<long>(j) * ld, n, q);
      }
    } else {
      // Whole block in one call (element (j, c) uses rrelu counter j·ld + c);
      // padding columns, if any, are computed and never read.
      info.forward(z, a, static_cast<std::size_t>(L.out) * ld, p);
    }
    a_prev = a;
  }
}

// dL/dz of the output layer must be in scratch0 (columns [0, n)); the
// activations are those of the last forward() (same mode, same rrelu draws).
void Network::backward(int n, int ld) {
  float* dz = &acts_[scratch0_];
  float* da = &acts_[scratch1_];
  float* tmp = &acts_[tmp_];
  for (int l = static_cast<int>(layers_.size()) - 1; l >= 0; --l) {
    const Layer& L = layers_[l];
    const float* a_prev = l == 0 ? acts_.data() : &acts_[layers_[l - 1].a];
    dense_backward(a_prev, &params_[L.w], dz, &grads_[L.w], &grads_[L.b], l == 0 ? nullptr : da, L.in, L.out, n, ld);
    if (l == 0) break;
    const Layer& P = layers_[l - 1];
    const float* z = &acts_[P.z];
    const ActivationInfo& info = activation_info(P.act);
    const ActivationParams p = unit_params(P, l - 1, 0, training_pass_);
    const std::size_t block = static_cast<std::size_t>(P.out) * ld;
    if (P.prelu) {
      for (int j = 0; j < P.out; ++j) {
        const float* zj = z + static_cast<long>(j) * ld;
        float* daj = da + static_cast<long>(j) * ld;
        prelu_alpha_derivative(zj, tmp, n);
        grads_[P.alpha + (P.alpha_count == 1 ? 0 : j)] += dot_columns(tmp, daj, n);
        info.backward(zj, daj, daj, n, unit_params(P, l - 1, j, training_pass_));
      }
    } else if (per_row_counters(p, n, ld)) {
      for (int j = 0; j < P.out; ++j) {
        ActivationParams q = p;
        q.counter = static_cast<uint32_t>(j * round4(n));
        info.backward(z + static_cast<long>(j) * ld, da + static_cast<long>(j) * ld, da + static_cast<long>(j) * ld, n, q);
      }
    } else if (info.backward_from_output) {
      // f' from the stored outputs: 1 − a² for tanh instead of an exp and two divisions.
      info.backward_from_output(&acts_[P.a], da, da, block, p);
    } else {
      info.backward(z, da, da, block, p);
    }
    std::swap(dz, da);
  }
}

double Network::compute_gradients(const float* x, const float* y, int n, bool training) {
  if (n < 1 || n > cap_) throw_range("n", n, "an integer in [1, " + std::to_string(cap_) + "]");
  if (grad_norms_pending_) record_grad_norms();  // of the last training step, before grads_ change
  const int ld = n;  // packed rows, as in training
  load_batch(x, y, nullptr, n, 0, ld);
  forward(n, ld, training);
  const Layer& out = layers_.back();
  const HeadSums s = head_loss(config_.output, &acts_[out.z], out.out, n, ld, &acts_[labels_], &acts_[scratch0_],
                               1.0f / static_cast<float>(n));
  std::fill(grads_.begin(), grads_.end(), 0.0f);
  // rrelu's training draws are keyed by the step: backward reuses forward's.
  backward(n, ld);
  return s.loss / n;
}

void Network::record_grad_norms() {
  grad_norms_pending_ = false;
  grad_norms_.resize(layers_.size());
  for (std::size_t l = 0; l < layers_.size(); ++l)
    grad_norms_[l] = std::sqrt(sum_squares(&grads_[layers_[l].w], static_cast<std::size_t>(layers_[l].out) * layers_[l].in));
}

void Network::restore_snapshot() {
  if (snapshot_params_.empty()) return;
  params_ = snapshot_params_;
  state_ = snapshot_state_;
  step_ = snapshot_step_;
  beta1_power_ = snapshot_beta1_;
  beta2_power_ = snapshot_beta2_;
}

// One update on the next mini-batch; returns its loss (NaN after a divergence).
double Network::batch_step(int b) {
  // Packed rows (ld = b): batch 10 would otherwise pad to 12 columns, and
  // the activation functions would do 20 % more work.
  const int ld = b;
  next_batch_indices(b);
  load_batch(x_.data(), y_.data(), batch_idx_.data(), b, 0, ld);
  forward(b, ld, true);
  const Layer& out = layers_.back();
  const HeadSums s = head_loss(config_.output, &acts_[out.z], out.out, b, ld, &acts_[labels_], &acts_[scratch0_],
                               1.0f / static_cast<float>(b));
  const double loss = s.loss / b;
  if (!std::isfinite(loss)) {
    diverged_at_ = step_ + 1;
    restore_snapshot();
    diverged_ = true;
    return loss;
  }
  // The update below copies the parameters and state before this step into
  // the snapshot, in the same pass.
  snapshot_params_.resize(params_.size());
  snapshot_state_.resize(state_.size());
  snapshot_step_ = step_;
  snapshot_beta1_ = beta1_power_;
  snapshot_beta2_ = beta2_power_;

  std::fill(grads_.begin(), grads_.end(), 0.0f);
  backward(b, ld);
  grad_norms_pending_ = true;  // record_grad_norms() when they are read
  if (config_.l2 > 0.0f)
    for (const Layer& L : layers_) add_scaled(&grads_[L.w], &params_[L.w], static_cast<std::size_t>(L.out) * L.in, config_.l2);
  if (config_.clip > 0.0f) {
    const double norm = std::sqrt(sum_squares(grads_.data(), grads_.size()));
    if (norm > config_.clip) scale_in_place(grads_.data(), grads_.size(), static_cast<float>(config_.clip / norm));
  }
  beta1_power_ *= kAdamBeta1;
  beta2_power_ *= kAdamBeta2;
  const bool finite =
      optimizer_update(config_.optimizer, params_.data(), grads_.data(), state_.data(), params_.size(), learning_rate_,
                       config_.momentum, config_.nesterov, beta1_power_, beta2_power_, snapshot_params_.data(),
                       snapshot_state_.data());
  ++step_;
  if (!finite) {
    diverged_at_ = step_;
    restore_snapshot();
    diverged_ = true;
  }
  return loss;
}

TrainReport Network::train(long steps, bool with_report) {
  if (steps < 0 || steps > kMaxStepsPerCall) throw_range("steps", steps, "an integer in [0, 1000000]");
  if (!has_data()) throw_type("data", "none", "set with setData() before training");
  TrainReport r;
  const int b = std::min(config_.batch_size, n_train_);
  for (long s = 0; s < steps && !diverged_; ++s) {
    const double loss = batch_step(b);
    if (std::isfinite(loss) && !diverged_) r.batch_loss = loss;
  }
  if (grad_norms_pending_) record_grad_norms();
  r.step = step_;
  r.learning_rate = learning_rate_;
  r.diverged = diverged_;
  r.diverged_at_step = diverged_at_;
  if (with_report) report(r);
  return r;
}

void Network::evaluate_set(const float* x, const float* y, int n, double& loss, long& correct,
                           const ChunkHook& after_chunk) {
  loss = 0.0;
  correct = 0;
  const Layer& out = layers_.back();
  for (int first = 0; first < n; first += cap_) {
    const int m = std::min(cap_, n - first);
    const int ld = round4(m);
    load_batch(x, y, nullptr, m, first, ld);
    forward(m, ld, false);
    const HeadSums s = head_loss(config_.output, &acts_[out.z], out.out, m, ld, &acts_[labels_], nullptr, 1.0f);
    loss += s.loss;
    correct += s.correct;
    if (after_chunk) after_chunk(first, m, ld);
  }
}

Evaluation Network::evaluate() { return evaluate(nullptr); }

Evaluation Network::evaluate(const ChunkHook& after_train_chunk) {
  if (!has_data()) throw_type("data", "none", "set with setData() before evaluating");
  Evaluation e;
  const bool classify = config_.output != OutputHead::linear;
  double loss;
  long correct;
  evaluate_set(x_.data(), y_.data(), n_train_, loss, correct, after_train_chunk);
  e.train_loss = loss / n_train_;
  if (classify) e.train_accuracy = static_cast<double>(correct) / n_train_;
  if (n_test_ > 0) {
    evaluate_set(test_x_.data(), test_y_.data(), n_test_, loss, correct);
    e.test_loss = loss / n_test_;
    if (classify) e.test_accuracy = static_cast<double>(correct) / n_test_;
  }
  return e;
}

std::vector<float> Network::predict(const float* x, int n) {
  if (n < 0 || n > kMaxPredict) throw_range("n", n, "an integer in [0, 1000000]");
  check_finite(x, static_cast<long>(n) * config_.inputs, config_.inputs, "x");
  const int k = outputs();
  std::vector<float> out(static_cast<std::size_t>(n) * k);
  const Layer& last = layers_.back();
  for (int first = 0; first < n; first += cap_) {
    const int m = std::min(cap_, n - first);
    const int ld = round4(m);
    load_batch(x, nullptr, nullptr, m, first, ld);
    forward(m, ld, false);
    head_outputs(config_.output, &acts_[last.z], k, m, ld, &out[static_cast<std::size_t>(first) * k]);
  }
  return out;
}

std::vector<float> Network::grid_points(float xmin, float xmax, float ymin, float ymax, int resolution) const {
  if (config_.inputs != 2) throw_range("inputs", config_.inputs, "2 for predictGrid");
  const auto check = [](const char* field, float v) {
    if (!std::isfinite(v)) throw_range(field, describe_value(static_cast<double>(v)), "a finite number");
  };
  check("xMin", xmin);
  check("xMax", xmax);
  check("yMin", ymin);
  check("yMax", ymax);
  if (!(xmin < xmax)) throw_range("xMax", describe_value(static_cast<double>(xmax)), "greater than xMin");
  if (!(ymin < ymax)) throw_range("yMax", describe_value(static_cast<double>(ymax)), "greater than yMin");
  if (resolution < 2 || resolution > kMaxGridResolution) throw_range("resolution", resolution, "an integer in [2, 400]");
  const float step = 1.0f / static_cast<float>(resolution - 1);
  std::vector<float> pts(static_cast<std::size_t>(resolution) * resolution * 2);
  for (int r = 0; r < resolution; ++r)
    for (int c = 0; c < resolution; ++c) {
      const std::size_t i = (static_cast<std::size_t>(r) * resolution + c) * 2;
      pts[i] = xmin + (xmax - xmin) * (static_cast<float>(c) * step);
      pts[i + 1] = ymin + (ymax - ymin) * (static_cast<float>(r) * step);
    }
  return pts;
}

std::vector<float> Network::predict_grid(float xmin, float xmax, float ymin, float ymax, int resolution) {
  const std::vector<float> pts = grid_points(xmin, xmax, ymin, ymax, resolution);
  return predict(pts.data(), resolution * resolution);
}

}  // namespace alab::nn
