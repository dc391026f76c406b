// Dense (fully connected) layer kernels, forward and backward side by side.
//
// Batches are stored feature-major: a layer's activations are a matrix
// (units, ld) whose row j holds unit j for every sample of the batch, so the
// SIMD lanes run over samples and one weight is splatted per multiply-add.
// `cols` (a multiple of 4, <= ld) columns are processed; padding columns must
// hold finite values (the network keeps them at 0).
//
// Every output element is reduced in one fixed order (bias first, then inputs
// k = 0, 1, ...; batch reductions as four lane sums combined (l0 + l1) + (l2 + l3)),
// independent of blocking, so results are bit-identical natively and in wasm.
#pragma once

namespace alab::nn {

// z (out, ld) = w (out, in) · a (in, ld) + b (out), for columns [0, cols).
void dense_forward(const float* a, const float* w, const float* b, float* z, int in, int out, int cols, int ld);

// Given dz (out, ld) = dL/dz:
//   dw (out, in) += dz · aᵀ;   db (out) += row sums of dz;
//   da (in, ld)   = wᵀ · dz (overwritten; skipped when da is nullptr).
void dense_backward(const float* a, const float* w, const float* dz, float* dw, float* db, float* da, int in,
                    int out, int cols, int ld);

// Σ_c x[c] · y[c] over cols (a multiple of 4) in the fixed lane order above.
float dot_columns(const float* x, const float* y, int cols);

}  // namespace alab::nn
