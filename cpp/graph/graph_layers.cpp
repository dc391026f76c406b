// Graph convolution layers (see graph_layers.h). Plain scalar loops in one
// fixed order: the graphs of the lab are small, and fixed order is what makes
// native and WebAssembly agree bit for bit.
#include "graph/graph_layers.h"

#include <algorithm>
#include <cstring>

namespace alab::graph {
namespace {

inline long at(int row, int cols) { return static_cast<long>(row) * cols; }

// y = 2·S·x − y_prev, the Chebyshev step. y may be y_prev (each element reads
// its own y_prev entry before writing it) but not x.
void cheb_step(const SparseMatrix& s, const float* x, const float* y_prev, float* y, int cols) {
  for (int i = 0; i < s.n; ++i) {
    float* yi = y + at(i, cols);
    const float* pi = y_prev + at(i, cols);
    for (int c = 0; c < cols; ++c) {
      float acc = 0.0f;
      for (int k = s.row_ptr[i]; k < s.row_ptr[i + 1]; ++k) acc += s.val[k] * x[at(s.col[k], cols) + c];
      yi[c] = 2.0f * acc - pi[c];
    }
  }
}

// dw (out, in) += dzᵀ (n, out) · x (n, in), summed over nodes in order.
void accumulate_weight_grad(const float* dz, const float* x, float* dw, int n, int in, int out) {
  for (int o = 0; o < out; ++o)
    for (int k = 0; k < in; ++k) {
      float acc = 0.0f;
      for (int i = 0; i < n; ++i) acc += dz[at(i, out) + o] * x[at(i, in) + k];
      dw[at(o, in) + k] += acc;
    }
}

void accumulate_bias_grad(const float* dz, float* db, int n, int out) {
  for (int o = 0; o < out; ++o) {
    float acc = 0.0f;
    for (int i = 0; i < n; ++i) acc += dz[at(i, out) + o];
    db[o] += acc;
  }
}

// y (n, in) = dz (n, out) · w (out, in).
void matmul_nn(const float* dz, const float* w, float* y, int n, int in, int out) {
  for (int i = 0; i < n; ++i)
    for (int k = 0; k < in; ++k) {
      float acc = 0.0f;
      for (int o = 0; o < out; ++o) acc += dz[at(i, out) + o] * w[at(o, in) + k];
      y[at(i, in) + k] = acc;
    }
}

}  // namespace

void matmul_nt(const float* x, const float* w, float* y, int n, int in, int out) {
  for (int i = 0; i < n; ++i)
    for (int o = 0; o < out; ++o) {
      float acc = 0.0f;
      const float* xi = x + at(i, in);
      const float* wo = w + at(o, in);
      for (int k = 0; k < in; ++k) acc += xi[k] * wo[k];
      y[at(i, out) + o] = acc;
    }
}

void gcn_forward(const SparseMatrix& a_hat, const float* h, const float* w, const float* b, float* xw, float* z, int n,
                 int in, int out) {
  matmul_nt(h, w, xw, n, in, out);
  spmm(a_hat, xw, z, out);
  for (int i = 0; i < n; ++i)
    for (int o = 0; o < out; ++o) z[at(i, out) + o] += b[o];
}

void gcn_backward(const SparseMatrix& a_hat, const float* h, const float* w, const float* dz, float* g, float* dw,
                  float* db, float* dh, int n, int in, int out) {
  spmm(a_hat, dz, g, out);
  accumulate_weight_grad(g, h, dw, n, in, out);
  accumulate_bias_grad(dz, db, n, out);
  if (dh) matmul_nn(g, w, dh, n, in, out);
}

void cheb_forward(const SparseMatrix& l_scaled, const float* h, const float* theta, const float* b, float* tx, float* z,
                  float* scratch, int n, int in, int out, int order) {
  const long block = at(n, in);
  std::memcpy(tx, h, sizeof(float) * block);
  if (order >= 1) spmm(l_scaled, h, tx + block, in);
  for (int k = 2; k <= order; ++k) cheb_step(l_scaled, tx + (k - 1) * block, tx + (k - 2) * block, tx + k * block, in);
  for (int i = 0; i < n; ++i)
    for (int o = 0; o < out; ++o) z[at(i, out) + o] = b[o];
  for (int k = 0; k <= order; ++k) {
    matmul_nt(tx + k * block, theta + k * at(out, in), scratch, n, in, out);
    for (long e = 0; e < at(n, out); ++e) z[e] += scratch[e];
  }
}

void cheb_backward(const SparseMatrix& l_scaled, const float* tx, const float* theta, const float* dz, float* dtheta,
                   float* db, float* dh, float* scratch, int n, int in, int out, int order) {
  const long block = at(n, in);
  for (int k = 0; k <= order; ++k) accumulate_weight_grad(dz, tx + k * block, dtheta + k * at(out, in), n, in, out);
  accumulate_bias_grad(dz, db, n, out);
  if (!dh) return;
  float* g = scratch;             // g_k = dz · Θ_k
  float* b1 = scratch + block;    // b_{k+1}
  float* b2 = scratch + 2 * block;  // b_{k+2}
  float* lb = scratch + 3 * block;
  std::fill(b1, b1 + block, 0.0f);
  std::fill(b2, b2 + block, 0.0f);
  for (int k = order; k >= 1; --k) {
    matmul_nn(dz, theta + k * at(out, in), g, n, in, out);
    spmm(l_scaled, b1, lb, in);
    // b_k = g_k + 2 L̃ b_{k+1} − b_{k+2}; then shift (b2 ← b1, b1 ← b_k).
    for (long e = 0; e < block; ++e) {
      const float bk = g[e] + 2.0f * lb[e] - b2[e];
      b2[e] = b1[e];
      b1[e] = bk;
    }
  }
  matmul_nn(dz, theta, g, n, in, out);
  spmm(l_scaled, b1, lb, in);
  for (long e = 0; e < block; ++e) dh[e] = g[e] + lb[e] - b2[e];
}

void chebyshev_filter(const SparseMatrix& l_scaled, const float* x, const float* coefficients, int order, float* y,
                      float* scratch, int cols) {
  const long block = at(l_scaled.n, cols);
  float* prev = scratch;           // T_{k−1} x
  float* cur = scratch + block;    // T_k x
  std::memcpy(prev, x, sizeof(float) * block);
  for (long e = 0; e < block; ++e) y[e] = coefficients[0] * x[e];
  if (order == 0) return;
  spmm(l_scaled, x, cur, cols);
  for (long e = 0; e < block; ++e) y[e] += coefficients[1] * cur[e];
  for (int k = 2; k <= order; ++k) {
    cheb_step(l_scaled, cur, prev, prev, cols);  // prev ← 2L̃·cur − prev = T_k x
    std::swap(prev, cur);
    for (long e = 0; e < block; ++e) y[e] += coefficients[k] * cur[e];
  }
}

}  // namespace alab::graph
