// The network file {format, version, config, step, weights} as JSON text, for
// the native build (tests, fuzzers, tools). The wasm module reads and writes
// it in JS (web/lib/network-file.js) and hands C++ the parsed parts
// (network_api.h load_network). Floats are written as their shortest decimals,
// so a file reads back to the same bits.
#pragma once

#include <memory>
#include <string>

#include "nn/network.h"

namespace alab {

std::string network_to_json(const nn::Network& net);
// Validates everything (size <= 80 MiB, nesting, value count, fields, weights
// count and finiteness); throws InvalidArgument.
std::unique_ptr<nn::Network> load_network(const std::string& text);
nn::Network network_from_json(const std::string& text);

}  // namespace alab
