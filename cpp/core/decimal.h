// Exact decimal formatting and reading of floats and doubles, without libc's
// printf/strtod: those pull about 12 KB gzip (printf_core, fmt_fp, strtox and
// the software long double they use) into the wasm module for a handful of
// error messages and shortest decimals.
//
// Everything here is exact: a double's decimal expansion is computed with big
// integers, rounding to n digits is round-half-to-even on that expansion (as
// printf's %.*g in the default rounding mode), and reading a decimal back is
// correctly rounded (as strtod/strtof), decided by exact comparison against
// the midpoints between neighbouring floats. So the results equal glibc's and
// musl's, which are exact too (tests/native/decimal_test.cpp compares them).
#pragma once

#include <cstdint>
#include <string>

namespace alab::decimal {

/// A decimal digits × 10^exponent with at most 17 significant digits; the sign apart.
struct Decimal {
  std::uint64_t digits = 0;
  int exponent = 0;
  bool negative = false;
};

/// The exact decimal expansion of a finite double: significant digits (no
/// leading or trailing zeros; "0" for zero) and the power of ten of the first.
struct Expansion {
  std::string digits;
  int point = 0;  // value = 0.d1d2d3... × 10^(point + 1)
  bool negative = false;
};

Expansion expand(double v);

/// The expansion rounded to `precision` (1..17) significant digits, ties to even.
Decimal round_to(const Expansion& x, int precision);

/// printf("%.*g", precision, d) for a value rounded to `precision` digits.
std::string format_g(const Decimal& d, int precision);

/// The double nearest d (ties to even), as strtod reads it.
double to_double(const Decimal& d);

/// Whether d reads back as exactly v in v's own type (strtof for float,
/// strtod for double), decided exactly.
bool reads_back_as(const Decimal& d, float v);
bool reads_back_as(const Decimal& d, double v);

}  // namespace alab::decimal
