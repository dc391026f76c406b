// Checkpoints of the whole training state, for rewind and fork: everything
// that decides the next steps (parameters, optimizer state and Adam's beta
// powers, step, learning rate, epoch and cursor of the sample order, the
// divergence snapshot) and everything the next reports depend on (last
// gradient norms, the dead-unit set and firing regions of the last report).
// The epoch order itself is not stored: reshuffle() rebuilds it from (seed, epoch).
//
// Blob layout (little-endian, as wasm and x86/arm hosts are):
//   u32 magic 'ALST', u32 version, u64 structure hash (with activations),
//   u64 structure hash (without), u64 data hash, u32 layers, per layer
//   (u32 in, u32 out, u32 alpha count), u64 params, u64 state, then the fields
//   in the order of write_fields below.
#include <cstring>

#include "core/errors.h"
#include "nn/network.h"
#include "nn/optimizer.h"

namespace alab::nn {
namespace {

constexpr uint32_t kMagic = 0x54534c41;  // "ALST"
constexpr uint32_t kVersion = 1;
constexpr std::size_t kMaxStateBytes = 64u << 20;

class Writer {
 public:
  template <class T>
  void put(const T& v) {
    const auto* p = reinterpret_cast<const uint8_t*>(&v);
    bytes.insert(bytes.end(), p, p + sizeof(T));
  }
  template <class Vector>
  void put_vector(const Vector& v) {
    put(static_cast<uint64_t>(v.size()));
    const auto* p = reinterpret_cast<const uint8_t*>(v.data());
    bytes.insert(bytes.end(), p, p + v.size() * sizeof(typename Vector::value_type));
  }
  std::vector<uint8_t> bytes;
};

class Reader {
 public:
  Reader(const uint8_t* p, std::size_t n) : p_(p), n_(n) {}
  template <class T>
  T get() {
    need(sizeof(T));
    T v;
    std::memcpy(&v, p_ + at_, sizeof(T));
    at_ += sizeof(T);
    return v;
  }
  template <class T>
  std::vector<T> get_vector(std::size_t max_count) {
    const uint64_t count = get<uint64_t>();
    if (count > max_count) fail("a vector of " + std::to_string(count) + " values, at most " + std::to_string(max_count));
    need(count * sizeof(T));
    std::vector<T> v(count);
    if (count) std::memcpy(v.data(), p_ + at_, count * sizeof(T));
    at_ += count * sizeof(T);
    return v;
  }
  bool done() const { return at_ == n_; }
  [[noreturn]] static void fail(const std::string& what) {
    throw InvalidArgument(InvalidArgument::Kind::Range, "state",
                          "state must be bytes from net.saveState() of this network; " + what);
  }

