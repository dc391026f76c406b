// The field tables (one per config) and the generic validator (config_schema.h).
#include "api/config_schema.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <type_traits>

#include "core/activations.h"
#include "core/errors.h"

namespace alab {

namespace {

void append_escaped(std::string& out, const std::string& s) {
  out += '"';
  for (const char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += unicode_escape(c);
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

}  // namespace

std::string render_value(const ConfigValue& v) {
  switch (v.kind()) {
    case ConfigValue::Kind::null: return "null";
    case ConfigValue::Kind::boolean: return v.boolean() ? "true" : "false";
    case ConfigValue::Kind::number: return describe_value(v.number());
    case ConfigValue::Kind::string: {
      std::string out;
      append_escaped(out, v.string());
      return out;
    }
    case ConfigValue::Kind::array: {
      std::string out = "[";
      for (std::size_t i = 0; i < v.size(); ++i) out += (i ? "," : "") + render_value(*v.element(i));
      return out + "]";
    }
    case ConfigValue::Kind::object: {
      std::vector<std::string> keys = v.keys();
      std::sort(keys.begin(), keys.end());
      std::string out = "{";
      for (std::size_t i = 0; i < keys.size(); ++i) {
        if (i) out += ",";
        append_escaped(out, keys[i]);
        const std::unique_ptr<ConfigValue> item = v.get(keys[i]);
        out += ":" + (item ? render_value(*item) : std::string("undefined"));
      }
      return out + "}";
    }
    case ConfigValue::Kind::other: break;
  }
  return "undefined";
}

namespace schema {

using Kind = ConfigValue::Kind;

std::string Names::joined() const {
  std::string s;
  for (std::size_t i = 0; i < count; ++i) s += (i ? ", " : "") + std::string(items[i]);
  return s;
}

int Names::find(const std::string& s) const {
  for (std::size_t i = 0; i < count; ++i)
    if (s == items[i]) return static_cast<int>(i);
  return -1;
}

const char* type_name(FieldType t) {
  switch (t) {
    case FieldType::integer: return "integer";
    case FieldType::number: return "number";
    case FieldType::boolean: return "boolean";
    case FieldType::enumeration: return "enum";
    case FieldType::integer_list: return "integer[]";
    case FieldType::activation: return "activation";
    case FieldType::activation_params: return "activationParams";
  }
  return "";
}

// ---- primitive readers ----

namespace {

bool is_sentinel(const std::string& s) { return s == "NaN" || s == "Infinity" || s == "-Infinity"; }

// A number, or one of the strings JSON text spells non-finite numbers with.
bool as_number(const ConfigValue& v, double& out) {
  if (v.is(Kind::number)) {
    out = v.number();
    return true;
  }
  if (v.is(Kind::string)) {
    const std::string s = v.string();
    if (s == "NaN") out = std::numeric_limits<double>::quiet_NaN();
    else if (s == "Infinity") out = std::numeric_limits<double>::infinity();
    else if (s == "-Infinity") out = -std::numeric_limits<double>::infinity();
    else return false;
    return true;
  }
  return false;
}

std::string interval(double lo, double hi, bool hi_exclusive) {
  return "[" + describe_value(lo) + ", " + describe_value(hi) + (hi_exclusive ? ")" : "]");
}

}  // namespace

std::string shown(const ConfigValue& v, Style style) {
  if (v.is(Kind::number)) return describe_value(v.number());
  if (style == Style::network) {
    std::string s = v.dump();
    if (s.size() > 60) s = s.substr(0, 57) + "...";
    return s;
  }
  if (v.is(Kind::object)) return "an object";
  if (v.is(Kind::array)) return "an array";
  if (v.is(Kind::string) && is_sentinel(v.string())) return v.string();
  return v.dump().substr(0, 60);
}

double read_number(const ConfigValue& v, const std::string& field, Style style) {
  double x = 0;
  if (!as_number(v, x)) throw_type(field, shown(v, style), "a number");
  return x;
}

double check_number_in(double x, const std::string& field, double lo, double hi, bool hi_exclusive) {
  if (!(x >= lo && (hi_exclusive ? x < hi : x <= hi)))
    throw_range(field, describe_value(x), "a finite number in " + interval(lo, hi, hi_exclusive));
  return x;
}

double read_number_in(const ConfigValue& v, const std::string& field, double lo, double hi, Style style,
                      bool hi_exclusive) {
  return check_number_in(read_number(v, field, style), field, lo, hi, hi_exclusive);
}

int64_t check_integer_in(double x, const std::string& field, int64_t lo, int64_t hi) {
  if (!(x >= static_cast<double>(lo) && x <= static_cast<double>(hi)) || x != std::floor(x))
    throw_range(field, describe_value(x), "an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
  return static_cast<int64_t>(x);
}

int64_t read_integer_in(const ConfigValue& v, const std::string& field, int64_t lo, int64_t hi, Style style) {
  double x = 0;
  if (!as_number(v, x))
    throw_type(field, shown(v, style), "an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
  return check_integer_in(x, field, lo, hi);
}

bool read_boolean(const ConfigValue& v, const std::string& field, Style style) {
  if (!v.is(Kind::boolean)) throw_type(field, shown(v, style), "true or false");
  return v.boolean();
}

int read_enum(const ConfigValue& v, const std::string& field, Names names, Style style) {
  const std::string allowed = "one of " + names.joined();
  // The network config has always shown the whole value here.
  const auto got = [&] { return style == Style::network ? v.dump() : shown(v, style); };
  if (!v.is(Kind::string)) throw_type(field, got(), allowed);
  const int i = names.find(v.string());
  if (i < 0) throw_range(field, got(), allowed);
  return i;
}

void require_keys(const ConfigValue& v, const std::string& object, const std::vector<std::string>& allowed) {
  if (!v.is(Kind::object)) throw_type(object, shown(v, Style::options), "an object");
  std::vector<std::string> keys = v.keys();
  std::sort(keys.begin(), keys.end());  // the first unknown key in sorted order, as always
  for (const std::string& raw : keys) {
    if (std::find(allowed.begin(), allowed.end(), raw) != allowed.end()) continue;
    std::string list;
    for (const std::string& a : allowed) list += (list.empty() ? "" : ", ") + a;
    const std::string key = printable_key(raw);
    const std::string path = object.empty() ? key : object + "." + key;
    throw InvalidArgument(InvalidArgument::Kind::Range, path,
                          path + ": unknown field \"" + key + "\"" + (object.empty() ? "" : " in " + object) +
                              "; allowed: " + (list.empty() ? "none" : list));
  }
}

// ---- rows ----

namespace {

FieldSpec spec_of(const char* name, FieldType type, const char* doc) {
  FieldSpec s;
  s.name = name;
  s.type = type;
  s.doc = doc;
  return s;
}

FieldSpec integer(const char* name, double lo, double hi, const char* doc) {
  FieldSpec s = spec_of(name, FieldType::integer, doc);
  s.min = lo;
  s.max = hi;
  return s;
}

FieldSpec number(const char* name, double lo, double hi, const char* doc, bool hi_exclusive = false) {
  FieldSpec s = spec_of(name, FieldType::number, doc);
  s.min = lo;
  s.max = hi;
  s.max_exclusive = hi_exclusive;
  return s;
}

FieldSpec boolean(const char* name, const char* doc) { return spec_of(name, FieldType::boolean, doc); }

FieldSpec enumeration(const char* name, Names values, const char* doc) {
  FieldSpec s = spec_of(name, FieldType::enumeration, doc);
  s.values = values;
  return s;
}

FieldSpec integer_list(const char* name, std::size_t max_length, double lo, double hi, const char* doc) {
  FieldSpec s = spec_of(name, FieldType::integer_list, doc);
  s.max_length = max_length;
  s.min = lo;
  s.max = hi;
  return s;
}

FieldSpec required(FieldSpec s) {
  s.required = true;
  return s;
}

constexpr double kMaxSeed = 4294967295.0;

std::vector<int> read_widths(const ConfigValue& v, const FieldSpec& s, const std::string& path) {
  if (!v.is(Kind::array)) throw_type(path, v.dump(), "an array of layer widths");
  if (v.size() > s.max_length)
    throw_range(path, std::to_string(v.size()) + " layers",
                "an array of at most " + std::to_string(s.max_length) + " layer widths");
  std::vector<int> out;
  for (std::size_t i = 0; i < v.size(); ++i)
    out.push_back(static_cast<int>(read_integer_in(*v.element(i), path + "[" + std::to_string(i) + "]",
                                                   static_cast<int64_t>(s.min), static_cast<int64_t>(s.max),
                                                   Style::network)));
  return out;
}

// A row bound to a struct member: apply and read follow from the spec's type
// and the member's C++ type.
template <class>
struct member_of;
template <class T, class M>
struct member_of<M T::*> {
  using owner = T;
  using type = M;
};

template <auto Member>
Field<typename member_of<decltype(Member)>::owner> member(FieldSpec spec, Style style) {
  using T = typename member_of<decltype(Member)>::owner;
  using M = typename member_of<decltype(Member)>::type;
  Field<T> f;
  f.spec = std::move(spec);
  f.style = style;
  f.apply = [](T& c, const ConfigValue* v, const std::string& path, const FieldSpec& spec, Style style) {
    if (!v) return;
    if constexpr (std::is_same_v<M, std::vector<int>>) {
      c.*Member = read_widths(*v, spec, path);
    } else if constexpr (std::is_enum_v<M>) {
      c.*Member = static_cast<M>(read_enum(*v, path, spec.values, style));
    } else if constexpr (std::is_same_v<M, bool>) {
      c.*Member = read_boolean(*v, path, style);
    } else if constexpr (std::is_floating_point_v<M>) {
      c.*Member = static_cast<M>(read_number_in(*v, path, spec.min, spec.max, style, spec.max_exclusive));
    } else {
      c.*Member = static_cast<M>(read_integer_in(*v, path, static_cast<int64_t>(spec.min), static_cast<int64_t>(spec.max), style));
    }
  };
  f.read = [](const T& c) {
    FieldValue out;
    if constexpr (std::is_same_v<M, std::vector<int>>) out.ints = c.*Member;
    else if constexpr (std::is_enum_v<M>) out.number = static_cast<double>(static_cast<int>(c.*Member));
    else out.number = static_cast<double>(c.*Member);
    out.single = std::is_same_v<M, float>;
    return out;
  };
  return f;
}

Activation parse_activation(const ConfigValue& v, const std::string& field) {
  const std::string allowed = "one of " + activation_names();
  if (!v.is(Kind::string)) throw_type(field, v.dump(), allowed);
  const ActivationInfo* info = find_activation(v.string());
  if (!info) throw_range(field, v.dump(), allowed);
  return info->id;
}

bool declares(const ActivationInfo& info, const std::string& key) {
  for (std::size_t k = 0; k < info.param_count; ++k)
    if (key == info.params[k].name) return true;
  return false;
}

// Reads {alpha?, lower?, upper?} into out[l] for the layers in `layers`. A key
// must be declared by at least one of those layers' activations.
void read_params(const ConfigValue& obj, const std::string& field, const std::vector<Activation>& acts,
                 const std::vector<std::size_t>& layers, std::vector<ActivationParams>& out) {
  if (!obj.is(Kind::object)) throw_type(field, obj.dump(), "an object {alpha?, lower?, upper?}");
  std::vector<std::string> keys = obj.keys();
  std::sort(keys.begin(), keys.end());
  for (const std::string& raw : keys) {
    const std::string key = printable_key(raw);
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
      const float x = static_cast<float>(read_number(*obj.get(raw), field + "." + key, Style::network));
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

// `activation`: one name for every hidden layer or one per layer; also gives
// every layer its activation's default parameters (activationParams may
// override them). T is a config with hidden, activations and params.
template <class T>
Field<T> activation_row(const char* default_name, const char* doc) {
  Field<T> f;
  f.spec = spec_of("activation", FieldType::activation, doc);
  f.spec.default_name = default_name;
  f.apply = [](T& c, const ConfigValue* v, const std::string& path, const FieldSpec& spec, Style) {
    const std::size_t layers = c.hidden.size();
    c.activations.assign(layers, find_activation(spec.default_name)->id);
    if (v && v->is(Kind::array)) {
      if (v->size() != layers)
        throw_range(path, std::to_string(v->size()) + " names",
                    "a name or an array of " + std::to_string(layers) + " names (one per hidden layer)");
      for (std::size_t i = 0; i < layers; ++i)
        c.activations[i] = parse_activation(*v->element(i), path + "[" + std::to_string(i) + "]");
    } else if (v) {
      c.activations.assign(layers, parse_activation(*v, path));
    }
    c.params.clear();
    for (Activation id : c.activations) c.params.push_back(default_params(activation_info(id)));
  };
  f.read = [](const T& c) {
    FieldValue out;
    for (Activation id : c.activations) out.names.push_back(activation_info(id).name);
    return out;
  };
  return f;
}

template <class T>
Field<T> activation_params_row(const char* doc) {
  Field<T> f;
  f.spec = spec_of("activationParams", FieldType::activation_params, doc);
  f.apply = [](T& c, const ConfigValue* p, const std::string& path, const FieldSpec&, Style) {
    if (!p) return;
    const std::size_t layers = c.hidden.size();
    if (p->is(Kind::array)) {
      if (p->size() != layers)
        throw_range(path, std::to_string(p->size()) + " objects",
                    "an object or an array of " + std::to_string(layers) + " objects (one per hidden layer)");
      for (std::size_t i = 0; i < layers; ++i)
        read_params(*p->element(i), path + "[" + std::to_string(i) + "]", c.activations, {i}, c.params);
    } else if (layers > 0) {
      std::vector<std::size_t> all(layers);
      for (std::size_t i = 0; i < layers; ++i) all[i] = i;
      read_params(*p, path, c.activations, all, c.params);
    } else if (!p->is(Kind::object) || !p->keys().empty()) {
      throw_range(path, p->dump(), "{} for a network without hidden layers");
    }
    for (std::size_t i = 0; i < layers; ++i) {
      const std::string prefix = p->is(Kind::array) ? path + "[" + std::to_string(i) + "]." : path + ".";
      validate_params(activation_info(c.activations[i]), c.params[i], prefix);
    }
  };
  f.read = [](const T& c) {
    FieldValue out;
    for (std::size_t l = 0; l < c.activations.size(); ++l) {
      const ActivationInfo& info = activation_info(c.activations[l]);
      std::vector<std::pair<std::string, float>> obj;
      for (std::size_t k = 0; k < info.param_count; ++k) {
        const std::string key = info.params[k].name;
        obj.emplace_back(key, key == "alpha" ? c.params[l].alpha : key == "lower" ? c.params[l].lower : c.params[l].upper);
      }
      out.params.push_back(obj);
    }
    return out;
  };
  return f;
}

// The cap on a whole network (see nn/config.h), named after "hidden".
void check_parameters(long params) {
  if (params > nn::kMaxParameters)
    throw_range("hidden", std::to_string(params) + " parameters",
                "a network of at most " + std::to_string(nn::kMaxParameters) +
                    " parameters (inputs, widths and classes together)");
}

const char* const kParamsDoc =
    "{alpha?, lower?, upper?} for every layer, or one such object per hidden layer; each key a parameter of the "
    "layer's activation, within its range (missing keys: the catalogue defaults)";

}  // namespace

const Table<nn::NetworkConfig>& network_table() {
  using C = nn::NetworkConfig;
  static const Table<C> table = [] {
    Table<C> t;
    t.object = "config";
    t.style = Style::network;
    const Style s = t.style;
    t.fields = {
        member<&C::inputs>(required(integer("inputs", 1, nn::kMaxInputs, "input features per sample")), s),
        member<&C::hidden>(integer_list("hidden", nn::kMaxHiddenLayers, 1, nn::kMaxWidth, "the width of each hidden layer"), s),
        activation_row<C>("tanh", "a catalogue name for every hidden layer, or an array with one name per hidden layer"),
        activation_params_row<C>(kParamsDoc),
        member<&C::output>(enumeration("output", nn::kOutputNames,
                           "the head and its loss: sigmoid (binary cross-entropy, labels 0/1), softmax (cross-entropy, "
                           "labels 0..classes−1), linear (MSE), tanh (MSE, labels −1/+1; 0/1 labels are mapped)"), s),
        member<&C::classes>(integer("classes", 2, nn::kMaxClasses, "outputs of a softmax head (other heads have one output and ignore it)"), s),
        member<&C::init>(enumeration("init", nn::kInitNames,
                           "uniform: ±0.5 (Playground); standard: U[±1/√n_in]; xavier: U[±√6/√(n_in+n_out)]; "
                           "he: N(0, 2/n_in); lecun: N(0, 1/n_in); rai: Lu et al. 2019"), s),
        member<&C::init_gain>(number("initGain", 0, nn::kMaxInitGain, "multiplies the scale of any init (every drawn weight, and rai's drawn biases); 1 keeps the "
                      "draws bit for bit; 4–8 puts sigmoid/tanh units at their asymptotes"), s),
        member<&C::bias_init>(number("biasInit", -10, 10, "every bias at the start (rai draws its biases itself)"), s),
        member<&C::optimizer>(enumeration("optimizer", nn::kOptimizerNames, "sgd; momentum (with nesterov); adam (β = 0.9, 0.999, ε = 1e-8)"), s),
        member<&C::learning_rate>(number("learningRate", 0, 100, "the step size; change it between steps with net.setLearningRate(lr)"), s),
        member<&C::momentum>(number("momentum", 0, 1, "momentum coefficient (momentum optimizer)", true), s),
        member<&C::nesterov>(boolean("nesterov", "Nesterov momentum (momentum optimizer)"), s),
        member<&C::batch_size>(integer("batchSize", 1, nn::kMaxBatch, "samples per step (capped at the training-set size)"), s),
        member<&C::l2>(number("l2", 0, 1, "weight decay on weights (not biases, not PReLU alpha)"), s),
        member<&C::clip>(number("clip", 0, 1e6, "global gradient-norm clip, 0 = off"), s),
        member<&C::prelu_shared>(boolean("preluShared", "one learned PReLU alpha per layer instead of one per unit"), s),
        member<&C::seed>(integer("seed", 0, kMaxSeed, "one seed, one run, bit for bit: initial weights, batch order, rrelu draws"), s),
    };
    t.finish = [](const C& c) { check_parameters(nn::parameter_count(c)); };
    return t;
  }();
  return table;
}

const Table<TrainOptions>& train_table() {
  static const Table<TrainOptions> table = [] {
    Table<TrainOptions> t;
    t.object = "options";
    t.prefix = "options.";
    t.style = Style::options;
    t.fields = {member<&TrainOptions::report>(boolean("report", "return the full report (layers, events); false: five numbers, no diagnostics"), t.style)};
    return t;
  }();
  return table;
}

const Table<data::DatasetOptions>& dataset_table() {
  using O = data::DatasetOptions;
  static const Table<O> table = [] {
    Table<O> t;
    t.object = "options";
    t.prefix = "options.";
    t.style = Style::options;
    const Style s = t.style;
    t.fields = {
        member<&O::n>(integer("n", 4, 100000, "points generated (training and test together); shapeset: n x size² <= 16e6"), s),
        member<&O::noise>(number("noise", 0, 1, "label or coordinate noise (see each generator)"), s),
        member<&O::seed>(integer("seed", 0, kMaxSeed, "seed of the points and of the split"), s),
        member<&O::train_fraction>(number("trainFraction", 0.05, 0.95, "share of the points in the training set"), s),
        member<&O::classes>(integer("classes", 2, 8, "spiral_k: the number of arms"), s),
        member<&O::size>(integer("size", 8, 32, "shapeset: the image side in pixels"), s),
    };
    return t;
  }();
  return table;
}

const Table<graph::GcnConfig>& gcn_table() {
  using C = graph::GcnConfig;
  static const Table<C> table = [] {
    Table<C> t;
    t.object = "config";
    t.style = Style::options;
    const Style s = t.style;
    // hidden / activation / activationParams mean what they mean for
    // createNetwork, with the same messages.
    t.fields = {
        member<&C::layer>(enumeration("layer", graph::kLayerKindNames, "gcn (Kipf & Welling) or chebyshev (K hops per layer)"), s),
        member<&C::order>(integer("order", 1, graph::kMaxChebOrder, "Chebyshev order K"), s),
        member<&C::hidden>(integer_list("hidden", graph::kMaxGcnHiddenLayers, 1, nn::kMaxWidth, "the width of each hidden graph convolution"), s),
        activation_row<C>("relu", "a catalogue name for every hidden layer, or an array with one name per hidden layer"),
        activation_params_row<C>(kParamsDoc),
        member<&C::classes>(integer("classes", 2, graph::kMaxGraphClasses, "node classes (outputs)"), s),
        member<&C::init>(enumeration("init", nn::kInitNames, "weight initialisation"), s),
        member<&C::optimizer>(enumeration("optimizer", nn::kOptimizerNames, "sgd, momentum or adam"), s),
        member<&C::learning_rate>(number("learningRate", 0, 100, "step size"), s),
        member<&C::momentum>(number("momentum", 0, 1, "momentum coefficient (momentum optimizer)", true), s),
        member<&C::weight_decay>(number("weightDecay", 0, 1, "L2 on weights (not biases)"), s),
        member<&C::lambda_max>(number("lambdaMax", 0, 2, "Chebyshev lambda max; 0: estimated from the graph"), s),
        member<&C::seed>(integer("seed", 0, kMaxSeed, "seed of the initial weights and rrelu draws"), s),
    };
    // The cap createGcn has always applied to its hidden stack: that of a
    // one-input network with the same hidden layers.
    t.finish = [](const C& c) {
      long p = 0, in = 1;
      for (std::size_t l = 0; l < c.hidden.size(); ++l) {
        p += (in + 1) * c.hidden[l] + (c.activations[l] == Activation::prelu ? c.hidden[l] : 0);
        in = c.hidden[l];
      }
      check_parameters(p + in + 1);
    };
    return t;
  }();
  return table;
}

const Table<nn::BornDeadOptions>& born_dead_table() {
  using O = nn::BornDeadOptions;
  static const Table<O> table = [] {
    Table<O> t;
    t.object = "options";
    t.prefix = "options.";
    t.style = Style::options;
    const Style s = t.style;
    t.fields = {
        member<&O::width>(integer("width", 1, 256, "units per hidden ReLU layer"), s),
        member<&O::depth>(integer("depth", 1, 64, "hidden layers"), s),
        member<&O::init>(enumeration("init", nn::kInitNames, "weight initialisation"), s),
        member<&O::bias_init>(number("biasInit", -10, 10, "every bias at the start"), s),
        member<&O::trials>(integer("trials", 1, 100000, "networks drawn (trials x depth x width² <= 2e7)"), s),
        member<&O::seed>(integer("seed", 0, kMaxSeed, "seed of the draws"), s),
    };
    return t;
  }();
  return table;
}

// ---- the validator ----

template <class T>
T parse(const Table<T>& table, const ConfigValue& object) {
  if (table.style == Style::network) {
    if (!object.is(Kind::object)) throw_type(table.object, shown(object, Style::options), "an object");
    std::vector<std::string> keys = object.keys();
    std::sort(keys.begin(), keys.end());
    for (const std::string& raw : keys) {
      bool known = false;
      for (const Field<T>& f : table.fields) known = known || raw == f.spec.name;
      if (known) continue;
      std::string list;
      for (const Field<T>& f : table.fields) list += (list.empty() ? "" : ", ") + f.spec.name;
      const std::string key = printable_key(raw);
      throw InvalidArgument(InvalidArgument::Kind::Range, key, key + ": unknown field \"" + key + "\"; allowed: " + list);
    }
  } else {
    std::vector<std::string> names;
    for (const Field<T>& f : table.fields) names.push_back(f.spec.name);
    require_keys(object, table.object, names);
  }
  T c{};
  for (const Field<T>& f : table.fields) {
    const std::unique_ptr<ConfigValue> v = object.get(f.spec.name);
    const std::string path = table.prefix + f.spec.name;
    if (!v && f.spec.required)
      throw_type(path, "undefined",
                 "an integer in [" + describe_value(f.spec.min) + ", " + describe_value(f.spec.max) + "] (required)");
    f.apply(c, v.get(), path, f.spec, f.style);
  }
  if (table.finish) table.finish(c);
  return c;
}

template nn::NetworkConfig parse(const Table<nn::NetworkConfig>&, const ConfigValue&);
template TrainOptions parse(const Table<TrainOptions>&, const ConfigValue&);
template data::DatasetOptions parse(const Table<data::DatasetOptions>&, const ConfigValue&);
template graph::GcnConfig parse(const Table<graph::GcnConfig>&, const ConfigValue&);
template nn::BornDeadOptions parse(const Table<nn::BornDeadOptions>&, const ConfigValue&);

// ---- the exported schema ----

namespace {

template <class T>
Schema schema_of(const char* key, const Table<T>& table, Names names = {}) {
  Schema out;
  out.key = key;
  out.names = names;
  const T defaults{};
  for (const Field<T>& f : table.fields) out.fields.push_back({f.spec, f.read(defaults)});
  return out;
}

}  // namespace

const std::vector<Schema>& schemas() {
  static const std::vector<Schema> all = {
      schema_of("network", network_table()),
      schema_of("train", train_table()),
      schema_of("dataset", dataset_table(), data::kDatasetNames),
      schema_of("gcn", gcn_table()),
      schema_of("bornDead", born_dead_table()),
  };
  return all;
}

}  // namespace schema
}  // namespace alab
