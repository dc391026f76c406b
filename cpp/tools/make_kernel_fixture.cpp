// Writes the cross-build fixture tests/fixtures/kernels.json from the NATIVE
// build: for every activation (and rrelu in training mode), the FNV-1a 64-bit
// hash of the output bits of forward and derivative over the dense sweep
// (every float bit pattern with stride 4099, NaNs included; NaN outputs
// hashed canonically), plus 64 explicit
// input/output pairs for readable diffs. The Node suite recomputes both with
// the WebAssembly build and requires bit-for-bit equality.
//
//   build/native/make_kernel_fixture > tests/fixtures/kernels.json
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <vector>

#include "core/activations.h"

namespace {

constexpr uint32_t kStride = 4099;

// NaN results are hashed as one canonical pattern: IEEE 754 leaves NaN sign
// and payload unspecified, and x86 and WebAssembly do pick different ones.
uint64_t fnv1a(const std::vector<float>& v) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (float f : v) {
    uint32_t bits = 0x7fc00000u;
    if (f == f) std::memcpy(&bits, &f, 4);
    for (int b = 0; b < 4; ++b) {
      h ^= (bits >> (8 * b)) & 0xffu;
      h *= 0x100000001b3ULL;
    }
  }
  return h;
}

uint32_t bits_of(float f) {
  uint32_t b;
  std::memcpy(&b, &f, 4);
  return b;
}

}  // namespace

int main() {
  std::vector<float> sweep;
  for (uint64_t b = 0; b <= 0xffffffffULL; b += kStride) {
    float f;
    const uint32_t u = static_cast<uint32_t>(b);
    std::memcpy(&f, &u, 4);
    sweep.push_back(f);
  }
  std::vector<float> sample;
  for (int i = 0; i < 64; ++i) sample.push_back(-16.0f + 0.5f * static_cast<float>(i) + 0.125f);

  std::printf("{\n  \"stride\": %u,\n  \"count\": %zu,\n  \"sampleInputs\": [", kStride, sweep.size());
  for (std::size_t i = 0; i < sample.size(); ++i) std::printf("%s%" PRIu32, i ? ", " : "", bits_of(sample[i]));
  std::printf("],\n  \"cases\": [\n");
  bool first = true;
  for (const alab::ActivationInfo& info : alab::activation_table()) {
    for (int training = 0; training < (info.id == alab::Activation::rrelu ? 2 : 1); ++training) {
      alab::ActivationParams p = alab::default_params(info);
      p.training = training == 1;
      p.seed = 2024;
      std::vector<float> y(sweep.size()), d(sweep.size()), ys(sample.size()), ds(sample.size());
      info.forward(sweep.data(), y.data(), sweep.size(), p);
      info.derivative(sweep.data(), d.data(), sweep.size(), p);
      info.forward(sample.data(), ys.data(), sample.size(), p);
      info.derivative(sample.data(), ds.data(), sample.size(), p);
      std::printf("%s    {\"name\": \"%s\", \"params\": {\"training\": %s, \"seed\": 2024}, ", first ? "" : ",\n", info.name,
                  training ? "true" : "false");
      if (info.id != alab::Activation::rrelu) std::printf("\"noParams\": true, ");
      std::printf("\"forwardHash\": \"%016" PRIx64 "\", \"derivativeHash\": \"%016" PRIx64 "\",\n", fnv1a(y), fnv1a(d));
      std::printf("     \"sampleForward\": [");
      for (std::size_t i = 0; i < ys.size(); ++i) std::printf("%s%" PRIu32, i ? ", " : "", bits_of(ys[i]));
      std::printf("],\n     \"sampleDerivative\": [");
      for (std::size_t i = 0; i < ds.size(); ++i) std::printf("%s%" PRIu32, i ? ", " : "", bits_of(ds[i]));
      std::printf("]}");
      first = false;
    }
  }
  std::printf("\n  ]\n}\n");
  return 0;
}
