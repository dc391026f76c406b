// Finite-difference gradient checks: the network's analytic gradients (float,
// SIMD, backward kernels) against double-precision central differences of an
// independent double reference forward pass built from the registry's
// `reference` functions, for every activation × every output head, and for
// PReLU's learned alpha (per unit and shared).
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "api/json/config_json.h"
#include "core/activations.h"
#include "core/rng.h"
#include "nn/network.h"

namespace alab::nn {
namespace {

constexpr int kInputs = 3;
constexpr int kSamples = 6;
const std::vector<int> kHidden = {5, 4};

struct Problem {
  std::vector<float> x, y;
};

Problem make_problem(OutputHead head, int classes) {
  Rng rng(7, 1);
  Problem p;
  for (int i = 0; i < kSamples * kInputs; ++i) p.x.push_back(rng.uniform(-1.5f, 1.5f));
  for (int i = 0; i < kSamples; ++i) {
    switch (head) {
      case OutputHead::sigmoid: p.y.push_back(static_cast<float>(i % 2)); break;
      case OutputHead::softmax: p.y.push_back(static_cast<float>(i % classes)); break;
      case OutputHead::tanh: p.y.push_back(i % 2 ? 1.0f : -1.0f); break;
      case OutputHead::linear: p.y.push_back(rng.uniform(-1.0f, 1.0f)); break;
    }
  }
  return p;
}

// The reference: a plain double MLP reading the parameter vector through the layout.
struct Reference {
  const NetworkConfig& config;
  const std::vector<TensorInfo>& layout;

  const TensorInfo* find(const std::string& name) const {
    for (const TensorInfo& t : layout)
      if (t.name == name) return &t;
    return nullptr;
  }

  double loss(const std::vector<double>& theta, const Problem& p) const {
    double total = 0.0;
    for (int s = 0; s < kSamples; ++s) {
      std::vector<double> a(p.x.begin() + s * kInputs, p.x.begin() + (s + 1) * kInputs);
      const int layers = static_cast<int>(config.hidden.size());
      for (int l = 0; l <= layers; ++l) {
        const std::string name = l < layers ? "hidden" + std::to_string(l) : std::string("output");
        const TensorInfo& w = *find(name + ".weight");
        const TensorInfo& b = *find(name + ".bias");
        const int out = w.shape[0], in = w.shape[1];
        std::vector<double> z(out);
        for (int j = 0; j < out; ++j) {
          double v = theta[b.offset + j];
          for (int k = 0; k < in; ++k) v += theta[w.offset + static_cast<std::size_t>(j) * in + k] * a[k];
          z[j] = v;
        }
        if (l == layers) {
          total += head_loss(z, p.y[s]);
          break;
        }
        const ActivationInfo& info = activation_info(config.activations[l]);
        const TensorInfo* alpha = find(name + ".alpha");
        a.assign(out, 0.0);
        for (int j = 0; j < out; ++j) {
          ActivationParams q = config.params[l];
          double alpha_value = q.alpha;
          if (alpha) alpha_value = theta[alpha->offset + (alpha->shape[0] == 1 ? 0 : j)];
          // Reference functions take float params; PReLU's alpha is handled in double here.
          if (alpha) a[j] = z[j] > 0 ? z[j] : alpha_value * z[j];
          else a[j] = info.reference(z[j], q, 0);
        }
      }
    }
    return total / kSamples;
  }

