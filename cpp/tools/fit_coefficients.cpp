// Produces the fitted polynomial coefficients of cpp/core/vmath.h.
//
//   g++ -O2 -std=c++17 cpp/tools/fit_coefficients.cpp -o /tmp/fit && /tmp/fit
//
// Each fit is a weighted least-squares fit in a Chebyshev basis on Chebyshev
// nodes, in long double, refined towards minimax by Lawson's iteration
// (weights *= |error|), then converted to monomial coefficients for Horner's
// rule and rounded to float one at a time, lowest degree first, refitting the
// higher ones after each rounding. The printed max error is that of the
// polynomial with the float coefficients, evaluated exactly (long double), in
// the error measure vmath.h needs (see each target); "Horner condition" is
// max sum |c_k u^k| / scale, a bound factor for float rounding in Horner.
// Runs in about a second; the output is deterministic. EXPLORE=1 /tmp/fit
// compares other choices for the normal_cdf tail fit.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <functional>
#include <vector>

using LD = long double;
using Poly = std::vector<LD>;  // monomial coefficients, lowest degree first

const LD kPi = 3.141592653589793238462643383279502884L;

struct Target {
  const char* name;
  const char* variable;
  LD u0, u1;                     // fit interval of the variable u
  int degree;
  std::function<LD(LD)> g;       // function to approximate, g(u)
  std::function<LD(LD)> scale;   // error is |P(u) - g(u)| / scale(u)
};

// Solves the (n x n) system A x = b by Gaussian elimination with pivoting.
std::vector<LD> solve(std::vector<std::vector<LD>> a, std::vector<LD> b) {
  const size_t n = b.size();
  for (size_t c = 0; c < n; ++c) {
    size_t p = c;
    for (size_t r = c + 1; r < n; ++r)
      if (std::fabs(a[r][c]) > std::fabs(a[p][c])) p = r;
    std::swap(a[c], a[p]);
    std::swap(b[c], b[p]);
    for (size_t r = c + 1; r < n; ++r) {
      const LD f = a[r][c] / a[c][c];
      for (size_t k = c; k < n; ++k) a[r][k] -= f * a[c][k];
      b[r] -= f * b[c];
    }
  }
  std::vector<LD> x(n);
  for (size_t c = n; c-- > 0;) {
    LD s = b[c];
    for (size_t k = c + 1; k < n; ++k) s -= a[c][k] * x[k];
    x[c] = s / a[c][c];
  }
  return x;
}

LD horner(const Poly& p, LD u) {
  LD y = 0;
  for (size_t k = p.size(); k-- > 0;) y = y * u + p[k];
  return y;
}

// Chebyshev series on [u0, u1] (variable v = (2u - u0 - u1) / (u1 - u0))
// to monomials in u.
Poly to_monomial(const std::vector<LD>& cheb, LD u0, LD u1) {
  const size_t n = cheb.size();
  const LD s = 2 / (u1 - u0), o = -(u0 + u1) / (u1 - u0);  // v = s u + o
  Poly t_prev{1}, t_cur{o, s}, out(n, 0);                  // T0, T1 in u
  for (size_t k = 0; k < n; ++k) {
    const Poly& t = k == 0 ? t_prev : t_cur;
    for (size_t i = 0; i < t.size(); ++i) out[i] += cheb[k] * t[i];
    if (k >= 1) {  // T_{k+1} = 2 v T_k - T_{k-1}
      Poly next(t_cur.size() + 1, 0);
      for (size_t i = 0; i < t_cur.size(); ++i) {
        next[i] += 2 * o * t_cur[i];
        next[i + 1] += 2 * s * t_cur[i];
      }
      for (size_t i = 0; i < t_prev.size(); ++i) next[i] -= t_prev[i];
      t_prev = t_cur;
      t_cur = next;
    }
  }
  return out;
}

