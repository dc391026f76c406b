// Kernels, registered from the registry: forward/<name>/<n> and
// derivative/<name>/<n> for every activation of activation_table(), at the
// sizes of the JS suite (1 Ki: cache-resident, 1 Mi: memory-bound), plus
// copy/memcpy/<n>, the memory-bound limit. Inputs are uniform in [-6, 6]
// from the same generator as tests/bench/kernels.mjs.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "core/activations.h"

namespace {

constexpr std::size_t kSizes[] = {1024, 1u << 20};

std::vector<float> bench_input(std::size_t n, uint32_t seed = 12345) {
  std::vector<float> x(n);
  uint32_t s = seed;
  for (auto& v : x) {
    s = s * 1664525u + 1013904223u;
    v = static_cast<float>(static_cast<double>(s) / 4294967296.0 * 12.0 - 6.0);
  }
  return x;
}

void run_kernel(benchmark::State& state, alab::ArrayKernel kernel, const alab::ActivationParams params, std::size_t n) {
  const std::vector<float> x = bench_input(n);
  std::vector<float> y(n);
  for (auto _ : state) {
    kernel(x.data(), y.data(), n, params);
    benchmark::DoNotOptimize(y.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * n));
}

void run_copy(benchmark::State& state, std::size_t n) {
  const std::vector<float> x = bench_input(n);
  std::vector<float> y(n);
  for (auto _ : state) {
    std::memcpy(y.data(), x.data(), n * sizeof(float));
    benchmark::DoNotOptimize(y.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * n));
}

const bool registered = [] {
  for (const std::size_t n : kSizes) {
    for (const alab::ActivationInfo& info : alab::activation_table()) {
      const alab::ActivationParams p = alab::default_params(info);
      benchmark::RegisterBenchmark(("forward/" + std::string(info.name) + "/" + std::to_string(n)).c_str(),
                                   run_kernel, info.forward, p, n);
      benchmark::RegisterBenchmark(("derivative/" + std::string(info.name) + "/" + std::to_string(n)).c_str(),
                                   run_kernel, info.derivative, p, n);
    }
    benchmark::RegisterBenchmark(("copy/memcpy/" + std::to_string(n)).c_str(), run_copy, n);
  }
  return true;
}();

}  // namespace
