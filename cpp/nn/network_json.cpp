// Network::to_json / from_json: config + weights + step, round-tripping bit-exactly.
#include <cmath>
#include <limits>

#include "api/json/config_json.h"
#include "api/json_fields.h"
#include "core/errors.h"
#include "nn/network.h"

namespace alab::nn {

using nlohmann::json;

namespace {

constexpr const char* kFormat = "activation-lab/network";
constexpr int kVersion = 1;
// The largest valid network has kMaxParameters (5,242,880) weights, at most
// about 80 MB of JSON (15 characters a weight). Larger texts are refused before
// parsing: nlohmann's DOM takes ~16 bytes a value plus vector growth, and a
// text of more values than any network has would exhaust the 1 GiB wasm heap.
constexpr std::size_t kMaxJsonBytes = 80u << 20;
constexpr long kMaxJsonValues = kMaxParameters + 100000;
constexpr int kMaxNesting = 8;

[[noreturn]] void fail(const std::string& field, const std::string& message) {
  throw InvalidArgument(InvalidArgument::Kind::Range, field, "network JSON: " + message);
}

// Rejects deep nesting (nothing valid is deeper than 4) and more values than
// any valid network has, before parsing.
void check_shape(const std::string& text) {
  int depth = 0;
  long commas = 0;
  bool in_string = false, escaped = false;
  for (char ch : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (ch == '\\') escaped = true;
      else if (ch == '"') in_string = false;
    } else if (ch == '"') {
      in_string = true;
    } else if (ch == '[' || ch == '{') {
      if (++depth > kMaxNesting) fail("json", "nested deeper than " + std::to_string(kMaxNesting) + " levels");
    } else if (ch == ']' || ch == '}') {
      --depth;
    } else if (ch == ',' && ++commas > kMaxJsonValues) {
      fail("json", "has more than " + std::to_string(kMaxJsonValues) + " values; no valid network has that many");
    }
  }
}

}  // namespace

std::string Network::to_json() const {
  json weights = json::array();
  for (float w : params_) weights.push_back(shortest_decimal(w));
  const json j{{"format", kFormat}, {"version", kVersion}, {"config", alab::config_to_json(config_)}, {"step", step_},
               {"weights", weights}};
  return j.dump();
}

Network Network::from_json(const std::string& text) {
  if (text.size() > kMaxJsonBytes)
    fail("json", "too large (" + std::to_string(text.size()) + " bytes; at most 80 MiB)");
  check_shape(text);
  const json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) fail("json", "not valid JSON");
  if (!j.is_object()) fail("json", "must be an object {format, version, config, step, weights}");
  for (auto it = j.begin(); it != j.end(); ++it)
    if (it.key() != "format" && it.key() != "version" && it.key() != "config" && it.key() != "step" &&
        it.key() != "weights")
      fail(printable_key(it.key()), printable_key(it.key()) + ": unknown field \"" + printable_key(it.key()) + "\"; allowed: format, version, config, step, weights");
  for (const char* key : {"format", "version", "config", "step", "weights"})
    if (!j.contains(key)) fail(key, std::string(key) + ": missing field \"" + key + "\"");
  if (j["format"] != kFormat) fail("format", std::string("format must be \"") + kFormat + "\"; got " + j["format"].dump());
  if (j["version"] != kVersion) fail("version", "version must be 1; got " + j["version"].dump());

  NetworkConfig config;
  try {
    config = alab::parse_config(j["config"]);
  } catch (const InvalidArgument& e) {
    throw InvalidArgument(e.kind(), "config." + e.field(), std::string("network JSON: config.") + e.what());
  }
  const int64_t step = json_fields::integer_in(j["step"], "step", 0, 1LL << 40, schema::Style::network);
  const json& w = j["weights"];
  if (!w.is_array()) fail("weights", "weights must be an array of numbers");
  Network net(config);
  if (w.size() != net.param_count())
    fail("weights", "weights must have " + std::to_string(net.param_count()) + " numbers for this config; got " +
                        std::to_string(w.size()));
  std::vector<float> values(w.size());
  for (std::size_t i = 0; i < w.size(); ++i) {
    const std::string field = "weights[" + std::to_string(i) + "]";
    const double v = json_fields::number(w[i], field, schema::Style::network);
    if (!(std::fabs(v) <= std::numeric_limits<float>::max()))
      throw_range(field, describe_value(v), "a finite float");
    values[i] = static_cast<float>(v);
  }
  net.set_weights(values.data(), values.size());
  net.step_ = step;
  return net;
}

}  // namespace alab::nn
