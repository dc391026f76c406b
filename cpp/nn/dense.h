// Dense (fully connected) layer kernels, forward and backward side by side.
//
// Batches are stored feature-major: a layer's activations are a matrix
// (units, ld) whose row j holds unit j for every sample of the batch, so the
// SIMD lanes run over samples and one weight is splatted per multiply-add.
// Columns [0, n) are the samples; ld >= n is the row stride, any value: the
// training step packs its rows (ld = n, so that the activation functions see
// no padding), evaluation passes pad them to a multiple of 4.
//
// The kernels work in whole vectors: row j is read as round4(n) columns from
// j·ld, so up to 3 floats past column n - 1 are read (the next row, or, after
// the last row, slack that the caller allocates). Lanes past n are computed
// and never stored: every product writes exactly columns [0, n) of each row,
// and every sum over the batch masks them out, so whatever they hold (even
// Inf or NaN) affects no result.
//
// Every output element is reduced in one fixed order (bias first, then inputs
// k = 0, 1, ...; batch reductions as four lane sums combined (l0 + l1) + (l2 + l3),
// lane l summing columns c ≡ l mod 4 in order), independent of blocking, of
// ld and of n's rounding, so results are bit-identical natively and in wasm.
#pragma once

#include "core/simd.h"

namespace alab::nn {

// z (out, ld) = w (out, in) · a (in, ld) + b (out), for columns [0, n).
void dense_forward(const float* a, const float* w, const float* b, float* z, int in, int out, int n, int ld);

// Given dz (out, ld) = dL/dz:
//   dw (out, in) += dz · aᵀ;   db (out) += row sums of dz;
//   da (in, ld)   = wᵀ · dz (columns [0, n) overwritten; skipped when da is nullptr).
void dense_backward(const float* a, const float* w, const float* dz, float* dw, float* db, float* da, int in,
                    int out, int n, int ld);

// Σ_c x[c] · y[c] over c < n, in the fixed lane order above (x and y are
// read in whole vectors; lanes past n are masked).
float dot_columns(const float* x, const float* y, int n);

// Stores the first `lanes` (1..4) floats of v at p: the last vector of a
// packed row, whose other lanes belong to the next row.
inline void store_first_lanes(float* p, v128_t v, int lanes) {
  switch (lanes) {
    case 1: wasm_v128_store32_lane(p, v, 0); break;
    case 2: wasm_v128_store64_lane(p, v, 0); break;
    case 3:
      wasm_v128_store64_lane(p, v, 0);
      wasm_v128_store32_lane(p + 2, v, 2);
      break;
    default: wasm_v128_store(p, v); break;
  }
}

// All-ones in the first `lanes` (0..4) lanes, zero in the others.
inline v128_t first_lanes_mask(int lanes) {
  return wasm_i32x4_lt(wasm_i32x4_make(0, 1, 2, 3), wasm_i32x4_splat(lanes));
}

}  // namespace alab::nn