// Weighted minimax-ish fit of r(u) ~ u^shift * sum_j c_j T_j(v) at the nodes,
// error measured as |fit - r| / scale. Returns the monomial coefficients in u
// (length shift + degree + 1).
Poly fit_shifted(const std::vector<LD>& us, const std::vector<LD>& rs, const std::vector<LD>& scales,
                 int shift, int degree, LD u0, LD u1) {
  const size_t m = us.size(), n = degree + 1;
  std::vector<std::vector<LD>> basis(m, std::vector<LD>(n));
  for (size_t i = 0; i < m; ++i) {
    const LD v = (2 * us[i] - u0 - u1) / (u1 - u0), mul = std::pow(us[i], shift) / scales[i];
    LD tm = 1, tk = v;
    for (size_t k = 0; k < n; ++k) {
      basis[i][k] = (k == 0 ? 1 : tk) * mul;
      if (k >= 1) {
        const LD next = 2 * v * tk - tm;
        tm = tk;
        tk = next;
      }
    }
  }
  std::vector<LD> ws(m, 1.0L / m), c;
  for (int iter = 0; iter < 60; ++iter) {  // Lawson: reweight by |error|
    std::vector<std::vector<LD>> a(n, std::vector<LD>(n, 0));
    std::vector<LD> b(n, 0);
    for (size_t i = 0; i < m; ++i)
      for (size_t j = 0; j < n; ++j) {
        b[j] += ws[i] * basis[i][j] * rs[i] / scales[i];
        for (size_t k = 0; k < n; ++k) a[j][k] += ws[i] * basis[i][j] * basis[i][k];
      }
    c = solve(a, b);
    LD sum = 0;
    for (size_t i = 0; i < m; ++i) {
      LD e = -rs[i] / scales[i];
      for (size_t k = 0; k < n; ++k) e += c[k] * basis[i][k];
      ws[i] *= std::fabs(e) + 1e-30L;
      sum += ws[i];
    }
    for (LD& w : ws) w /= sum;
  }
  const Poly q = to_monomial(c, u0, u1);
  Poly p(shift, 0);
  p.insert(p.end(), q.begin(), q.end());
  return p;
}

LD max_error(const Target& t, const Poly& p, LD* at) {
  LD worst = 0;
  const int kCheck = 200000;
  for (int i = 0; i <= kCheck; ++i) {
    const LD u = t.u0 + (t.u1 - t.u0) * i / kCheck;
    const LD e = std::fabs(horner(p, u) - t.g(u)) / t.scale(u);
    if (e > worst) worst = e, *at = u;
  }
  return worst;
}

// Fits, then rounds the coefficients to float from the lowest degree up,
// refitting the higher ones after each rounding so they absorb its error.
void fit(const Target& t) {
  const int m = 40 * (t.degree + 1);
  std::vector<LD> us(m), gs(m), scales(m);
  for (int i = 0; i < m; ++i) {
    us[i] = (t.u0 + t.u1) / 2 - std::cos(kPi * (i + 0.5L) / m) * (t.u1 - t.u0) / 2;
    gs[i] = t.g(us[i]);
    scales[i] = t.scale(us[i]);
  }
  Poly p = fit_shifted(us, gs, scales, 0, t.degree, t.u0, t.u1);
  LD at = 0;
  const LD exact = max_error(t, p, &at);
  for (int k = 0; k <= t.degree; ++k) {
    p[k] = static_cast<float>(p[k]);
    if (k == t.degree) break;
    std::vector<LD> rest(m);  // what the coefficients above k must still fit
    for (int i = 0; i < m; ++i) rest[i] = gs[i] - horner(Poly(p.begin(), p.begin() + k + 1), us[i]);
    const Poly hi = fit_shifted(us, rest, scales, k + 1, t.degree - k - 1, t.u0, t.u1);
    for (int j = k + 1; j <= t.degree; ++j) p[j] = hi[j];
  }
  const LD worst = max_error(t, p, &at);
  LD cond = 0;  // Horner's rounding errors scale with sum |c_k u^k| / scale
  for (int i = 0; i <= 1000; ++i) {
    const LD u = t.u0 + (t.u1 - t.u0) * i / 1000;
    LD sum = 0;
    for (size_t k = 0; k < p.size(); ++k) sum += std::fabs(p[k] * std::pow(u, k));
    cond = std::max(cond, sum / t.scale(u));
  }
  std::printf("%s: degree %d in %s on [%.9Lg, %.9Lg]\n  max error %.3Le = %.3Lf x 2^-24 at %s = %.6Lg"
              " (%.3Le before rounding to float); Horner condition %.1Lf\n  {",
              t.name, t.degree, t.variable, t.u0, t.u1, worst, worst * 16777216.0L, t.variable, at, exact, cond);
  for (size_t k = 0; k < p.size(); ++k) std::printf("%s%.9ef", k ? ", " : "", static_cast<double>(p[k]));
  std::printf("}\n");
}

