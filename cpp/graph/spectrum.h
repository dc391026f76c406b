// The graph Fourier basis of small graphs and spectral filters on it.
//
// The Laplacian L = U Λ Uᵀ is symmetric, so its eigenvectors (the columns of
// U) are an orthonormal basis of signals on the nodes: x̂ = Uᵀx is the graph
// Fourier transform, ordered by "frequency" λ (the eigenvector for λ = 0 is
// constant on each connected component; larger λ oscillate faster across
// edges). A spectral filter scales each frequency: y = U h(Λ) Uᵀ x.
//
// The eigensolver is the cyclic Jacobi method in double precision (display
// only): sweeps over (p, q) pairs in a fixed order, rotations from +, −, ×, ÷
// and sqrt only, so the result is the same bit for bit in every build.
#pragma once

#include <vector>

#include "graph/graph.h"

namespace alab::graph {

inline constexpr int kMaxEigenNodes = 400;

struct SymmetricEigen {
  int n = 0;
  std::vector<double> values;   // (n) ascending
  std::vector<double> vectors;  // (n, n): row k is the unit eigenvector of values[k],
                                // its sign chosen so that its largest-magnitude
                                // entry (the first such) is positive
};

// Eigen-decomposition of a dense symmetric matrix a (n, n) row-major.
SymmetricEigen jacobi_eigen(std::vector<double> a, int n);

// The Laplacian's eigen-decomposition (n <= kMaxEigenNodes).
SymmetricEigen laplacian_eigen(const Graph& g, LaplacianKind kind);

enum class FilterKind : uint8_t {
  heat,            // h(λ) = e^(−tλ), exact, through the eigenvectors
  low_pass,        // h(λ) = 1 for the `keep` lowest frequencies, else 0
  chebyshev,       // h(λ) = Σ_k c_k T_k(2λ/λmax − 1), applied as a K-hop polynomial of L̃
  heat_chebyshev,  // e^(−tλ) approximated by its order-K Chebyshev interpolant, applied as above
};
inline constexpr const char* kFilterNames[] = {"heat", "low_pass", "chebyshev", "heat_chebyshev"};

struct FilterSpec {
  FilterKind kind = FilterKind::heat;
  float t = 1.0f;                  // heat, heat_chebyshev
  int keep = 1;                    // low_pass
  std::vector<float> coefficients; // chebyshev (c_0 .. c_K)
  int order = 3;                   // heat_chebyshev
};

struct FilterResult {
  std::vector<float> output;           // (n) the filtered signal
  std::vector<float> input_spectrum;   // (n) Uᵀx
  std::vector<float> output_spectrum;  // (n) Uᵀy
  std::vector<float> response;         // (n) h(λ_k) at each eigenvalue
  std::vector<float> coefficients;     // the Chebyshev coefficients used (Chebyshev kinds)
  float lambda_max = 0;                // of the Chebyshev kinds: λmax of L̃
};

// Filters the signal x (n) on the normalised Laplacian's spectrum (n <= kMaxEigenNodes).
FilterResult spectral_filter(const Graph& g, const std::vector<float>& x, const FilterSpec& spec);

// Chebyshev interpolation coefficients c_0..c_K of e^(−tλ) on [0, λmax]
// (nodes λ_j = λmax (1 + cos(π(j + ½)/(K + 1)))/2).
std::vector<float> heat_chebyshev_coefficients(float t, float lambda_max, int order);

}  // namespace alab::graph