  double head_loss(const std::vector<double>& z, double y) const {
    switch (config.output) {
      case OutputHead::sigmoid: {
        const double p = 1.0 / (1.0 + std::exp(-z[0]));
        return -(y * std::log(p) + (1 - y) * std::log(1 - p));
      }
      case OutputHead::softmax: {
        double m = z[0];
        for (double v : z) m = std::max(m, v);
        double s = 0;
        for (double v : z) s += std::exp(v - m);
        return m + std::log(s) - z[static_cast<int>(y)];
      }
      case OutputHead::tanh: {
        const double e = std::tanh(z[0]) - y;
        return 0.5 * e * e;
      }
      case OutputHead::linear: {
        const double e = z[0] - y;
        return 0.5 * e * e;
      }
    }
    return 0;
  }
};

void check_gradients(const nlohmann::json& cfg_json) {
  const NetworkConfig config = parse_config(cfg_json);
  Network net(config);
  // Weights ~ N(0, 0.8²) and prelu alphas in [0.05, 0.45]: pre-activations of
  // order 1, well inside every activation's interesting range.
  Rng rng(11, 2);
  std::vector<float> w(net.param_count());
  for (float& v : w) v = 0.8f * rng.normal();
  for (const TensorInfo& t : net.layout())
    if (t.name.find(".alpha") != std::string::npos)
      for (int j = 0; j < t.shape[0]; ++j) w[t.offset + j] = rng.uniform(0.05f, 0.45f);
  net.set_weights(w.data(), w.size());

  const Problem p = make_problem(config.output, config.classes);
  const double loss = net.compute_gradients(p.x.data(), p.y.data(), kSamples, /*training=*/false);
  const Reference ref{net.config(), net.layout()};
  std::vector<double> theta(w.begin(), w.end());
  EXPECT_NEAR(loss, ref.loss(theta, p), 1e-5 * std::max(1.0, std::fabs(loss)));

  for (std::size_t i = 0; i < theta.size(); ++i) {
    const double h = 1e-6 * std::max(1.0, std::fabs(theta[i]));
    std::vector<double> t = theta;
    t[i] = theta[i] + h;
    const double up = ref.loss(t, p);
    t[i] = theta[i] - h;
    const double down = ref.loss(t, p);
    const double numeric = (up - down) / (2 * h);
    const double analytic = net.grads()[i];
    std::string name;
    for (const TensorInfo& info : net.layout())
      if (i >= info.offset) name = info.name + "[" + std::to_string(i - info.offset) + "]";
    EXPECT_NEAR(analytic, numeric, 2e-4 + 2e-3 * std::fabs(numeric)) << "parameter " << name;
  }
}

struct Case {
  std::string activation;
  std::string output;
};
void PrintTo(const Case& c, std::ostream* os) { *os << c.activation << " + " << c.output; }

class GradientCheck : public ::testing::TestWithParam<Case> {};

TEST_P(GradientCheck, MatchesCentralDifferences) {
  const Case& c = GetParam();
  check_gradients({{"inputs", kInputs}, {"hidden", kHidden}, {"activation", c.activation}, {"output", c.output},
                   {"classes", 3}});
}

std::vector<Case> all_cases() {
  std::vector<Case> cases;
  for (const ActivationInfo& info : activation_table())
    for (const char* head : {"sigmoid", "softmax", "linear", "tanh"}) cases.push_back({info.name, head});
  return cases;
}

INSTANTIATE_TEST_SUITE_P(EveryActivationEveryHead, GradientCheck, ::testing::ValuesIn(all_cases()),
                         [](const ::testing::TestParamInfo<Case>& i) { return i.param.activation + "_" + i.param.output; });

TEST(GradientCheck, PreluSharedAlpha) {
  check_gradients({{"inputs", kInputs}, {"hidden", kHidden}, {"activation", "prelu"}, {"preluShared", true},
                   {"output", "sigmoid"}});
}

TEST(GradientCheck, MixedActivationsPerLayer) {
  check_gradients({{"inputs", kInputs}, {"hidden", {5, 4, 3}}, {"activation", {"prelu", "elu", "gelu"}},
                   {"activationParams", {{{"alpha", 0.2}}, {{"alpha", 0.7}}, nlohmann::json::object()}},
                   {"output", "softmax"}, {"classes", 4}});
}

TEST(GradientCheck, NoHiddenLayer) {
  check_gradients({{"inputs", kInputs}, {"hidden", nlohmann::json::array()}, {"output", "softmax"}, {"classes", 3}});
}

}  // namespace
}  // namespace alab::nn
