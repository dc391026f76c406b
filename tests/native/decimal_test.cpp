// core/decimal.h and the formatters built on it (describe_value,
// shortest_decimal) against libc's printf and strtod, which they replace in
// the wasm module: the strings and doubles must be identical. The references
// below are the formatters as they were written with snprintf/strtod.
// DecimalSweep.AllFloats (ALAB_DECIMAL_SWEEP=1, about 3 hours on one core;
// not part of npm run test:exhaustive) checks every float.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "core/decimal.h"
#include "core/errors.h"

namespace alab {
namespace {

template <class T>
std::string printf_describe(T v) {
  const double d = static_cast<double>(v);
  if (d != d) return "NaN";
  if (d == static_cast<double>(HUGE_VAL)) return "Infinity";
  if (d == -static_cast<double>(HUGE_VAL)) return "-Infinity";
  char buf[40];
  if (d > -1e15 && d < 1e15 && d == std::trunc(d)) {
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(d));
    return buf;
  }
  for (int digits = 1; digits <= 17; ++digits) {
    std::snprintf(buf, sizeof buf, "%.*g", digits, d);
    if (static_cast<T>(std::strtod(buf, nullptr)) == v) break;
  }
  return buf;
}

double printf_shortest(float v) {
  if (!std::isfinite(v)) return v;
  char buf[32];
  for (int digits = 1; digits <= 9; ++digits) {
    std::snprintf(buf, sizeof buf, "%.*g", digits, static_cast<double>(v));
    if (std::strtof(buf, nullptr) == v) break;
  }
  return std::strtod(buf, nullptr);
}

std::uint64_t bits_of(double v) {
  std::uint64_t u;
  std::memcpy(&u, &v, sizeof u);
  return u;
}
double double_of(std::uint64_t u) {
  double v;
  std::memcpy(&v, &u, sizeof v);
  return v;
}
float float_of(std::uint32_t u) {
  float v;
  std::memcpy(&v, &u, sizeof v);
  return v;
}

// Doubles that stress the conversions: random bit patterns (all exponents),
// subnormals, powers of two and ten and their neighbours, short decimals,
// halfway cases of short decimals, the extremes.
std::vector<double> test_doubles(int random_count) {
  std::vector<double> out;
  std::mt19937_64 rng(20261201);
  for (int i = 0; i < random_count; ++i) {
    const double v = double_of(rng());
    if (std::isfinite(v)) out.push_back(v);
  }
  for (int i = 0; i < random_count / 4; ++i) out.push_back(double_of(rng() & ((std::uint64_t{1} << 52) - 1)));
  for (int e = -1074; e <= 1023; ++e) {
    const double p = std::ldexp(1.0, e);
    out.insert(out.end(), {p, std::nextafter(p, 0.0), std::nextafter(p, HUGE_VAL)});
  }
  for (int e = -323; e <= 308; ++e) {
    const double p = std::strtod(("1e" + std::to_string(e)).c_str(), nullptr);
    out.insert(out.end(), {p, std::nextafter(p, 0.0), std::nextafter(p, HUGE_VAL), 1.5 * p, 0.3 * p});
  }
  std::uniform_int_distribution<int> digits(1, 17), exponent(-30, 30);
  for (int i = 0; i < random_count / 4; ++i) {
    const std::string s = std::to_string(rng() % 100000000000000000ull).substr(0, static_cast<std::size_t>(digits(rng))) +
                          "5e" + std::to_string(exponent(rng));
    out.push_back(std::strtod(s.c_str(), nullptr));
  }
  for (double v : {0.1, 0.2, 0.3, 1.0 / 3, 2.5, 0.5, 1e15, 1e16, 123456789012345678.0, 9007199254740993.0,
                   std::numeric_limits<double>::max(), std::numeric_limits<double>::min(),
                   std::numeric_limits<double>::denorm_min(), 0.0, -0.0}) {
    out.push_back(v);
  }
  const std::size_t n = out.size();
  for (std::size_t i = 0; i < n; ++i) out.push_back(-out[i]);
  return out;
}

TEST(Decimal, FormatGEqualsPrintfAtEveryPrecision) {
  for (double v : test_doubles(20000)) {
    const decimal::Expansion x = decimal::expand(v);
    for (int p = 1; p <= 17; ++p) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.*g", p, v);
      ASSERT_EQ(decimal::format_g(decimal::round_to(x, p), p), buf) << "v = " << buf << ", precision " << p;
    }
  }
}

TEST(Decimal, ExpansionIsExact) {
  // Every digit, against printf asked for more digits than any double has.
  for (double v : test_doubles(2000)) {
    const decimal::Expansion x = decimal::expand(v);
    char buf[1200];
    std::snprintf(buf, sizeof buf, "%.1100e", v);
    const int sign = std::signbit(v) ? 1 : 0;
    std::string digits = std::string(1, buf[sign]) + std::string(buf + sign + 2, 1100);
    digits.resize(digits.find_last_not_of('0') == std::string::npos ? 1 : digits.find_last_not_of('0') + 1);
    ASSERT_EQ(x.digits, digits) << buf;
    if (v != 0) {
      ASSERT_EQ(x.point, std::atoi(std::strchr(buf, 'e') + 1)) << buf;
    }
    ASSERT_EQ(x.negative, std::signbit(v));
  }
}

