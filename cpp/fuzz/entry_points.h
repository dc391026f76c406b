// The fuzzed entry points, shared by the libFuzzer targets (cpp/fuzz/*_fuzzer.cpp)
// and the regression test (tests/native/fuzz_regression_test.cpp), so every
// kept input replays through exactly the code the fuzzer ran.
//
// Contract checked: input from outside either works or throws
// alab::InvalidArgument (which the bindings turn into a JS TypeError /
// RangeError naming the field). Any other exception, a crash, a sanitizer
// report or a broken round trip is a finding: check() aborts so that libFuzzer
// keeps the input.
//
// Input formats (plain bytes, so the corpus files are readable):
//   load_network:  the whole input is the text given to alab::load_network.
//   config:        first line selects the entry point, the rest is its JSON:
//                    "network\n{...}"           alab::create_network
//                    "params <activation>\n{...}" alab::run_activation on 8 values
//                    "dataset <name>\n{...}"     alab::make_dataset
//                    "borndead\n{...}"           alab::born_dead (bounded work)
//                  a first line matching none of these goes to create_network whole.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/catalogue_api.h"
#include "api/json/json_api.h"
#include "api/json/network_json.h"
#include "api/network_api.h"
#include "core/errors.h"

namespace alab::fuzz {

// Aborts with a message: libFuzzer and the regression test both see a crash.
[[noreturn]] inline void finding(const std::string& what) {
  std::fprintf(stderr, "FUZZ FINDING: %s\n", what.c_str());
  std::abort();
}

inline void check(bool ok, const std::string& what) {
  if (!ok) finding(what);
}

// Runs f; InvalidArgument (the API's only allowed failure) and bad_alloc (a
// request larger than memory, reported as RangeError) are fine; anything else
// escaping is a finding. An InvalidArgument must name a field. (The first
// libFuzzer run stopped here on {"":[]}: the field is the empty key, which the
// message names as ""; kept in regressions/config/ as empty-key.json.)
template <class F>
bool expect_valid_or_named_error(const char* entry, F&& f) {
  try {
    f();
    return true;
  } catch (const InvalidArgument& e) {
    // The field may be the empty key itself (config {"": 1}), named as "".
    const std::string message = e.what();
    check(!message.empty() && (!e.field().empty() || message.find("\"\"") != std::string::npos),
          std::string(entry) + ": InvalidArgument without a field: " + message);
  } catch (const std::bad_alloc&) {
  } catch (const std::exception& e) {
    finding(std::string(entry) + ": unexpected exception (not InvalidArgument): " + e.what());
  } catch (...) {
    finding(std::string(entry) + ": non-standard exception");
  }
  return false;
}

// load_network: on success, the network must round-trip bit-exactly through
// to_json/load_network and predict finite or NaN-free values on one sample.
inline void run_load_network(const uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::unique_ptr<nn::Network> net;
  if (!expect_valid_or_named_error("load_network", [&] { net = load_network(text); })) return;
  const std::string again = network_to_json(*net);
  std::unique_ptr<nn::Network> copy;
  check(expect_valid_or_named_error("load_network(to_json)", [&] { copy = load_network(again); }),
        "load_network rejects its own to_json output");
  check(copy->param_count() == net->param_count(), "round trip changed the parameter count");
  for (std::size_t i = 0; i < net->param_count(); ++i)
    check(copy->params()[i] == net->params()[i] || (std::isnan(copy->params()[i]) && std::isnan(net->params()[i])),
          "round trip changed weight " + std::to_string(i));
  check(copy->step() == net->step(), "round trip changed step");
  std::vector<float> x(static_cast<std::size_t>(net->inputs()), 0.5f);
  const std::vector<float> y = predict(*net, x);
  check(y.size() == static_cast<std::size_t>(net->outputs()), "predict returned the wrong number of outputs");
}

// Work bound for born_dead inside the fuzzer (trials · depth · width² · 101
// multiply-adds): valid but huge requests take hours; see docs/reliability.md.
inline bool born_dead_is_cheap(const std::string& json_text) {
  const nlohmann::json o = nlohmann::json::parse(json_text, nullptr, false);
  if (!o.is_object()) return true;  // rejected before any work
  const auto num = [&](const char* k, double dflt) {
    const auto it = o.find(k);
    return it != o.end() && it->is_number() ? std::fabs(it->get<double>()) : dflt;
  };
  return num("trials", 1000) * num("depth", 10) * num("width", 4) * num("width", 4) <= 2e6;
}

inline void run_config(const uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const std::size_t nl = input.find('\n');
  const std::string head = nl == std::string::npos ? "" : input.substr(0, nl);
  const std::string body = nl == std::string::npos ? input : input.substr(nl + 1);
  const auto word = [&](const std::string& prefix) {
    return head.compare(0, prefix.size(), prefix) == 0 ? head.substr(prefix.size()) : std::string("\x01");
  };
  if (head == "network") {
    expect_valid_or_named_error("create_network", [&] {
      const auto net = create_network(body);
      check(net->param_count() > 0, "a created network has no parameters");
      // The full config must read back as the same network.
      const auto again = create_network(config_to_json(net->config()).dump());
      check(again->param_count() == net->param_count(), "config_to_json round trip changed the network");
    });
  } else if (const std::string name = word("params "); name != "\x01") {
    const float x[8] = {-100.0f, -1.0f, -0.0f, 0.0f, 1e-30f, 1.0f, 88.0f, NAN};
    float y[8];
    expect_valid_or_named_error("run_activation", [&] {
      run_activation(KernelKind::Forward, name, x, y, 8, body);
      run_activation(KernelKind::Derivative, name, x, y, 8, body);
    });
  } else if (const std::string name = word("dataset "); name != "\x01") {
    expect_valid_or_named_error("make_dataset", [&] {
      const data::Dataset d = make_dataset(name, body);
      check(d.n_train() >= 1 && d.x.size() == d.y.size() * static_cast<std::size_t>(d.inputs), "dataset shapes disagree");
      for (float v : d.x) check(std::isfinite(v), "dataset has a non-finite coordinate");
    });
  } else if (head == "borndead") {
    if (!born_dead_is_cheap(body)) return;
    expect_valid_or_named_error("born_dead", [&] {
      const double p = born_dead(body).probability;
      check(p >= 0 && p <= 1, "born_dead probability outside [0, 1]");
    });
  } else {
    expect_valid_or_named_error("create_network", [&] { create_network(input); });
  }
}

}  // namespace alab::fuzz
