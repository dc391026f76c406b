// Graph convolution layers, forward and backward side by side. The
// activation is applied by the caller (any catalogue kernel over the whole
// (n, out) matrix); these compute the pre-activation z and its gradients.
//
//   GCN (Kipf & Welling 2017)     z = Â · h · Wᵀ + b
//   Chebyshev (Defferrard 2016)   z = Σ_{k=0..K} T_k(L̃) · h · Θ_kᵀ + b,
//                                 T_0 x = x, T_1 x = L̃x, T_k x = 2L̃ T_{k−1}x − T_{k−2}x
//
// A Chebyshev layer of order K is a degree-K polynomial of L̃, so node i's
// output depends on nodes at most K hops away (K + 1 weight matrices). The
// GCN layer is its first-order form with Θ_0 = −Θ_1 tied and λmax = 2, plus
// the renormalisation trick (self-loops in Â).
//
// Shapes are trailing comments; matrices are node-major row-major (graph.h).
// Backward functions accumulate (+=) into weight and bias gradients and
// overwrite the input gradient (skipped when it is nullptr). Every sum runs in
// a fixed order: results are bit-identical natively and in WebAssembly.
#pragma once

#include "graph/graph.h"

namespace alab::graph {

// y (n, out) = x (n, in) · wᵀ, w (out, in).
void matmul_nt(const float* x, const float* w, float* y, int n, int in, int out);

// xw (n, out) = h · wᵀ (kept for nothing but scratch); z (n, out) = Â · xw + b.
void gcn_forward(const SparseMatrix& a_hat,
                 const float* h,   // (n, in)
                 const float* w,   // (out, in)
                 const float* b,   // (out)
                 float* xw,        // (n, out) scratch
                 float* z,         // (n, out)
                 int n, int in, int out);

// Given dz = dL/dz: g = Â·dz (Â is symmetric); dw += gᵀ·h; db += Σ_i dz_i;
// dh = g·w.
void gcn_backward(const SparseMatrix& a_hat,
                  const float* h,    // (n, in)
                  const float* w,    // (out, in)
                  const float* dz,   // (n, out)
                  float* g,          // (n, out) scratch
                  float* dw,         // (out, in)  +=
                  float* db,         // (out)      +=
                  float* dh,         // (n, in)    = (or nullptr)
                  int n, int in, int out);

// tx receives T_k(L̃)·h for k = 0..K (kept for the backward pass);
// z = Σ_k tx_k · Θ_kᵀ + b, summed k = 0, 1, ..., K.
void cheb_forward(const SparseMatrix& l_scaled,
                  const float* h,       // (n, in)
                  const float* theta,   // (K + 1, out, in)
                  const float* b,       // (out)
                  float* tx,            // (K + 1, n, in)
                  float* z,             // (n, out)
                  float* scratch,       // (n, out)
                  int n, int in, int out, int order);

// dΘ_k += dzᵀ · tx_k; db += Σ_i dz_i; dh = Σ_k T_k(L̃) (dz · Θ_k), the sum by
// Clenshaw's recurrence (b_k = g_k + 2L̃ b_{k+1} − b_{k+2}, dh = g_0 + L̃ b_1 − b_2),
// which uses L̃ = L̃ᵀ.
void cheb_backward(const SparseMatrix& l_scaled,
                   const float* tx,      // (K + 1, n, in)
                   const float* theta,   // (K + 1, out, in)
                   const float* dz,      // (n, out)
                   float* dtheta,        // (K + 1, out, in)  +=
                   float* db,            // (out)             +=
                   float* dh,            // (n, in)           = (or nullptr)
                   float* scratch,       // (4, n, in)
                   int n, int in, int out, int order);

// y (n, cols) = Σ_{k=0..K} c_k T_k(L̃) x: a spectral filter h(λ) = Σ c_k T_k(2λ/λmax − 1)
// applied without the eigenvectors. scratch (2, n, cols).
void chebyshev_filter(const SparseMatrix& l_scaled, const float* x, const float* coefficients, int order, float* y,
                      float* scratch, int cols);

}  // namespace alab::graph
