// parse_config / config_to_json: the validation of every network setting.
#include "nn/config.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

#include "core/errors.h"

namespace alab::nn {

using nlohmann::json;

namespace json_field {

double shortest(float f) {
  char buf[32];
  for (int digits = 1; digits <= 9; ++digits) {
    std::snprintf(buf, sizeof buf, "%.*g", digits, static_cast<double>(f));
    if (std::strtof(buf, nullptr) == f) break;
  }
  return std::strtod(buf, nullptr);
}

std::string format_number(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<int64_t>(v));
  return json(v).dump();
}

namespace {
std::string describe(const json& v) {
  if (v.is_number()) return format_number(v.get<double>());
  std::string s = v.dump();
  if (s.size() > 60) s = s.substr(0, 57) + "...";
  return s;
}
}  // namespace

double number(const json& v, const std::string& field) {
  if (v.is_number()) return v.get<double>();
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    if (s == "NaN") return std::numeric_limits<double>::quiet_NaN();
    if (s == "Infinity") return std::numeric_limits<double>::infinity();
    if (s == "-Infinity") return -std::numeric_limits<double>::infinity();
  }
  throw_type(field, describe(v), "a number");
}

double number_in(const json& v, const std::string& field, double lo, double hi) {
  const double x = number(v, field);
  if (!(x >= lo && x <= hi))
    throw_range(field, format_number(x), "a finite number in [" + format_number(lo) + ", " + format_number(hi) + "]");
  return x;
}

int64_t integer_in(const json& v, const std::string& field, int64_t lo, int64_t hi) {
  const std::string allowed = "an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]";
  if (!v.is_number() && !v.is_string()) throw_type(field, describe(v), allowed);
  double x;
  try {
    x = number(v, field);
  } catch (const InvalidArgument&) {
    throw_type(field, describe(v), allowed);
  }
  if (!(x >= static_cast<double>(lo) && x <= static_cast<double>(hi)) || x != std::floor(x))
    throw_range(field, format_number(x), allowed);
  return static_cast<int64_t>(x);
}

bool boolean(const json& v, const std::string& field) {
  if (!v.is_boolean()) throw_type(field, describe(v), "true or false");
  return v.get<bool>();
}

std::string string(const json& v, const std::string& field) {
  if (!v.is_string()) throw_type(field, describe(v), "a string");
  return v.get<std::string>();
}

}  // namespace json_field

namespace {

namespace jf = json_field;

const char* const kFields[] = {"inputs", "hidden", "activation", "activationParams", "output", "classes",
                               "init", "initGain", "biasInit", "optimizer", "learningRate", "momentum", "nesterov",
                               "batchSize", "l2", "clip", "preluShared", "seed"};

const char* const kOutputNames[] = {"sigmoid", "softmax", "linear", "tanh"};
const char* const kInitNames[] = {"uniform", "standard", "xavier", "he", "lecun", "rai"};
const char* const kOptimizerNames[] = {"sgd", "momentum", "adam"};

template <std::size_t N>
std::string join(const char* const (&names)[N]) {
  std::string s;
  for (const char* n : names) s += (s.empty() ? "" : ", ") + std::string(n);
  return s;
}

template <std::size_t N>
int choose(const json& v, const std::string& field, const char* const (&names)[N]) {
  const std::string allowed = "one of " + join(names);
  if (!v.is_string()) throw_type(field, v.dump(), allowed);
  const auto& s = v.get_ref<const std::string&>();
  for (std::size_t i = 0; i < N; ++i)
    if (s == names[i]) return static_cast<int>(i);
  throw_range(field, v.dump(), allowed);
}

Activation parse_activation(const json& v, const std::string& field) {
  const std::string allowed = "one of " + activation_names();
  if (!v.is_string()) throw_type(field, v.dump(), allowed);
  const ActivationInfo* info = find_activation(v.get_ref<const std::string&>());
  if (!info) throw_range(field, v.dump(), allowed);
  return info->id;
}

bool declares(const ActivationInfo& info, const std::string& key) {
  for (std::size_t k = 0; k < info.param_count; ++k)
    if (key == info.params[k].name) return true;
  return false;
}

// Reads {alpha?, lower?, upper?} into p for the layers in `layers`. A key must
// be declared by at least one of those layers' activations.
void read_params(const json& obj, const std::string& field, const std::vector<Activation>& acts,
                 const std::vector<std::size_t>& layers, std::vector<ActivationParams>& out) {
  if (!obj.is_object()) throw_type(field, obj.dump(), "an object {alpha?, lower?, upper?}");
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    const std::string key = printable_key(it.key());
    if (key != "alpha" && key != "lower" && key != "upper")
      throw InvalidArgument(InvalidArgument::Kind::Range, field + "." + key,
                            field + "." + key + ": unknown field \"" + key + "\" in " + field + "; allowed: alpha, lower, upper");
    bool used = false;
    std::string names;
    for (std::size_t l : layers) {
      const ActivationInfo& info = activation_info(acts[l]);
      names += (names.empty() ? "" : ", ") + std::string(info.name);
      if (!declares(info, key)) continue;
      used = true;
      const float x = static_cast<float>(jf::number(it.value(), field + "." + key));
      if (key == "alpha") out[l].alpha = x;
      if (key == "lower") out[l].lower = x;
      if (key == "upper") out[l].upper = x;
    }
    if (!used)
      throw InvalidArgument(InvalidArgument::Kind::Range, field + "." + key,
                            field + "." + key + " is not a parameter of " + names +
                                " (alpha: leaky_relu, prelu, elu; lower/upper: rrelu)");
  }
}

