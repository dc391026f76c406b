// Embind registrations. This file only registers; conversion lives in
// adapters.h and all validation in the C++ API (cpp/api/).
#include <emscripten/bind.h>
#include <emscripten/emscripten.h>

#include "adapters.h"
#include "report_adapters.h"
#include "api/catalogue_api.h"
#include "api/kernel_handle.h"
#include "api/network_api.h"

namespace alab::bindings {
namespace {

val apply_kernel(KernelKind kind, const std::string& name, const val& x, const val& params) {
  return guarded([&] {
    const std::vector<float> in = to_floats(x);
    std::vector<float> out(in.size());
    with_optional(params, [&](const ConfigValue* p) { run_activation(kind, name, in.data(), out.data(), in.size(), p); });
    return to_float32_array(out.data(), out.size());
  });
}

val forward(const std::string& name, const val& x, const val& params) {
  return apply_kernel(KernelKind::Forward, name, x, params);
}

val derivative(const std::string& name, const val& x, const val& params) {
  return apply_kernel(KernelKind::Derivative, name, x, params);
}

// A float array that lives in the WebAssembly heap, for calls without copies
// (benchmarks, the page's chart sampling). view() is invalidated by any later
// heap growth: take it again after other calls.
class Float32Buffer {
 public:
  explicit Float32Buffer(std::size_t n) : data_(n) {}
  // The factory validates (a constructor could not report an error).
  static Float32Buffer* create(double n) { return guarded([&] { return new Float32Buffer(checked_size(n)); }); }
  std::size_t size() const { return data_.size(); }
  val view() { return val(emscripten::typed_memory_view(data_.size(), data_.data())); }
  float* data() { return data_.data(); }
  // Heap offset of the first element, for the prepared-kernel exports.
  double address() const { return static_cast<double>(reinterpret_cast<uintptr_t>(data_.data())); }

 private:
  static std::size_t checked_size(double n) {
    if (!(n >= 0 && n <= static_cast<double>(kMaxKernelElements)) || n != static_cast<double>(static_cast<std::size_t>(n)))
      throw_range("length", n, "an integer in [0, " + std::to_string(kMaxKernelElements) + "]");
    return static_cast<std::size_t>(n);
  }
  std::vector<float> data_;
};

bool apply_buffers(KernelKind kind, const std::string& name, Float32Buffer& x, Float32Buffer& y,
                   const val& params) {
  return guarded([&] {
    if (x.size() != y.size()) throw_range("output.length", y.size(), "equal to input.length (" + std::to_string(x.size()) + ")");
    with_optional(params, [&](const ConfigValue* p) { run_activation(kind, name, x.data(), y.data(), x.size(), p); });
    return true;
  });
}

bool forward_buffer(const std::string& name, Float32Buffer& x, Float32Buffer& y, const val& params) {
  return apply_buffers(KernelKind::Forward, name, x, y, params);
}

bool derivative_buffer(const std::string& name, Float32Buffer& x, Float32Buffer& y, const val& params) {
  return apply_buffers(KernelKind::Derivative, name, x, y, params);
}

// One trained network; JS owns it and must call delete() (the façade's
// net.delete() does, and a FinalizationRegistry is the safety net).
class NetworkHandle {
 public:
  explicit NetworkHandle(std::unique_ptr<nn::Network> net) : net_(std::move(net)) {}

