// Errors raised by the public C++ API when input from outside is invalid.
// Kernels never throw (they assume validated input); the API layer checks every
// field and throws one of these, naming the field, the value and what is allowed.
// The binding layer turns them into JavaScript TypeError / RangeError.
#pragma once

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

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
// decimal that reads back as the same value in its own type (0.3f -> "0.3").
// snprintf rather than iostreams, which would add ~100 KB to the wasm module.
template <class T>
std::string describe_value(T v) {
  const double d = static_cast<double>(v);
  if (d != d) return "NaN";
  if (d == static_cast<double>(HUGE_VAL)) return "Infinity";
  if (d == -static_cast<double>(HUGE_VAL)) return "-Infinity";
  char buf[40];
  if (d > -1e15 && d < 1e15 && d == std::trunc(d)) {  // range first: casting 1e47 is UB
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(d));
    return buf;
  }
  for (int digits = 1; digits <= 17; ++digits) {
    std::snprintf(buf, sizeof buf, "%.*g", digits, d);
    if (static_cast<T>(std::strtod(buf, nullptr)) == v) break;
  }
  return buf;
}

inline std::string describe_value(const std::string& v) { return v; }

// The double with the fewest decimal digits that converts back to v exactly
// (0.01f -> 0.01, not 0.009999999776482582), so JSON and JS show short numbers
// that still round-trip bit-exactly. Non-finite values are returned as they are.
inline double shortest_decimal(float v) {
  if (!std::isfinite(v)) return v;
  char buf[32];
  for (int digits = 1; digits <= 9; ++digits) {
    std::snprintf(buf, sizeof buf, "%.*g", digits, static_cast<double>(v));
    if (std::strtof(buf, nullptr) == v) break;
  }
  return std::strtod(buf, nullptr);
}

// A key from outside as it appears in a message: at most 40 characters, control
// characters as \u00XX. (A NUL would end the message: what() is a C string.)
inline std::string printable_key(const std::string& key) {
  std::string out;
  for (std::size_t i = 0; i < key.size() && i < 40; ++i) {
    const unsigned char c = static_cast<unsigned char>(key[i]);
    if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
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