// The caps on the whole network (see config.h), named after "hidden".
void check_size(const NetworkConfig& c) {
  const long params = parameter_count(c);
  if (params > kMaxParameters)
    throw_range("hidden", std::to_string(params) + " parameters",
                "a network of at most " + std::to_string(kMaxParameters) + " parameters (inputs, widths and classes together)");
}

}  // namespace

long parameter_count(const NetworkConfig& c) {
  long p = 0, in = c.inputs;
  for (std::size_t l = 0; l < c.hidden.size(); ++l) {
    p += (in + 1) * c.hidden[l];
    if (l < c.activations.size() && c.activations[l] == Activation::prelu) p += c.prelu_shared ? 1 : c.hidden[l];
    in = c.hidden[l];
  }
  return p + (in + 1) * c.outputs();
}

const char* output_name(OutputHead h) { return kOutputNames[static_cast<int>(h)]; }
const char* init_name(InitKind k) { return kInitNames[static_cast<int>(k)]; }
const char* optimizer_name(OptimizerKind k) { return kOptimizerNames[static_cast<int>(k)]; }

InitKind parse_init(const std::string& name, const std::string& field) {
  return static_cast<InitKind>(choose(json(name), field, kInitNames));
}

void validate_learning_rate(double lr, const std::string& field) {
  if (!(lr >= 0.0 && lr <= 100.0)) throw_range(field, jf::format_number(lr), "a finite number in [0, 100]");
}

