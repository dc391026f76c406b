// Per-unit views and checkpoints natively: unit_grid against a double forward
// pass and against predict_grid, unit_stats shares, save_state/restore_state
// continuing bit for bit (also through a divergence), and restore's checks.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "api/json/config_json.h"
#include "api/json/report_json.h"
#include "core/errors.h"
#include "data/dataset.h"
#include "nn/network.h"

namespace alab::nn {
namespace {

using nlohmann::json;

void give_data(Network& net, const std::string& name, double noise = 0.1, int n = 400) {
  data::Dataset d = data::make_dataset(name, n, noise, 2, 0.5, 3);
  net.set_data(d.x.data(), d.n_train(), d.inputs, d.y.data(), d.test_x.data(), d.n_test(), d.test_y.data());
}

const TensorInfo& tensor(const Network& net, const std::string& name) {
  for (const TensorInfo& t : net.layout())
    if (t.name == name) return t;
  throw std::runtime_error(name);
}

TEST(UnitGrid, EveryUnitIsItsActivationOnThePredictGridPoints) {
  Network net(parse_config({{"inputs", 2}, {"hidden", {3, 2}}, {"activation", {"tanh", "relu"}}, {"seed", 4}}));
  give_data(net, "xor");
  net.train(200, false);
  const int res = 7;
  const std::vector<float> g = net.unit_grid(-5, 4, -2, 6, res);
  ASSERT_EQ(g.size(), 5u * res * res);
  const float* p = net.params();
  const TensorInfo &w0 = tensor(net, "hidden0.weight"), &b0 = tensor(net, "hidden0.bias");
  const TensorInfo &w1 = tensor(net, "hidden1.weight"), &b1 = tensor(net, "hidden1.bias");
  const TensorInfo &wo = tensor(net, "output.weight"), &bo = tensor(net, "output.bias");
  const std::vector<float> out = net.predict_grid(-5, 4, -2, 6, res);
  const float step = 1.0f / (res - 1);
  for (int r = 0; r < res; ++r)
    for (int c = 0; c < res; ++c) {
      const double x = -5.0f + 9.0f * (c * step), y = -2.0f + 8.0f * (r * step);
      double a0[3], a1[2];
      for (int j = 0; j < 3; ++j) a0[j] = std::tanh(p[w0.offset + 2 * j] * x + p[w0.offset + 2 * j + 1] * y + p[b0.offset + j]);
      for (int j = 0; j < 2; ++j) {
        double z = p[b1.offset + j];
        for (int k = 0; k < 3; ++k) z += p[w1.offset + 3 * j + k] * a0[k];
        a1[j] = z > 0 ? z : 0;
      }
      const int px = r * res + c;
      for (int j = 0; j < 3; ++j) EXPECT_NEAR(g[j * res * res + px], a0[j], 2e-6) << "layer 0 unit " << j << " pixel " << px;
      for (int j = 0; j < 2; ++j) EXPECT_NEAR(g[(3 + j) * res * res + px], a1[j], 5e-6) << "layer 1 unit " << j;
      double zo = p[bo.offset];
      for (int j = 0; j < 2; ++j) zo += p[wo.offset + j] * g[(3 + j) * res * res + px];
      EXPECT_NEAR(1.0 / (1.0 + std::exp(-zo)), out[px], 2e-6) << "the output through the last layer's images";
    }
  EXPECT_THROW(net.unit_grid(-5, 4, -2, 6, 1), InvalidArgument);
  EXPECT_THROW(net.unit_grid(4, -5, -2, 6, 10), InvalidArgument);
}

TEST(UnitStats, SharesSumToOneAndAKilledUnitIsInactive) {
  Network net(parse_config({{"inputs", 2}, {"hidden", {4}}, {"activation", "relu"}, {"seed", 2}}));
  give_data(net, "circle");
  std::vector<float> w(net.params(), net.params() + net.param_count());
  w[tensor(net, "hidden0.bias").offset + 1] = -1000.0f;
  net.set_weights(w.data(), w.size());
  const std::vector<float> s = net.unit_stats();
  ASSERT_EQ(s.size(), 4u * kUnitStatsStride);
  for (int u = 0; u < 4; ++u) {
    EXPECT_NEAR(s[u * kUnitStatsStride] + s[u * kUnitStatsStride + 1] + s[u * kUnitStatsStride + 2], 1.0, 1e-6);
    double counts = 0;
    for (int b = 0; b < kHistogramBins; ++b) counts += s[u * kUnitStatsStride + 3 + b];
    EXPECT_EQ(counts, 200.0);
  }
  EXPECT_EQ(s[1 * kUnitStatsStride + 1], 1.0f);
  EXPECT_EQ(s[1 * kUnitStatsStride + 3], 200.0f) << "every pre-activation in the first bin";
}

TEST(State, RestoredNetworkContinuesBitForBitThroughADivergence) {
  const json cfg = {{"inputs", 2}, {"hidden", {6, 6}}, {"activation", {"rrelu", "prelu"}}, {"optimizer", "momentum"}, {"seed", 9}};
  Network a(parse_config(cfg));
  give_data(a, "spiral");
  a.train(123, true);
  const std::vector<uint8_t> saved = a.save_state();
  a.set_learning_rate(100.0f);   // diverges: the snapshot is part of the state too
  const TrainReport ra = a.train(60, true);
  EXPECT_TRUE(ra.diverged) << "lr 100 should diverge";
  Network b(parse_config(cfg));
  give_data(b, "spiral");
  b.restore_state(saved.data(), saved.size(), true);
  EXPECT_EQ(b.step(), 123);
  b.set_learning_rate(100.0f);
  const TrainReport rb = b.train(60, true);
  EXPECT_EQ(report_to_json(ra).dump(), report_to_json(rb).dump());
  ASSERT_EQ(a.param_count(), b.param_count());
  EXPECT_EQ(std::memcmp(a.params(), b.params(), a.param_count() * sizeof(float)), 0);

  std::vector<uint8_t> bad = saved;
  bad[0] ^= 1;
  EXPECT_THROW(b.restore_state(bad.data(), bad.size(), true), InvalidArgument);
  EXPECT_THROW(b.restore_state(saved.data(), saved.size() - 1, true), InvalidArgument);
  Network other(parse_config({{"inputs", 2}, {"hidden", {6, 6}}, {"activation", "tanh"}, {"optimizer", "momentum"}, {"seed", 9}}));
  give_data(other, "spiral");
  EXPECT_THROW(other.restore_state(saved.data(), saved.size(), true), InvalidArgument);
  other.restore_state(saved.data(), saved.size(), false);   // a fork that swaps activations
  EXPECT_EQ(other.step(), 123);
  Network noisy(parse_config(cfg));
  give_data(noisy, "spiral", 0.3);
  EXPECT_THROW(noisy.restore_state(saved.data(), saved.size(), true), InvalidArgument);
}

}  // namespace
}  // namespace alab::nn
