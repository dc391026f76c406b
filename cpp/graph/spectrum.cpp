// Jacobi eigensolver, graph Fourier transform and spectral filters (see spectrum.h).
#include "graph/spectrum.h"

#include <algorithm>
#include <cmath>

#include "core/simd.h"
#include "core/vmath.h"
#include "data/det_math.h"
#include "graph/graph_layers.h"

namespace alab::graph {
namespace {

constexpr int kMaxSweeps = 100;

float exp_float(float x) {
  return on_lane0([](v128_t v) { return vm::exp(v); }, x);
}

}  // namespace

SymmetricEigen jacobi_eigen(std::vector<double> a, int n) {
  const auto A = [&](int i, int j) -> double& { return a[static_cast<std::size_t>(i) * n + j]; };
  std::vector<double> v(static_cast<std::size_t>(n) * n, 0.0);  // columns: eigenvectors
  for (int i = 0; i < n; ++i) v[static_cast<std::size_t>(i) * n + i] = 1.0;
  double total = 0;
  for (double e : a) total += e * e;
  for (int sweep = 0; sweep < kMaxSweeps; ++sweep) {
    double off = 0;
    for (int p = 0; p < n; ++p)
      for (int q = p + 1; q < n; ++q) off += A(p, q) * A(p, q);
    if (off <= 1e-30 * total) break;
    for (int p = 0; p < n; ++p)
      for (int q = p + 1; q < n; ++q) {
        const double apq = A(p, q);
        if (apq == 0.0) continue;
        // The rotation that zeroes a_pq (Numerical Recipes §11.1): t = tan φ
        // is the smaller root of t² + 2tθ − 1 = 0, θ = (a_qq − a_pp) / 2a_pq.
        const double theta = (A(q, q) - A(p, p)) / (2.0 * apq);
        const double t = (theta >= 0 ? 1.0 : -1.0) / (std::fabs(theta) + std::sqrt(theta * theta + 1.0));
        const double c = 1.0 / std::sqrt(t * t + 1.0), s = t * c;
        for (int k = 0; k < n; ++k) {  // columns p, q of A·P
          const double akp = A(k, p), akq = A(k, q);
          A(k, p) = c * akp - s * akq;
          A(k, q) = s * akp + c * akq;
        }
        for (int k = 0; k < n; ++k) {  // rows p, q of Pᵀ·(A·P)
          const double apk = A(p, k), aqk = A(q, k);
          A(p, k) = c * apk - s * aqk;
          A(q, k) = s * apk + c * aqk;
        }
        A(p, q) = A(q, p) = 0.0;
        for (int k = 0; k < n; ++k) {
          double& vkp = v[static_cast<std::size_t>(k) * n + p];
          double& vkq = v[static_cast<std::size_t>(k) * n + q];
          const double x = vkp, y = vkq;
          vkp = c * x - s * y;
          vkq = s * x + c * y;
        }
      }
  }
  // Ascending eigenvalues, equal ones in index order: a stable insertion
  // sort (n <= 400: nothing beside the sweeps, and far less code than
  // std::stable_sort).
  std::vector<int> order(n);
  for (int k = 0; k < n; ++k) {
    int at = k;
    for (; at > 0 && A(k, k) < A(order[at - 1], order[at - 1]); --at) order[at] = order[at - 1];
    order[at] = k;
  }
  SymmetricEigen out;
  out.n = n;
  out.values.resize(n);
  out.vectors.resize(static_cast<std::size_t>(n) * n);
  for (int k = 0; k < n; ++k) {
    const int src = order[k];
    out.values[k] = A(src, src);
    double* row = &out.vectors[static_cast<std::size_t>(k) * n];
    int biggest = 0;
    for (int i = 0; i < n; ++i) {
      row[i] = v[static_cast<std::size_t>(i) * n + src];
      if (std::fabs(row[i]) > std::fabs(row[biggest])) biggest = i;
    }
    if (row[biggest] < 0)
      for (int i = 0; i < n; ++i) row[i] = -row[i];
  }
  return out;
}

SymmetricEigen laplacian_eigen(const Graph& g, LaplacianKind kind) {
  // Built in double (not from the float CSR) so that λ = 0 comes out at ~1e-16.
  const int n = g.n;
  std::vector<double> l(static_cast<std::size_t>(n) * n, 0.0);
  for (int i = 0; i < n; ++i) {
    const double di = g.degree(i);
    l[static_cast<std::size_t>(i) * n + i] = kind == LaplacianKind::combinatorial ? di : (di > 0 ? 1.0 : 0.0);
    for (int k = g.row_ptr[i]; k < g.row_ptr[i + 1]; ++k) {
      const int j = g.col[k];
      l[static_cast<std::size_t>(i) * n + j] =
          kind == LaplacianKind::combinatorial ? -1.0 : -1.0 / std::sqrt(di * g.degree(j));
    }
  }
  return jacobi_eigen(std::move(l), n);
}

std::vector<float> heat_chebyshev_coefficients(float t, float lambda_max, int order) {
  const int m = order + 1;
  constexpr double kPi = 3.14159265358979323846;
  std::vector<double> f(m);
  for (int j = 0; j < m; ++j) {
    const double x = data::det_cos(kPi * (j + 0.5) / m);
    f[j] = exp_float(static_cast<float>(-t * lambda_max * (x + 1.0) / 2.0));
  }
  std::vector<float> c(m);
  for (int k = 0; k < m; ++k) {
    double s = 0;
    for (int j = 0; j < m; ++j) s += f[j] * data::det_cos(kPi * k * (j + 0.5) / m);
    c[k] = static_cast<float>((k == 0 ? 1.0 : 2.0) * s / m);
  }
  return c;
}

FilterResult spectral_filter(const Graph& g, const std::vector<float>& x, const FilterSpec& spec) {
  const int n = g.n;
  const SymmetricEigen e = laplacian_eigen(g, LaplacianKind::normalized);
  FilterResult r;
  const auto transform = [&](const std::vector<float>& s) {
    std::vector<float> hat(n);
    for (int k = 0; k < n; ++k) {
      double acc = 0;
      for (int i = 0; i < n; ++i) acc += e.vectors[static_cast<std::size_t>(k) * n + i] * s[i];
      hat[k] = static_cast<float>(acc);
    }
    return hat;
  };
  r.input_spectrum = transform(x);
  r.response.resize(n);
  if (spec.kind == FilterKind::heat || spec.kind == FilterKind::low_pass) {
    for (int k = 0; k < n; ++k)
      r.response[k] = spec.kind == FilterKind::heat ? exp_float(static_cast<float>(-spec.t * e.values[k]))
                                                    : (k < spec.keep ? 1.0f : 0.0f);
    r.output.assign(n, 0.0f);
    for (int i = 0; i < n; ++i) {
      double acc = 0;
      for (int k = 0; k < n; ++k)
        acc += e.vectors[static_cast<std::size_t>(k) * n + i] * (static_cast<double>(r.response[k]) * r.input_spectrum[k]);
      r.output[i] = static_cast<float>(acc);
    }
  } else {
    // λmax of L̃: the largest eigenvalue, which we have exactly here.
    r.lambda_max = n > 0 ? static_cast<float>(std::max(e.values.back(), 1e-6)) : 1.0f;
    r.coefficients = spec.kind == FilterKind::chebyshev ? spec.coefficients
                                                        : heat_chebyshev_coefficients(spec.t, r.lambda_max, spec.order);
    const int order = static_cast<int>(r.coefficients.size()) - 1;
    const SparseMatrix ls = scaled_laplacian(g, r.lambda_max);
    std::vector<float> scratch(2 * static_cast<std::size_t>(n));
    r.output.resize(n);
    chebyshev_filter(ls, x.data(), r.coefficients.data(), order, r.output.data(), scratch.data(), 1);
    for (int k = 0; k < n; ++k) {  // h(λ_k) = Σ c_j T_j(2λ_k/λmax − 1), by the recurrence
      const double s = 2.0 * e.values[k] / r.lambda_max - 1.0;
      double t0 = 1, t1 = s, h = r.coefficients[0];
      if (order >= 1) h += r.coefficients[1] * t1;
      for (int j = 2; j <= order; ++j) {
        const double t2 = 2 * s * t1 - t0;
        h += r.coefficients[j] * t2;
        t0 = t1;
        t1 = t2;
      }
      r.response[k] = static_cast<float>(h);
    }
  }
  r.output_spectrum = transform(r.output);
  return r;
}

}  // namespace alab::graph
