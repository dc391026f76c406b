#include "api/graph_api.h"

#include <algorithm>
#include <cmath>

#include "api/json_fields.h"
#include "core/errors.h"
#include "nn/config.h"

namespace alab {

using nlohmann::json;
namespace jf = json_fields;

namespace {

const char* const kGraphNames = "karate, two_communities, ring, grid";

json parse_options(const std::string& text, const std::string& field) {
  return text.empty() ? json::object() : jf::parse(text, field);
}

const json* get(const json& o, const char* key) { return o.contains(key) ? &o.at(key) : nullptr; }

template <std::size_t N>
int choose(const json& v, const std::string& field, const char* const (&names)[N]) {
  std::string allowed = "one of ";
  for (std::size_t i = 0; i < N; ++i) allowed += (i ? ", " : "") + std::string(names[i]);
  const std::string& s = jf::string(v, field, allowed);
  for (std::size_t i = 0; i < N; ++i)
    if (s == names[i]) return static_cast<int>(i);
  throw InvalidArgument(InvalidArgument::Kind::Range, field, field + " must be " + allowed + "; got " + jf::show(v));
}

const char* const kLayerNames[] = {"gcn", "chebyshev"};
const char* const kOptimizerNames[] = {"sgd", "momentum", "adam"};
const char* const kLaplacianNames[] = {"normalized", "combinatorial"};
const char* const kFilterNames[] = {"heat", "low_pass", "chebyshev", "heat_chebyshev"};

void require_graph(const graph::GcnModel& m, const char* what) {
  if (!m.has_graph())
    throw InvalidArgument(InvalidArgument::Kind::Range, "graph",
                          std::string(what) + " needs a graph first: call model.setGraph(graph, { labelled })");
}

}  // namespace

graph::LabelledGraph make_graph(const std::string& name, const std::string& options_json) {
  const json o = parse_options(options_json, "options");
  if (name == "karate") {
    jf::require_object(o, "options", {});
    return graph::karate_club();
  }
  if (name == "two_communities") {
    jf::require_object(o, "options", {"n", "pIn", "pOut", "seed"});
    const int n = get(o, "n") ? static_cast<int>(jf::integer_in(*get(o, "n"), "options.n", 4, 2000)) : 40;
    const double p_in = get(o, "pIn") ? jf::number_in(*get(o, "pIn"), "options.pIn", 0, 1) : 0.3;
    const double p_out = get(o, "pOut") ? jf::number_in(*get(o, "pOut"), "options.pOut", 0, 1) : 0.02;
    const uint32_t seed =
        get(o, "seed") ? static_cast<uint32_t>(jf::integer_in(*get(o, "seed"), "options.seed", 0, 4294967295LL)) : 1;
    return graph::two_communities(n, static_cast<float>(p_in), static_cast<float>(p_out), seed);
  }
  if (name == "ring") {
    jf::require_object(o, "options", {"n"});
    return graph::ring(get(o, "n") ? static_cast<int>(jf::integer_in(*get(o, "n"), "options.n", 3, 5000)) : 20);
  }
  if (name == "grid") {
    jf::require_object(o, "options", {"rows", "cols"});
    const int rows = get(o, "rows") ? static_cast<int>(jf::integer_in(*get(o, "rows"), "options.rows", 1, 70)) : 6;
    const int cols = get(o, "cols") ? static_cast<int>(jf::integer_in(*get(o, "cols"), "options.cols", 2, 70)) : 6;
    return graph::grid(rows, cols);
  }
  throw InvalidArgument(InvalidArgument::Kind::Range, "name",
                        "name must be one of " + std::string(kGraphNames) + "; got \"" + name.substr(0, 40) + "\"");
}

graph::Graph graph_from_edges(double nodes, const std::vector<int>& edges, const std::string& field) {
  const int n = static_cast<int>(
      jf::integer_in(jf::from_double(nodes), field + ".nodes", 1, graph::kMaxGraphNodes));
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

graph::GcnConfig parse_gcn_config(const std::string& config_json) {
  const json j = parse_options(config_json, "config");
  jf::require_object(j, "config",
                     {"layer", "order", "hidden", "activation", "activationParams", "classes", "init", "optimizer",
                      "learningRate", "momentum", "weightDecay", "lambdaMax", "seed"});
  graph::GcnConfig c;
  // hidden / activation / activationParams mean exactly what they mean for
  // createNetwork: the MLP's parser validates them, with the same messages.
  json layers = {{"inputs", 1}, {"hidden", json::array({16})}, {"activation", "relu"}};
  for (const char* key : {"hidden", "activation", "activationParams"})
    if (j.contains(key)) layers[key] = j[key];
  if (j.contains("hidden")) {
    if (!j["hidden"].is_array()) throw_type("hidden", jf::show(j["hidden"]), "an array of widths");
    if (j["hidden"].size() > static_cast<std::size_t>(graph::kMaxGcnHiddenLayers))
      throw_range("hidden.length", j["hidden"].size(), "at most " + std::to_string(graph::kMaxGcnHiddenLayers));
  }
  const nn::NetworkConfig mlp = nn::parse_config(layers);
  c.hidden = mlp.hidden;
  c.activations = mlp.activations;
  c.params = mlp.params;
  if (const json* v = get(j, "layer")) c.layer = static_cast<graph::LayerKind>(choose(*v, "layer", kLayerNames));
  if (const json* v = get(j, "order")) c.order = static_cast<int>(jf::integer_in(*v, "order", 1, graph::kMaxChebOrder));
  if (const json* v = get(j, "classes"))
    c.classes = static_cast<int>(jf::integer_in(*v, "classes", 2, graph::kMaxGraphClasses));
  if (const json* v = get(j, "init")) c.init = nn::parse_init(jf::string(*v, "init", "an initialisation name"), "init");
  if (const json* v = get(j, "optimizer"))
    c.optimizer = static_cast<nn::OptimizerKind>(choose(*v, "optimizer", kOptimizerNames));
  if (const json* v = get(j, "learningRate")) c.learning_rate = static_cast<float>(jf::number_in(*v, "learningRate", 0, 100));
  if (const json* v = get(j, "momentum")) {
    const double m = jf::number_in(*v, "momentum", 0, 1);
    if (m >= 1.0) throw_range("momentum", m, "a finite number in [0, 1)");
    c.momentum = static_cast<float>(m);
  }
  if (const json* v = get(j, "weightDecay")) c.weight_decay = static_cast<float>(jf::number_in(*v, "weightDecay", 0, 1));
  if (const json* v = get(j, "lambdaMax")) c.lambda_max = static_cast<float>(jf::number_in(*v, "lambdaMax", 0, 2));
  if (const json* v = get(j, "seed")) c.seed = static_cast<uint32_t>(jf::integer_in(*v, "seed", 0, 4294967295LL));
  return c;
}

json gcn_config_json(const graph::GcnConfig& c) {
  json acts = json::array(), params = json::array();
  for (std::size_t l = 0; l < c.hidden.size(); ++l) {
    const ActivationInfo& info = activation_info(c.activations[l]);
    acts.push_back(info.name);
    json p = json::object();
    for (std::size_t k = 0; k < info.param_count; ++k) {
      const std::string key = info.params[k].name;
      const float v = key == "alpha" ? c.params[l].alpha : key == "lower" ? c.params[l].lower : c.params[l].upper;
      p[key] = jf::shortest_decimal(v);
    }
    params.push_back(p);
  }
  return json{{"layer", kLayerNames[static_cast<int>(c.layer)]},
              {"order", c.order},
              {"hidden", c.hidden},
              {"activation", acts},
              {"activationParams", params},
              {"classes", c.classes},
              {"init", nn::init_name(c.init)},
              {"optimizer", kOptimizerNames[static_cast<int>(c.optimizer)]},
              {"learningRate", jf::shortest_decimal(c.learning_rate)},
              {"momentum", jf::shortest_decimal(c.momentum)},
              {"weightDecay", jf::shortest_decimal(c.weight_decay)},
              {"lambdaMax", jf::shortest_decimal(c.lambda_max)},
              {"seed", c.seed}};
}

std::unique_ptr<graph::GcnModel> create_gcn(const std::string& config_json) {
  return std::make_unique<graph::GcnModel>(parse_gcn_config(config_json));
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
    f = static_cast<int>(jf::integer_in(jf::from_double(feature_count), "graph.featureCount", 1, 100000));
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
  const long n = static_cast<long>(jf::integer_in(jf::from_double(steps), "steps", 0, 1000000));
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
  return m.hidden_output(static_cast<int>(jf::integer_in(jf::from_double(layer), "layer", 0, hidden - 1)));
}

void set_gcn_learning_rate(graph::GcnModel& m, double lr) {
  m.set_learning_rate(static_cast<float>(jf::number_in(jf::from_double(lr), "learningRate", 0, 100)));
}

void set_gcn_weights(graph::GcnModel& m, const std::vector<float>& w) {
  require_graph(m, "setWeights");
  if (w.size() != m.params().size()) throw_range("weights.length", w.size(), "the parameter count (" + std::to_string(m.params().size()) + ")");
  for (std::size_t i = 0; i < w.size(); ++i)
    if (!std::isfinite(w[i])) throw_range("weights[" + std::to_string(i) + "]", w[i], "a finite number");
  m.mutable_params() = w;
}

graph::SymmetricEigen graph_fourier(double nodes, const std::vector<int>& edges, const std::string& options_json) {
  const json o = parse_options(options_json, "options");
  jf::require_object(o, "options", {"laplacian"});
  const graph::Graph g = graph_from_edges(nodes, edges);
  if (g.n > graph::kMaxEigenNodes)
    throw_range("graph.nodes", g.n, "at most " + std::to_string(graph::kMaxEigenNodes) + " for the eigen-decomposition");
  const auto kind = get(o, "laplacian") ? static_cast<graph::LaplacianKind>(choose(*get(o, "laplacian"), "options.laplacian", kLaplacianNames))
                                        : graph::LaplacianKind::normalized;
  return graph::laplacian_eigen(g, kind);
}

graph::FilterResult graph_filter(double nodes, const std::vector<int>& edges, const std::vector<float>& signal,
                                 const std::string& options_json) {
  const json o = parse_options(options_json, "options");
  jf::require_object(o, "options", {"kind", "t", "keep", "coefficients", "order"});
  const graph::Graph g = graph_from_edges(nodes, edges);
  if (g.n > graph::kMaxEigenNodes)
    throw_range("graph.nodes", g.n, "at most " + std::to_string(graph::kMaxEigenNodes) + " for spectral filtering");
  if (signal.size() != static_cast<std::size_t>(g.n))
    throw_range("signal.length", signal.size(), "graph.nodes (" + std::to_string(g.n) + ")");
  for (std::size_t i = 0; i < signal.size(); ++i)
    if (!std::isfinite(signal[i])) throw_range("signal[" + std::to_string(i) + "]", signal[i], "a finite number");
  graph::FilterSpec spec;
  if (const json* v = get(o, "kind")) spec.kind = static_cast<graph::FilterKind>(choose(*v, "options.kind", kFilterNames));
  if (const json* v = get(o, "t")) spec.t = static_cast<float>(jf::number_in(*v, "options.t", 0, 100));
  spec.keep = std::min(3, g.n);
  if (const json* v = get(o, "keep")) spec.keep = static_cast<int>(jf::integer_in(*v, "options.keep", 1, g.n));
  if (const json* v = get(o, "order")) spec.order = static_cast<int>(jf::integer_in(*v, "options.order", 0, 20));
  if (spec.kind == graph::FilterKind::chebyshev) {
    const json* v = get(o, "coefficients");
    if (!v) throw_type("options.coefficients", "undefined", "an array of 1 to 21 numbers (c_0 .. c_K)");
    if (!v->is_array()) throw_type("options.coefficients", jf::show(*v), "an array of 1 to 21 numbers (c_0 .. c_K)");
    if (v->empty() || v->size() > 21) throw_range("options.coefficients.length", v->size(), "in [1, 21]");
    for (std::size_t k = 0; k < v->size(); ++k)
      spec.coefficients.push_back(static_cast<float>(jf::number_in((*v)[k], "options.coefficients[" + std::to_string(k) + "]", -1e6, 1e6)));
  } else if (get(o, "coefficients")) {
    throw InvalidArgument(InvalidArgument::Kind::Range, "options.coefficients",
                          "options.coefficients belongs to kind \"chebyshev\" only");
  }
  return graph::spectral_filter(g, signal, spec);
}

}  // namespace alab
