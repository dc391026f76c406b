// Embind registrations of the activation kernels, buffers, networks, datasets
// and born-dead estimates. This file only registers, with thin adapters that
// turn emscripten::val into the plain types of the C++ API and back (the
// shared converters are in adapters.h and report_adapters.h); the handles and
// every check live in cpp/api/ (network_handle.h, float32_buffer.h,
// catalogue_api.h, network_api.h). Every call that can fail is `guarded`.
#include <emscripten/bind.h>
#include <emscripten/emscripten.h>

#include "adapters.h"
#include "report_adapters.h"
#include "api/catalogue_api.h"
#include "api/float32_buffer.h"
#include "api/network_api.h"
#include "api/network_handle.h"

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

// ---- Float32Buffer: the array lives in the WebAssembly heap ----

Float32Buffer* create_buffer(double n) { return guarded([&] { return new Float32Buffer(n); }); }

// A view of the buffer itself, invalidated by any later heap growth: take it again after other calls.
val buffer_view(Float32Buffer& b) { return val(emscripten::typed_memory_view(b.size(), b.data())); }

// Heap offset of the first element, for alab_apply_prepared.
double buffer_address(const Float32Buffer& b) {
  return static_cast<double>(reinterpret_cast<uintptr_t>(b.data()));
}

bool apply_buffers(KernelKind kind, const std::string& name, Float32Buffer& x, Float32Buffer& y, const val& params) {
  return guarded([&] {
    with_optional(params, [&](const ConfigValue* p) { run_activation(kind, name, x, y, p); });
    return true;
  });
}

bool forward_buffer(const std::string& name, Float32Buffer& x, Float32Buffer& y, const val& params) {
  return apply_buffers(KernelKind::Forward, name, x, y, params);
}

bool derivative_buffer(const std::string& name, Float32Buffer& x, Float32Buffer& y, const val& params) {
  return apply_buffers(KernelKind::Derivative, name, x, y, params);
}

// ---- Network (JS owns it and must call delete(); web/lib/network.js) ----

NetworkHandle* create_network_handle(const val& config) {
  return guarded([&] { return NetworkHandle::create(ValValue(config)).release(); });
}

// The parts of a network file web/lib/network-file.js has read; `converted`
// is the weights as a Float32Array, or null when an element needs reading.
NetworkHandle* load_network_handle(const val& config, const val& step, const val& weights, const val& converted) {
  return guarded([&] {
    const bool have = !converted.isNull() && !converted.isUndefined();
    const std::vector<float> floats = have ? to_floats(converted) : std::vector<float>();
    return NetworkHandle::load(ValValue(config), ValValue(step), ValValue(weights), have ? &floats : nullptr).release();
  });
}

bool net_set_data(NetworkHandle& h, const val& x, const val& y, double inputs, const val& test_x, const val& test_y) {
  return guarded([&] {
    h.set_data(to_floats(x), to_floats(y), inputs, to_floats(test_x), to_floats(test_y));
    return true;
  });
}
val net_train(NetworkHandle& h, double steps, bool report) {
  return guarded([&] { return report_val(h.train(steps, report)); });
}
val net_train_compact(NetworkHandle& h, double steps) {
  return guarded([&] {
    const std::array<double, 5> r = h.train_compact(steps);
    return val::global("Float64Array").new_(val(emscripten::typed_memory_view(r.size(), r.data())));
  });
}
val net_evaluate(NetworkHandle& h) { return guarded([&] { return evaluation_val(h.evaluate()); }); }
val net_predict(NetworkHandle& h, const val& x) {
  return guarded([&] { return to_float32_array(h.predict(to_floats(x))); });
}
val net_predict_grid(NetworkHandle& h, double x_min, double x_max, double y_min, double y_max, double resolution) {
  return guarded([&] { return to_float32_array(h.predict_grid(x_min, x_max, y_min, y_max, resolution)); });
}
val net_unit_grid(NetworkHandle& h, double x_min, double x_max, double y_min, double y_max, double resolution) {
  return guarded([&] { return to_float32_array(h.unit_grid(x_min, x_max, y_min, y_max, resolution)); });
}
val net_unit_stats(NetworkHandle& h) { return guarded([&] { return to_float32_array(h.unit_stats()); }); }
val net_save_state(NetworkHandle& h) {
  return guarded([&] {
    const std::vector<uint8_t> b = h.save_state();
    return to_uint8_array(b.data(), b.size());
  });
}
bool net_restore_state(NetworkHandle& h, const val& bytes, bool exact) {
  return guarded([&] { h.restore_state(to_bytes(bytes), exact); return true; });
}
bool net_set_learning_rate(NetworkHandle& h, double lr) {
  return guarded([&] { h.set_learning_rate(lr); return true; });
}
val net_weights(const NetworkHandle& h) { return to_float32_array(h.params(), h.param_count()); }
bool net_set_weights(NetworkHandle& h, const val& w) { return guarded([&] { h.set_weights(to_floats(w)); return true; }); }
// A view of the parameter block itself (no copy): valid until the heap grows.
val net_weights_view(const NetworkHandle& h) { return val(emscripten::typed_memory_view(h.param_count(), h.params())); }
val net_layout(const NetworkHandle& h) { return guarded([&] { return layout_val(h.layout()); }); }
val net_config(const NetworkHandle& h) { return guarded([&] { return config_val(schema::network_table(), h.config()); }); }
// Every parameter as its shortest decimal (a Float64Array), for net.toJSON().
val net_weights_decimal(const NetworkHandle& h) {
  const std::vector<double> d = h.weights_decimal();
  return val::global("Float64Array").new_(val(emscripten::typed_memory_view(d.size(), d.data())));
}
bool net_reset(NetworkHandle& h) { return guarded([&] { h.reset(); return true; }); }