 private:
  void need(std::size_t k) {
    if (k > n_ - at_) fail("it ends early (truncated at byte " + std::to_string(at_) + " of " + std::to_string(n_) + ")");
  }
  const uint8_t* p_;
  std::size_t n_, at_ = 0;
};

uint64_t fnv(uint64_t h, const void* data, std::size_t n) {
  const auto* p = static_cast<const unsigned char*>(data);
  for (std::size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 1099511628211ULL;
  return h;
}

}  // namespace

uint64_t Network::structure_hash(bool with_activations) const {
  uint64_t h = 1469598103934665603ULL;
  const NetworkConfig& c = config_;
  const auto mix = [&](const auto& v) { h = fnv(h, &v, sizeof v); };
  mix(c.inputs);
  for (int w : c.hidden) mix(w);
  mix(c.output);
  mix(c.classes);
  mix(c.optimizer);
  mix(c.batch_size);
  mix(c.seed);
  if (with_activations) {
    mix(c.init);
    mix(c.bias_init);
    mix(c.momentum);
    mix(c.nesterov);
    mix(c.l2);
    mix(c.clip);
    mix(c.prelu_shared);
    for (std::size_t l = 0; l < c.activations.size(); ++l) {
      mix(c.activations[l]);
      mix(c.params[l].alpha);
      mix(c.params[l].lower);
      mix(c.params[l].upper);
    }
  }
  return h;
}

std::vector<uint8_t> Network::save_state() {
  if (grad_norms_pending_) record_grad_norms();
  Writer w;
  w.put(kMagic);
  w.put(kVersion);
  w.put(structure_hash(true));
  w.put(structure_hash(false));
  w.put(data_hash_);
  w.put(static_cast<uint32_t>(layers_.size()));
  for (const Layer& L : layers_) {
    w.put(static_cast<uint32_t>(L.in));
    w.put(static_cast<uint32_t>(L.out));
    w.put(static_cast<uint32_t>(L.alpha_count));
  }
  w.put_vector(params_);
  w.put_vector(state_);
  w.put(step_);
  w.put(learning_rate_);
  w.put(beta1_power_);
  w.put(beta2_power_);
  w.put(epoch_);
  w.put(static_cast<int32_t>(cursor_));
  w.put_vector(snapshot_params_);
  w.put_vector(snapshot_state_);
  w.put(snapshot_step_);
  w.put(snapshot_beta1_);
  w.put(snapshot_beta2_);
  w.put(static_cast<uint8_t>(diverged_));
  w.put(static_cast<int64_t>(diverged_at_ ? *diverged_at_ : -1));
  w.put_vector(grad_norms_);
  w.put(static_cast<uint32_t>(dead_before_.size()));
  for (const auto& layer : dead_before_) w.put_vector(layer);
  w.put(static_cast<uint32_t>(last_region_.size()));
  for (const auto& layer : last_region_) {
    w.put(static_cast<uint32_t>(layer.size()));
    for (const FiringRegion& r : layer) {
      w.put_vector(r.center);
      w.put(r.share);
    }
  }
  return std::move(w.bytes);
}

void Network::restore_state(const uint8_t* bytes, std::size_t n, bool exact) {
  if (!bytes || n > kMaxStateBytes) Reader::fail("at most 64 MiB");
  Reader r(bytes, n);
  if (r.get<uint32_t>() != kMagic) Reader::fail("it does not start with the state header");
  const uint32_t version = r.get<uint32_t>();
  if (version != kVersion) Reader::fail("version " + std::to_string(version) + " is not the supported 1");
  const uint64_t full = r.get<uint64_t>(), shape = r.get<uint64_t>(), data = r.get<uint64_t>();
  if (exact ? full != structure_hash(true) : shape != structure_hash(false))
    Reader::fail(exact ? "it was saved from a network of another config" : "it was saved from a network of another shape or optimizer");
  // A fork may change the data (its noise), as long as the sample order's position fits it.
  if (exact && data != data_hash_) Reader::fail("it was saved with other training data");
  const uint32_t layer_count = r.get<uint32_t>();
  if (layer_count != layers_.size()) Reader::fail("it has " + std::to_string(layer_count) + " layers");
  std::vector<uint32_t> alpha_counts(layer_count);
  bool same_layout = true;
  for (uint32_t l = 0; l < layer_count; ++l) {
    const uint32_t in = r.get<uint32_t>(), out = r.get<uint32_t>();
    alpha_counts[l] = r.get<uint32_t>();
    if (in != static_cast<uint32_t>(layers_[l].in) || out != static_cast<uint32_t>(layers_[l].out))
      Reader::fail("layer " + std::to_string(l) + " has another shape");
    same_layout = same_layout && alpha_counts[l] == static_cast<uint32_t>(layers_[l].alpha_count);
  }
  const std::size_t cap = kMaxStateBytes / sizeof(float);
  std::vector<float> params = r.get_vector<float>(cap), state = r.get_vector<float>(cap);
  const int64_t step = r.get<int64_t>();
  const float lr = r.get<float>();
  const double b1 = r.get<double>(), b2 = r.get<double>();
  const uint32_t epoch = r.get<uint32_t>();
  const int32_t cursor = r.get<int32_t>();
  std::vector<float> snap_params = r.get_vector<float>(cap), snap_state = r.get_vector<float>(cap);
  const int64_t snap_step = r.get<int64_t>();
  const double snap_b1 = r.get<double>(), snap_b2 = r.get<double>();
  const bool diverged = r.get<uint8_t>() != 0;
  const int64_t diverged_at = r.get<int64_t>();
  std::vector<double> grad_norms = r.get_vector<double>(layer_count);
  // Counts are checked before anything is allocated (a damaged count could ask for billions).
  const uint32_t dead_layers = r.get<uint32_t>();
  if (dead_layers > layer_count) Reader::fail("it lists too many layers of dead units");
  std::vector<std::vector<char>> dead(dead_layers);
  for (auto& d : dead) d = r.get_vector<char>(kMaxWidth);
  const uint32_t region_layers = r.get<uint32_t>();
  if (region_layers > layer_count) Reader::fail("it lists too many layers of firing regions");
  std::vector<std::vector<FiringRegion>> regions(region_layers);
  for (auto& layer : regions) {
    const uint32_t units = r.get<uint32_t>();
    if (units > static_cast<uint32_t>(kMaxWidth)) Reader::fail("a layer of " + std::to_string(units) + " units");
    layer.resize(units);
    for (FiringRegion& f : layer) {
      f.center = r.get_vector<float>(kMaxInputs);
      f.share = r.get<double>();
    }
  }
  if (!r.done()) Reader::fail("it has trailing bytes");
  if (step < 0 || cursor < 0 || cursor > n_train_ || !(lr >= 0.0f && lr <= 100.0f))
    Reader::fail("step, cursor or learning rate out of range");
  if (exact && (params.size() != params_.size() || state.size() != state_.size()))
    Reader::fail("it holds " + std::to_string(params.size()) + " parameters, this network " + std::to_string(params_.size()));
  if (!snap_params.empty() && (snap_params.size() != params.size() || snap_state.size() != state.size()))
    Reader::fail("its divergence snapshot has another size");
  for (std::size_t l = 0; l < dead.size(); ++l)
    if (dead[l].size() != static_cast<std::size_t>(layers_[l].out)) Reader::fail("its dead-unit set of layer " + std::to_string(l) + " has another width");
  for (std::size_t l = 0; l < regions.size(); ++l)
    if (regions[l].size() != static_cast<std::size_t>(layers_[l].out)) Reader::fail("its firing regions of layer " + std::to_string(l) + " have another width");
  for (float v : params)
    if (!std::isfinite(v)) Reader::fail("a parameter is not finite");

  if (exact || same_layout) {
    if (params.size() != params_.size() || state.size() != state_.size()) Reader::fail("its parameter count differs");
    // Alphas of a prelu layer that is prelu here too keep their saved values
    // (same layout); a fork that swaps activations keeps this network's.
    const FloatBlock keep_alpha = params_;
    params_.assign(params.begin(), params.end());
    state_.assign(state.begin(), state.end());
    if (!exact)
      for (std::size_t l = 0; l < layers_.size(); ++l)
        if (layers_[l].prelu) std::copy_n(&keep_alpha[layers_[l].alpha], layers_[l].alpha_count, &params_[layers_[l].alpha]);
    beta1_power_ = b1;
    beta2_power_ = b2;
  } else {
    // Layouts differ (prelu added or removed): copy weights and biases layer by
    // layer from the saved layout; the optimizer starts afresh.
    std::size_t p = 0;
    for (uint32_t l = 0; l < layer_count; ++l) {
      const Layer& L = layers_[l];
      const std::size_t wb = static_cast<std::size_t>(L.out) * L.in + L.out;
      if (p + wb + alpha_counts[l] > params.size()) Reader::fail("its parameters are shorter than its layers");
      std::copy_n(&params[p], static_cast<std::size_t>(L.out) * L.in, &params_[L.w]);
      std::copy_n(&params[p + static_cast<std::size_t>(L.out) * L.in], L.out, &params_[L.b]);
      p += wb + alpha_counts[l];
    }
    std::fill(state_.begin(), state_.end(), 0.0f);
    beta1_power_ = beta2_power_ = 1.0;
  }
  step_ = step;
  learning_rate_ = lr;
  epoch_ = epoch;
  reshuffle();
  cursor_ = cursor;
  if (exact) {
    snapshot_params_.assign(snap_params.begin(), snap_params.end());
    snapshot_state_.assign(snap_state.begin(), snap_state.end());
    snapshot_step_ = snap_step;
    snapshot_beta1_ = snap_b1;
    snapshot_beta2_ = snap_b2;
    diverged_ = diverged;
    diverged_at_ = diverged_at >= 0 ? std::optional<int64_t>(diverged_at) : std::nullopt;
    grad_norms_ = std::move(grad_norms);
  } else {
    snapshot_params_.clear();
    snapshot_state_.clear();
    diverged_ = false;
    diverged_at_.reset();
    grad_norms_.assign(layers_.size(), 0.0);
  }
  grad_norms_pending_ = false;
  dead_before_ = std::move(dead);
  last_region_ = std::move(regions);
  if (!exact && has_data()) dead_before_ = dead_units();
}

}  // namespace alab::nn
