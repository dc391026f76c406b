#include "network_api.h"

#include <cmath>
#include <limits>


#include "api/config_schema.h"
#include "core/errors.h"
#include "nn/config.h"

namespace alab {


std::unique_ptr<nn::Network> create_network(const ConfigValue& config) {
  return std::make_unique<nn::Network>(schema::parse(schema::network_table(), config));
}

std::unique_ptr<nn::Network> load_network(const ConfigValue& config, const ConfigValue& step,
                                          const ConfigValue& weights, const std::vector<float>* converted) {
  const auto fail = [](const std::string& field, const std::string& message) {
    throw InvalidArgument(InvalidArgument::Kind::Range, field, "network JSON: " + message);
  };
  nn::NetworkConfig c;
  try {
    c = schema::parse(schema::network_table(), config);
  } catch (const InvalidArgument& e) {
    throw InvalidArgument(e.kind(), "config." + e.field(), std::string("network JSON: config.") + e.what());
  }
  const int64_t s = schema::read_integer_in(step, "step", 0, int64_t{1} << 40, schema::Style::network);
  if (!weights.is(ConfigValue::Kind::array)) fail("weights", "weights must be an array of numbers");
  auto net = std::make_unique<nn::Network>(c);
  const std::size_t n = weights.size();
  if (n != net->param_count())
    fail("weights", "weights must have " + std::to_string(net->param_count()) + " numbers for this config; got " +
                        std::to_string(n));
  if (converted != nullptr && converted->size() == n) {
    net->load_parameters(converted->data(), n, s);
    return net;
  }
  std::vector<float> values(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::string field = "weights[" + std::to_string(i) + "]";
    const double v = schema::read_number(*weights.element(i), field, schema::Style::network);
    if (!(std::fabs(v) <= std::numeric_limits<float>::max())) throw_range(field, describe_value(v), "a finite float");
    values[i] = static_cast<float>(v);
  }
  net->load_parameters(values.data(), n, s);
  return net;
}

data::Dataset make_dataset(const std::string& name, const ConfigValue& options) {
  return data::make_dataset(name, schema::parse(schema::dataset_table(), options));
}

void set_network_data(nn::Network& net, const std::vector<float>& x, const std::vector<float>& y, double inputs,
                      const std::vector<float>& test_x, const std::vector<float>& test_y) {
  if (!(inputs == static_cast<double>(net.inputs())))
    throw_range("data.inputs", inputs, "the network's inputs (" + std::to_string(net.inputs()) + ")");
  const std::size_t d = static_cast<std::size_t>(net.inputs());
  if (y.empty()) throw_range("data.y.length", 0, "at least 1");
  if (x.size() != y.size() * d)
    throw_range("data.x.length", x.size(), "y.length × inputs = " + std::to_string(y.size() * d));
  if (test_x.size() != test_y.size() * d)
    throw_range("data.testX.length", test_x.size(), "testY.length × inputs = " + std::to_string(test_y.size() * d));
  constexpr std::size_t kMax = static_cast<std::size_t>(nn::kMaxSamples);
  if (y.size() > kMax) throw_range("data.y.length", y.size(), "at most " + std::to_string(kMax));
  if (test_y.size() > kMax) throw_range("data.testY.length", test_y.size(), "at most " + std::to_string(kMax));

  // A tanh head learns −1/+1 targets; 0/1 class labels are mapped to them.
  std::vector<float> labels = y, test_labels = test_y;
  if (net.config().output == nn::OutputHead::tanh) {
    const auto is01 = [](const std::vector<float>& v) {
      for (float t : v) if (t != 0.0f && t != 1.0f) return false;
      return true;
    };
    if (is01(labels) && is01(test_labels)) {
      labels = data::to_tanh_labels(labels);
      test_labels = data::to_tanh_labels(test_labels);
    }
  }
  net.set_data(x.data(), static_cast<int>(y.size()), net.inputs(), labels.data(),
               test_x.empty() ? nullptr : test_x.data(), static_cast<int>(test_y.size()),
               test_labels.empty() ? nullptr : test_labels.data());
}

namespace {

// Validates a train() step count: an integer in range, within the work cap.
long checked_steps(const nn::Network& net, double steps) {
  const long n = static_cast<long>(schema::check_integer_in(steps, "steps", 0, nn::kMaxStepsPerCall));
  // One call is bounded in work, not only in steps: a million steps of the
  // largest network would run for days. Callers train in chunks instead.
  constexpr double kMaxWorkPerCall = 2e11;  // multiply-adds, about a minute in wasm
  const double per_step = static_cast<double>(net.config().batch_size) * static_cast<double>(net.param_count());
  if (static_cast<double>(n) * per_step > kMaxWorkPerCall)
    throw_range("steps", n,
                "at most " + std::to_string(static_cast<long>(kMaxWorkPerCall / per_step)) +
                    " per call for this network (steps x batchSize x parameters <= 2e11; call train again to go on)");
  if (!net.has_data()) throw InvalidArgument(InvalidArgument::Kind::Range, "data", "train needs data first: call net.setData(data)");
  return n;
}

}  // namespace

nn::TrainReport train_network(nn::Network& net, double steps, bool with_report) {
  const long n = checked_steps(net, steps);
  return net.train(n, with_report);
}

std::array<double, 5> train_network_compact(nn::Network& net, double steps) {
  const long n = checked_steps(net, steps);
  const nn::TrainReport r = net.train(n, false);
  return {static_cast<double>(r.step), r.batch_loss.value_or(std::numeric_limits<double>::quiet_NaN()),
          r.diverged ? 1.0 : 0.0, r.diverged_at_step ? static_cast<double>(*r.diverged_at_step) : -1.0,
          static_cast<double>(r.learning_rate)};
}

nn::Evaluation evaluate_network(nn::Network& net) {
  if (!net.has_data()) throw InvalidArgument(InvalidArgument::Kind::Range, "data", "evaluate needs data first: call net.setData(data)");
  return net.evaluate();
}

std::vector<float> predict(nn::Network& net, const std::vector<float>& x) {
  const std::size_t d = static_cast<std::size_t>(net.inputs());
  if (x.size() % d != 0)
    throw_range("x.length", x.size(), "a multiple of the network's inputs (" + std::to_string(d) + ")");
  if (x.size() / d > static_cast<std::size_t>(nn::kMaxPredict))
    throw_range("x.length", x.size(), "at most " + std::to_string(nn::kMaxPredict) + " samples");
  for (std::size_t i = 0; i < x.size(); ++i)
    if (!std::isfinite(x[i])) throw_range("x[" + std::to_string(i) + "]", x[i], "a finite number");
  return net.predict(x.data(), static_cast<int>(x.size() / d));
}

namespace {

// The grid arguments of predictGrid and unitGrid, checked before any work.
int checked_grid(nn::Network& net, const char* method, double x_min, double x_max, double y_min, double y_max,
                 double resolution) {
  if (net.inputs() != 2) throw_range("network.inputs", net.inputs(), std::string("2 for ") + method);
  const double lim = 1e6;
  schema::check_number_in(x_min, "xMin", -lim, lim);
  schema::check_number_in(x_max, "xMax", -lim, lim);
  schema::check_number_in(y_min, "yMin", -lim, lim);
  schema::check_number_in(y_max, "yMax", -lim, lim);
  if (!(x_min < x_max)) throw_range("xMin", x_min, "< xMax (" + describe_value(x_max) + ")");
  if (!(y_min < y_max)) throw_range("yMin", y_min, "< yMax (" + describe_value(y_max) + ")");
  return static_cast<int>(schema::check_integer_in(resolution, "resolution", 2, nn::kMaxGridResolution));
}

}  // namespace

std::vector<float> predict_grid(nn::Network& net, double x_min, double x_max, double y_min, double y_max,
                                double resolution) {
  const int r = checked_grid(net, "predictGrid", x_min, x_max, y_min, y_max, resolution);
  return net.predict_grid(static_cast<float>(x_min), static_cast<float>(x_max), static_cast<float>(y_min),
                          static_cast<float>(y_max), r);
}

std::vector<float> unit_grid(nn::Network& net, double x_min, double x_max, double y_min, double y_max,
                             double resolution) {
  const int r = checked_grid(net, "unitGrid", x_min, x_max, y_min, y_max, resolution);
  return net.unit_grid(static_cast<float>(x_min), static_cast<float>(x_max), static_cast<float>(y_min),
                       static_cast<float>(y_max), r);
}

std::vector<float> unit_stats(nn::Network& net) {
  if (!net.has_data()) throw InvalidArgument(InvalidArgument::Kind::Range, "data", "unitStats needs data first: call net.setData(data)");
  return net.unit_stats();
}

void restore_state(nn::Network& net, const std::vector<uint8_t>& bytes, bool exact) {
  if (!net.has_data()) throw InvalidArgument(InvalidArgument::Kind::Range, "data", "restoreState needs the same data first: call net.setData(data)");
  net.restore_state(bytes.data(), bytes.size(), exact);
}

void set_learning_rate(nn::Network& net, double lr) {
  nn::validate_learning_rate(lr, "learningRate");
  net.set_learning_rate(static_cast<float>(lr));
}

nn::BornDeadResult born_dead(const ConfigValue& options) {
  const nn::BornDeadOptions o = schema::parse(schema::born_dead_table(), options);
  const int width = o.width, depth = o.depth;
  const long trials = o.trials;
  // Every field alone may be in range and the whole still take hours
  // (256 x 64 x 100000 is ~17 h): cap the work, ~3 s here.
  constexpr double kMaxWork = 2e7;
  const double work = static_cast<double>(trials) * depth * width * width;
  if (work > kMaxWork)
    throw_range("options.trials", trials,
                "at most " + std::to_string(static_cast<long>(kMaxWork / (static_cast<double>(depth) * width * width))) +
                    " for width " + std::to_string(width) + " and depth " + std::to_string(depth) +
                    " (trials x depth x width^2 <= 2e7)");
  return nn::born_dead(width, depth, o.init, o.bias_init, trials, o.seed);
}

}  // namespace alab
