// The network file format at the native edge (tests, fuzzers, tools): the
// twin of web/lib/network-file.js. The text checks and the envelope are read
// here; the config, step and weights go to the same load_network as in wasm.
#include "api/json/network_json.h"

#include <cmath>
#include <limits>

#include "api/json/config_json.h"
#include "api/json/json_value.h"
#include "api/network_api.h"
#include "core/errors.h"

namespace alab {

using nlohmann::json;

namespace {

constexpr const char* kFormat = "activation-lab/network";
constexpr int kVersion = 1;
// The largest valid network has kMaxParameters (5,242,880) weights, at most
// about 80 MB of JSON (15 characters a weight). Larger texts are refused before
// parsing: nlohmann's DOM takes ~16 bytes a value plus vector growth, and a
// text of more values than any network has would exhaust the 1 GiB wasm heap.
constexpr std::size_t kMaxJsonBytes = 80u << 20;
constexpr long kMaxJsonValues = nn::kMaxParameters + 100000;
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

std::string network_to_json(const nn::Network& net) {
  json weights = json::array();
  const float* w = net.params();
  for (std::size_t i = 0; i < net.param_count(); ++i) weights.push_back(shortest_decimal(w[i]));
  const json j{{"format", kFormat}, {"version", kVersion}, {"config", config_to_json(net.config())},
               {"step", net.step()}, {"weights", weights}};
  return j.dump();
}

std::unique_ptr<nn::Network> load_network(const std::string& text) {
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
  return load_network(JsonValue(j["config"]), JsonValue(j["step"]), JsonValue(j["weights"]), nullptr);
}

nn::Network network_from_json(const std::string& text) { return std::move(*load_network(text)); }

}  // namespace alab
