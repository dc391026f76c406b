// Dense layer kernels (see dense.h): blocked over 16 columns (four vectors)
// so the accumulators stay in registers while the reduction runs over inputs.
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

}  // namespace

void dense_forward(const float* a, const float* w, const float* b, float* z, int in, int out, int cols, int ld) {
  for (int j = 0; j < out; ++j) {
    const float* wj = w + static_cast<long>(j) * in;
    float* zj = z + static_cast<long>(j) * ld;
    const v128_t bj = wasm_f32x4_splat(b[j]);
    int c = 0;
    for (; c + 16 <= cols; c += 16) {
      v128_t s0 = bj, s1 = bj, s2 = bj, s3 = bj;
      for (int k = 0; k < in; ++k) {
        const v128_t wk = wasm_f32x4_splat(wj[k]);
        const float* ak = a + static_cast<long>(k) * ld + c;
        s0 = madd(s0, wk, ak);
        s1 = madd(s1, wk, ak + 4);
        s2 = madd(s2, wk, ak + 8);
        s3 = madd(s3, wk, ak + 12);
      }
      wasm_v128_store(zj + c, s0);
      wasm_v128_store(zj + c + 4, s1);
      wasm_v128_store(zj + c + 8, s2);
      wasm_v128_store(zj + c + 12, s3);
    }
    for (; c < cols; c += 4) {
      v128_t s = bj;
      for (int k = 0; k < in; ++k) s = madd(s, wasm_f32x4_splat(wj[k]), a + static_cast<long>(k) * ld + c);
      wasm_v128_store(zj + c, s);
    }
  }
}

float dot_columns(const float* x, const float* y, int cols) {
  v128_t acc = wasm_f32x4_splat(0.0f);
  for (int c = 0; c < cols; c += 4) acc = madd(acc, wasm_v128_load(x + c), y + c);
  return lane_sum(acc);
}

void dense_backward(const float* a, const float* w, const float* dz, float* dw, float* db, float* da, int in,
                    int out, int cols, int ld) {
  for (int j = 0; j < out; ++j) {
    const float* dzj = dz + static_cast<long>(j) * ld;
    float* dwj = dw + static_cast<long>(j) * in;
    for (int k = 0; k < in; ++k) dwj[k] += dot_columns(dzj, a + static_cast<long>(k) * ld, cols);
    v128_t s = wasm_f32x4_splat(0.0f);
    for (int c = 0; c < cols; c += 4) s = wasm_f32x4_add(s, wasm_v128_load(dzj + c));
    db[j] += lane_sum(s);
  }
  if (!da) return;
  for (int k = 0; k < in; ++k) {
    float* dak = da + static_cast<long>(k) * ld;
    int c = 0;
    for (; c + 16 <= cols; c += 16) {
      v128_t s0 = wasm_f32x4_splat(0.0f), s1 = s0, s2 = s0, s3 = s0;
      for (int j = 0; j < out; ++j) {
        const v128_t wjk = wasm_f32x4_splat(w[static_cast<long>(j) * in + k]);
        const float* dzj = dz + static_cast<long>(j) * ld + c;
        s0 = madd(s0, wjk, dzj);
        s1 = madd(s1, wjk, dzj + 4);
        s2 = madd(s2, wjk, dzj + 8);
        s3 = madd(s3, wjk, dzj + 12);
      }
      wasm_v128_store(dak + c, s0);
      wasm_v128_store(dak + c + 4, s1);
      wasm_v128_store(dak + c + 8, s2);
      wasm_v128_store(dak + c + 12, s3);
    }
    for (; c < cols; c += 4) {
      v128_t s = wasm_f32x4_splat(0.0f);
      for (int j = 0; j < out; ++j)
        s = madd(s, wasm_f32x4_splat(w[static_cast<long>(j) * in + k]), dz + static_cast<long>(j) * ld + c);
      wasm_v128_store(dak + c, s);
    }
  }
}

}  // namespace alab::nn
