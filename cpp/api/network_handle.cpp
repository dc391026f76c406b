#include "api/network_handle.h"

#include "api/network_api.h"
#include "core/errors.h"

namespace alab {

NetworkHandle::NetworkHandle(std::unique_ptr<nn::Network> net) : net_(std::move(net)) {}

std::unique_ptr<NetworkHandle> NetworkHandle::create(const ConfigValue& config) {
  return std::make_unique<NetworkHandle>(create_network(config));
}

std::unique_ptr<NetworkHandle> NetworkHandle::load(const ConfigValue& config, const ConfigValue& step,
                                                   const ConfigValue& weights, const std::vector<float>* converted) {
  return std::make_unique<NetworkHandle>(load_network(config, step, weights, converted));
}

void NetworkHandle::set_data(const std::vector<float>& x, const std::vector<float>& y, double inputs,
                             const std::vector<float>& test_x, const std::vector<float>& test_y) {
  set_network_data(*net_, x, y, inputs, test_x, test_y);
}

nn::TrainReport NetworkHandle::train(double steps, bool report) { return train_network(*net_, steps, report); }

std::array<double, 5> NetworkHandle::train_compact(double steps) { return train_network_compact(*net_, steps); }

nn::Evaluation NetworkHandle::evaluate() { return evaluate_network(*net_); }

std::vector<float> NetworkHandle::predict(const std::vector<float>& x) { return alab::predict(*net_, x); }

std::vector<float> NetworkHandle::predict_grid(double x_min, double x_max, double y_min, double y_max,
                                               double resolution) {
  return alab::predict_grid(*net_, x_min, x_max, y_min, y_max, resolution);
}

std::vector<float> NetworkHandle::unit_grid(double x_min, double x_max, double y_min, double y_max,
                                            double resolution) {
  return alab::unit_grid(*net_, x_min, x_max, y_min, y_max, resolution);
}

std::vector<float> NetworkHandle::unit_stats() { return alab::unit_stats(*net_); }

std::vector<uint8_t> NetworkHandle::save_state() const { return net_->save_state(); }

void NetworkHandle::restore_state(const std::vector<uint8_t>& bytes, bool exact) {
  alab::restore_state(*net_, bytes, exact);
}

void NetworkHandle::set_learning_rate(double lr) { alab::set_learning_rate(*net_, lr); }

double NetworkHandle::learning_rate() const { return net_->learning_rate(); }

const float* NetworkHandle::params() const { return net_->params(); }

std::size_t NetworkHandle::param_count() const { return net_->param_count(); }

void NetworkHandle::set_weights(const std::vector<float>& w) { net_->set_weights(w.data(), w.size()); }

std::vector<double> NetworkHandle::weights_decimal() const {
  std::vector<double> d(net_->param_count());
  for (std::size_t i = 0; i < d.size(); ++i) d[i] = shortest_decimal(net_->params()[i]);
  return d;
}

const std::vector<nn::TensorInfo>& NetworkHandle::layout() const { return net_->layout(); }

const nn::NetworkConfig& NetworkHandle::config() const { return net_->config(); }

int NetworkHandle::inputs() const { return net_->inputs(); }

void NetworkHandle::reset() { net_->reset(); }

double NetworkHandle::step() const { return static_cast<double>(net_->step()); }

}  // namespace alab
