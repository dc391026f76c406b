// Errors raised by the public C++ API when input from outside is invalid.
// Kernels never throw (they assume validated input); the API layer checks every
// field and throws one of these, naming the field, the value and what is allowed.
// The binding layer turns them into JavaScript TypeError / RangeError.
#pragma once

#include <sstream>
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

// Formats a number for an error message ("nan", "inf", "0.5").
template <class T>
std::string describe_value(T v) {
  std::ostringstream s;
  s << v;
  return s.str();
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
