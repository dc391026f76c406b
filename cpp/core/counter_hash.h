// Counter-based random numbers for SIMD kernels.
//
// A kernel that needs one random number per element (RReLU's slopes) cannot
// carry a sequential generator state through vector lanes without making the
// result depend on how the array is split. Instead each element i gets
// hash(key, i): the same value whichever lane, tail or thread computes it, and
// identical natively and in WebAssembly because it uses only 32-bit integer ops.
#pragma once

#include <cstdint>

#include "simd.h"

namespace alab {

// 32-bit avalanche mix (the "lowbias32" xorshift-multiply constants found by
// Chris Wellons' hash prospector): every input bit affects every output bit.
inline uint32_t mix32(uint32_t h) {
  h ^= h >> 16;
  h *= 0x7feb352dU;
  h ^= h >> 15;
  h *= 0x846ca68bU;
  h ^= h >> 16;
  return h;
}

// Lane-wise 32-bit multiply modulo 2^32. WebAssembly's i32x4.mul wraps; SIMDe
// implements it natively with *signed* lane products, whose overflow is
// undefined behaviour in C++ (and reported by UBSan), so natively the lanes
// are multiplied as unsigned integers: the same bits, defined behaviour.
inline v128_t mul_wrapping(v128_t a, v128_t b) {
#if defined(__wasm_simd128__)
  return wasm_i32x4_mul(a, b);
#else
  uint32_t x[4], y[4];
  wasm_v128_store(x, a);
  wasm_v128_store(y, b);
  for (int i = 0; i < 4; ++i) x[i] *= y[i];
  return wasm_v128_load(x);
#endif
}

inline v128_t mix32(v128_t h) {
  h = wasm_v128_xor(h, wasm_u32x4_shr(h, 16));
  h = mul_wrapping(h, wasm_i32x4_splat(0x7feb352d));
  h = wasm_v128_xor(h, wasm_u32x4_shr(h, 15));
  h = mul_wrapping(h, wasm_i32x4_splat(static_cast<int32_t>(0x846ca68bU)));
  h = wasm_v128_xor(h, wasm_u32x4_shr(h, 16));
  return h;
}

// Uniform float in [0, 1) from element counters: 24 high bits of the mixed
// (key, counter) pair, so every value is an exact multiple of 2^-24.
inline v128_t counter_uniform(uint32_t key, v128_t counter) {
  v128_t h = mix32(wasm_v128_xor(mix32(counter), wasm_i32x4_splat(static_cast<int32_t>(mix32(key ^ 0x9e3779b9U)))));
  v128_t top24 = wasm_u32x4_shr(h, 8);
  return wasm_f32x4_mul(wasm_f32x4_convert_i32x4(top24), wasm_f32x4_splat(0x1.0p-24f));
}

inline float counter_uniform(uint32_t key, uint32_t counter) {
  uint32_t h = mix32(mix32(counter) ^ mix32(key ^ 0x9e3779b9U));
  return static_cast<float>(h >> 8) * 0x1.0p-24f;
}

// Lane counters {base, base+1, base+2, base+3}.
inline v128_t lane_counters(uint32_t base) {
  return wasm_i32x4_add(wasm_i32x4_splat(static_cast<int32_t>(base)), wasm_i32x4_make(0, 1, 2, 3));
}

}  // namespace alab
