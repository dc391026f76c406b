// Embind registrations of the graph module, with thin adapters between
// emscripten::val and the plain types of the C++ API. The GCN handle and
// every check live in cpp/api/ (gcn_handle.h, graph_api.h); every call that
// can fail is `guarded`.
#include <emscripten/bind.h>

#include "adapters.h"
#include "report_adapters.h"
#include "api/gcn_handle.h"
#include "api/graph_api.h"

namespace alab::bindings {
namespace {

val graph_object(const graph::LabelledGraph& lg) {
  val out = val::object();
  out.set("name", lg.name);
  out.set("nodes", lg.graph.n);
  out.set("edges", to_int32_array(flat_edges(lg.graph)));
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

// ---- GcnModel (JS owns it and must call delete(); web/lib/graph.js) ----

GcnHandle* create_gcn_handle(const val& config) {
  return guarded([&] { return GcnHandle::create(ValValue(config)).release(); });
}

bool gcn_set_graph(GcnHandle& h, double nodes, const val& edges, const val& labels, const val& labelled,
                   const val& features, double feature_count) {
  return guarded([&] {
    h.set_graph(nodes, to_ints(edges), to_ints(labels), to_ints(labelled), to_floats(features), feature_count);
    return true;
  });
}
val gcn_train(GcnHandle& h, double steps, bool report) {
  return guarded([&] { return gcn_report_val(h.train(steps, report)); });
}
val gcn_evaluate(GcnHandle& h) { return guarded([&] { return gcn_report_val(h.evaluate()); }); }
val gcn_predict_js(GcnHandle& h) { return guarded([&] { return to_float32_array(h.predict()); }); }
val gcn_embedding_js(GcnHandle& h) { return guarded([&] { return to_float32_array(h.embedding()); }); }
val gcn_hidden_output_js(GcnHandle& h, double layer) {
  return guarded([&] { return to_float32_array(h.hidden_output(layer)); });
}
bool gcn_set_learning_rate_js(GcnHandle& h, double lr) { return guarded([&] { h.set_learning_rate(lr); return true; }); }
val gcn_weights(const GcnHandle& h) { return to_float32_array(h.params()); }
bool gcn_set_weights_js(GcnHandle& h, const val& w) { return guarded([&] { h.set_weights(to_floats(w)); return true; }); }
val gcn_layout(const GcnHandle& h) { return guarded([&] { return layout_val(h.layout()); }); }
val gcn_config(const GcnHandle& h) { return guarded([&] { return config_val(schema::gcn_table(), h.config()); }); }
bool gcn_reset(GcnHandle& h) { return guarded([&] { h.reset(); return true; }); }

}  // namespace
}  // namespace alab::bindings

EMSCRIPTEN_BINDINGS(graph) {
  using namespace alab::bindings;
  using alab::GcnHandle;
  emscripten::function("graph", &make_graph_js);
  emscripten::function("graphFourier", &graph_fourier_js);
  emscripten::function("graphFilter", &graph_filter_js);
  emscripten::class_<GcnHandle>("GcnModel")
      .function("setGraph", &gcn_set_graph)
      .function("train", &gcn_train)
      .function("evaluate", &gcn_evaluate)
      .function("predict", &gcn_predict_js)
      .function("embedding", &gcn_embedding_js)
      .function("hiddenOutput", &gcn_hidden_output_js)
      .function("setLearningRate", &gcn_set_learning_rate_js)
      .function("learningRate", &GcnHandle::learning_rate)
      .function("step", &GcnHandle::step)
      .function("weights", &gcn_weights)
      .function("setWeights", &gcn_set_weights_js)
      .function("layout", &gcn_layout)
      .function("config", &gcn_config)
      .function("reset", &gcn_reset);
  emscripten::function("createGcn", &create_gcn_handle, emscripten::allow_raw_pointers());
}
