// Dense layer kernels (see dense.h). The products z = w·a and da = wᵀ·dz are
// one register-blocked kernel: R rows by V vectors (4V columns) of the result
// stay in registers while the reduction runs, each loaded vector is shared by
// the R rows and each splatted weight by the V vectors. The reduction order
// of every element (init, then terms t = 0, 1, ...) does not depend on the
// blocking, so results are the same bits for any R, V, n. Only columns
// [0, n) are stored (the last vector of a row partially).
#include "nn/dense.h"

#include "core/simd.h"

namespace alab::nn {
namespace {

inline float lane_sum(v128_t v) {
  return (wasm_f32x4_extract_lane(v, 0) + wasm_f32x4_extract_lane(v, 1)) +
         (wasm_f32x4_extract_lane(v, 2) + wasm_f32x4_extract_lane(v, 3));
}

inline v128_t madd(v128_t acc, v128_t w, const float* p) {
  return wasm_f32x4_add(acc, wasm_f32x4_mul(w, wasm_v128_load(p)));
}

// C[r][c..c+4V) = init[r] + Σ_t coef[r·cr + t·ct] · B[t][c..c+4V) for r < R,
// t < terms; rows of B and C are ld floats apart; init nullptr means 0.
struct Product {
  const float* coef;
  long cr, ct;
  const float* B;
  const float* init;
  float* C;
  int terms, ld;
};

// The last of the V vectors stores its first `last` lanes (1..4) only.
template <int R, int V>
inline void product_block(const Product& p, int r0, int c, int last) {
  v128_t acc[R][V];
  for (int r = 0; r < R; ++r) {
    const v128_t i = wasm_f32x4_splat(p.init ? p.init[r0 + r] : 0.0f);
    for (int v = 0; v < V; ++v) acc[r][v] = i;
  }
  // Row t of B and the coefficients of term t, advanced by one term per
  // iteration (pointer steps instead of index products in the inner loop).
  const float* bt = p.B + c;
  const float* coef = p.coef + static_cast<long>(r0) * p.cr;
  for (int t = 0; t < p.terms; ++t, bt += p.ld, coef += p.ct) {
    v128_t b[V];
    for (int v = 0; v < V; ++v) b[v] = wasm_v128_load(bt + 4 * v);
    for (int r = 0; r < R; ++r) {
      const v128_t w = wasm_f32x4_splat(coef[r * p.cr]);
      for (int v = 0; v < V; ++v) acc[r][v] = wasm_f32x4_add(acc[r][v], wasm_f32x4_mul(w, b[v]));
    }
  }
  float* out = p.C + static_cast<long>(r0) * p.ld + c;
  for (int r = 0; r < R; ++r, out += p.ld) {
    for (int v = 0; v + 1 < V; ++v) wasm_v128_store(out + 4 * v, acc[r][v]);
    store_first_lanes(out + 4 * (V - 1), acc[r][V - 1], last);
  }
}

// Rows per block for a block of V vectors: R·V accumulators, V loaded vectors,
// a splatted weight and a product must fit the 16 vector registers of x86
// (V8 and SSE), and the more rows share each loaded vector the fewer loads
// per multiply-add (narrow batches such as Playground's 12 columns: 3 rows).
template <int V>
inline constexpr int kRowsFor = V >= 4 ? 2 : V == 3 ? 3 : 4;

// Columns [c, c + 4V) of every row, the last vector's first `last` lanes.
template <int V>
inline void product_columns(const Product& p, int rows, int c, int last) {
  constexpr int R = kRowsFor<V>;
  int r = 0;
  for (; r + R <= rows; r += R) product_block<R, V>(p, r, c, last);
  if constexpr (R > 2)
    for (; r + 2 <= rows; r += 2) product_block<2, V>(p, r, c, last);
  for (; r < rows; ++r) product_block<1, V>(p, r, c, last);
}

void product(const Product& p, int rows, int n) {
  // Blocks of 16 full columns, two rows at a time (each pair streams B once),
  // then the last 1 to 15 columns (1 to 4 vectors, the last one possibly
  // partial) with as many rows per block as registers allow.
  const int wide = n & ~15;
  if (wide > 0) {
    int r = 0;
    for (; r + 2 <= rows; r += 2)
      for (int c = 0; c < wide; c += 16) product_block<2, 4>(p, r, c, 4);
    if (r < rows)
      for (int c = 0; c < wide; c += 16) product_block<1, 4>(p, r, c, 4);
  }
  const int rest = n - wide;  // 0..15
  const int last = rest - ((rest - 1) & ~3);  // lanes of the last vector, 1..4
  switch ((rest + 3) / 4) {
    case 4: product_columns<4>(p, rows, wide, last); break;
    case 3: product_columns<3>(p, rows, wide, last); break;
    case 2: product_columns<2>(p, rows, wide, last); break;
    case 1: product_columns<1>(p, rows, wide, last); break;
    default: break;
  }
}

}  // namespace

void dense_forward(const float* a, const float* w, const float* b, float* z, int in, int out, int n, int ld) {
  // z[j] = b[j] + Σ_k w[j][k] a[k].
  product(Product{w, in, 1, a, b, z, in, ld}, out, n);
}

float dot_columns(const float* x, const float* y, int n) {
  v128_t acc = wasm_f32x4_splat(0.0f);
  const int full = n & ~3;
  for (int c = 0; c < full; c += 4) acc = madd(acc, wasm_v128_load(x + c), y + c);
  if (full < n) {
    const v128_t keep = first_lanes_mask(n - full);
    acc = wasm_f32x4_add(acc, wasm_f32x4_mul(wasm_v128_and(wasm_v128_load(x + full), keep),
                                             wasm_v128_and(wasm_v128_load(y + full), keep)));
  }
  return lane_sum(acc);
}

// Horizontal sums of four vectors at once: lane k of the result is
// (v_k[0] + v_k[1]) + (v_k[2] + v_k[3]), the order of lane_sum. Even and
// odd lanes are gathered and added (pairs v0 v1, then v2 v3), then the two
// half sums of each vector: six shuffles of the shufps form and three adds.
static inline v128_t lane_sums4(v128_t v0, v128_t v1, v128_t v2, v128_t v3) {
  const v128_t p01 = wasm_f32x4_add(wasm_i32x4_shuffle(v0, v1, 0, 2, 4, 6),   // v0[0] v0[2] v1[0] v1[2]
                                    wasm_i32x4_shuffle(v0, v1, 1, 3, 5, 7));  // v0[1] v0[3] v1[1] v1[3]
  const v128_t p23 = wasm_f32x4_add(wasm_i32x4_shuffle(v2, v3, 0, 2, 4, 6), wasm_i32x4_shuffle(v2, v3, 1, 3, 5, 7));
  // p01 = v0[0]+v0[1], v0[2]+v0[3], v1[0]+v1[1], v1[2]+v1[3]; p23 likewise.
  return wasm_f32x4_add(wasm_i32x4_shuffle(p01, p23, 0, 2, 4, 6), wasm_i32x4_shuffle(p01, p23, 1, 3, 5, 7));
}

// dw[j][k..k+3] += the dot products of dz rows j (J of them) with a rows
// k..k+3 over the columns: each loaded vector of dz serves 4 products and
// each of a serves J, and every sum keeps its lane order (lane_sums4). A
// partial last vector is masked in both factors (0 · 0 adds +0: no change).
// With kBias (the block at k = 0), db[j..j+J) += the row sums of dz as well,
// from the same loads of dz.
template <int J, bool kBias>
inline void weight_gradient_block(const float* a, const float* dz, float* dw, float* db, int j, int k, int in,
                                  int n, int ld) {
  const float* a0 = a + static_cast<long>(k) * ld;
  const float* a1 = a0 + ld;
  const float* a2 = a1 + ld;
  const float* a3 = a2 + ld;
  const float* dzj = dz + static_cast<long>(j) * ld;
  v128_t s[J][4], sb[J];
  for (int q = 0; q < J; ++q) {
    for (int u = 0; u < 4; ++u) s[q][u] = wasm_f32x4_splat(0.0f);
    sb[q] = wasm_f32x4_splat(0.0f);
  }
  const auto accumulate = [&](int c, v128_t keep) {
    const v128_t x0 = wasm_v128_and(wasm_v128_load(a0 + c), keep), x1 = wasm_v128_and(wasm_v128_load(a1 + c), keep),
                 x2 = wasm_v128_and(wasm_v128_load(a2 + c), keep), x3 = wasm_v128_and(wasm_v128_load(a3 + c), keep);
    for (int q = 0; q < J; ++q) {
      const v128_t d = wasm_v128_and(wasm_v128_load(dzj + static_cast<long>(q) * ld + c), keep);
      s[q][0] = wasm_f32x4_add(s[q][0], wasm_f32x4_mul(d, x0));
      s[q][1] = wasm_f32x4_add(s[q][1], wasm_f32x4_mul(d, x1));
      s[q][2] = wasm_f32x4_add(s[q][2], wasm_f32x4_mul(d, x2));
      s[q][3] = wasm_f32x4_add(s[q][3], wasm_f32x4_mul(d, x3));
      if constexpr (kBias) sb[q] = wasm_f32x4_add(sb[q], d);
    }
  };
  const int full = n & ~3;
  const v128_t all = wasm_i32x4_splat(-1);
  for (int c = 0; c < full; c += 4) accumulate(c, all);
  if (full < n) accumulate(full, first_lanes_mask(n - full));
  for (int q = 0; q < J; ++q) {
    float* w = dw + static_cast<long>(j + q) * in + k;
    wasm_v128_store(w, wasm_f32x4_add(wasm_v128_load(w), lane_sums4(s[q][0], s[q][1], s[q][2], s[q][3])));
    if constexpr (kBias) db[j + q] += lane_sum(sb[q]);
  }
}

template <int J>
inline void weight_gradient_rows(const float* a, const float* dz, float* dw, float* db, int j, int in, int n, int ld) {
  weight_gradient_block<J, true>(a, dz, dw, db, j, 0, in, n, ld);
  for (int k = 4; k + 4 <= in; k += 4) weight_gradient_block<J, false>(a, dz, dw, db, j, k, in, n, ld);
}

void dense_backward(const float* a, const float* w, const float* dz, float* dw, float* db, float* da, int in,
                    int out, int n, int ld) {
  const int in4 = in & ~3;
  if (in4 > 0) {
    int j = 0;
    for (; j + 2 <= out; j += 2) weight_gradient_rows<2>(a, dz, dw, db, j, in, n, ld);
    for (; j < out; ++j) weight_gradient_rows<1>(a, dz, dw, db, j, in, n, ld);
  }
  const int full = n & ~3;
  const v128_t keep = first_lanes_mask(n - full);
  for (int j = 0; j < out; ++j) {
    const float* dzj = dz + static_cast<long>(j) * ld;
    float* dwj = dw + static_cast<long>(j) * in;
    for (int k = in4; k < in; ++k) dwj[k] += dot_columns(dzj, a + static_cast<long>(k) * ld, n);
    if (in4 > 0) continue;  // db came with the first block of weights
    v128_t s = wasm_f32x4_splat(0.0f);
    for (int c = 0; c < full; c += 4) s = wasm_f32x4_add(s, wasm_v128_load(dzj + c));
    if (full < n) s = wasm_f32x4_add(s, wasm_v128_and(wasm_v128_load(dzj + full), keep));
    db[j] += lane_sum(s);
  }
  // da[k] = 0 + Σ_j w[j][k] dz[j].
  if (da) product(Product{w, 1, in, dz, nullptr, da, out, ld}, in, n);
}

}  // namespace alab::nn
