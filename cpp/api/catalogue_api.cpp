#include "catalogue_api.h"

#include <algorithm>

#include "api/config_schema.h"
#include "core/errors.h"
#include "core/properties.h"

namespace alab {

using schema::Style;

const ActivationInfo& require_activation(const std::string& name, const std::string& field) {
  const ActivationInfo* info = find_activation(name);
  if (info == nullptr)
    throw InvalidArgument(InvalidArgument::Kind::Range, field,
                          field + " must be one of " + activation_names() + "; got \"" + name.substr(0, 40) + "\"");
  return *info;
}

ActivationParams parse_activation_params(const ActivationInfo& info, const ConfigValue* params, const std::string& field) {
  ActivationParams p = default_params(info);
  if (params == nullptr || params->is(ConfigValue::Kind::null)) return p;
  const bool random = info.id == Activation::rrelu;
  // The keys this activation accepts, for the unknown-field message.
  std::vector<const char*> allowed;
  for (std::size_t k = 0; k < info.param_count; ++k) allowed.push_back(info.params[k].name);
  if (random) { allowed.push_back("training"); allowed.push_back("seed"); }
  if (!params->is(ConfigValue::Kind::object)) throw_type(field, schema::shown(*params, Style::options), "an object");
  // Keys in sorted order, as the JSON text this replaced was read.
  std::vector<std::string> keys = params->keys();
  std::sort(keys.begin(), keys.end());
  for (const std::string& raw_key : keys) {
    const std::unique_ptr<ConfigValue> value = params->get(raw_key);
    const ConfigValue& given = *value;
    const std::string key = printable_key(raw_key);
    const std::string name = field + "." + key;
    bool known = false;
    for (const char* a : allowed) known = known || key == a;
    if (!known) {
      std::string list;
      for (const char* a : allowed) list += list.empty() ? a : std::string(", ") + a;
      throw InvalidArgument(InvalidArgument::Kind::Range, name,
                            field + "." + key + ": unknown parameter \"" + key + "\" for " + info.name +
                                "; allowed: " + (list.empty() ? "none" : list));
    }
    if (key == "training") { p.training = schema::read_boolean(given, name, Style::options); continue; }
    if (key == "seed") { p.seed = static_cast<uint32_t>(schema::read_integer_in(given, name, 0, 4294967295LL, Style::options)); continue; }
    for (std::size_t k = 0; k < info.param_count; ++k) {
      const ParamSpec& s = info.params[k];
      if (key != s.name) continue;
      const float v = static_cast<float>(schema::read_number_in(given, name, s.min_value, s.max_value, Style::options));
      if (key == "alpha") p.alpha = v;
      if (key == "lower") p.lower = v;
      if (key == "upper") p.upper = v;
    }
  }
  validate_params(info, p, field + ".");
  return p;
}

void run_activation(KernelKind kind, const std::string& name, const float* x, float* y, std::size_t n,
                    const ConfigValue* params) {
  const ActivationInfo& info = require_activation(name);
  if (n > kMaxKernelElements) throw_range("x.length", n, "at most " + std::to_string(kMaxKernelElements));
  const ActivationParams p = parse_activation_params(info, params);
  (kind == KernelKind::Forward ? info.forward : info.derivative)(x, y, n, p);
}

PreparedKernel prepare_kernel(const std::string& name, const ConfigValue* params) {
  const ActivationInfo& info = require_activation(name);
  return {&info, parse_activation_params(info, params)};
}

bool apply_prepared(bool derivative, int id, const ActivationParams& p, const float* x, float* y, std::size_t n) {
  if (id < 0 || static_cast<std::size_t>(id) >= kActivationCount || n > kMaxKernelElements) return false;
  const ActivationInfo& info = activation_table()[static_cast<std::size_t>(id)];
  if (!params_valid(info, p)) return false;
  (derivative ? info.derivative : info.forward)(x, y, n, p);
  return true;
}

std::vector<float> non_differentiable_at(const ActivationProperties& pr) {
  std::vector<float> all = pr.kinks;
  all.insert(all.end(), pr.jumps.begin(), pr.jumps.end());
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  return all;
}

ActivationProperties catalogue_properties(const ActivationInfo& info) {
  return measure_properties(info, default_params(info));
}

}  // namespace alab
