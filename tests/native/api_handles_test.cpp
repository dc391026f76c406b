// The handles JS holds (Float32Buffer, Network, GcnModel) and the prepared
// kernel path, exercised natively: cpp/api/ owns their checks and messages,
// the bindings only convert (cpp/bindings/). Each test calls the handle as a
// binding would and checks the error a JS caller would see.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/catalogue_api.h"
#include "api/float32_buffer.h"
#include "api/gcn_handle.h"
#include "api/graph_api.h"
#include "api/json/json_value.h"
#include "api/network_handle.h"
#include "core/errors.h"
#include "graph/graph.h"

namespace alab {
namespace {

// The message of the InvalidArgument f throws (fails the test when it throws nothing).
template <class F>
std::string error_of(F&& f, InvalidArgument::Kind kind = InvalidArgument::Kind::Range) {
  try {
    f();
  } catch (const InvalidArgument& e) {
    EXPECT_EQ(e.kind(), kind) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "no InvalidArgument thrown";
  return "";
}

TEST(Float32BufferHandle, ChecksItsLength) {
  EXPECT_EQ(Float32Buffer(0).size(), 0u);
  EXPECT_EQ(Float32Buffer(5).size(), 5u);
  const std::string allowed = "length must be an integer in [0, " + std::to_string(kMaxKernelElements) + "]; got ";
  EXPECT_EQ(error_of([] { Float32Buffer b(-1); }), allowed + "-1");
  EXPECT_EQ(error_of([] { Float32Buffer b(2.5); }), allowed + "2.5");
  EXPECT_EQ(error_of([] { Float32Buffer b(std::nan("")); }), allowed + "NaN");
  EXPECT_EQ(error_of([] { Float32Buffer b(static_cast<double>(kMaxKernelElements) + 1); }),
            allowed + std::to_string(kMaxKernelElements + 1));
}

TEST(Float32BufferHandle, RunsKernelsOnEqualLengthsOnly) {
  Float32Buffer x(3), y(3), shorter(2);
  x.data()[0] = -1;
  x.data()[1] = 0;
  x.data()[2] = 2;
  run_activation(KernelKind::Forward, "relu", x, y, nullptr);
  EXPECT_EQ(std::vector<float>(y.data(), y.data() + 3), (std::vector<float>{0, 0, 2}));
  EXPECT_EQ(error_of([&] { run_activation(KernelKind::Forward, "relu", x, shorter, nullptr); }),
            "output.length must be equal to input.length (3); got 2");
  // In place is allowed.
  run_activation(KernelKind::Derivative, "relu", x, x, nullptr);
  EXPECT_EQ(std::vector<float>(x.data(), x.data() + 3), (std::vector<float>{0, 0, 1}));
}

TEST(PreparedKernel, ValidatesOnceAndRechecksNumbers) {
  const nlohmann::json params = {{"alpha", 0.2}};
  const JsonValue view(params);
  const PreparedKernel k = prepare_kernel("leaky_relu", &view);
  ASSERT_NE(k.info, nullptr);
  EXPECT_EQ(k.params.alpha, 0.2f);
  const int id = static_cast<int>(k.info->id);
  const float x[2] = {-1, 3};
  float y[2] = {};
  EXPECT_TRUE(apply_prepared(false, id, k.params, x, y, 2));
  EXPECT_EQ(y[0], -0.2f);
  EXPECT_EQ(y[1], 3.0f);
  // Anything out of range runs nothing.
  float untouched[2] = {7, 7};
  EXPECT_FALSE(apply_prepared(false, -1, k.params, x, untouched, 2));
  EXPECT_FALSE(apply_prepared(false, static_cast<int>(kActivationCount), k.params, x, untouched, 2));
  EXPECT_FALSE(apply_prepared(false, id, k.params, x, untouched, kMaxKernelElements + 1));
  ActivationParams bad = k.params;
  bad.alpha = std::numeric_limits<float>::quiet_NaN();
  EXPECT_FALSE(apply_prepared(false, id, bad, x, untouched, 2));
  EXPECT_EQ(untouched[0], 7.0f);
  EXPECT_EQ(untouched[1], 7.0f);
  EXPECT_NE(error_of([] { prepare_kernel("nope", nullptr); }).find("name must be one of"), std::string::npos);
}

std::unique_ptr<NetworkHandle> small_network() {
  const nlohmann::json config = {{"inputs", 2}, {"hidden", {3}}, {"activation", "tanh"}, {"seed", 7}};
  return NetworkHandle::create(JsonValue(config));
}

TEST(NetworkHandleApi, NeedsDataBeforeTraining) {
  const auto net = small_network();
  EXPECT_EQ(error_of([&] { net->train(1, true); }), "train needs data first: call net.setData(data)");
  EXPECT_EQ(error_of([&] { net->train_compact(1); }), "train needs data first: call net.setData(data)");
  EXPECT_EQ(error_of([&] { net->evaluate(); }), "evaluate needs data first: call net.setData(data)");
  EXPECT_EQ(error_of([&] { net->unit_stats(); }), "unitStats needs data first: call net.setData(data)");
}

TEST(NetworkHandleApi, ChecksDataAndTrains) {
  const auto net = small_network();
  EXPECT_EQ(error_of([&] { net->set_data({0, 0, 1}, {0, 1}, 2, {}, {}); }),
            "data.x.length must be y.length × inputs = 4; got 3");
  EXPECT_EQ(error_of([&] { net->set_data({0, 0}, {0}, 3, {}, {}); }), "data.inputs must be the network's inputs (2); got 3");
  net->set_data({0, 0, 1, 1, 0, 1, 1, 0}, {0, 0, 1, 1}, 2, {}, {});
  const nn::TrainReport r = net->train(3, true);
  EXPECT_EQ(r.step, 3);
  EXPECT_EQ(net->step(), 3.0);
  const std::array<double, 5> c = net->train_compact(2);
  EXPECT_EQ(c[0], 5.0);
  EXPECT_EQ(error_of([&] { net->train(-1, false); }).rfind("steps must be", 0), 0u);
  EXPECT_EQ(error_of([&] { net->predict({1, 2, 3}); }), "x.length must be a multiple of the network's inputs (2); got 3");
  EXPECT_EQ(net->predict({1, 2}).size(), 1u);
  EXPECT_EQ(error_of([&] { net->predict_grid(1, -1, 0, 1, 4); }), "xMin must be < xMax (-1); got 1");
  EXPECT_EQ(net->predict_grid(-1, 1, -1, 1, 4).size(), 16u);
}

TEST(NetworkHandleApi, WeightsReadBackAsShortestDecimals) {
  const auto net = small_network();
  const std::vector<double> d = net->weights_decimal();
  ASSERT_EQ(d.size(), net->param_count());
  for (std::size_t i = 0; i < d.size(); ++i) {
    EXPECT_EQ(static_cast<float>(d[i]), net->params()[i]);
    EXPECT_EQ(d[i], shortest_decimal(net->params()[i]));
  }
  std::vector<float> w(net->params(), net->params() + net->param_count());
  w[0] = 0.5f;
  net->set_weights(w);
  EXPECT_EQ(net->params()[0], 0.5f);
  w.pop_back();
  EXPECT_THROW(net->set_weights(w), InvalidArgument);
  EXPECT_EQ(error_of([&] { net->set_learning_rate(-1); }).rfind("learningRate must be", 0), 0u);
}

TEST(GcnHandleApi, NeedsAGraphAndChecksIt) {
  const nlohmann::json config = {{"classes", 2}, {"hidden", {4}}};
  const auto model = GcnHandle::create(JsonValue(config));
  EXPECT_EQ(error_of([&] { model->train(1, false); }),
            "train needs a graph first: call model.setGraph(graph, { labelled })");
  EXPECT_EQ(error_of([&] { model->predict(); }),
            "predict needs a graph first: call model.setGraph(graph, { labelled })");
  const graph::LabelledGraph k = graph::karate_club();
  const std::vector<int> edges = flat_edges(k.graph);
  EXPECT_EQ(edges.size(), 2u * 78);
  EXPECT_EQ(error_of([&] { model->set_graph(k.graph.n, edges, k.labels, {}, {}, 0); }),
            "options.labelled must list at least one node whose class the model may see");
  model->set_graph(k.graph.n, edges, k.labels, {0, 33}, {}, 0);
  EXPECT_EQ(model->train(2, true).step, 2);
  EXPECT_EQ(model->step(), 2.0);
  EXPECT_EQ(model->predict().size(), static_cast<std::size_t>(k.graph.n) * 2);
  EXPECT_EQ(error_of([&] { model->hidden_output(1); }), "layer must be an integer in [0, 0]; got 1");
  EXPECT_FALSE(model->params().empty());
}

}  // namespace
}  // namespace alab