NetworkConfig parse_config(const json& j) {
  if (!j.is_object()) throw_type("config", j.dump().substr(0, 60), "an object with at least { inputs }");
  for (auto it = j.begin(); it != j.end(); ++it) {
    bool known = false;
    for (const char* f : kFields) known = known || it.key() == f;
    if (!known)
      throw InvalidArgument(InvalidArgument::Kind::Range, printable_key(it.key()),
                            printable_key(it.key()) + ": unknown field \"" + printable_key(it.key()) + "\"; allowed: " + join(kFields));
  }
  NetworkConfig c;
  if (!j.contains("inputs"))
    throw_type("inputs", "undefined", "an integer in [1, " + std::to_string(kMaxInputs) + "] (required)");
  c.inputs = static_cast<int>(jf::integer_in(j["inputs"], "inputs", 1, kMaxInputs));

  if (j.contains("hidden")) {
    const json& h = j["hidden"];
    if (!h.is_array()) throw_type("hidden", h.dump(), "an array of layer widths");
    if (h.size() > kMaxHiddenLayers)
      throw_range("hidden", std::to_string(h.size()) + " layers",
                  "an array of at most " + std::to_string(kMaxHiddenLayers) + " layer widths");
    c.hidden.clear();
    for (std::size_t i = 0; i < h.size(); ++i)
      c.hidden.push_back(static_cast<int>(jf::integer_in(h[i], "hidden[" + std::to_string(i) + "]", 1, kMaxWidth)));
  }
  const std::size_t layers = c.hidden.size();

  c.activations.assign(layers, Activation::tanh);
  if (j.contains("activation")) {
    const json& a = j["activation"];
    if (a.is_array()) {
      if (a.size() != layers)
        throw_range("activation", std::to_string(a.size()) + " names",
                    "a name or an array of " + std::to_string(layers) + " names (one per hidden layer)");
      for (std::size_t i = 0; i < layers; ++i)
        c.activations[i] = parse_activation(a[i], "activation[" + std::to_string(i) + "]");
    } else {
      const Activation id = parse_activation(a, "activation");
      c.activations.assign(layers, id);
    }
  }
  c.params.clear();
  for (Activation id : c.activations) c.params.push_back(default_params(activation_info(id)));
  if (j.contains("activationParams")) {
    const json& p = j["activationParams"];
    if (p.is_array()) {
      if (p.size() != layers)
        throw_range("activationParams", std::to_string(p.size()) + " objects",
                    "an object or an array of " + std::to_string(layers) + " objects (one per hidden layer)");
      for (std::size_t i = 0; i < layers; ++i)
        read_params(p[i], "activationParams[" + std::to_string(i) + "]", c.activations, {i}, c.params);
    } else if (layers > 0) {
      std::vector<std::size_t> all(layers);
      for (std::size_t i = 0; i < layers; ++i) all[i] = i;
      read_params(p, "activationParams", c.activations, all, c.params);
    } else if (!p.is_object() || !p.empty()) {
      throw_range("activationParams", p.dump(), "{} for a network without hidden layers");
    }
    for (std::size_t i = 0; i < layers; ++i) {
      const std::string prefix =
          p.is_array() ? "activationParams[" + std::to_string(i) + "]." : std::string("activationParams.");
      validate_params(activation_info(c.activations[i]), c.params[i], prefix);
    }
  }

  if (j.contains("output")) c.output = static_cast<OutputHead>(choose(j["output"], "output", kOutputNames));
  if (j.contains("classes")) c.classes = static_cast<int>(jf::integer_in(j["classes"], "classes", 2, kMaxClasses));
  if (j.contains("init")) c.init = static_cast<InitKind>(choose(j["init"], "init", kInitNames));
  if (j.contains("initGain"))
    c.init_gain = static_cast<float>(jf::number_in(j["initGain"], "initGain", 0, kMaxInitGain));
  if (j.contains("biasInit")) c.bias_init = static_cast<float>(jf::number_in(j["biasInit"], "biasInit", -10, 10));
  if (j.contains("optimizer"))
    c.optimizer = static_cast<OptimizerKind>(choose(j["optimizer"], "optimizer", kOptimizerNames));
  if (j.contains("learningRate")) {
    const double lr = jf::number(j["learningRate"], "learningRate");
    validate_learning_rate(lr);
    c.learning_rate = static_cast<float>(lr);
  }
  if (j.contains("momentum")) {
    const double m = jf::number(j["momentum"], "momentum");
    if (!(m >= 0.0 && m < 1.0)) throw_range("momentum", jf::format_number(m), "a finite number in [0, 1)");
    c.momentum = static_cast<float>(m);
  }
  if (j.contains("nesterov")) c.nesterov = jf::boolean(j["nesterov"], "nesterov");
  if (j.contains("batchSize")) c.batch_size = static_cast<int>(jf::integer_in(j["batchSize"], "batchSize", 1, kMaxBatch));
  if (j.contains("l2")) c.l2 = static_cast<float>(jf::number_in(j["l2"], "l2", 0, 1));
  if (j.contains("clip")) c.clip = static_cast<float>(jf::number_in(j["clip"], "clip", 0, 1e6));
  if (j.contains("preluShared")) c.prelu_shared = jf::boolean(j["preluShared"], "preluShared");
  if (j.contains("seed")) c.seed = static_cast<uint32_t>(jf::integer_in(j["seed"], "seed", 0, 4294967295LL));
  check_size(c);
  return c;
}

json config_to_json(const NetworkConfig& c) {
  json acts = json::array(), params = json::array();
  for (std::size_t i = 0; i < c.activations.size(); ++i) {
    const ActivationInfo& info = activation_info(c.activations[i]);
    acts.push_back(info.name);
    json p = json::object();
    if (declares(info, "alpha")) p["alpha"] = jf::shortest(c.params[i].alpha);
    if (declares(info, "lower")) p["lower"] = jf::shortest(c.params[i].lower);
    if (declares(info, "upper")) p["upper"] = jf::shortest(c.params[i].upper);
    params.push_back(p);
  }
  return json{{"inputs", c.inputs},
              {"hidden", c.hidden},
              {"activation", acts},
              {"activationParams", params},
              {"output", output_name(c.output)},
              {"classes", c.classes},
              {"init", init_name(c.init)},
              {"initGain", jf::shortest(c.init_gain)},
              {"biasInit", jf::shortest(c.bias_init)},
              {"optimizer", optimizer_name(c.optimizer)},
              {"learningRate", jf::shortest(c.learning_rate)},
              {"momentum", jf::shortest(c.momentum)},
              {"nesterov", c.nesterov},
              {"batchSize", c.batch_size},
              {"l2", jf::shortest(c.l2)},
              {"clip", jf::shortest(c.clip)},
              {"preluShared", c.prelu_shared},
              {"seed", c.seed}};
}

}  // namespace alab::nn
