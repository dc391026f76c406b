// The validating API over the graph module (cpp/graph/), in the shapes the JS
// library speaks: configs and options arrive as a ConfigValue (the GCN config
// validated by schema::gcn_table()), graphs as a node count and a
// flat edge array [u0, v0, u1, v1, ...], node data as int/float vectors;
// results leave as plain structs or vectors (the bindings convert them). Everything throws InvalidArgument
// naming the field and what is allowed; nothing knows of Emscripten.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "api/config_value.h"
#include "graph/gcn_model.h"
#include "graph/graph.h"
#include "graph/spectrum.h"

namespace alab {

// lab.graph(name, options): karate (no options), two_communities { n = 40,
// pIn = 0.3, pOut = 0.02, seed = 1 }, ring { n = 20 }, grid { rows = 6, cols = 6 }.
graph::LabelledGraph make_graph(const std::string& name, const ConfigValue& options);

// A graph from outside: nodes an integer in [1, 5000], edges a flat array of
// node-index pairs (length even, at most 2 · 200000), no self-loops; repeated
// edges count once. `field` names the argument in errors ("graph").
graph::Graph graph_from_edges(double nodes, const std::vector<int>& edges, const std::string& field = "graph");

// The edges of g as the flat array JS speaks: [u0, v0, u1, v1, ...].
std::vector<int> flat_edges(const graph::Graph& g);

// lab.createGcn(config): a model (parameters appear with setGraph); the
// fields, defaults and ranges are schema::gcn_table() (lab.schema.gcn).
std::unique_ptr<graph::GcnModel> create_gcn(const ConfigValue& config);
graph::GcnConfig parse_gcn_config(const ConfigValue& config);

// model.setGraph(graph, { labelled, features? }): labels (n) in [−1, classes)
// (−1: unknown); labelled: distinct node indices with a known label, at least
// one; features (n · featureCount) finite, or empty for one-hot node ids.
void set_gcn_graph(graph::GcnModel& m, double nodes, const std::vector<int>& edges, const std::vector<int>& labels,
                   const std::vector<int>& labelled, const std::vector<float>& features, double feature_count);

// model.train(steps, { report }) → the report, which JS sees as
// { step, learningRate, loss (null when not finite), accuracy, trainAccuracy,
//   testAccuracy, diverged, layers: [one entry of the MLP report's layers (nn/report.h)] }
graph::GcnReport train_gcn(graph::GcnModel& m, double steps, bool with_report);
graph::GcnReport evaluate_gcn(graph::GcnModel& m);
std::vector<float> gcn_predict(graph::GcnModel& m);
std::vector<float> gcn_embedding(graph::GcnModel& m);
std::vector<float> gcn_hidden_output(graph::GcnModel& m, double layer);
void set_gcn_learning_rate(graph::GcnModel& m, double lr);
void set_gcn_weights(graph::GcnModel& m, const std::vector<float>& w);

// lab.graphFourier(graph, { laplacian: "normalized" | "combinatorial" }): n <= 400.
graph::SymmetricEigen graph_fourier(double nodes, const std::vector<int>& edges, const ConfigValue& options);

// lab.graphFilter(graph, signal, { kind, t, keep, coefficients, order }): n <= 400,
// signal (n) finite. kind "heat" (t in [0, 100], default 1), "low_pass" (keep in
// [1, n], default 3), "chebyshev" (coefficients: 1..21 finite numbers),
// "heat_chebyshev" (t, order in [0, 20], default 3).
graph::FilterResult graph_filter(double nodes, const std::vector<int>& edges, const std::vector<float>& signal,
                                 const ConfigValue& options);

}  // namespace alab
