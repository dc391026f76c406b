// One include for 128-bit SIMD. The kernels are written once against the
// WebAssembly SIMD intrinsics (wasm_simd128.h). Compiled by Emscripten they
// become wasm SIMD instructions; compiled natively, SIMDe maps the very same
// intrinsics onto SSE/NEON (or portable C), so native tests and sanitizers
// exercise the code that ships to the browser.
#pragma once

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#else
#define SIMDE_ENABLE_NATIVE_ALIASES
#include <simde/wasm/simd128.h>
#endif

#include <cstddef>
#include <cstdint>

namespace alab {

// Number of float lanes in one vector.
inline constexpr std::size_t kLanes = 4;

// Loads up to 4 floats (n < 4 allowed), filling the missing lanes with `fill`.
// Used for array tails so that every element goes through the same vector code,
// which keeps tails bit-identical to the body. Lane loads, not a copy through
// a stack array: a head or tail then costs a few instructions, not two memcpy
// calls (measurable on a 1 Ki relu).
inline v128_t load_partial(const float* p, std::size_t n, float fill = 0.0f) {
  const v128_t v = wasm_f32x4_splat(fill);
  switch (n) {
    case 0: return v;
    case 1: return wasm_v128_load32_lane(p, v, 0);
    case 2: return wasm_v128_load64_lane(p, v, 0);
    case 3: return wasm_v128_load32_lane(p + 2, wasm_v128_load64_lane(p, v, 0), 2);
    default: return wasm_v128_load(p);
  }
}

// Stores the first n (< 4) lanes of v.
inline void store_partial(float* p, v128_t v, std::size_t n) {
  switch (n) {
    case 0: return;
    case 1: wasm_v128_store32_lane(p, v, 0); return;
    case 2: wasm_v128_store64_lane(p, v, 0); return;
    case 3: wasm_v128_store64_lane(p, v, 0); wasm_v128_store32_lane(p + 2, v, 2); return;
    default: wasm_v128_store(p, v);
  }
}

// Loads / stores `lanes` floats: a full vector, or a padded tail.
inline v128_t load_lanes(const float* p, std::size_t lanes) {
  return lanes == kLanes ? wasm_v128_load(p) : load_partial(p, lanes);
}
inline void store_lanes(float* p, v128_t v, std::size_t lanes) {
  if (lanes == kLanes) wasm_v128_store(p, v); else store_partial(p, v, lanes);
}

// Calls body(i, lanes) for i = 0, 4, 8, ... with lanes = 4, then once for the
// tail with lanes = n % 4 (if any). Inlined, the full-vector calls see a
// constant `lanes` and compile to plain vector loads and stores.
template <class Body>
inline void for_each_vector(std::size_t n, Body&& body) {
  std::size_t i = 0;
  for (; i + kLanes <= n; i += kLanes) body(i, kLanes);
  if (i < n) body(i, n - i);
}

// Runs a vector function on lane 0 of a splat: the scalar form of a vector
// routine, bit-identical to the vector lanes on every platform.
template <class F>
inline float on_lane0(F&& f, float x) {
  return wasm_f32x4_extract_lane(f(wasm_f32x4_splat(x)), 0);
}

}  // namespace alab
