// Exact decimal conversions (decimal.h). A finite binary float is m × 2^e
// with an integer m; every question asked here reduces to comparing two
// integers of at most ~2560 bits, built from m, powers of 5 and shifts.
#include "core/decimal.h"

#include <cmath>
#include <cstring>
#include <limits>

namespace alab::decimal {
namespace {

// Unsigned big integer, little-endian 32-bit limbs. The largest value built
// is the expansion of the smallest normal double, (2^53 - 1) × 5^1074:
// 2547 bits, 80 limbs. Comparisons stay below 1000 bits.
class Big {
 public:
  static constexpr int kLimbs = 82;

  explicit Big(std::uint64_t v) {
    limb_[0] = static_cast<std::uint32_t>(v);
    limb_[1] = static_cast<std::uint32_t>(v >> 32);
    size_ = limb_[1] ? 2 : limb_[0] ? 1 : 0;
  }

  bool is_zero() const { return size_ == 0; }

  void mul(std::uint32_t f) {
    std::uint64_t carry = 0;
    for (int i = 0; i < size_; ++i) {
      const std::uint64_t t = static_cast<std::uint64_t>(limb_[i]) * f + carry;
      limb_[i] = static_cast<std::uint32_t>(t);
      carry = t >> 32;
    }
    if (carry) limb_[size_++] = static_cast<std::uint32_t>(carry);
  }

  void mul_pow5(int k) {
    constexpr std::uint32_t kPow5_13 = 1220703125;  // 5^13, the largest power of 5 below 2^32
    for (; k >= 13; k -= 13) mul(kPow5_13);
    std::uint32_t f = 1;
    for (; k > 0; --k) f *= 5;
    if (f != 1) mul(f);
  }

  void shl(int bits) {
    if (size_ == 0 || bits == 0) return;
    const int limbs = bits / 32, b = bits % 32;
    if (b) {
      std::uint32_t carry = 0;
      for (int i = 0; i < size_; ++i) {
        const std::uint32_t next = limb_[i] >> (32 - b);
        limb_[i] = (limb_[i] << b) | carry;
        carry = next;
      }
      if (carry) limb_[size_++] = carry;
    }
    if (limbs) {
      std::memmove(limb_ + limbs, limb_, sizeof(std::uint32_t) * static_cast<std::size_t>(size_));
      std::memset(limb_, 0, sizeof(std::uint32_t) * static_cast<std::size_t>(limbs));
      size_ += limbs;
    }
  }

  // Divides by d and returns the remainder.
  std::uint32_t divmod(std::uint32_t d) {
    std::uint64_t rem = 0;
    for (int i = size_ - 1; i >= 0; --i) {
      const std::uint64_t t = (rem << 32) | limb_[i];
      limb_[i] = static_cast<std::uint32_t>(t / d);
      rem = t % d;
    }
    while (size_ > 0 && limb_[size_ - 1] == 0) --size_;
    return static_cast<std::uint32_t>(rem);
  }

  friend int compare(const Big& a, const Big& b) {
    if (a.size_ != b.size_) return a.size_ < b.size_ ? -1 : 1;
    for (int i = a.size_ - 1; i >= 0; --i) {
      if (a.limb_[i] != b.limb_[i]) return a.limb_[i] < b.limb_[i] ? -1 : 1;
    }
    return 0;
  }

