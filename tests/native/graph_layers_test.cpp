// Graph convolution: the propagation matrix's spectrum, Chebyshev locality,
// and finite-difference gradient checks of the GCN and Chebyshev layers
// against an independent dense double-precision reference (built from the
// registry's double `reference` functions), for every activation.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

#include "core/activations.h"
#include "core/rng.h"
#include "graph/gcn_model.h"
#include "graph/graph.h"
#include "graph/graph_layers.h"
#include "graph/spectrum.h"

namespace alab::graph {
namespace {

std::vector<LabelledGraph> sample_graphs() {
  return {karate_club(), two_communities(40, 0.3f, 0.05f, 3), ring(20), ring(7), grid(5, 6)};
}

TEST(GraphPropagation, IsSymmetricWithEigenvalueOneAtSqrtDegree) {
  for (const LabelledGraph& lg : sample_graphs()) {
    const Graph& g = lg.graph;
    const SparseMatrix a = propagation_matrix(g);
    const std::vector<double> d = to_dense(a);
    for (int i = 0; i < g.n; ++i)
      for (int j = 0; j < g.n; ++j) ASSERT_EQ(d[i * g.n + j], d[j * g.n + i]) << lg.name;
    // Â · D̃^½1 = D̃^½1.
    std::vector<float> s(g.n), y(g.n);
    for (int i = 0; i < g.n; ++i) s[i] = std::sqrt(static_cast<float>(g.degree(i) + 1));
    spmm(a, s.data(), y.data(), 1);
    for (int i = 0; i < g.n; ++i) EXPECT_NEAR(y[i], s[i], 2e-6 * s[i]) << lg.name << " node " << i;
  }
}

TEST(GraphPropagation, SpectrumLiesInMinusOneExclusiveToOne) {
  for (const LabelledGraph& lg : sample_graphs()) {
    const SymmetricEigen e = jacobi_eigen(to_dense(propagation_matrix(lg.graph)), lg.graph.n);
    EXPECT_NEAR(e.values.back(), 1.0, 1e-6) << lg.name;
    EXPECT_GT(e.values.front(), -1.0 + 1e-3) << lg.name;  // strictly inside, even for bipartite graphs
    // The top eigenvector is D̃^½1, normalised.
    double norm = 0;
    for (int i = 0; i < lg.graph.n; ++i) norm += lg.graph.degree(i) + 1;
    for (int i = 0; i < lg.graph.n; ++i)
      EXPECT_NEAR(e.vectors[(lg.graph.n - 1) * lg.graph.n + i], std::sqrt((lg.graph.degree(i) + 1) / norm), 1e-6);
  }
}

TEST(GraphSpectrum, JacobiGivesOrthonormalEigenvectorsOfTheLaplacian) {
  for (const LabelledGraph& lg : sample_graphs()) {
    const int n = lg.graph.n;
    std::vector<double> l(n * n, 0.0);  // L in double, from its definition
    for (int i = 0; i < n; ++i) {
      l[i * n + i] = 1.0;
      for (int k = lg.graph.row_ptr[i]; k < lg.graph.row_ptr[i + 1]; ++k) {
        const int j = lg.graph.col[k];
        l[i * n + j] = -1.0 / std::sqrt(static_cast<double>(lg.graph.degree(i)) * lg.graph.degree(j));
      }
    }
    const SymmetricEigen e = laplacian_eigen(lg.graph, LaplacianKind::normalized);
    EXPECT_NEAR(e.values.front(), 0.0, 1e-12) << lg.name;  // all sample graphs are connected
    EXPECT_LE(e.values.back(), 2.0 + 1e-12);
    EXPECT_NEAR(normalized_laplacian_lambda_max(lg.graph), e.values.back(), 1e-4) << lg.name;
    for (int k = 0; k < n; ++k) {
      const double* v = &e.vectors[k * n];
      for (int i = 0; i < n; ++i) {
        double lv = 0;
        for (int j = 0; j < n; ++j) lv += l[i * n + j] * v[j];
        ASSERT_NEAR(lv, e.values[k] * v[i], 1e-9) << lg.name << " k=" << k;
      }
      for (int m = k; m < n; ++m) {
        double dot = 0;
        for (int i = 0; i < n; ++i) dot += v[i] * e.vectors[m * n + i];
        ASSERT_NEAR(dot, m == k ? 1.0 : 0.0, 1e-9);
      }
    }
  }
  // A ring's normalised Laplacian is I − A/2: eigenvalues 1 − cos(2πk/n).
  const SymmetricEigen r = laplacian_eigen(ring(12).graph, LaplacianKind::normalized);
  std::vector<double> expect;
  for (int k = 0; k < 12; ++k) expect.push_back(1.0 - std::cos(2 * 3.14159265358979323846 * k / 12));
  std::sort(expect.begin(), expect.end());
  for (int k = 0; k < 12; ++k) EXPECT_NEAR(r.values[k], expect[k], 1e-12);
}

TEST(GraphChebyshev, OrderKTouchesOnlyKHopNeighbours) {
  const Graph g = karate_club().graph;
  const SparseMatrix ls = scaled_laplacian(g, static_cast<float>(normalized_laplacian_lambda_max(g)));
  Rng rng(5, 0);
  for (int order = 0; order <= 5; ++order) {
    for (int source : {0, 16, 26, 33}) {
      // One input channel, one output channel: theta_k are scalars.
      std::vector<float> x(g.n, 0.0f), theta(order + 1), b(1, 0.0f), tx((order + 1) * g.n), z(g.n), scratch(g.n);
      x[source] = 1.0f;
      for (float& t : theta) t = rng.uniform(0.5f, 1.5f);
      cheb_forward(ls, x.data(), theta.data(), b.data(), tx.data(), z.data(), scratch.data(), g.n, 1, 1, order);
      const std::vector<int> dist = hop_distances(g, source);
      bool reached_k = false, has_k = false;
      for (int i = 0; i < g.n; ++i) {
        has_k |= dist[i] == order;
        if (dist[i] > order) {
          EXPECT_EQ(z[i], 0.0f) << "order " << order << " source " << source << " node " << i;
        }
        if (dist[i] == order && z[i] != 0.0f) reached_k = true;
      }
      EXPECT_EQ(reached_k, has_k) << "order " << order << " source " << source;
    }
  }
}

TEST(GraphChebyshev, HeatKernelInterpolantMatchesTheExactFilter) {
  const Graph g = karate_club().graph;
  std::vector<float> x(g.n, 0.0f);
  x[0] = 1.0f;
  x[33] = -1.0f;
  FilterSpec exact, approx;
  exact.kind = FilterKind::heat;
  approx.kind = FilterKind::heat_chebyshev;
  exact.t = approx.t = 2.0f;
  approx.order = 12;
  const FilterResult a = spectral_filter(g, x, exact), b = spectral_filter(g, x, approx);
  for (int i = 0; i < g.n; ++i) EXPECT_NEAR(a.output[i], b.output[i], 1e-4) << i;
  // The filter is low-pass: the output has less energy in high frequencies.
  EXPECT_LT(std::fabs(a.output_spectrum.back()), std::fabs(a.input_spectrum.back()) + 1e-7);
}

// ---- gradient checks ----

struct LayerProblem {
  Graph g;
  int in = 3, out = 2, order = 3;
  std::vector<float> h, w, b, r;  // h (n, in), w (taps, out, in), b (out), r (n, out): loss = Σ r ⊙ f(z)
};

LayerProblem make_problem(int taps) {
  LayerProblem p;
  p.g = two_communities(9, 0.6f, 0.2f, 4).graph;
  Rng rng(9, 2);
  const int n = p.g.n;
  for (int i = 0; i < n * p.in; ++i) p.h.push_back(rng.uniform(-1.0f, 1.0f));
  for (int i = 0; i < taps * p.out * p.in; ++i) p.w.push_back(rng.uniform(-0.8f, 0.8f));
  for (int i = 0; i < p.out; ++i) p.b.push_back(rng.uniform(-0.3f, 0.3f));
  for (int i = 0; i < n * p.out; ++i) p.r.push_back(rng.uniform(-1.0f, 1.0f));
  return p;
}

// Dense double reference: z = Σ_k M_k · h · W_kᵀ + b, loss = Σ r ⊙ f(z).
double reference_loss(const std::vector<std::vector<double>>& mats, const LayerProblem& p, const std::vector<double>& h,
                      const std::vector<double>& w, const std::vector<double>& b, const ActivationInfo& info,
                      const ActivationParams& ap) {
  const int n = p.g.n;
  double loss = 0;
  for (int i = 0; i < n; ++i)
    for (int o = 0; o < p.out; ++o) {
      double z = b[o];
      for (std::size_t k = 0; k < mats.size(); ++k)
        for (int j = 0; j < n; ++j) {
          const double m = mats[k][i * n + j];
          if (m == 0) continue;
          for (int c = 0; c < p.in; ++c) z += m * h[j * p.in + c] * w[(k * p.out + o) * p.in + c];
        }
      loss += p.r[i * p.out + o] * info.reference(z, ap, 0);
    }
  return loss;
}

std::vector<double> to_double(const std::vector<float>& v) { return std::vector<double>(v.begin(), v.end()); }

void expect_gradient(const std::vector<float>& analytic, std::vector<double> at,
                     const std::function<double(const std::vector<double>&)>& loss, const std::string& what) {
  constexpr double kEps = 1e-5;
  for (std::size_t i = 0; i < at.size(); ++i) {
    const double keep = at[i];
    at[i] = keep + kEps;
    const double up = loss(at);
    at[i] = keep - kEps;
    const double down = loss(at);
    at[i] = keep;
    const double fd = (up - down) / (2 * kEps);
    ASSERT_NEAR(analytic[i], fd, 2e-4 * std::max(1.0, std::fabs(fd))) << what << "[" << i << "]";
  }
}

void check_layer(LayerKind kind, const ActivationInfo& info) {
  const int taps = kind == LayerKind::chebyshev ? 4 : 1;
  LayerProblem p = make_problem(taps);
  const int n = p.g.n, in = p.in, out = p.out;
  ActivationParams ap = default_params(info);
  std::vector<std::vector<double>> mats;
  SparseMatrix s;
  if (kind == LayerKind::gcn) {
    s = propagation_matrix(p.g);
    mats.push_back(to_dense(s));
  } else {
    s = scaled_laplacian(p.g, static_cast<float>(normalized_laplacian_lambda_max(p.g)));
    const std::vector<double> l = to_dense(s);
    std::vector<double> t0(n * n, 0.0), t1 = l;
    for (int i = 0; i < n; ++i) t0[i * n + i] = 1.0;
    mats = {t0, t1};
    for (int k = 2; k <= p.order; ++k) {
      std::vector<double> t2(n * n, 0.0);
      for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
          double acc = 0;
          for (int m = 0; m < n; ++m) acc += l[i * n + m] * mats[k - 1][m * n + j];
          t2[i * n + j] = 2 * acc - mats[k - 2][i * n + j];
        }
      mats.push_back(t2);
    }
  }
  // Float analytic gradients.
  std::vector<float> z(n * out), a(n * out), dz(n * out), dw(p.w.size(), 0.0f), db(out, 0.0f), dh(n * in);
  std::vector<float> scratch(n * std::max(out, 4 * in)), tx(taps * n * in);
  if (kind == LayerKind::gcn) gcn_forward(s, p.h.data(), p.w.data(), p.b.data(), scratch.data(), z.data(), n, in, out);
  else cheb_forward(s, p.h.data(), p.w.data(), p.b.data(), tx.data(), z.data(), scratch.data(), n, in, out, p.order);
  info.forward(z.data(), a.data(), z.size(), ap);
  info.backward(z.data(), p.r.data(), dz.data(), z.size(), ap);
  if (kind == LayerKind::gcn)
    gcn_backward(s, p.h.data(), p.w.data(), dz.data(), scratch.data(), dw.data(), db.data(), dh.data(), n, in, out);
  else
    cheb_backward(s, tx.data(), p.w.data(), dz.data(), dw.data(), db.data(), dh.data(), scratch.data(), n, in, out, p.order);

  const std::string what = std::string(kind == LayerKind::gcn ? "gcn " : "chebyshev ") + info.name;
  const auto h0 = to_double(p.h), w0 = to_double(p.w), b0 = to_double(p.b);
  expect_gradient(dw, w0, [&](const std::vector<double>& w) { return reference_loss(mats, p, h0, w, b0, info, ap); }, what + " dW");
  expect_gradient(db, b0, [&](const std::vector<double>& b) { return reference_loss(mats, p, h0, w0, b, info, ap); }, what + " db");
  expect_gradient(dh, h0, [&](const std::vector<double>& h) { return reference_loss(mats, p, h, w0, b0, info, ap); }, what + " dh");
}

TEST(GraphGradient, GcnLayerMatchesFiniteDifferencesForEveryActivation) {
  for (const ActivationInfo& info : activation_table()) check_layer(LayerKind::gcn, info);
}

TEST(GraphGradient, ChebyshevLayerMatchesFiniteDifferencesForEveryActivation) {
  for (const ActivationInfo& info : activation_table()) check_layer(LayerKind::chebyshev, info);
}

}  // namespace
}  // namespace alab::graph
