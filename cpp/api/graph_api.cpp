#include "api/graph_api.h"

#include <algorithm>
#include <cmath>

#include "api/config_schema.h"
#include "core/errors.h"
#include "nn/config.h"

namespace alab {

using schema::Style;

namespace {

// An option's value, nullptr when absent.
std::unique_ptr<ConfigValue> get(const ConfigValue& o, const char* key) { return o.get(key); }

int integer_option(const ConfigValue& o, const char* key, int lo, int hi, int fallback) {
  const auto v = o.get(key);
  return v ? static_cast<int>(schema::read_integer_in(*v, std::string("options.") + key, lo, hi, Style::options)) : fallback;
}

double number_option(const ConfigValue& o, const char* key, double lo, double hi, double fallback) {
  const auto v = o.get(key);
  return v ? schema::read_number_in(*v, std::string("options.") + key, lo, hi, Style::options) : fallback;
}


void require_graph(const graph::GcnModel& m, const char* what) {
  if (!m.has_graph())
    throw InvalidArgument(InvalidArgument::Kind::Range, "graph",
                          std::string(what) + " needs a graph first: call model.setGraph(graph, { labelled })");
}

}  // namespace

graph::LabelledGraph make_graph(const std::string& name, const ConfigValue& o) {
  if (name == "karate") {
    schema::require_keys(o, "options", {});
    return graph::karate_club();
  }
  if (name == "two_communities") {
    schema::require_keys(o, "options", {"n", "pIn", "pOut", "seed"});
    const int n = integer_option(o, "n", 4, 2000, 40);
    const double p_in = number_option(o, "pIn", 0, 1, 0.3);
    const double p_out = number_option(o, "pOut", 0, 1, 0.02);
    const auto seed = get(o, "seed");
    return graph::two_communities(
        n, static_cast<float>(p_in), static_cast<float>(p_out),
        seed ? static_cast<uint32_t>(schema::read_integer_in(*seed, "options.seed", 0, 4294967295LL, Style::options)) : 1);
  }
  if (name == "ring") {
    schema::require_keys(o, "options", {"n"});
    return graph::ring(integer_option(o, "n", 3, 5000, 20));
  }
  if (name == "grid") {
    schema::require_keys(o, "options", {"rows", "cols"});
    return graph::grid(integer_option(o, "rows", 1, 70, 6), integer_option(o, "cols", 2, 70, 6));
  }
  throw InvalidArgument(InvalidArgument::Kind::Range, "name",
                        "name must be one of " + schema::Names(graph::kGraphNames).joined() + "; got \"" +
                            name.substr(0, 40) + "\"");
}

graph::Graph graph_from_edges(double nodes, const std::vector<int>& edges, const std::string& field) {
  const int n = static_cast<int>(schema::check_integer_in(nodes, field + ".nodes", 1, graph::kMaxGraphNodes));
  if (edges.size() % 2 != 0) throw_range(field + ".edges.length", edges.size(), "even (pairs of node indices)");
  if (edges.size() > 2u * graph::kMaxGraphEdges)
    throw_range(field + ".edges.length", edges.size(), "at most " + std::to_string(2 * graph::kMaxGraphEdges));
  std::vector<std::pair<int, int>> pairs(edges.size() / 2);
  for (std::size_t e = 0; e < pairs.size(); ++e) {
    const int u = edges[2 * e], v = edges[2 * e + 1];
    for (int i : {0, 1}) {
      const int x = edges[2 * e + i];
      if (x < 0 || x >= n)
        throw_range(field + ".edges[" + std::to_string(e) + "][" + std::to_string(i) + "]", x,
                    "a node index in [0, " + std::to_string(n - 1) + "]");
    }
    if (u == v)
      throw_range(field + ".edges[" + std::to_string(e) + "]", "[" + std::to_string(u) + ", " + std::to_string(v) + "]",
                  "an edge between two different nodes (no self-loops: the layers add them)");
    pairs[e] = {u, v};
  }
  return graph::from_edges(n, pairs);
}

std::vector<int> flat_edges(const graph::Graph& g) {
  std::vector<int> flat;
  for (const auto& [u, v] : g.edges()) {
    flat.push_back(u);
    flat.push_back(v);
  }
  return flat;
}

graph::GcnConfig parse_gcn_config(const ConfigValue& config) { return schema::parse(schema::gcn_table(), config); }


std::unique_ptr<graph::GcnModel> create_gcn(const ConfigValue& config) {
  return std::make_unique<graph::GcnModel>(parse_gcn_config(config));
}

void set_gcn_graph(graph::GcnModel& m, double nodes, const std::vector<int>& edges, const std::vector<int>& labels,
                   const std::vector<int>& labelled, const std::vector<float>& features, double feature_count) {
  graph::Graph g = graph_from_edges(nodes, edges);
  const int n = g.n;
  const int classes = m.config().classes;
  if (labels.size() != static_cast<std::size_t>(n))
    throw_range("graph.labels.length", labels.size(), "graph.nodes (" + std::to_string(n) + ")");
  for (int i = 0; i < n; ++i)
    if (labels[i] < -1 || labels[i] >= classes)
      throw_range("graph.labels[" + std::to_string(i) + "]", labels[i],
                  "a class in [0, " + std::to_string(classes - 1) + "] (config.classes = " + std::to_string(classes) +
                      ") or -1 for unknown");
  if (labelled.empty())
    throw InvalidArgument(InvalidArgument::Kind::Range, "options.labelled",
                          "options.labelled must list at least one node whose class the model may see");
  std::vector<char> seen(n, 0);
  for (std::size_t k = 0; k < labelled.size(); ++k) {
    const std::string f = "options.labelled[" + std::to_string(k) + "]";
    const int i = labelled[k];
    if (i < 0 || i >= n) throw_range(f, i, "a node index in [0, " + std::to_string(n - 1) + "]");
    if (labels[i] < 0) throw_range(f, i, "a node with a known label (graph.labels[" + std::to_string(i) + "] is -1)");
    if (seen[i]) throw_range(f, i, "a node listed once");
    seen[i] = 1;
  }
  int f = 0;
  if (!features.empty()) {
    f = static_cast<int>(schema::check_integer_in(feature_count, "graph.featureCount", 1, 100000));
    if (features.size() != static_cast<std::size_t>(n) * f)
      throw_range("graph.features.length", features.size(), "nodes × featureCount = " + std::to_string(static_cast<long>(n) * f));
    for (std::size_t i = 0; i < features.size(); ++i)
      if (!std::isfinite(features[i])) throw_range("graph.features[" + std::to_string(i) + "]", features[i], "a finite number");
  } else {
    f = n;  // one-hot node ids
  }
  if (static_cast<long>(n) * f > graph::kMaxFeatureFloats)
    throw_range("graph.nodes", n,
                "at most " + std::to_string(graph::kMaxFeatureFloats) +
                    " feature values (nodes × features; one-hot ids: nodes² — pass graph.features for big graphs)");
  m.set_graph(g, features, f, labels, labelled);
}

graph::GcnReport train_gcn(graph::GcnModel& m, double steps, bool with_report) {
  const long n = static_cast<long>(schema::check_integer_in(steps, "steps", 0, 1000000));
  require_graph(m, "train");
  return m.train(n, with_report);
}

graph::GcnReport evaluate_gcn(graph::GcnModel& m) {
  require_graph(m, "evaluate");
  return m.evaluate();
}

std::vector<float> gcn_predict(graph::GcnModel& m) {
  require_graph(m, "predict");
  return m.predict();
}

std::vector<float> gcn_embedding(graph::GcnModel& m) {
  require_graph(m, "embedding");
  return m.embedding();
}

std::vector<float> gcn_hidden_output(graph::GcnModel& m, double layer) {
  require_graph(m, "hiddenOutput");
  const int hidden = static_cast<int>(m.config().hidden.size());
  if (hidden == 0) throw_range("layer", layer, "a hidden layer index, but this model has no hidden layer");
  return m.hidden_output(static_cast<int>(schema::check_integer_in(layer, "layer", 0, hidden - 1)));
}

void set_gcn_learning_rate(graph::GcnModel& m, double lr) {
  m.set_learning_rate(static_cast<float>(schema::check_number_in(lr, "learningRate", 0, 100)));
}

void set_gcn_weights(graph::GcnModel& m, const std::vector<float>& w) {
  require_graph(m, "setWeights");
  if (w.size() != m.params().size()) throw_range("weights.length", w.size(), "the parameter count (" + std::to_string(m.params().size()) + ")");
  for (std::size_t i = 0; i < w.size(); ++i)
    if (!std::isfinite(w[i])) throw_range("weights[" + std::to_string(i) + "]", w[i], "a finite number");
  m.mutable_params() = w;
}

graph::SymmetricEigen graph_fourier(double nodes, const std::vector<int>& edges, const ConfigValue& o) {
  schema::require_keys(o, "options", {"laplacian"});
  const graph::Graph g = graph_from_edges(nodes, edges);
  if (g.n > graph::kMaxEigenNodes)
    throw_range("graph.nodes", g.n, "at most " + std::to_string(graph::kMaxEigenNodes) + " for the eigen-decomposition");
  const auto laplacian = get(o, "laplacian");
  const auto kind = laplacian ? static_cast<graph::LaplacianKind>(schema::read_enum(*laplacian, "options.laplacian",
                                                                                  graph::kLaplacianNames, Style::options))
                              : graph::LaplacianKind::normalized;
  return graph::laplacian_eigen(g, kind);
}

graph::FilterResult graph_filter(double nodes, const std::vector<int>& edges, const std::vector<float>& signal,
                                 const ConfigValue& o) {
  schema::require_keys(o, "options", {"kind", "t", "keep", "coefficients", "order"});
  const graph::Graph g = graph_from_edges(nodes, edges);
  if (g.n > graph::kMaxEigenNodes)
    throw_range("graph.nodes", g.n, "at most " + std::to_string(graph::kMaxEigenNodes) + " for spectral filtering");
  if (signal.size() != static_cast<std::size_t>(g.n))
    throw_range("signal.length", signal.size(), "graph.nodes (" + std::to_string(g.n) + ")");
  for (std::size_t i = 0; i < signal.size(); ++i)
    if (!std::isfinite(signal[i])) throw_range("signal[" + std::to_string(i) + "]", signal[i], "a finite number");
  graph::FilterSpec spec;
  if (const auto v = get(o, "kind"))
    spec.kind = static_cast<graph::FilterKind>(schema::read_enum(*v, "options.kind", graph::kFilterNames, Style::options));
  spec.t = static_cast<float>(number_option(o, "t", 0, 100, spec.t));
  spec.keep = integer_option(o, "keep", 1, g.n, std::min(3, g.n));
  spec.order = integer_option(o, "order", 0, 20, spec.order);
  if (spec.kind == graph::FilterKind::chebyshev) {
    const auto v = get(o, "coefficients");
    if (!v) throw_type("options.coefficients", "undefined", "an array of 1 to 21 numbers (c_0 .. c_K)");
    if (!v->is(ConfigValue::Kind::array))
      throw_type("options.coefficients", schema::shown(*v, Style::options), "an array of 1 to 21 numbers (c_0 .. c_K)");
    if (v->size() == 0 || v->size() > 21) throw_range("options.coefficients.length", v->size(), "in [1, 21]");
    for (std::size_t k = 0; k < v->size(); ++k)
      spec.coefficients.push_back(static_cast<float>(schema::read_number_in(
          *v->element(k), "options.coefficients[" + std::to_string(k) + "]", -1e6, 1e6, Style::options)));
  } else if (get(o, "coefficients")) {
    throw InvalidArgument(InvalidArgument::Kind::Range, "options.coefficients",
                          "options.coefficients belongs to kind \"chebyshev\" only");
  }
  return graph::spectral_filter(g, signal, spec);
}

}  // namespace alab
