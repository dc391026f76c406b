// Prints the per-step mini-batch losses of one fixed training run as the hex
// bits of each double, in JSON, for the wasm-vs-native bit-identity check:
//
//   dataset  circle, n 200, noise 0.1, seed 7, trainFraction 0.5
//   config   inputs 2, hidden [8, 6, 5, 4], activation [rrelu, prelu, gelu, elu],
//            output sigmoid, init he, biasInit 0.1, optimizer adam,
//            learningRate 0.01, batchSize 10, l2 0.001, clip 5, seed 1
//   run      500 calls of train(1, false); then the weights' FNV-1a hash
//
// The layers cover the counter-hash draws (rrelu), learned alpha (prelu),
// normal_cdf/pdf (gelu), exp/expm1 (elu), the sigmoid head's exp/log1p, adam's
// sqrt/div, weight decay and clipping. Usage: train_fixture > fixture.json
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "api/json/config_json.h"
#include "data/dataset.h"
#include "nn/network.h"

int main() {
  using nlohmann::json;
  const json config = {{"inputs", 2}, {"hidden", {8, 6, 5, 4}}, {"activation", {"rrelu", "prelu", "gelu", "elu"}},
                       {"output", "sigmoid"}, {"init", "he"}, {"biasInit", 0.1}, {"optimizer", "adam"},
                       {"learningRate", 0.01}, {"batchSize", 10}, {"l2", 0.001}, {"clip", 5}, {"seed", 1}};
  const alab::data::Dataset d = alab::data::make_dataset("circle", 200, 0.1, 7, 0.5);
  alab::nn::Network net(alab::parse_config(config));
  net.set_data(d.x.data(), d.n_train(), d.inputs, d.y.data(), d.test_x.data(), d.n_test(), d.test_y.data());
  json losses = json::array();
  char hex[32];
  for (int step = 0; step < 500; ++step) {
    const alab::nn::TrainReport r = net.train(1, false);
    const double loss = r.batch_loss.value_or(0.0);
    uint64_t bits;
    std::memcpy(&bits, &loss, sizeof bits);
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(bits));
    losses.push_back(hex);
  }
  uint32_t hash = 2166136261u;
  const auto* bytes = reinterpret_cast<const unsigned char*>(net.params());
  for (std::size_t i = 0; i < net.param_count() * sizeof(float); ++i) hash = (hash ^ bytes[i]) * 16777619u;
  std::snprintf(hex, sizeof hex, "%08x", hash);
  const json out = {{"config", config},
                    {"dataset", {{"name", "circle"}, {"n", 200}, {"noise", 0.1}, {"seed", 7}, {"trainFraction", 0.5}}},
                    {"steps", 500},
                    {"lossBits", losses},
                    {"weightsFnv1a", hex}};
  std::printf("%s\n", out.dump(1).c_str());
  return 0;
}
