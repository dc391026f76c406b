// Graph structures, sparse matrices and the generated graphs (see graph.h).
#include "graph/graph.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <queue>

#include "core/rng.h"
#include "graph/gcn_config.h"

namespace alab::graph {

std::vector<std::pair<int, int>> Graph::edges() const {
  std::vector<std::pair<int, int>> out;
  out.reserve(col.size() / 2);
  for (int u = 0; u < n; ++u)
    for (int k = row_ptr[u]; k < row_ptr[u + 1]; ++k)
      if (u < col[k]) out.emplace_back(u, col[k]);
  return out;
}

Graph from_edges(int n, const std::vector<std::pair<int, int>>& edges) {
  // Each directed edge (u, v) as the key u·2^16 + v: sorting the keys sorts
  // the pairs (and the module has its unsigned sort already).
  static_assert(kMaxGraphNodes <= 65536, "a node index must fit in 16 bits of an edge key");
  std::vector<std::uint32_t> both;
  both.reserve(edges.size() * 2);
  for (const auto& [u, v] : edges) {
    both.push_back(static_cast<std::uint32_t>(u) << 16 | static_cast<std::uint32_t>(v));
    both.push_back(static_cast<std::uint32_t>(v) << 16 | static_cast<std::uint32_t>(u));
  }
  std::sort(both.begin(), both.end());
  both.erase(std::unique(both.begin(), both.end()), both.end());
  Graph g;
  g.n = n;
  g.row_ptr.assign(n + 1, 0);
  g.col.reserve(both.size());
  for (const std::uint32_t key : both) {
    ++g.row_ptr[(key >> 16) + 1];
    g.col.push_back(static_cast<int>(key & 0xffff));
  }
  for (int i = 0; i < n; ++i) g.row_ptr[i + 1] += g.row_ptr[i];
  return g;
}

std::vector<int> hop_distances(const Graph& g, int source) {
  std::vector<int> dist(g.n, -1);
  std::queue<int> q;
  dist[source] = 0;
  q.push(source);
  while (!q.empty()) {
    const int u = q.front();
    q.pop();
    for (int k = g.row_ptr[u]; k < g.row_ptr[u + 1]; ++k)
      if (dist[g.col[k]] < 0) {
        dist[g.col[k]] = dist[u] + 1;
        q.push(g.col[k]);
      }
  }
  return dist;
}

namespace {

// CSR of A + c·I pattern: every row gets its neighbours and the diagonal,
// columns ascending; value(i, j) fills the entries.
template <class Value>
SparseMatrix with_diagonal(const Graph& g, Value value) {
  SparseMatrix s;
  s.n = g.n;
  s.row_ptr.assign(g.n + 1, 0);
  s.col.reserve(g.col.size() + g.n);
  s.val.reserve(g.col.size() + g.n);
  for (int i = 0; i < g.n; ++i) {
    bool diagonal_done = false;
    for (int k = g.row_ptr[i]; k <= g.row_ptr[i + 1]; ++k) {
      const bool at_end = k == g.row_ptr[i + 1];
      if (!diagonal_done && (at_end || g.col[k] > i)) {
        s.col.push_back(i);
        s.val.push_back(value(i, i));
        diagonal_done = true;
      }
      if (at_end) break;
      s.col.push_back(g.col[k]);
      s.val.push_back(value(i, g.col[k]));
    }
    s.row_ptr[i + 1] = static_cast<int>(s.col.size());
  }
  return s;
}

}  // namespace

SparseMatrix propagation_matrix(const Graph& g) {
  // Â_ij = 1/√(d̃_i d̃_j) on the pattern of A + I, d̃ = degree + 1.
  return with_diagonal(g, [&](int i, int j) {
    const double di = g.degree(i) + 1, dj = g.degree(j) + 1;
    return static_cast<float>(1.0 / std::sqrt(di * dj));
  });
}

SparseMatrix laplacian(const Graph& g, LaplacianKind kind) {
  if (kind == LaplacianKind::combinatorial)
    return with_diagonal(g, [&](int i, int j) { return i == j ? static_cast<float>(g.degree(i)) : -1.0f; });
  return with_diagonal(g, [&](int i, int j) {
    if (i == j) return g.degree(i) > 0 ? 1.0f : 0.0f;  // Chung's convention for isolated nodes
    return static_cast<float>(-1.0 / std::sqrt(static_cast<double>(g.degree(i)) * g.degree(j)));
  });
}

SparseMatrix scaled_laplacian(const Graph& g, float lambda_max) {
  SparseMatrix s = laplacian(g, LaplacianKind::normalized);
  const float scale = 2.0f / lambda_max;
  for (int i = 0; i < s.n; ++i)
    for (int k = s.row_ptr[i]; k < s.row_ptr[i + 1]; ++k) s.val[k] = scale * s.val[k] - (s.col[k] == i ? 1.0f : 0.0f);
  return s;
}

double normalized_laplacian_lambda_max(const Graph& g) {
  if (g.n == 0) return 0.0;
  const SparseMatrix l = laplacian(g, LaplacianKind::normalized);
  std::vector<double> v(g.n), w(g.n);
  // A start vector with a component along every eigenvector in practice:
  // alternating signs favour the top of the spectrum (bipartite-like vectors).
  for (int i = 0; i < g.n; ++i) v[i] = (i % 2 ? -1.0 : 1.0) * (1.0 + (i % 7) / 7.0);
  const auto apply = [&](const std::vector<double>& x, std::vector<double>& y) {
    for (int i = 0; i < l.n; ++i) {
      double s = 0;
      for (int k = l.row_ptr[i]; k < l.row_ptr[i + 1]; ++k) s += static_cast<double>(l.val[k]) * x[l.col[k]];
      y[i] = s;
    }
  };
  const auto norm = [](const std::vector<double>& x) {
    double s = 0;
    for (double e : x) s += e * e;
    return std::sqrt(s);
  };
  for (int it = 0; it < 400; ++it) {
    apply(v, w);
    const double nw = norm(w);
    if (nw == 0) return 0.0;
    for (int i = 0; i < g.n; ++i) v[i] = w[i] / nw;
  }
  apply(v, w);
  double num = 0, den = 0;
  for (int i = 0; i < g.n; ++i) {
    num += v[i] * w[i];
    den += v[i] * v[i];
  }
  return num / den;
}

void spmm(const SparseMatrix& s, const float* x, float* y, int cols) {
  for (int i = 0; i < s.n; ++i) {
    float* yi = y + static_cast<long>(i) * cols;
    std::fill(yi, yi + cols, 0.0f);
    for (int k = s.row_ptr[i]; k < s.row_ptr[i + 1]; ++k) {
      const float a = s.val[k];
      const float* xj = x + static_cast<long>(s.col[k]) * cols;
      for (int c = 0; c < cols; ++c) yi[c] += a * xj[c];
    }
  }
}

std::vector<double> to_dense(const SparseMatrix& s) {
  std::vector<double> d(static_cast<std::size_t>(s.n) * s.n, 0.0);
  for (int i = 0; i < s.n; ++i)
    for (int k = s.row_ptr[i]; k < s.row_ptr[i + 1]; ++k) d[static_cast<std::size_t>(i) * s.n + s.col[k]] = s.val[k];
  return d;
}

// ---- generated graphs ----

LabelledGraph two_communities(int n, float p_in, float p_out, uint32_t seed) {
  Rng rng(seed, /*stream=*/7);
  const int half = n / 2;
  std::vector<std::pair<int, int>> edges;
  for (int u = 0; u < n; ++u)
    for (int v = u + 1; v < n; ++v) {
      const bool same = (u < half) == (v < half);
      if (rng.uniform() < (same ? p_in : p_out)) edges.emplace_back(u, v);
    }
  LabelledGraph out;
  out.name = "two_communities";
  out.graph = from_edges(n, edges);
  out.labels.resize(n);
  for (int i = 0; i < n; ++i) out.labels[i] = i < half ? 0 : 1;
  out.class_names = {"community A", "community B"};
  out.comment = "planted partition: two communities, edge probability pIn inside, pOut across";
  return out;
}

LabelledGraph ring(int n) {
  std::vector<std::pair<int, int>> edges;
  for (int i = 0; i < n; ++i) edges.emplace_back(std::min(i, (i + 1) % n), std::max(i, (i + 1) % n));
  LabelledGraph out;
  out.name = "ring";
  out.graph = from_edges(n, edges);
  out.labels.resize(n);
  for (int i = 0; i < n; ++i) out.labels[i] = i < n / 2 ? 0 : 1;
  out.class_names = {"first half", "second half"};
  out.comment = "a cycle of n nodes";
  return out;
}

LabelledGraph grid(int rows, int cols) {
  std::vector<std::pair<int, int>> edges;
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) {
      const int u = r * cols + c;
      if (c + 1 < cols) edges.emplace_back(u, u + 1);
      if (r + 1 < rows) edges.emplace_back(u, u + cols);
    }
  LabelledGraph out;
  out.name = "grid";
  out.graph = from_edges(rows * cols, edges);
  out.labels.resize(rows * cols);
  for (int u = 0; u < rows * cols; ++u) out.labels[u] = (u % cols) < cols / 2 ? 0 : 1;
  out.class_names = {"left half", "right half"};
  out.comment = "a rows x cols grid, 4 neighbours";
  return out;
}

}  // namespace alab::graph