// ---- datasets, born-dead, prepared kernels ----

val dataset(const std::string& name, const val& options) {
  return guarded([&] {
    const data::Dataset d = make_dataset(name, ValValue(options));
    val out = val::object();
    out.set("name", d.name);
    out.set("x", to_float32_array(d.x));
    out.set("y", to_float32_array(d.y));
    out.set("testX", to_float32_array(d.test_x));
    out.set("testY", to_float32_array(d.test_y));
    out.set("inputs", d.inputs);
    out.set("classes", d.classes);
    return out;
  });
}

val born_dead_js(const val& options) {
  return guarded([&] { return born_dead_val(born_dead(ValValue(options))); });
}

// Prepared kernels: the name and params are validated once (prepare_kernel
// returns the registry index and the parameter values); apply_prepared then
// takes only numbers and buffers, so a call on a cache-resident array costs
// little more than the kernel itself.
val prepare_kernel(const std::string& name, const val& params) {
  return guarded([&] {
    const PreparedKernel k = with_optional(params, [&](const ConfigValue* v) { return alab::prepare_kernel(name, v); });
    const ActivationParams& p = k.params;
    val out = val::object();
    out.set("id", static_cast<int>(k.info->id));
    out.set("alpha", p.alpha);
    out.set("lower", p.lower);
    out.set("upper", p.upper);
    out.set("training", p.training);
    out.set("seed", p.seed);
    return out;
  });
}

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

// The hot path of prepared kernels: a plain wasm export taking numbers only
// (an Embind call with class arguments costs several hundred ns, more than a
// 1 Ki kernel). The façade passes pointers only from its own buffers and
// parameters only from prepare_kernel; apply_prepared still re-checks the
// index and the ranges and this returns 1 instead of running on anything invalid.
extern "C" EMSCRIPTEN_KEEPALIVE int alab_apply_prepared(int derivative, int id, float alpha, float lower, float upper,
                                                        int training, uint32_t seed, const float* x, float* y,
                                                        uint32_t n) {
  alab::ActivationParams p;
  p.alpha = alpha;
  p.lower = lower;
  p.upper = upper;
  p.training = training != 0;
  p.seed = seed;
  return alab::apply_prepared(derivative != 0, id, p, x, y, n) ? 0 : 1;
}

EMSCRIPTEN_BINDINGS(activation_lab) {
  using namespace alab::bindings;
  using alab::Float32Buffer;
  using alab::NetworkHandle;
  emscripten::function("forward", &forward);
  emscripten::function("derivative", &derivative);
  emscripten::function("simd", &simd);
  emscripten::function("takeError", &take_error);
  emscripten::class_<Float32Buffer>("Float32Buffer")
      .class_function("create", &create_buffer, emscripten::allow_raw_pointers())
      .function("size", &Float32Buffer::size)
      .function("view", &buffer_view)
      .function("address", &buffer_address);
  emscripten::function("forwardBuffer", &forward_buffer);
  emscripten::function("prepareKernel", &prepare_kernel);
  emscripten::class_<NetworkHandle>("Network")
      .function("setData", &net_set_data)
      .function("train", &net_train)
      .function("trainCompact", &net_train_compact)
      .function("evaluate", &net_evaluate)
      .function("predict", &net_predict)
      .function("predictGrid", &net_predict_grid)
      .function("unitGrid", &net_unit_grid)
      .function("unitStats", &net_unit_stats)
      .function("saveState", &net_save_state)
      .function("restoreState", &net_restore_state)
      .function("setLearningRate", &net_set_learning_rate)
      .function("learningRate", &NetworkHandle::learning_rate)
      .function("weights", &net_weights)
      .function("setWeights", &net_set_weights)
      .function("weightsView", &net_weights_view)
      .function("layout", &net_layout)
      .function("config", &net_config)
      .function("inputs", &NetworkHandle::inputs)
      .function("weightsDecimal", &net_weights_decimal)
      .function("reset", &net_reset)
      .function("step", &NetworkHandle::step);
  emscripten::function("createNetwork", &create_network_handle, emscripten::allow_raw_pointers());
  emscripten::function("loadNetwork", &load_network_handle, emscripten::allow_raw_pointers());
  emscripten::function("dataset", &dataset);
  emscripten::function("schema", &schema_object);
  emscripten::function("bornDead", &born_dead_js);
  emscripten::function("derivativeBuffer", &derivative_buffer);
}
