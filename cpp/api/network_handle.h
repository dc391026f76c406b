// One trained network as JS holds it (lab.createNetwork / lab.loadNetwork →
// the Embind class "Network"): the network and every validated call on it, in
// plain C++ types. The bindings (cpp/bindings/lab_bindings.cpp) only register
// these methods and convert their arguments and results; the checks and
// error messages are the API's (network_api.h). JS owns a handle and must
// delete() it (web/lib/network.js; the "deleted" state lives there).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "api/config_value.h"
#include "nn/network.h"
#include "nn/report.h"

namespace alab {

class NetworkHandle {
 public:
  explicit NetworkHandle(std::unique_ptr<nn::Network> net);

  // lab.createNetwork(config) and lab.loadNetwork(parts) (see network_api.h).
  static std::unique_ptr<NetworkHandle> create(const ConfigValue& config);
  static std::unique_ptr<NetworkHandle> load(const ConfigValue& config, const ConfigValue& step,
                                             const ConfigValue& weights, const std::vector<float>* converted);

  void set_data(const std::vector<float>& x, const std::vector<float>& y, double inputs,
                const std::vector<float>& test_x, const std::vector<float>& test_y);
  nn::TrainReport train(double steps, bool report);
  // [step, batchLoss, diverged, divergedAtStep, learningRate] (see train_network_compact).
  std::array<double, 5> train_compact(double steps);
  nn::Evaluation evaluate();
  std::vector<float> predict(const std::vector<float>& x);
  std::vector<float> predict_grid(double x_min, double x_max, double y_min, double y_max, double resolution);
  std::vector<float> unit_grid(double x_min, double x_max, double y_min, double y_max, double resolution);
  std::vector<float> unit_stats();
  std::vector<uint8_t> save_state() const;
  void restore_state(const std::vector<uint8_t>& bytes, bool exact);
  void set_learning_rate(double lr);
  double learning_rate() const;
  // The parameter block itself (param_count() floats), valid until the network changes shape.
  const float* params() const;
  std::size_t param_count() const;
  void set_weights(const std::vector<float>& w);
  // Every parameter as its shortest decimal, for net.toJSON().
  std::vector<double> weights_decimal() const;
  const std::vector<nn::TensorInfo>& layout() const;
  const nn::NetworkConfig& config() const;
  int inputs() const;
  void reset();
  double step() const;

  nn::Network& network() { return *net_; }

 private:
  std::unique_ptr<nn::Network> net_;
};

}  // namespace alab