  bool set_data(const val& x, const val& y, double inputs, const val& test_x, const val& test_y) {
    return guarded([&] {
      set_network_data(*net_, to_floats(x), to_floats(y), inputs, to_floats(test_x), to_floats(test_y));
      return true;
    });
  }
  val train(double steps, bool report) { return guarded([&] { return report_val(train_network(*net_, steps, report)); }); }
  // [step, batchLoss, diverged, divergedAtStep, learningRate] (see train_network_compact).
  val train_compact(double steps) {
    return guarded([&] {
      const std::array<double, 5> r = train_network_compact(*net_, steps);
      return val::global("Float64Array").new_(val(emscripten::typed_memory_view(r.size(), r.data())));
    });
  }
  val evaluate() { return guarded([&] { return evaluation_val(evaluate_network(*net_)); }); }
  val predict(const val& x) {
    return guarded([&] {
      const std::vector<float> y = alab::predict(*net_, to_floats(x));
      return to_float32_array(y.data(), y.size());
    });
  }
  val predict_grid(double x_min, double x_max, double y_min, double y_max, double resolution) {
    return guarded([&] {
      const std::vector<float> y = alab::predict_grid(*net_, x_min, x_max, y_min, y_max, resolution);
      return to_float32_array(y.data(), y.size());
    });
  }
  val unit_grid(double x_min, double x_max, double y_min, double y_max, double resolution) {
    return guarded([&] {
      const std::vector<float> y = alab::unit_grid(*net_, x_min, x_max, y_min, y_max, resolution);
      return to_float32_array(y.data(), y.size());
    });
  }
  val unit_stats() {
    return guarded([&] {
      const std::vector<float> y = alab::unit_stats(*net_);
      return to_float32_array(y.data(), y.size());
    });
  }
  val save_state() {
    return guarded([&] {
      const std::vector<uint8_t> b = net_->save_state();
      return to_uint8_array(b.data(), b.size());
    });
  }
  bool restore_state(const val& bytes, bool exact) {
    return guarded([&] { alab::restore_state(*net_, to_bytes(bytes), exact); return true; });
  }
  bool set_learning_rate(double lr) { return guarded([&] { alab::set_learning_rate(*net_, lr); return true; }); }
  double learning_rate() const { return net_->learning_rate(); }
  val weights() const { return to_float32_array(net_->params(), net_->param_count()); }
  bool set_weights(const val& w) {
    return guarded([&] {
      const std::vector<float> v = to_floats(w);
      net_->set_weights(v.data(), v.size());
      return true;
    });
  }
  // A view of the parameter block itself (no copy): valid until the heap grows.
  val weights_view() const { return val(emscripten::typed_memory_view(net_->param_count(), net_->params())); }
  val layout() const { return guarded([&] { return layout_val(net_->layout()); }); }
  val config() const { return guarded([&] { return config_val(schema::network_table(), net_->config()); }); }
  int inputs() const { return net_->inputs(); }
  // Every parameter as its shortest decimal (a Float64Array), for net.toJSON().
  val weights_decimal() const {
    std::vector<double> d(net_->param_count());
    for (std::size_t i = 0; i < d.size(); ++i) d[i] = shortest_decimal(net_->params()[i]);
    return val::global("Float64Array").new_(val(emscripten::typed_memory_view(d.size(), d.data())));
  }
  bool reset() { return guarded([&] { net_->reset(); return true; }); }
  double step() const { return static_cast<double>(net_->step()); }

 private:
  std::unique_ptr<nn::Network> net_;
};

NetworkHandle* create_network_handle(const val& config) {
  return guarded([&] { return new NetworkHandle(create_network(ValValue(config))); });
}

// The parts of a network file web/lib/network-file.js has read; `converted`
// is the weights as a Float32Array, or null when an element needs reading.
NetworkHandle* load_network_handle(const val& config, const val& step, const val& weights, const val& converted) {
  return guarded([&] {
    const bool have = !converted.isNull() && !converted.isUndefined();
    const std::vector<float> floats = have ? to_floats(converted) : std::vector<float>();
    return new NetworkHandle(load_network(ValValue(config), ValValue(step), ValValue(weights), have ? &floats : nullptr));
  });
}

val dataset(const std::string& name, const val& options) {
  return guarded([&] {
    const data::Dataset d = make_dataset(name, ValValue(options));
    val out = val::object();
    out.set("name", d.name);
    out.set("x", to_float32_array(d.x.data(), d.x.size()));
    out.set("y", to_float32_array(d.y.data(), d.y.size()));
    out.set("testX", to_float32_array(d.test_x.data(), d.test_x.size()));
    out.set("testY", to_float32_array(d.test_y.data(), d.test_y.size()));
    out.set("inputs", d.inputs);
    out.set("classes", d.classes);
    return out;
  });
}

val born_dead_js(const val& options) {
  return guarded([&] { return born_dead_val(born_dead(ValValue(options))); });
}

// Prepared kernels: the name and params are validated once (prepare_kernel
// returns the registry index and the parameter values, from which the façade
// makes a KernelHandle); each call then takes only the handle and buffers, so
// a call on a cache-resident array costs little more than the kernel itself.
val prepare_kernel(const std::string& name, const val& params) {
  return guarded([&] {
    const ActivationInfo& info = require_activation(name);
    const ActivationParams p =
        with_optional(params, [&](const ConfigValue* v) { return parse_activation_params(info, v); });
    val out = val::object();
    out.set("id", static_cast<int>(info.id));
    out.set("alpha", p.alpha);
    out.set("lower", p.lower);
    out.set("upper", p.upper);
    out.set("training", p.training);
    out.set("seed", p.seed);
    return out;
  });
}

}  // namespace
}  // namespace alab::bindings

