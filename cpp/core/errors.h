// Errors raised by the public C++ API when input from outside is invalid.
// Kernels never throw (they assume validated input); the API layer checks every
// field and throws one of these, naming the field, the value and what is allowed.
// The binding layer turns them into JavaScript TypeError / RangeError.
#pragma once

#include <cmath>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "core/decimal.h"

namespace alab {

class InvalidArgument : public std::invalid_argument {
 public:
  enum class Kind { Type, Range };
  InvalidArgument(Kind kind, std::string field, const std::string& message)
      : std::invalid_argument(message), kind_(kind), field_(std::move(field)) {}
  Kind kind() const { return kind_; }
  const std::string& field() const { return field_; }

 private:
  Kind kind_;
  std::string field_;
};

// Formats a number for an error message: "NaN", "Infinity", or the shortest
// decimal that reads back as the same value in its own type (0.3f -> "0.3"),
// as printf's %.*g shows it. decimal.h does the exact arithmetic (printf and
// strtod added about 9 KB gzip to the wasm module, iostreams ~100 KB).
template <class T>
std::string describe_value(T v) {
  const double d = static_cast<double>(v);
  if (d != d) return "NaN";
  if (d == static_cast<double>(HUGE_VAL)) return "Infinity";
  if (d == -static_cast<double>(HUGE_VAL)) return "-Infinity";
  if (d > -1e15 && d < 1e15 && d == std::trunc(d)) {  // range first: casting 1e47 is UB
    return std::to_string(static_cast<long long>(d));
  }
  const decimal::Expansion exact = decimal::expand(d);
  int digits = 1;
  decimal::Decimal shown = decimal::round_to(exact, digits);
  for (; digits < 17; shown = decimal::round_to(exact, ++digits)) {
    // Read back as strtod does, then converted to T (for a float: rounded twice).
    if (std::is_same_v<T, double> ? decimal::reads_back_as(shown, d)
                                  : static_cast<T>(decimal::to_double(shown)) == v) break;
  }
  return decimal::format_g(shown, digits);
}

inline std::string describe_value(const std::string& v) { return v; }

// The double with the fewest decimal digits that converts back to v exactly
// (0.01f -> 0.01, not 0.009999999776482582), so JSON and JS show short numbers
// that still round-trip bit-exactly. Non-finite values are returned as they are.
inline double shortest_decimal(float v) {
  if (!std::isfinite(v)) return v;
  const decimal::Expansion exact = decimal::expand(v);
  int digits = 1;
  decimal::Decimal shown = decimal::round_to(exact, digits);
  for (; digits < 9; shown = decimal::round_to(exact, ++digits)) {
    if (decimal::reads_back_as(shown, v)) break;
  }
  return decimal::to_double(shown);
}

// "\u00XX" for a control character c < 0x80 in a message or a JSON string.
inline std::string unicode_escape(unsigned char c) {
  const char* hex = "0123456789abcdef";
  return std::string("\\u00") + hex[c >> 4] + hex[c & 15];
}

// A key from outside as it appears in a message: at most 40 characters, control
// characters as \u00XX. (A NUL would end the message: what() is a C string.)
inline std::string printable_key(const std::string& key) {
  std::string out;
  for (std::size_t i = 0; i < key.size() && i < 40; ++i) {
    const unsigned char c = static_cast<unsigned char>(key[i]);
    if (c < 0x20 || c == 0x7f) {
      out += unicode_escape(c);
    } else {
      out += key[i];
    }
  }
  return out;
}

// Throws a RangeError-kind error: "<field> must be <allowed>; got <value>".
template <class T>
[[noreturn]] void throw_range(const std::string& field, T value, const std::string& allowed) {
  throw InvalidArgument(InvalidArgument::Kind::Range, field,
                        field + " must be " + allowed + "; got " + describe_value(value));
}

[[noreturn]] inline void throw_type(const std::string& field, const std::string& got, const std::string& allowed) {
  throw InvalidArgument(InvalidArgument::Kind::Type, field, field + " must be " + allowed + "; got " + got);
}

}  // namespace alab
