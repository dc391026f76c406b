// Embind registrations of the graph module. Registration and conversion only:
// validation lives in cpp/api/graph_api.cpp; every call is `guarded`.
#include <emscripten/bind.h>

#include "adapters.h"
#include "report_adapters.h"
#include "api/graph_api.h"

namespace alab::bindings {
namespace {

std::vector<int> to_ints(const val& array) { return emscripten::convertJSArrayToNumberVector<int>(array); }

val to_int32_array(const std::vector<int>& v) {
  return val::global("Int32Array").new_(val(emscripten::typed_memory_view(v.size(), v.data())));
}

template <class T>
val float_array_of(const std::vector<T>& v) {
  std::vector<float> f(v.begin(), v.end());
  return to_float32_array(f.data(), f.size());
}

val graph_object(const graph::LabelledGraph& lg) {
  std::vector<int> flat;
  for (const auto& [u, v] : lg.graph.edges()) {
    flat.push_back(u);
    flat.push_back(v);
  }
  val out = val::object();
  out.set("name", lg.name);
  out.set("nodes", lg.graph.n);
  out.set("edges", to_int32_array(flat));
  out.set("labels", to_int32_array(lg.labels));
  val names = val::array();
  for (const std::string& s : lg.class_names) names.call<void>("push", s);
  out.set("classNames", names);
  out.set("comment", lg.comment);
  return out;
}

val make_graph_js(const std::string& name, const val& options) {
  return guarded([&] { return graph_object(make_graph(name, ValValue(options))); });
}

val graph_fourier_js(double nodes, const val& edges, const val& options) {
  return guarded([&] {
    const graph::SymmetricEigen e = graph_fourier(nodes, to_ints(edges), ValValue(options));
    val out = val::object();
    out.set("eigenvalues", float_array_of(e.values));
    out.set("eigenvectors", float_array_of(e.vectors));
    return out;
  });
}

val graph_filter_js(double nodes, const val& edges, const val& signal, const val& options) {
  return guarded([&] {
    const graph::FilterResult r = graph_filter(nodes, to_ints(edges), to_floats(signal), ValValue(options));
    val out = val::object();
    out.set("output", float_array_of(r.output));
    out.set("inputSpectrum", float_array_of(r.input_spectrum));
    out.set("outputSpectrum", float_array_of(r.output_spectrum));
    out.set("response", float_array_of(r.response));
    out.set("coefficients", float_array_of(r.coefficients));
    out.set("lambdaMax", r.lambda_max);
    return out;
  });
}

// One GCN model; JS owns it and must call delete().
class GcnHandle {
 public:
  explicit GcnHandle(std::unique_ptr<graph::GcnModel> m) : m_(std::move(m)) {}

  bool set_graph(double nodes, const val& edges, const val& labels, const val& labelled, const val& features,
                 double feature_count) {
    return guarded([&] {
      set_gcn_graph(*m_, nodes, to_ints(edges), to_ints(labels), to_ints(labelled), to_floats(features), feature_count);
      return true;
    });
  }
  val train(double steps, bool report) { return guarded([&] { return gcn_report_val(train_gcn(*m_, steps, report)); }); }
  val evaluate() { return guarded([&] { return gcn_report_val(evaluate_gcn(*m_)); }); }
  val predict() { return guarded([&] { return float_array_of(gcn_predict(*m_)); }); }
  val embedding() { return guarded([&] { return float_array_of(gcn_embedding(*m_)); }); }
  val hidden_output(double layer) { return guarded([&] { return float_array_of(gcn_hidden_output(*m_, layer)); }); }
  bool set_learning_rate(double lr) { return guarded([&] { set_gcn_learning_rate(*m_, lr); return true; }); }
  double learning_rate() const { return m_->learning_rate(); }
  double step() const { return static_cast<double>(m_->step()); }
  val weights() const { return to_float32_array(m_->params().data(), m_->params().size()); }
  bool set_weights(const val& w) { return guarded([&] { set_gcn_weights(*m_, to_floats(w)); return true; }); }
  val layout() const { return guarded([&] { return layout_val(m_->layout()); }); }
  val config() const { return guarded([&] { return config_val(schema::gcn_table(), m_->config()); }); }
  bool reset() { return guarded([&] { m_->reset(); return true; }); }

 private:
  std::unique_ptr<graph::GcnModel> m_;
};

GcnHandle* create_gcn_handle(const val& config) {
  return guarded([&] { return new GcnHandle(create_gcn(ValValue(config))); });
}

}  // namespace
}  // namespace alab::bindings

EMSCRIPTEN_BINDINGS(graph) {
  using namespace alab::bindings;
  emscripten::function("graph", &make_graph_js);
  emscripten::function("graphFourier", &graph_fourier_js);
  emscripten::function("graphFilter", &graph_filter_js);
  emscripten::class_<GcnHandle>("GcnModel")
      .function("setGraph", &GcnHandle::set_graph)
      .function("train", &GcnHandle::train)
      .function("evaluate", &GcnHandle::evaluate)
      .function("predict", &GcnHandle::predict)
      .function("embedding", &GcnHandle::embedding)
      .function("hiddenOutput", &GcnHandle::hidden_output)
      .function("setLearningRate", &GcnHandle::set_learning_rate)
      .function("learningRate", &GcnHandle::learning_rate)
      .function("step", &GcnHandle::step)
      .function("weights", &GcnHandle::weights)
      .function("setWeights", &GcnHandle::set_weights)
      .function("layout", &GcnHandle::layout)
      .function("config", &GcnHandle::config)
      .function("reset", &GcnHandle::reset);
  emscripten::function("createGcn", &create_gcn_handle, emscripten::allow_raw_pointers());
}
