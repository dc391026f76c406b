// The lab's own seeded random generator: PCG32 (O'Neill 2014, "XSH RR"
// output of a 64-bit LCG) with uniform, normal and Beta(2,1) samplers.
//
// Why our own: std::*_distribution results are implementation-defined and
// libm's log differs in the last bits between glibc and Emscripten, so a run
// from one seed would differ between the native and the WebAssembly build.
// Here every operation is integer arithmetic or IEEE-exact float arithmetic
// (+, -, *, /, sqrt), and log comes from alab::vm (vector code, no libm):
// one seed gives the same numbers bit for bit on every platform.
#pragma once

#include <cmath>
#include <cstdint>

#include "simd.h"
#include "vmath.h"

namespace alab {

class Rng {
 public:
  // `stream` selects one of 2^63 independent sequences for the same seed
  // (e.g. one for weight initialisation, one per epoch shuffle).
  explicit Rng(uint64_t seed = 1, uint64_t stream = 0) {
    inc_ = (stream << 1u) | 1u;
    state_ = 0;
    next_u32();
    state_ += seed;
    next_u32();
  }

  // 32 uniformly distributed bits.
  uint32_t next_u32() {
    const uint64_t old = state_;
    state_ = old * 6364136223846793005ULL + inc_;
    const uint32_t xorshifted = static_cast<uint32_t>(((old >> 18u) ^ old) >> 27u);
    const uint32_t rot = static_cast<uint32_t>(old >> 59u);
    return (xorshifted >> rot) | (xorshifted << ((32u - rot) & 31u));
  }

  // Uniform in [0, 1): the top 24 bits, so every value is a multiple of 2^-24
  // and exactly representable as a float.
  float uniform() { return static_cast<float>(next_u32() >> 8) * 0x1.0p-24f; }

  // Uniform in [lo, hi).
  float uniform(float lo, float hi) { return lo + (hi - lo) * uniform(); }

  // Uniform integer in [0, n), unbiased (rejects the short last interval). n > 0.
  uint32_t below(uint32_t n) {
    const uint32_t threshold = (0u - n) % n;  // 2^32 mod n
    for (;;) {
      const uint32_t r = next_u32();
      if (r >= threshold) return r % n;
    }
  }

  // Standard normal by Marsaglia's polar method: (u, v) uniform in the unit
  // disc, s = u² + v², then u·√(−2 ln s / s) and v·√(−2 ln s / s) are two
  // independent N(0, 1) samples; the second is kept for the next call.
  float normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    float u, v, s;
    do {
      u = 2.0f * uniform() - 1.0f;  // exact: uniform() is a multiple of 2^-24
      v = 2.0f * uniform() - 1.0f;
      s = u * u + v * v;
    } while (s >= 1.0f || s == 0.0f);
    const float ln_s = on_lane0([](v128_t x) { return vm::log(x); }, s);
    const float factor = std::sqrt(-2.0f * ln_s / s);
    spare_ = v * factor;
    has_spare_ = true;
    return u * factor;
  }

  // N(mean, std²).
  float normal(float mean, float std) { return mean + std * normal(); }

  // Beta(2, 1) (density 2x on [0, 1]) by inversion: its CDF is x², so √U.
  float beta21() { return std::sqrt(uniform()); }

 private:
  uint64_t state_;
  uint64_t inc_;
  float spare_ = 0.0f;
  bool has_spare_ = false;
};

}  // namespace alab
