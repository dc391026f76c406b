// Config validation: defaults, every field's error message, round trip.
#include <gtest/gtest.h>

#include "api/json/config_json.h"
#include "core/errors.h"
#include "nn/config.h"
#include "nn/network.h"

namespace alab::nn {
namespace {

using nlohmann::json;

std::string error_of(const json& j) {
  try {
    parse_config(j);
  } catch (const InvalidArgument& e) {
    return e.what();
  }
  return "no error";
}

TEST(Config, DefaultsNeedOnlyInputs) {
  const NetworkConfig c = parse_config({{"inputs", 2}});
  EXPECT_EQ(c.hidden, (std::vector<int>{4, 2}));
  EXPECT_EQ(c.activations, (std::vector<Activation>{Activation::tanh, Activation::tanh}));
  EXPECT_EQ(c.output, OutputHead::sigmoid);
  EXPECT_EQ(c.init, InitKind::xavier);
  EXPECT_EQ(c.optimizer, OptimizerKind::sgd);
  EXPECT_FLOAT_EQ(c.learning_rate, 0.03f);
  EXPECT_EQ(c.batch_size, 10);
  EXPECT_EQ(c.seed, 1u);
  EXPECT_EQ(c.outputs(), 1);
}

TEST(Config, MessagesNameFieldValueAndAllowed) {
  EXPECT_EQ(error_of({{"inputs", 2}, {"hidden", {4, 4, 0}}}), "hidden[2] must be an integer in [1, 1024]; got 0");
  EXPECT_EQ(error_of({{"inputs", 2}, {"hidden", {4, 2.5}}}), "hidden[1] must be an integer in [1, 1024]; got 2.5");
  EXPECT_EQ(error_of({{"inputs", 2}, {"activation", "relux"}}),
            "activation must be one of " + activation_names() + "; got \"relux\"");
  EXPECT_EQ(error_of({{"inputs", 2}, {"activation", {"relu"}}}),
            "activation must be a name or an array of 2 names (one per hidden layer); got 1 names");
  EXPECT_EQ(error_of({{"inputs", 2}, {"learningrate", 0.1}}),
            "learningrate: unknown field \"learningrate\"; allowed: inputs, hidden, activation, activationParams, output, classes, "
            "init, initGain, biasInit, optimizer, learningRate, momentum, nesterov, batchSize, l2, clip, preluShared, seed");
  EXPECT_EQ(error_of({{"inputs", 2}, {"learningRate", "NaN"}}), "learningRate must be a finite number in [0, 100]; got NaN");
  EXPECT_EQ(error_of({{"inputs", 2}, {"learningRate", "Infinity"}}),
            "learningRate must be a finite number in [0, 100]; got Infinity");
  EXPECT_EQ(error_of({{"inputs", 2}, {"l2", "-Infinity"}}), "l2 must be a finite number in [0, 1]; got -Infinity");
  EXPECT_EQ(error_of({{"inputs", 2}, {"learningRate", "fast"}}), "learningRate must be a number; got \"fast\"");
  EXPECT_EQ(error_of({{"inputs", 1025}}), "inputs must be an integer in [1, 1024]; got 1025");
  EXPECT_EQ(error_of(json::object()), "inputs must be an integer in [1, 1024] (required); got undefined");
  EXPECT_EQ(error_of({{"inputs", true}}), "inputs must be an integer in [1, 1024]; got true");
  EXPECT_EQ(error_of({{"inputs", 2}, {"output", "relu"}}), "output must be one of sigmoid, softmax, linear, tanh; got \"relu\"");
  EXPECT_EQ(error_of({{"inputs", 2}, {"classes", 17}}), "classes must be an integer in [2, 16]; got 17");
  EXPECT_EQ(error_of({{"inputs", 2}, {"init", "glorot"}}),
            "init must be one of uniform, standard, xavier, he, lecun, rai; got \"glorot\"");
  EXPECT_EQ(error_of({{"inputs", 2}, {"optimizer", "rmsprop"}}), "optimizer must be one of sgd, momentum, adam; got \"rmsprop\"");
  EXPECT_EQ(error_of({{"inputs", 2}, {"momentum", 1}}), "momentum must be a finite number in [0, 1); got 1");
  EXPECT_EQ(error_of({{"inputs", 2}, {"nesterov", 1}}), "nesterov must be true or false; got 1");
  EXPECT_EQ(error_of({{"inputs", 2}, {"batchSize", 0}}), "batchSize must be an integer in [1, 1024]; got 0");
  EXPECT_EQ(error_of({{"inputs", 2}, {"clip", -1}}), "clip must be a finite number in [0, 1000000]; got -1");
  EXPECT_EQ(error_of({{"inputs", 2}, {"biasInit", 11}}), "biasInit must be a finite number in [-10, 10]; got 11");
  EXPECT_EQ(error_of({{"inputs", 2}, {"seed", -1}}), "seed must be an integer in [0, 4294967295]; got -1");
  EXPECT_EQ(error_of({{"inputs", 2}, {"preluShared", "yes"}}), "preluShared must be true or false; got \"yes\"");
  EXPECT_EQ(error_of({{"inputs", 2}, {"hidden", std::vector<int>(65, 2)}}),
            "hidden must be an array of at most 64 layer widths; got 65 layers");
  EXPECT_EQ(error_of({{"inputs", 2}, {"initGain", -1}}), "initGain must be a finite number in [0, 100]; got -1");
  EXPECT_EQ(error_of({{"inputs", 2}, {"initGain", "NaN"}}), "initGain must be a finite number in [0, 100]; got NaN");
  EXPECT_EQ(error_of({{"inputs", 2}, {"initGain", "big"}}), "initGain must be a number; got \"big\"");
  // The per-field caps allow each of 1024 inputs, 64 layers and 1024 units; the
  // whole network is capped in parameters.
  EXPECT_EQ(error_of({{"inputs", 1024}, {"hidden", std::vector<int>(8, 1024)}}),
            "hidden must be a network of at most 5242880 parameters (inputs, widths and classes together); "
            "got 8397825 parameters");
}

TEST(Config, PaperScaleNetworksFit) {
  // Glorot & Bengio: 4 x 1000 sigmoid on 32 x 32 images, 9 classes.
  const NetworkConfig g = parse_config({{"inputs", 1024}, {"hidden", {1000, 1000, 1000, 1000}}, {"output", "softmax"},
                                        {"classes", 9}, {"activation", "sigmoid"}, {"init", "standard"}});
  EXPECT_EQ(parameter_count(g), 1025L * 1000 + 3 * 1001L * 1000 + 1001L * 9);
  // He et al.: 30 ReLU layers; and the caps themselves.
  EXPECT_NO_THROW(parse_config({{"inputs", 2}, {"hidden", std::vector<int>(30, 64)}, {"activation", "relu"}}));
  EXPECT_NO_THROW(parse_config({{"inputs", 1024}, {"hidden", std::vector<int>(64, 16)}}));
  EXPECT_NO_THROW(parse_config({{"inputs", 2}, {"hidden", {1024, 1024}}}));
}

TEST(Config, InitGainScalesEveryInitAndKeepsBitsAtOne) {
  for (const char* init : {"uniform", "standard", "xavier", "he", "lecun", "rai"}) {
    SCOPED_TRACE(init);
    const json base = {{"inputs", 3}, {"hidden", {5, 4}}, {"init", init}, {"seed", 9}};
    json one = base, four = base;
    one["initGain"] = 1;
    four["initGain"] = 4;
    const Network a(parse_config(base)), b(parse_config(one)), c(parse_config(four));
    ASSERT_EQ(a.weights(), b.weights());
    const std::vector<float> w = a.weights(), w4 = c.weights();
    for (std::size_t i = 0; i < w.size(); ++i) EXPECT_EQ(w4[i], w[i] * 4.0f) << i;  // biases are 0 = 0 * 4 too
  }
  EXPECT_EQ(parse_config({{"inputs", 2}, {"initGain", 0.5}}).init_gain, 0.5f);
  EXPECT_EQ(config_to_json(parse_config({{"inputs", 2}, {"initGain", 8}}))["initGain"], 8);
}

TEST(Config, ActivationParams) {
  const NetworkConfig c = parse_config({{"inputs", 2}, {"hidden", {3, 3}}, {"activation", {"prelu", "rrelu"}},
                                        {"activationParams", {{{"alpha", 0.1}}, {{"lower", 2}, {"upper", 4}}}}});
  EXPECT_FLOAT_EQ(c.params[0].alpha, 0.1f);
  EXPECT_FLOAT_EQ(c.params[1].lower, 2.0f);
  EXPECT_FLOAT_EQ(c.params[1].upper, 4.0f);
  EXPECT_FLOAT_EQ(parse_config({{"inputs", 2}, {"activation", "prelu"}}).params[0].alpha, 0.25f);
  EXPECT_EQ(error_of({{"inputs", 2}, {"activation", "relu"}, {"activationParams", {{"alpha", 0.1}}}}),
            "activationParams.alpha is not a parameter of relu, relu (alpha: leaky_relu, prelu, elu; lower/upper: rrelu)");
  EXPECT_EQ(error_of({{"inputs", 2}, {"activation", "leaky_relu"}, {"activationParams", {{"slope", 0.1}}}}),
            "activationParams.slope: unknown field \"slope\" in activationParams; allowed: alpha, lower, upper");
  EXPECT_EQ(error_of({{"inputs", 2}, {"activation", "leaky_relu"}, {"activationParams", {{"alpha", 2}}}}),
            "activationParams.alpha must be a finite number in [0, 1] for leaky_relu; got 2");
  EXPECT_EQ(error_of({{"inputs", 2}, {"hidden", {3}}, {"activation", "rrelu"},
                      {"activationParams", {{"lower", 5}, {"upper", 4}}}}),
            "activationParams.lower must be <= upper (4) for rrelu; got 5");
}

TEST(Config, JsonRoundTrip) {
  const json in = {{"inputs", 3}, {"hidden", {5, 4}}, {"activation", {"prelu", "elu"}},
                   {"activationParams", {{{"alpha", 0.1}}, {{"alpha", 0.7}}}}, {"output", "softmax"}, {"classes", 5},
                   {"init", "rai"}, {"initGain", 2}, {"biasInit", 0.1}, {"optimizer", "adam"}, {"learningRate", 0.003},
                   {"momentum", 0.5}, {"nesterov", true}, {"batchSize", 32}, {"l2", 0.0001}, {"clip", 5},
                   {"preluShared", true}, {"seed", 4000000000u}};
  const json out = config_to_json(parse_config(in));
  EXPECT_EQ(out, in);  // short numbers: 0.1f prints as 0.1
  EXPECT_EQ(config_to_json(parse_config(out)), out);
}

}  // namespace
}  // namespace alab::nn