// Inverse Mills ratio D(a) = φ(a) / Φ(-a), a >= 0.
LD mills_inverse(LD a) {
  const LD phi = std::exp(-a * a / 2) / std::sqrt(2 * kPi);
  return phi / (std::erfc(a / std::sqrt(2.0L)) / 2);
}

int main() {
  const LD kLn2Half = std::log(2.0L) / 2;
  // exp: e^r = 1 + r + r^2 q(r), |r| <= ln2/2 (+ a little slack for the
  // double-float remainder); error relative to e^r.
  fit({"exp q(r)", "r", -kLn2Half * 1.0001L, kLn2Half * 1.0001L, 5,
       [](LD r) { return (std::expm1(r) - r) / (r * r); },
       [](LD r) { return std::exp(r) / (r * r); }});

  // rr2_p5 (exp_neg_rr2_p5: sigmoid): e^r = 1 + r P(r), P of degree 4 with a
  // free constant term (total degree 5, as XNNPACK's sigmoid); error relative
  // to e^r.
  fit({"exp p5: e^r = 1 + r P(r)", "r", -kLn2Half * 1.0001L, kLn2Half * 1.0001L, 4,
       [](LD r) { return r == 0 ? 1 : std::expm1(r) / r; },
       [](LD r) { return r == 0 ? 1e30L : std::exp(r) / std::fabs(r); }});

  // rr2_p6 (exp_neg_rr2_p6 and expm1_rr2_p6: sigmoid, silu, elu, selu):
  // e^r = 1 + r + r^2 Q(r), Q of degree 4 (total degree 6), |r| <= ln2/2;
  // error relative to e^r. (p5's error, 1.5 x 2^-24, is too much for silu's
  // 4 ULP.)
  fit({"expm1 p6: e^r = 1 + r + r^2 Q(r)", "r", -kLn2Half * 1.0001L, kLn2Half * 1.0001L, 4,
       [](LD r) { return r == 0 ? 0.5L : (std::expm1(r) - r) / (r * r); },
       [](LD r) { return r == 0 ? 1e30L : std::exp(r) / (r * r); }});

  // The derivatives of silu, gelu and mish near their zero crossing x0 (one
  // each, on the negative side), where the kernels' sums cancel: f'(x) =
  // u P(u) with u = (x - x0_hi) - x0_lo, x0 = x0_hi + x0_lo as two floats;
  // error relative to f'. Prints x0_hi, x0_lo, then the fit. The intervals
  // cover where the kernels' formulas exceed about 6 ULP; degree 8 is the
  // lowest whose error stays below 1 x 2^-24 (mostly c0's rounding).
  auto sigm = [](LD x) { return 1 / (1 + std::exp(-x)); };
  auto cdf = [](LD x) { return std::erfc(-x / std::sqrt(2.0L)) / 2; };
  auto pdf = [](LD x) { return std::exp(-x * x / 2) / std::sqrt(2 * kPi); };
  struct Root { const char* name; std::function<LD(LD)> fd; LD lo, hi, u0, u1; int degree; };
  const Root roots[] = {
      {"silu' root", [=](LD x) { return sigm(x) * (1 + x * sigm(-x)); }, -1.5L, -1.0L, -0.6L, 0.6L, 8},
      {"gelu' root", [=](LD x) { return cdf(x) + x * pdf(x); }, -1.0L, -0.5L, -0.4L, 0.4L, 8},
      {"mish' root", [=](LD x) {
         const LD sp = std::log1p(std::exp(x)), c = std::cosh(sp);
         return std::tanh(sp) + x / (c * c) * sigm(x); }, -1.5L, -1.0L, -0.6L, 0.6L, 8},
  };
  for (const Root& r : roots) {
    LD a = r.lo, b = r.hi;  // bisection: f' < 0 left of the root
    for (int i = 0; i < 200; ++i) { const LD m = (a + b) / 2; (r.fd(m) < 0 ? a : b) = m; }
    const LD x0 = (a + b) / 2;
    const float hi = static_cast<float>(x0), lo = static_cast<float>(x0 - hi);
    const LD x0f = static_cast<LD>(hi) + lo;
    std::printf("%s: x0 = %.21Lg = %.9ef + %.9ef\n  ", r.name, x0, hi, lo);
    auto fd = r.fd;
    {
      fit({r.name, "u", r.u0, r.u1, r.degree,
           [=](LD u) { return u == 0 ? (fd(x0f + 1e-12L) - fd(x0f - 1e-12L)) / 2e-12L : fd(x0f + u) / u; },
           [=](LD u) { return u == 0 ? 1e30L : std::fabs(fd(x0f + u) / u); }});
    }
  }

  // normal_cdf tail: Φ(-a) = φ(a) / D(a), D(a) = a + R(v), v = a / (a + kMillsK),
  // for a in [0.67, 15] (Φ(-15) is far below the smallest subnormal). The
  // error is relative to D, the number the result is divided by.
  // EXPLORE=1 tries other kMillsK and degrees (kMillsK = 4, degree 9 is the
  // cheapest with error below 0.05 x 2^-24).
  const LD kMillsK = 4;
  auto mills_target = [](LD k) {
    return Target{"normal_cdf R(v)", "v", 0.67L / (0.67L + k), 15 / (15 + k), 9,
                  [=](LD v) { const LD a = k * v / (1 - v); return mills_inverse(a) - a; },
                  [=](LD v) { return mills_inverse(k * v / (1 - v)); }};
  };
  if (std::getenv("EXPLORE")) {
    for (LD k : {2.0L, 3.0L, 4.0L, 6.0L})
      for (int degree : {8, 9, 10, 11}) {
        Target t = mills_target(k);
        t.degree = degree;
        std::printf("kMillsK = %Lg: ", k);
        fit(t);
      }
    return 0;
  }
  fit(mills_target(kMillsK));

  // normal_cdf near 0: Φ(x) = 1/2 + x P(x^2), |x| <= 0.67; error relative to
  // the smaller result, Φ(-|x|) >= 0.25.
  auto cdf_odd = [](LD s) {  // (Φ(x) - 1/2) / x
    return s == 0 ? 1 / std::sqrt(2 * kPi) : std::erf(std::sqrt(s / 2)) / (2 * std::sqrt(s));
  };
  fit({"normal_cdf P(s), s = x^2", "s", 0, 0.67L * 0.67L, 4, cdf_odd,
       [](LD s) { return s == 0 ? 1e30L : std::erfc(std::sqrt(s / 2)) / 2 / std::sqrt(s); }});

  // erf near 0: erf(x) = x + x E(x^2), |x| <= 0.5; error relative to erf.
  auto erf_over_x = [](LD s) { return s == 0 ? 2 / std::sqrt(kPi) : std::erf(std::sqrt(s)) / std::sqrt(s); };
  fit({"erf E(s), s = x^2", "s", 0, 0.25L, 4,
       [=](LD s) { return erf_over_x(s) - 1; }, erf_over_x});
  return 0;
}
