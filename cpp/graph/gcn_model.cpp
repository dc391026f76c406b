// The node-classification trainer (see gcn_model.h).
#include "graph/gcn_model.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/properties.h"
#include "core/rng.h"
#include "graph/graph_layers.h"
#include "graph/spectrum.h"
#include "nn/head.h"
#include "nn/layer_stats.h"
#include "nn/init.h"
#include "nn/optimizer.h"

namespace alab::graph {
namespace {

constexpr uint64_t kInitStream = 11;
constexpr uint32_t kLayerSeedStep = 0x9E3779B9u;

int argmax_row(const float* row, int k) {
  int best = 0;
  for (int q = 1; q < k; ++q)
    if (row[q] > row[best]) best = q;
  return best;
}

}  // namespace

GcnModel::GcnModel(GcnConfig config) : config_(std::move(config)), learning_rate_(config_.learning_rate) {}

void GcnModel::set_graph(const Graph& g, std::vector<float> features, int feature_count, std::vector<int> labels,
                         std::vector<int> labelled) {
  n_ = g.n;
  if (features.empty()) {
    features_ = n_;
    x_.assign(static_cast<std::size_t>(n_) * n_, 0.0f);
    for (int i = 0; i < n_; ++i) x_[static_cast<std::size_t>(i) * n_ + i] = 1.0f;
  } else {
    features_ = feature_count;
    x_ = std::move(features);
  }
  labels_ = std::move(labels);
  labelled_ = std::move(labelled);
  is_labelled_.assign(n_, 0);
  for (int i : labelled_) is_labelled_[i] = 1;
  a_hat_ = propagation_matrix(g);
  if (config_.layer == LayerKind::chebyshev) {
    float lambda_max = config_.lambda_max;
    if (lambda_max <= 0.0f) lambda_max = static_cast<float>(std::max(normalized_laplacian_lambda_max(g), 1e-3));
    l_scaled_ = scaled_laplacian(g, lambda_max);
  }
  build();
  reset();
}

void GcnModel::build() {
  layers_.clear();
  layout_.clear();
  const int hidden = static_cast<int>(config_.hidden.size());
  const int taps = config_.layer == LayerKind::chebyshev ? config_.order + 1 : 1;
  std::size_t p = 0, a = 0;
  int in = features_, max_in = 0, max_out = 0;
  for (int l = 0; l <= hidden; ++l) {
    Layer L;
    L.in = in;
    L.hidden = l < hidden;
    L.out = L.hidden ? config_.hidden[l] : config_.classes;
    if (L.hidden) {
      L.act = config_.activations[l];
      L.act_params = config_.params[l];
      L.regions = saturation_regions(activation_info(L.act), L.act_params);
    }
    const std::string name = "layer" + std::to_string(l);
    L.w_count = static_cast<std::size_t>(taps) * L.out * L.in;
    L.w = p;
    layout_.push_back({name + ".weight", p, taps > 1 ? std::vector<int>{taps, L.out, L.in} : std::vector<int>{L.out, L.in}});
    p += L.w_count;
    L.b = p;
    layout_.push_back({name + ".bias", p, {L.out}});
    p += L.out;
    const std::size_t block = static_cast<std::size_t>(n_) * L.out;
    L.z = a;
    L.a = a + block;
    a += 2 * block;
    if (config_.layer == LayerKind::chebyshev) {
      L.tx = a;
      a += static_cast<std::size_t>(taps) * n_ * L.in;
    }
    max_in = std::max(max_in, L.in);
    max_out = std::max(max_out, L.out);
    layers_.push_back(L);
    in = L.out;
  }
  params_.assign(p, 0.0f);
  grads_.assign(p, 0.0f);
  state_.assign(p * nn::optimizer_state_per_param(config_.optimizer), 0.0f);
  acts_.assign(a, 0.0f);
  dz_.assign(static_cast<std::size_t>(n_) * max_out, 0.0f);
  dh_.assign(static_cast<std::size_t>(n_) * max_in, 0.0f);
  scratch_.assign(static_cast<std::size_t>(n_) * std::max(max_out, 4 * max_in), 0.0f);
}

void GcnModel::initialise() {
  Rng rng(config_.seed, kInitStream);
  const int taps = config_.layer == LayerKind::chebyshev ? config_.order + 1 : 1;
  for (const Layer& L : layers_) {
    // Each tap of a Chebyshev layer is initialised as its own (out, in) matrix;
    // the biases are written by the first call and are zero.
    for (int k = 0; k < taps; ++k)
      nn::init_dense(config_.init, &params_[L.w + static_cast<std::size_t>(k) * L.out * L.in], &params_[L.b], L.out, L.in,
                     0.0f, rng);
  }
}

void GcnModel::reset() {
  std::fill(params_.begin(), params_.end(), 0.0f);
  std::fill(state_.begin(), state_.end(), 0.0f);
  initialise();
  step_ = 0;
  learning_rate_ = config_.learning_rate;
  beta1_power_ = beta2_power_ = 1.0;
  diverged_ = false;
  grad_norms_.assign(layers_.size(), 0.0);
}

void GcnModel::set_learning_rate(float lr) {
  learning_rate_ = lr;
  diverged_ = false;
}

ActivationParams GcnModel::layer_params(int l, bool training) const {
  ActivationParams p = layers_[l].act_params;
  p.training = training;
  if (training) {
    p.seed = config_.seed + kLayerSeedStep * static_cast<uint32_t>(l + 1);
    p.counter = static_cast<uint32_t>(static_cast<uint64_t>(step_) * static_cast<uint64_t>(n_) * layers_[l].out);
  }
  return p;
}

void GcnModel::forward(bool training) {
  for (std::size_t l = 0; l < layers_.size(); ++l) {
    const Layer& L = layers_[l];
    const float* h = l == 0 ? x_.data() : &acts_[layers_[l - 1].a];
    float* z = &acts_[L.z];
    if (config_.layer == LayerKind::gcn)
      gcn_forward(a_hat_, h, &params_[L.w], &params_[L.b], scratch_.data(), z, n_, L.in, L.out);
    else
      cheb_forward(l_scaled_, h, &params_[L.w], &params_[L.b], &acts_[L.tx], z, scratch_.data(), n_, L.in, L.out,
                   config_.order);
    if (L.hidden)
      activation_info(L.act).forward(z, &acts_[L.a], static_cast<std::size_t>(n_) * L.out, layer_params(static_cast<int>(l), training));
  }
}

double GcnModel::loss_and_output_grad(float* dz_last) {
  const Layer& last = layers_.back();
  const int k = last.out, m = static_cast<int>(labelled_.size());
  const int ld = (m + 3) & ~3;
  // The head works feature-major over the labelled nodes: gather, then scatter back.
  std::vector<float> logits(static_cast<std::size_t>(k) * ld, 0.0f), dlogits(logits.size()), y(m);
  const float* z = &acts_[last.z];
  for (int j = 0; j < m; ++j) {
    const int node = labelled_[j];
    y[j] = static_cast<float>(labels_[node]);
    for (int q = 0; q < k; ++q) logits[static_cast<std::size_t>(q) * ld + j] = z[static_cast<std::size_t>(node) * k + q];
  }
  const nn::HeadSums sums = nn::head_loss(nn::OutputHead::softmax, logits.data(), k, m, ld, y.data(),
                                          dz_last ? dlogits.data() : nullptr, 1.0f / static_cast<float>(m));
  if (dz_last) {
    std::fill(dz_last, dz_last + static_cast<std::size_t>(n_) * k, 0.0f);
    for (int j = 0; j < m; ++j)
      for (int q = 0; q < k; ++q)
        dz_last[static_cast<std::size_t>(labelled_[j]) * k + q] = dlogits[static_cast<std::size_t>(q) * ld + j];
  }
  return sums.loss / m;
}

void GcnModel::backward() {
  // dz_ holds dL/dz of the last layer; walk down, turning dh into the lower dz.
  for (int l = static_cast<int>(layers_.size()) - 1; l >= 0; --l) {
    const Layer& L = layers_[l];
    const float* h = l == 0 ? x_.data() : &acts_[layers_[l - 1].a];
    float* dh = l == 0 ? nullptr : dh_.data();
    if (config_.layer == LayerKind::gcn)
      gcn_backward(a_hat_, h, &params_[L.w], dz_.data(), scratch_.data(), &grads_[L.w], &grads_[L.b], dh, n_, L.in, L.out);
    else
      cheb_backward(l_scaled_, &acts_[L.tx], &params_[L.w], dz_.data(), &grads_[L.w], &grads_[L.b], dh, scratch_.data(),
                    n_, L.in, L.out, config_.order);
    if (l == 0) break;
    const Layer& below = layers_[l - 1];
    activation_info(below.act).backward(&acts_[below.z], dh_.data(), dz_.data(), static_cast<std::size_t>(n_) * below.out,
                                        layer_params(l - 1, training_pass_));
  }
}

double GcnModel::compute_gradients(bool training) {
  std::fill(grads_.begin(), grads_.end(), 0.0f);
  training_pass_ = training;
  forward(training);
  const double loss = loss_and_output_grad(dz_.data());
  backward();
  return loss;
}

GcnReport GcnModel::train(long steps, bool with_report) {
  for (long s = 0; s < steps && !diverged_; ++s) {
    snapshot_params_ = params_;
    snapshot_state_ = state_;
    const double loss = compute_gradients(true);
    for (std::size_t l = 0; l < layers_.size(); ++l)
      grad_norms_[l] = std::sqrt(nn::sum_squares(&grads_[layers_[l].w], layers_[l].w_count));
    if (config_.weight_decay > 0.0f)
      for (const Layer& L : layers_) nn::add_scaled(&grads_[L.w], &params_[L.w], L.w_count, config_.weight_decay);
    const double b1 = beta1_power_ * nn::kAdamBeta1, b2 = beta2_power_ * nn::kAdamBeta2;
    nn::optimizer_update(config_.optimizer, params_.data(), grads_.data(), state_.data(), params_.size(), learning_rate_,
                         config_.momentum, false, b1, b2);
    if (!std::isfinite(loss) || !nn::all_finite(params_.data(), params_.size())) {
      params_ = snapshot_params_;
      state_ = snapshot_state_;
      diverged_ = true;
      break;
    }
    beta1_power_ = b1;
    beta2_power_ = b2;
    ++step_;
  }
  GcnReport r = evaluate();
  if (!with_report) r.layers.clear();
  return r;
}

GcnReport GcnModel::evaluate() {
  GcnReport r;
  r.step = step_;
  r.learning_rate = learning_rate_;
  r.diverged = diverged_;
  forward(false);
  r.loss = loss_and_output_grad(nullptr);
  fill_accuracy(r);
  diagnostics(r);
  return r;
}

void GcnModel::fill_accuracy(GcnReport& r) {
  const int k = layers_.back().out;
  const float* z = &acts_[layers_.back().z];
  long known = 0, right = 0, train_right = 0, test = 0, test_right = 0;
  for (int i = 0; i < n_; ++i) {
    if (labels_[i] < 0) continue;
    const bool ok = argmax_row(z + static_cast<std::size_t>(i) * k, k) == labels_[i];
    ++known;
    right += ok;
    if (is_labelled_[i]) train_right += ok;
    else {
      ++test;
      test_right += ok;
    }
  }
  r.accuracy = known ? static_cast<double>(right) / known : 0.0;
  r.train_accuracy = static_cast<double>(train_right) / static_cast<double>(labelled_.size());
  if (test) r.test_accuracy = static_cast<double>(test_right) / test;
}

void GcnModel::diagnostics(GcnReport& r) {
  // Per hidden layer over all nodes, from the evaluation pass just run; all
  // sums in double in (node, unit) order.
  for (std::size_t l = 0; l + 1 < layers_.size(); ++l) {
    const Layer& L = layers_[l];
    const std::size_t count = static_cast<std::size_t>(n_) * L.out;
    const float* z = &acts_[L.z];
    const float* a = &acts_[L.a];
    std::vector<float> d(count);
    activation_info(L.act).derivative(z, d.data(), count, layer_params(static_cast<int>(l), false));
    // The MLP's statistics routine and definitions (nn/layer_stats.h).
    nn::LayerStats stats(L.out, L.regions, 1);
    stats.add_block(z, a, d.data(), 0, L.out, n_, 1, L.out, false);
    nn::LayerReport out;
    stats.finish(out, n_);
    out.grad_norm = grad_norms_[l];
    r.layers.push_back(std::move(out));
  }
}

std::vector<float> GcnModel::predict() {
  forward(false);
  const Layer& last = layers_.back();
  const int k = last.out;
  const int ld = (n_ + 3) & ~3;
  std::vector<float> logits(static_cast<std::size_t>(k) * ld, 0.0f), out(static_cast<std::size_t>(n_) * k);
  const float* z = &acts_[last.z];
  for (int i = 0; i < n_; ++i)
    for (int q = 0; q < k; ++q) logits[static_cast<std::size_t>(q) * ld + i] = z[static_cast<std::size_t>(i) * k + q];
  nn::head_outputs(nn::OutputHead::softmax, logits.data(), k, n_, ld, out.data());
  return out;
}

std::vector<float> GcnModel::hidden_output(int layer) {
  forward(false);
  const Layer& L = layers_[layer];
  const float* a = &acts_[L.a];
  return std::vector<float>(a, a + static_cast<std::size_t>(n_) * L.out);
}

std::vector<float> GcnModel::embedding() {
  forward(false);
  const bool has_hidden = layers_.size() > 1;
  const Layer& L = has_hidden ? layers_[layers_.size() - 2] : layers_.back();
  const float* a = has_hidden ? &acts_[L.a] : &acts_[L.z];
  const int w = L.out;
  std::vector<float> out(static_cast<std::size_t>(n_) * 2, 0.0f);
  if (w <= 2) {
    for (int i = 0; i < n_; ++i)
      for (int j = 0; j < w; ++j) out[static_cast<std::size_t>(i) * 2 + j] = a[static_cast<std::size_t>(i) * w + j];
    return out;
  }
  // Principal axes of the centred activations.
  std::vector<double> mean(w, 0.0), cov(static_cast<std::size_t>(w) * w, 0.0);
  for (int i = 0; i < n_; ++i)
    for (int j = 0; j < w; ++j) mean[j] += a[static_cast<std::size_t>(i) * w + j];
  for (double& m : mean) m /= n_;
  for (int i = 0; i < n_; ++i)
    for (int p = 0; p < w; ++p)
      for (int q = 0; q < w; ++q)
        cov[static_cast<std::size_t>(p) * w + q] +=
            (a[static_cast<std::size_t>(i) * w + p] - mean[p]) * (a[static_cast<std::size_t>(i) * w + q] - mean[q]);
  const SymmetricEigen e = jacobi_eigen(cov, w);
  for (int axis = 0; axis < 2; ++axis) {
    const double* v = &e.vectors[static_cast<std::size_t>(w - 1 - axis) * w];
    for (int i = 0; i < n_; ++i) {
      double s = 0;
      for (int j = 0; j < w; ++j) s += (a[static_cast<std::size_t>(i) * w + j] - mean[j]) * v[j];
      out[static_cast<std::size_t>(i) * 2 + axis] = static_cast<float>(s);
    }
  }
  return out;
}

}  // namespace alab::graph
