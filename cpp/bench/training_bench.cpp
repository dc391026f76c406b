// Training and prediction, on the networks of the JS suite
// (tests/bench/training.mjs, same configs): train/<net> runs one mini-batch
// step per iteration (items = samples), grid/<net> one 100x100 predict_grid.
#include <benchmark/benchmark.h>

#include <string>

#include <nlohmann/json.hpp>

#include "api/json/config_json.h"
#include "data/dataset.h"
#include "nn/config.h"
#include "nn/network.h"

namespace {

struct NetCase {
  const char* name;
  const char* config;  // JSON, as lab.createNetwork takes it
};

// TensorFlow Playground's largest network, and a wider ReLU one.
constexpr NetCase kNets[] = {
    {"playground_2-8x6-1_tanh_b10",
     R"({"inputs": 2, "hidden": [8, 8, 8, 8, 8, 8], "activation": "tanh", "output": "tanh",
         "init": "xavier", "optimizer": "sgd", "learningRate": 0.03, "batchSize": 10, "seed": 1})"},
    {"wide_2-64x3-1_relu_b64",
     R"({"inputs": 2, "hidden": [64, 64, 64], "activation": "relu", "output": "tanh",
         "init": "he", "optimizer": "sgd", "learningRate": 0.01, "batchSize": 64, "seed": 1})"},
};

alab::nn::Network make_network(const char* config) {
  alab::nn::Network net(alab::parse_config(nlohmann::json::parse(config)));
  // Playground's spiral, 500 points, half for training; tanh head: labels ±1.
  const alab::data::Dataset d = alab::data::make_dataset("spiral", 500, 0.0, 7, 0.5);
  const std::vector<float> y = alab::data::to_tanh_labels(d.y);
  const std::vector<float> ty = alab::data::to_tanh_labels(d.test_y);
  net.set_data(d.x.data(), d.n_train(), d.inputs, y.data(), d.test_x.data(), d.n_test(), ty.data());
  return net;
}

void run_train(benchmark::State& state, const char* config) {
  alab::nn::Network net = make_network(config);
  for (auto _ : state) net.train(1, false);
  state.SetItemsProcessed(state.iterations() * net.config().batch_size);
}

void run_grid(benchmark::State& state, const char* config) {
  alab::nn::Network net = make_network(config);
  net.train(100, false);
  for (auto _ : state) benchmark::DoNotOptimize(net.predict_grid(-6, 6, -6, 6, 100));
  state.SetItemsProcessed(state.iterations() * 100 * 100);
}

const bool registered = [] {
  for (const NetCase& c : kNets) {
    benchmark::RegisterBenchmark((std::string("train/") + c.name).c_str(), run_train, c.config);
    benchmark::RegisterBenchmark((std::string("grid/") + c.name).c_str(), run_grid, c.config);
  }
  return true;
}();

}  // namespace