// The hot path of prepared kernels: plain wasm exports taking numbers only
// (an Embind call with class arguments costs several hundred ns, more than a
// 1 Ki kernel). The façade makes a handle from what prepare_kernel validated
// and passes only its own buffers; the handle is checked once when made, and
// each call then checks only that it is live (status 1 otherwise).
extern "C" {

EMSCRIPTEN_KEEPALIVE alab::KernelHandle* alab_kernel_create(int id, int derivative, float alpha, float lower, float upper,
                                                            int training, uint32_t seed) {
  alab::ActivationParams p;
  p.alpha = alpha;
  p.lower = lower;
  p.upper = upper;
  p.training = training != 0;
  p.seed = seed;
  return alab::create_kernel_handle(id, derivative != 0, p);
}

EMSCRIPTEN_KEEPALIVE int alab_kernel_run(const alab::KernelHandle* k, const float* x, float* y, uint32_t n) {
  return alab::run_kernel_handle(k, x, y, n) ? 0 : 1;
}

EMSCRIPTEN_KEEPALIVE void alab_kernel_delete(alab::KernelHandle* k) { alab::delete_kernel_handle(k); }

}  // extern "C"

namespace alab::bindings {
namespace {

// Whether this module was compiled with WebAssembly SIMD (the scalar
// benchmark variant is not).
bool simd() {
#if defined(__wasm_simd128__)
  return true;
#else
  return false;
#endif
}

}  // namespace
}  // namespace alab::bindings

EMSCRIPTEN_BINDINGS(activation_lab) {
  using namespace alab::bindings;
  emscripten::function("forward", &forward);
  emscripten::function("derivative", &derivative);
  emscripten::function("simd", &simd);
  emscripten::function("takeError", &take_error);
  emscripten::class_<Float32Buffer>("Float32Buffer")
      .class_function("create", &Float32Buffer::create, emscripten::allow_raw_pointers())
      .function("size", &Float32Buffer::size)
      .function("view", &Float32Buffer::view)
      .function("address", &Float32Buffer::address);
  emscripten::function("forwardBuffer", &forward_buffer);
  emscripten::function("prepareKernel", &prepare_kernel);
  emscripten::class_<NetworkHandle>("Network")
      .function("setData", &NetworkHandle::set_data)
      .function("train", &NetworkHandle::train)
      .function("trainCompact", &NetworkHandle::train_compact)
      .function("evaluate", &NetworkHandle::evaluate)
      .function("predict", &NetworkHandle::predict)
      .function("predictGrid", &NetworkHandle::predict_grid)
      .function("unitGrid", &NetworkHandle::unit_grid)
      .function("unitStats", &NetworkHandle::unit_stats)
      .function("saveState", &NetworkHandle::save_state)
      .function("restoreState", &NetworkHandle::restore_state)
      .function("setLearningRate", &NetworkHandle::set_learning_rate)
      .function("learningRate", &NetworkHandle::learning_rate)
      .function("weights", &NetworkHandle::weights)
      .function("setWeights", &NetworkHandle::set_weights)
      .function("weightsView", &NetworkHandle::weights_view)
      .function("layout", &NetworkHandle::layout)
      .function("config", &NetworkHandle::config)
      .function("inputs", &NetworkHandle::inputs)
      .function("weightsDecimal", &NetworkHandle::weights_decimal)
      .function("reset", &NetworkHandle::reset)
      .function("step", &NetworkHandle::step);
  emscripten::function("createNetwork", &create_network_handle, emscripten::allow_raw_pointers());
  emscripten::function("loadNetwork", &load_network_handle, emscripten::allow_raw_pointers());
  emscripten::function("dataset", &dataset);
  emscripten::function("schema", &schema_object);
  emscripten::function("bornDead", &born_dead_js);
  emscripten::function("derivativeBuffer", &derivative_buffer);
}
