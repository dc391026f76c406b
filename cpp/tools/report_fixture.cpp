// Prints the reports of one fixed training run as JSON (cpp/api/json/
// report_json.h), for the check that the reports JS receives from the
// bindings (cpp/bindings/report_adapters.h) have the same keys, order and
// values as the native ones (tests/node/network.test.mjs):
//
//   dataset  circle, n 300, noise 0.1, seed 3, trainFraction 0.5
//   config   inputs 2, hidden [6, 5], activation [prelu, relu], output sigmoid,
//            init he, optimizer sgd, learningRate 2, batchSize 10, seed 2
//   run      6 calls of train(40, true) (prelu alpha, died events, test-set
//            metrics)
// Usage: report_fixture > reports.json
#include <cstdio>

#include "api/json/config_json.h"
#include "api/json/report_json.h"
#include "data/dataset.h"
#include "nn/network.h"

int main() {
  using nlohmann::json;
  const json config = {{"inputs", 2}, {"hidden", {6, 5}}, {"activation", {"prelu", "relu"}}, {"output", "sigmoid"},
                       {"init", "he"}, {"optimizer", "sgd"}, {"learningRate", 2}, {"batchSize", 10}, {"seed", 2}};
  const alab::data::Dataset d = alab::data::make_dataset("circle", 300, 0.1, 3, 0.5);
  alab::nn::Network net(alab::parse_config(config));
  net.set_data(d.x.data(), d.n_train(), d.inputs, d.y.data(), d.test_x.data(), d.n_test(), d.test_y.data());
  json reports = json::array();
  for (int call = 0; call < 6; ++call) reports.push_back(alab::nn::report_to_json(net.train(40, true)));
  const json out = {{"config", config},
                    {"dataset", {{"name", "circle"}, {"n", 300}, {"noise", 0.1}, {"seed", 3}, {"trainFraction", 0.5}}},
                    {"calls", {40, 40, 40, 40, 40, 40}},
                    {"reports", reports}};
  std::printf("%s\n", out.dump().c_str());
  return 0;
}
