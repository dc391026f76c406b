#include "api/gcn_handle.h"

#include "api/graph_api.h"

namespace alab {

GcnHandle::GcnHandle(std::unique_ptr<graph::GcnModel> model) : m_(std::move(model)) {}

std::unique_ptr<GcnHandle> GcnHandle::create(const ConfigValue& config) {
  return std::make_unique<GcnHandle>(create_gcn(config));
}

void GcnHandle::set_graph(double nodes, const std::vector<int>& edges, const std::vector<int>& labels,
                          const std::vector<int>& labelled, const std::vector<float>& features, double feature_count) {
  set_gcn_graph(*m_, nodes, edges, labels, labelled, features, feature_count);
}

graph::GcnReport GcnHandle::train(double steps, bool report) { return train_gcn(*m_, steps, report); }

graph::GcnReport GcnHandle::evaluate() { return evaluate_gcn(*m_); }

std::vector<float> GcnHandle::predict() { return gcn_predict(*m_); }

std::vector<float> GcnHandle::embedding() { return gcn_embedding(*m_); }

std::vector<float> GcnHandle::hidden_output(double layer) { return gcn_hidden_output(*m_, layer); }

void GcnHandle::set_learning_rate(double lr) { set_gcn_learning_rate(*m_, lr); }

double GcnHandle::learning_rate() const { return m_->learning_rate(); }

double GcnHandle::step() const { return static_cast<double>(m_->step()); }

const std::vector<float>& GcnHandle::params() const { return m_->params(); }

void GcnHandle::set_weights(const std::vector<float>& w) { set_gcn_weights(*m_, w); }

const std::vector<nn::TensorInfo>& GcnHandle::layout() const { return m_->layout(); }

const graph::GcnConfig& GcnHandle::config() const { return m_->config(); }

void GcnHandle::reset() { m_->reset(); }

}  // namespace alab
