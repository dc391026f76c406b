// Graphs for the graph-convolution lab: an undirected simple graph stored as
// CSR adjacency, the sparse matrices built from it (the GCN propagation matrix
// and the Laplacians), and the one sparse × dense product every layer uses.
//
// Conventions. Node features are node-major matrices (n, f), row-major: row i
// holds node i's f features. A sparse matrix is CSR with columns sorted
// ascending in every row, and y = S·x sums each row's entries in that column
// order, so results are the same bit for bit in every build.
//
//   propagation  Â = D̃^−½ (A + I) D̃^−½, D̃ = D + I  (Kipf & Welling 2017, eq. 2):
//                symmetric, eigenvalue 1 with eigenvector D̃^½·1, spectrum in (−1, 1]
//   laplacian    L = I − D^−½ A D^−½ (normalised, spectrum in [0, 2]; an isolated
//                node has L_ii = 0, as in Chung 1997) or L = D − A (combinatorial)
//   scaled       L̃ = 2L/λmax − I (Defferrard et al. 2016), spectrum in [−1, 1]
//                when λmax bounds L's spectrum
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace alab::graph {

// An undirected graph without self-loops or repeated edges.
struct Graph {
  int n = 0;
  std::vector<int> row_ptr;  // (n + 1)
  std::vector<int> col;      // neighbours of node i: col[row_ptr[i] .. row_ptr[i+1]), ascending

  int degree(int i) const { return row_ptr[i + 1] - row_ptr[i]; }
  int edge_count() const { return static_cast<int>(col.size()) / 2; }
  // Each undirected edge once, as (u, v) with u < v, in (u, v) order.
  std::vector<std::pair<int, int>> edges() const;
};

// Builds the CSR graph. Preconditions (the API validates): 0 <= u, v < n,
// u != v. Repeated edges, in either direction, count once.
Graph from_edges(int n, const std::vector<std::pair<int, int>>& edges);

// Hop distance from `source` to every node (−1 when unreachable), by BFS.
std::vector<int> hop_distances(const Graph& g, int source);

// A square sparse matrix in CSR form, columns ascending in each row.
struct SparseMatrix {
  int n = 0;
  std::vector<int> row_ptr;   // (n + 1)
  std::vector<int> col;
  std::vector<float> val;
};

SparseMatrix propagation_matrix(const Graph& g);

enum class LaplacianKind : uint8_t { normalized, combinatorial };
inline constexpr const char* kLaplacianNames[] = {"normalized", "combinatorial"};
SparseMatrix laplacian(const Graph& g, LaplacianKind kind);

// L̃ = 2L/λmax − I for the normalised Laplacian (λmax > 0).
SparseMatrix scaled_laplacian(const Graph& g, float lambda_max);

// The largest eigenvalue of the normalised Laplacian (in [0, 2]) by power
// iteration in double: 400 iterations from a fixed start vector, then the
// Rayleigh quotient. Deterministic; used as λmax of the Chebyshev layers.
double normalized_laplacian_lambda_max(const Graph& g);

// y (n, cols) = S · x (n, cols). y must not alias x.
void spmm(const SparseMatrix& s, const float* x, float* y, int cols);

// The dense form (n, n) row-major, in double: for tests and the eigensolver.
std::vector<double> to_dense(const SparseMatrix& s);

// ---- graphs with names ----

// A graph with ground-truth node classes, as lab.graph(name) returns it.
struct LabelledGraph {
  std::string name;
  Graph graph;
  std::vector<int> labels;               // (n), 0 .. classes − 1
  std::vector<std::string> class_names;  // (classes)
  std::string comment;                   // where it comes from
};

// Zachary's karate club (1977): 34 members, 78 friendships; class 0 = the
// instructor Mr. Hi's faction (node 0), 1 = the officer John A.'s (node 33).
// The same data as data/karate.json (tests/native/graph_data_test.cpp checks).
// The named graphs of lab.graph(name, options), in this order.
inline constexpr const char* kGraphNames[] = {"karate", "two_communities", "ring", "grid"};

LabelledGraph karate_club();

// Planted partition: two communities of n/2 and n − n/2 nodes; each pair of
// nodes is joined with probability p_in inside a community, p_out across.
// Pairs are visited in (u, v) order, one uniform draw each, from Rng(seed).
LabelledGraph two_communities(int n, float p_in, float p_out, uint32_t seed);

// A cycle of n nodes; classes: the first half of the ring and the second.
LabelledGraph ring(int n);

// A rows × cols 4-neighbour grid, node r·cols + c; classes: left and right half.
LabelledGraph grid(int rows, int cols);

}  // namespace alab::graph
