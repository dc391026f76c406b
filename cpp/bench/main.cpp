// Native Google Benchmark of the activation kernels and the trainer: the
// "native" column of docs/benchmarks.md (tests/bench/run.mjs runs this binary
// with --benchmark_format=json and divides the wasm timings by these).
#include <benchmark/benchmark.h>

BENCHMARK_MAIN();