 private:
  std::uint32_t limb_[kLimbs] = {};
  int size_ = 0;
};

// A binary floating-point format: `bits` significant bits, m × 2^e with
// e >= min_e (subnormals share min_e with the smallest normals), e <= max_e.
struct Format {
  int bits;
  int min_e;
  int max_e;
};
constexpr Format kDouble{53, -1074, 971};
constexpr Format kFloat{24, -149, 104};

// A non-negative m × 2^e of a format; exponent `max_e + 1` means infinity.
struct Binary {
  std::uint64_t m;
  int e;
};

Binary decompose(double v) {
  std::uint64_t u;
  std::memcpy(&u, &v, sizeof u);
  const int biased = static_cast<int>((u >> 52) & 0x7ff);
  const std::uint64_t frac = u & ((std::uint64_t{1} << 52) - 1);
  if (biased == 0) return {frac, kDouble.min_e};
  return {frac | (std::uint64_t{1} << 52), biased - 1075};
}

Binary decompose(float v) {
  std::uint32_t u;
  std::memcpy(&u, &v, sizeof u);
  const int biased = static_cast<int>((u >> 23) & 0xff);
  const std::uint32_t frac = u & ((1u << 23) - 1);
  if (biased == 0) return {frac, kFloat.min_e};
  return {frac | (1u << 23), biased - 150};
}

// Sign of |d| - m × 2^j.
int compare(const Decimal& d, std::uint64_t m, int j) {
  Big a(d.digits), b(m);
  if (d.exponent >= 0) {
    a.mul_pow5(d.exponent);
  } else {
    b.mul_pow5(-d.exponent);
  }
  const int shift = d.exponent - j;
  if (shift >= 0) {
    a.shl(shift);
  } else {
    b.shl(-shift);
  }
  return compare(a, b);
}

// Where |d| lies against the values that round to c in format f, ties to
// even: -1 below them, 0 among them, 1 above.
int locate(const Decimal& d, Binary c, const Format& f) {
  const bool odd = c.m & 1;
  const int hi = compare(d, 2 * c.m + 1, c.e - 1);
  if (hi > 0 || (hi == 0 && odd)) return 1;
  if (c.m == 0) return 0;
  const bool lower_gap_halves = c.m == (std::uint64_t{1} << (f.bits - 1)) && c.e > f.min_e;
  const int lo = lower_gap_halves ? compare(d, 4 * c.m - 1, c.e - 2) : compare(d, 2 * c.m - 1, c.e - 1);
  if (lo < 0 || (lo == 0 && odd)) return -1;
  return 0;
}

constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                             1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

// |d| with one rounding when that is exact enough to be the correctly rounded
// double (digits and 10^|exponent| both exact doubles); else false.
bool exact_quotient(const Decimal& d, double& out) {
  if (d.digits >= (std::uint64_t{1} << 53) || d.exponent < -22 || d.exponent > 22) return false;
  const double n = static_cast<double>(d.digits);
  out = d.exponent >= 0 ? n * kPow10[d.exponent] : n / kPow10[-d.exponent];
  return true;
}

}  // namespace

Expansion expand(double v) {
  Expansion x;
  x.negative = std::signbit(v);
  Binary b = decompose(std::fabs(v));
  if (b.m == 0) {
    x.digits = "0";
    return x;
  }
  while (b.e < 0 && (b.m & 1) == 0) {
    b.m >>= 1;
    ++b.e;
  }
  // value = n / 10^scale with an integer n
  Big n(b.m);
  int scale = 0;
  if (b.e >= 0) {
    n.shl(b.e);
  } else {
    n.mul_pow5(-b.e);
    scale = -b.e;
  }
  // Nine digits at a time, least significant first (at most 770 digits).
  std::uint32_t chunks[90];
  int count = 0;
  while (!n.is_zero()) chunks[count++] = n.divmod(1000000000);
  x.digits = std::to_string(chunks[count - 1]);
  for (int i = count - 2; i >= 0; --i) {
    char nine[9];
    for (int k = 8; k >= 0; --k, chunks[i] /= 10) nine[k] = static_cast<char>('0' + chunks[i] % 10);
    x.digits.append(nine, 9);
  }
  const int length = static_cast<int>(x.digits.size());
  x.digits.resize(x.digits.find_last_not_of('0') + 1);
  x.point = length - 1 - scale;
  return x;
}

Decimal round_to(const Expansion& x, int precision) {
  Decimal d;
  d.negative = x.negative;
  const int length = static_cast<int>(x.digits.size());
  const int kept = length < precision ? length : precision;
  for (int i = 0; i < kept; ++i) d.digits = d.digits * 10 + static_cast<std::uint64_t>(x.digits[i] - '0');
  int point = x.point;
  if (length > precision) {
    const char next = x.digits[precision];
    const bool more = length > precision + 1;  // the expansion has no trailing zeros
    if (next > '5' || (next == '5' && (more || (d.digits & 1)))) {
      ++d.digits;
      std::uint64_t limit = 1;
      for (int i = 0; i < precision; ++i) limit *= 10;
      if (d.digits == limit) {
        d.digits /= 10;
        ++point;
      }
    }
  }
  d.exponent = point - (kept - 1);
  return d;
}

std::string format_g(const Decimal& d, int precision) {
  std::string digits = std::to_string(d.digits);
  const int point = d.exponent + static_cast<int>(digits.size()) - 1;  // exponent of the first digit
  const std::size_t last = digits.find_last_not_of('0');
  digits.resize(last == std::string::npos ? 1 : last + 1);
  std::string out = d.negative ? "-" : "";
  if (d.digits == 0) return out + "0";
  const int n = static_cast<int>(digits.size());
  if (point < precision && point >= -4) {
    if (point < 0) return out + "0." + std::string(static_cast<std::size_t>(-point - 1), '0') + digits;
    if (n <= point + 1) return out + digits + std::string(static_cast<std::size_t>(point + 1 - n), '0');
    return out + digits.substr(0, static_cast<std::size_t>(point + 1)) + "." + digits.substr(static_cast<std::size_t>(point + 1));
  }
  out += digits[0];
  if (n > 1) out += "." + digits.substr(1);
  out += point < 0 ? "e-" : "e+";
  const int e = point < 0 ? -point : point;
  if (e < 10) out += '0';
  return out + std::to_string(e);
}

double to_double(const Decimal& d) {
  double estimate;
  if (!exact_quotient(d, estimate)) {
    // Within a few units in the last place; the exact comparisons below correct it.
    estimate = static_cast<double>(d.digits);
    int k = d.exponent;
    for (; k > 22; k -= 22) estimate *= 1e22;
    for (; k < -22; k += 22) estimate /= 1e22;
    estimate = k >= 0 ? estimate * kPow10[k] : estimate / kPow10[-k];
    if (std::isinf(estimate)) estimate = std::numeric_limits<double>::max();
    Binary c = decompose(estimate);
    for (;;) {
      const int where = locate(d, c, kDouble);
      if (where == 0) break;
      if (where > 0) {
        if (++c.m == (std::uint64_t{1} << kDouble.bits)) {
          c.m >>= 1;
          if (++c.e > kDouble.max_e) return d.negative ? -HUGE_VAL : HUGE_VAL;
        }
      } else if (c.m == (std::uint64_t{1} << (kDouble.bits - 1)) && c.e > kDouble.min_e) {
        c.m = (std::uint64_t{1} << kDouble.bits) - 1;
        --c.e;
      } else {
        --c.m;
      }
    }
    estimate = std::ldexp(static_cast<double>(c.m), c.e);
  }
  return d.negative ? -estimate : estimate;
}

bool reads_back_as(const Decimal& d, double v) {
  if (v != 0 && d.negative != std::signbit(v)) return false;
  return locate(d, decompose(std::fabs(v)), kDouble) == 0;
}

bool reads_back_as(const Decimal& d, float v) {
  if (v != 0 && d.negative != std::signbit(v)) return false;
  const Binary c = decompose(std::fabs(v));
  double x;
  if (c.m != 0 && exact_quotient(d, x)) {
    // The float's rounding interval has double endpoints, and rounding to
    // double is monotonic: unless x lands on an endpoint, its side is d's.
    const double hi = std::ldexp(static_cast<double>(2 * c.m + 1), c.e - 1);
    const bool halves = c.m == (1u << 23) && c.e > kFloat.min_e;
    const double lo = halves ? std::ldexp(static_cast<double>(4 * c.m - 1), c.e - 2)
                             : std::ldexp(static_cast<double>(2 * c.m - 1), c.e - 1);
    if (x > lo && x < hi) return true;
    if (x < lo || x > hi) return false;
  }
  return locate(d, c, kFloat) == 0;
}

}  // namespace alab::decimal