TEST(Decimal, ToDoubleEqualsStrtod) {
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int> digits(1, 17), exponent(-345, 310);
  int checked = 0;
  for (int i = 0; i < 200000; ++i) {
    decimal::Decimal d;
    const int n = digits(rng);
    std::uint64_t limit = 1;
    for (int k = 0; k < n; ++k) limit *= 10;
    d.digits = rng() % limit;
    d.exponent = i % 4 == 0 ? exponent(rng) % 23 : exponent(rng);
    d.negative = i & 1;
    const std::string s = (d.negative ? "-" : "") + std::to_string(d.digits) + "e" + std::to_string(d.exponent);
    const double want = std::strtod(s.c_str(), nullptr);
    ASSERT_EQ(bits_of(decimal::to_double(d)), bits_of(want)) << s;
    ++checked;
  }
  // Halfway points between neighbouring doubles, written with 17 digits and
  // nudged by one unit: the correction steps of to_double.
  for (double v : test_doubles(5000)) {
    const double next = std::nextafter(v, HUGE_VAL);
    if (!std::isfinite(next)) continue;
    const decimal::Expansion mid = decimal::expand(v / 2 + next / 2);
    decimal::Decimal d = decimal::round_to(mid, 17);
    for (int nudge = -1; nudge <= 1; ++nudge) {
      decimal::Decimal e = d;
      e.digits = static_cast<std::uint64_t>(static_cast<std::int64_t>(d.digits) + nudge);
      const std::string s = (e.negative ? "-" : "") + std::to_string(e.digits) + "e" + std::to_string(e.exponent);
      ASSERT_EQ(bits_of(decimal::to_double(e)), bits_of(std::strtod(s.c_str(), nullptr))) << s;
    }
  }
  EXPECT_GT(checked, 0);
}

TEST(Decimal, ReadsBackAsEqualsStrtodAndStrtof) {
  for (double v : test_doubles(20000)) {
    const decimal::Expansion x = decimal::expand(v);
    const float f = static_cast<float>(v);
    const decimal::Expansion xf = decimal::expand(f);
    for (int p = 1; p <= 17; ++p) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.*g", p, v);
      ASSERT_EQ(decimal::reads_back_as(decimal::round_to(x, p), v), std::strtod(buf, nullptr) == v) << buf;
      if (std::isfinite(f)) {
        std::snprintf(buf, sizeof buf, "%.*g", p, static_cast<double>(f));
        ASSERT_EQ(decimal::reads_back_as(decimal::round_to(xf, p), f), std::strtof(buf, nullptr) == f) << buf;
      }
    }
  }
}

TEST(Decimal, DescribeValueEqualsPrintfVersion) {
  for (double v : test_doubles(20000)) {
    ASSERT_EQ(describe_value(v), printf_describe(v));
    const float f = static_cast<float>(v);
    ASSERT_EQ(describe_value(f), printf_describe(f));
  }
  for (long long v : {1000000000000000ll, -1000000000000001ll, 9007199254740993ll, 9223372036854775807ll}) {
    ASSERT_EQ(describe_value(v), printf_describe(v));
  }
  for (std::uint64_t v : {std::uint64_t{1} << 60, ~std::uint64_t{0} >> 1, std::uint64_t{123456789012345678}}) {
    ASSERT_EQ(describe_value(v), printf_describe(v));
  }
  EXPECT_EQ(describe_value(std::numeric_limits<double>::denorm_min()), "5e-324");
  EXPECT_EQ(describe_value(0.1f), "0.1");
  EXPECT_EQ(describe_value(1e-5), "1e-05");
  EXPECT_EQ(describe_value(123456.5), "123456.5");
}

TEST(Decimal, ShortestDecimalEqualsPrintfVersionOnDenseFloats) {
  // Every 4999th bit pattern (all exponents, 0.86 M floats) and every 13th in [0.5, 2).
  std::uint64_t checked = 0;
  auto check = [&](std::uint32_t u) {
    const float f = float_of(u);
    if (std::isnan(f)) return;
    const double got = shortest_decimal(f), want = printf_shortest(f);
    ASSERT_EQ(bits_of(got), bits_of(want)) << "float bits 0x" << std::hex << u;
    ++checked;
  };
  for (std::uint64_t u = 0; u <= 0xffffffffu; u += 4999) check(static_cast<std::uint32_t>(u));
  for (std::uint32_t u = 0x3f000000u; u < 0x40000000u; u += 13) check(u);
  EXPECT_GT(checked, 1500000u);
}

TEST(DecimalSweep, AllFloats) {
  if (std::getenv("ALAB_DECIMAL_SWEEP") == nullptr) GTEST_SKIP() << "set ALAB_DECIMAL_SWEEP=1 to check all 2^32 floats";
  for (std::uint64_t u = 0; u <= 0xffffffffu; ++u) {
    const float f = float_of(static_cast<std::uint32_t>(u));
    if (std::isnan(f)) continue;
    ASSERT_EQ(bits_of(shortest_decimal(f)), bits_of(printf_shortest(f))) << "float bits 0x" << std::hex << u;
    ASSERT_EQ(describe_value(f), printf_describe(f)) << "float bits 0x" << std::hex << u;
  }
}

}  // namespace
}  // namespace alab
