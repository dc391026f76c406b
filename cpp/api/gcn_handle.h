// One GCN model as JS holds it (lab.createGcn → the Embind class "GcnModel"):
// the model and every validated call on it, in plain C++ types. The bindings
// (cpp/bindings/graph_bindings.cpp) only register and convert; the checks and
// error messages are the API's (graph_api.h). JS owns a handle and must
// delete() it (web/lib/graph.js; the "deleted" state lives there).
#pragma once

#include <memory>
#include <vector>

#include "api/config_value.h"
#include "graph/gcn_model.h"

namespace alab {

class GcnHandle {
 public:
  explicit GcnHandle(std::unique_ptr<graph::GcnModel> model);

  // lab.createGcn(config) (schema::gcn_table()).
  static std::unique_ptr<GcnHandle> create(const ConfigValue& config);

  void set_graph(double nodes, const std::vector<int>& edges, const std::vector<int>& labels,
                 const std::vector<int>& labelled, const std::vector<float>& features, double feature_count);
  graph::GcnReport train(double steps, bool report);
  graph::GcnReport evaluate();
  std::vector<float> predict();
  std::vector<float> embedding();
  std::vector<float> hidden_output(double layer);
  void set_learning_rate(double lr);
  double learning_rate() const;
  double step() const;
  const std::vector<float>& params() const;
  void set_weights(const std::vector<float>& w);
  const std::vector<nn::TensorInfo>& layout() const;
  const graph::GcnConfig& config() const;
  void reset();

  graph::GcnModel& model() { return *m_; }

 private:
  std::unique_ptr<graph::GcnModel> m_;
};

}  // namespace alab
