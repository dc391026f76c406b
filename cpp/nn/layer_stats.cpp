// LayerStats (see layer_stats.h).
#include "nn/layer_stats.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstring>

#include "core/simd.h"

namespace alab::nn {

LayerStats::LayerStats(int units, const SaturationRegions& regions, long stride, long expected_pairs)
    : regions_(regions), stride_(std::max(1L, stride)), active_by_unit_(units, 0), saturated_by_unit_(units, 0),
      histogram_(static_cast<std::size_t>(kHistogramCopies) * kHistogramBins, 0),
      top_digits_(static_cast<std::size_t>(kTopDigitCopies) << kTopDigitBits, 0) {
  if (expected_pairs > 0) make_room(static_cast<std::size_t>(expected_pairs / stride_ + 1));
}

void LayerStats::make_room(std::size_t keys) {
  const std::size_t want = kept_n_ + keys + kLanes;  // a spare vector: keys are stored a vector at a time
  if (kept_.size() < want) kept_.resize(std::max(want, 2 * kept_.size()));
}

namespace {

// Zeroes t[0..n), n a multiple of 4.
void clear_counts(uint32_t* t, std::size_t n) {
  for (std::size_t i = 0; i < n; i += kLanes) wasm_v128_store(t + i, wasm_i32x4_splat(0));
}

}  // namespace

void LayerStats::reset(int units, const SaturationRegions& regions, long stride, long expected_pairs) {
  regions_ = regions;
  stride_ = std::max(1L, stride);
  since_kept_ = pairs_ = 0;
  sum_z_ = sum_z2_ = sum_a_ = sum_a2_ = sum_abs_d_ = 0;
  saturated_ = inactive_ = 0;
  active_by_unit_.assign(static_cast<std::size_t>(units), 0);
  saturated_by_unit_.assign(static_cast<std::size_t>(units), 0);
  std::fill(histogram_.begin(), histogram_.end(), 0u);
  // Only the digits that can have been counted are cleared (every copy).
  if (digit_lo_ <= digit_hi_) {
    const uint32_t lo = digit_lo_ & ~3u, end = (digit_hi_ + 4) & ~3u;
    for (int copy = 0; copy < kTopDigitCopies; ++copy)
      clear_counts(top_digits_.data() + (static_cast<std::size_t>(copy) << kTopDigitBits) + lo, end - lo);
  }
  digit_lo_ = 1u << kTopDigitBits, digit_hi_ = 0;
  kept_n_ = 0;
  if (expected_pairs > 0) make_room(static_cast<std::size_t>(expected_pairs / stride_ + 1));
}

namespace {

// The clamped and classified pairs of one run (see add_run), at most kRun.
constexpr int kRun = 256;
struct Run {
  float z[kRun + kLanes], a[kRun + kLanes];  // gathered input (GCN columns)
  float za[2 * (kRun + kLanes)];            // finite_or_clamped (z, a) pairs, interleaved
  float d[kRun + kLanes];                   // finite_or_clamped |f'|
  int32_t bin[kRun + kLanes];               // histogram_bin(z) + kHistogramBins × its copy
  int32_t flags[kRun + kLanes];             // 1: saturated, 2: active (f' != 0)
  uint32_t key[kRun + kLanes];              // order_key(a)
  uint32_t digit[kRun + kLanes];            // its top digit (kTopDigitShift) + 2^kTopDigitBits × its copy
};

// finite_or_clamped, lane by lane.
inline v128_t clamp_lanes(v128_t v) {
  const v128_t top = wasm_f32x4_splat(FLT_MAX), bottom = wasm_f32x4_splat(-FLT_MAX);
  v = wasm_v128_bitselect(top, v, wasm_f32x4_gt(v, top));
  v = wasm_v128_bitselect(bottom, v, wasm_f32x4_lt(v, bottom));
  return wasm_v128_and(v, wasm_f32x4_eq(v, v));  // NaN → +0
}

// histogram_bin of a finite z, lane by lane: t = (z − min)·bins/unit as
// there, then clamped to [0, last] (t < 0 exactly when z < min, since the
// difference of two distinct floats is never 0; t >= bins when z >= max) and
// truncated (floor, then the integer read from the bits of floor + 2^23).
inline v128_t bin_lanes(v128_t z) {
  constexpr float kBinsPerUnit = kHistogramBins / (kHistogramMax - kHistogramMin);
  const v128_t last = wasm_f32x4_splat(static_cast<float>(kHistogramBins - 1));
  v128_t t = wasm_f32x4_mul(wasm_f32x4_sub(z, wasm_f32x4_splat(kHistogramMin)), wasm_f32x4_splat(kBinsPerUnit));
  t = wasm_f32x4_pmin(wasm_f32x4_pmax(t, wasm_f32x4_splat(0.0f)), last);
  const v128_t magic = wasm_f32x4_splat(8388608.0f);  // 2^23
  return wasm_i32x4_sub(wasm_f32x4_add(wasm_f32x4_floor(t), magic), magic);
}

// order_key, lane by lane: flip the sign bit of positives, every bit of negatives.
inline v128_t key_lanes(v128_t f) {
  const v128_t minus_zero = wasm_i32x4_splat(static_cast<int32_t>(0x80000000u));
  const v128_t u = wasm_v128_andnot(f, wasm_i32x4_eq(f, minus_zero));
  return wasm_v128_xor(u, wasm_v128_or(wasm_i32x4_shr(u, 31), minus_zero));
}

inline int32_t lane_sum(v128_t v) {
  return wasm_i32x4_extract_lane(v, 0) + wasm_i32x4_extract_lane(v, 1) + wasm_i32x4_extract_lane(v, 2) +
         wasm_i32x4_extract_lane(v, 3);
}

}  // namespace

uint32_t order_key(float f) {
  uint32_t u;
  std::memcpy(&u, &f, sizeof u);
  u = u == 0x80000000u ? 0u : u;
  return (u >> 31) ? ~u : (u | 0x80000000u);
}

float key_value(uint32_t key) {
  const uint32_t u = (key >> 31) ? (key & 0x7fffffffu) : ~key;
  float f;
  std::memcpy(&f, &u, sizeof f);
  return f;
}

// n (<= kRun) pairs at z[i·step] (a, d alike); kOneUnit: all of `unit`, else
// of units unit, unit + 1, ...
template <bool kOneUnit>
void LayerStats::add_run(const float* z, const float* a, const float* d, long step, int n, int unit) {
  Run run;
  const float* zs = z;
  const float* as = a;
  const float* ds = d;
  float gathered_d[kRun + kLanes];
  if (step != 1) {  // gather the run first (GCN columns)
    for (int i = 0; i < n; ++i) {
      run.z[i] = z[i * step];
      run.a[i] = a[i * step];
      gathered_d[i] = d[i * step];
    }
    zs = run.z, as = run.a, ds = gathered_d;
  }
  // With every pair kept, the keys go straight to kept_ (one spare vector).
  const bool keep_all = stride_ == 1;
  make_room(static_cast<std::size_t>(n));
  uint32_t* const keys = keep_all ? kept_.data() + kept_n_ : run.key;
  // Vector pass: clamp, classify, bin, count, key.
  const v128_t below = wasm_f32x4_splat(regions_.below), above = wasm_f32x4_splat(regions_.above);
  const v128_t zero = wasm_f32x4_splat(0.0f), one = wasm_i32x4_splat(1), two = wasm_i32x4_splat(2);
  const v128_t lane_index = wasm_i32x4_make(0, 1, 2, 3);
  const v128_t copy_offset = wasm_i32x4_make(0, kHistogramBins, 2 * kHistogramBins, 3 * kHistogramBins);
  constexpr int kSecondCopy = kTopDigitCopies > 1 ? 1 << kTopDigitBits : 0;
  static_assert(kTopDigitCopies <= 2, "top-digit copies alternate by lane");
  const v128_t digit_copy = wasm_i32x4_make(0, kSecondCopy, 0, kSecondCopy);
  static_assert(kHistogramCopies == kLanes, "one histogram copy per lane");
  v128_t saturated = wasm_i32x4_splat(0), inactive = saturated, active_count = saturated;
  // The range of the top digits (tail lanes included: a wider range is harmless).
  v128_t digit_lo = wasm_i32x4_splat(static_cast<int32_t>(digit_lo_)), digit_hi = wasm_i32x4_splat(static_cast<int32_t>(digit_hi_));
  for_each_vector(static_cast<std::size_t>(n), [&](std::size_t i, std::size_t lanes) {
    v128_t zc = load_lanes(zs + i, lanes), ac = load_lanes(as + i, lanes);
    const v128_t de = load_lanes(ds + i, lanes);
    // |d| (sign bit cleared), then clamped. −0 becomes +0, which no sum or
    // count can tell apart from −0 here (the |f'| sum starts at +0).
    v128_t ad = wasm_v128_and(de, wasm_i32x4_splat(0x7fffffff));
    // The clamp changes only NaN and ±inf. Where z, a or |d| is one of
    // them, so is their sum u, and u − u is NaN (for a finite u it is 0; a
    // finite sum that overflows only clamps lanes the clamp leaves as they are).
    const v128_t u = wasm_f32x4_add(wasm_f32x4_add(zc, ac), ad);
    const v128_t t = wasm_f32x4_sub(u, u);
    if (wasm_v128_any_true(wasm_f32x4_ne(t, t))) {
      zc = clamp_lanes(zc);
      ac = clamp_lanes(ac);
      ad = clamp_lanes(ad);
    }
    // Lanes past n (a tail computes on zeros) count nothing.
    const v128_t valid = wasm_i32x4_lt(lane_index, wasm_i32x4_splat(static_cast<int32_t>(lanes)));
    const v128_t sat = wasm_v128_or(wasm_f32x4_le(zc, below), wasm_f32x4_ge(zc, above));  // regions_.saturated(zc)
    const v128_t active = wasm_f32x4_ne(ad, zero);
    saturated = wasm_i32x4_sub(saturated, wasm_v128_and(sat, valid));
    inactive = wasm_i32x4_sub(inactive, wasm_v128_andnot(valid, wasm_v128_or(sat, active)));
    active_count = wasm_i32x4_sub(active_count, wasm_v128_and(active, valid));
    wasm_v128_store(run.za + 2 * i, wasm_i8x16_shuffle(zc, ac, 0, 1, 2, 3, 16, 17, 18, 19, 4, 5, 6, 7, 20, 21, 22, 23));
    wasm_v128_store(run.za + 2 * i + 4,
                    wasm_i8x16_shuffle(zc, ac, 8, 9, 10, 11, 24, 25, 26, 27, 12, 13, 14, 15, 28, 29, 30, 31));
    wasm_v128_store(run.d + i, ad);
    wasm_v128_store(run.bin + i, wasm_i32x4_add(bin_lanes(zc), copy_offset));
    const v128_t key = key_lanes(ac);
    wasm_v128_store(keys + i, key);
    const v128_t digit = wasm_u32x4_shr(key, kTopDigitShift);
    digit_lo = wasm_u32x4_min(digit_lo, digit);
    digit_hi = wasm_u32x4_max(digit_hi, digit);
    wasm_v128_store(run.digit + i, wasm_i32x4_add(digit, digit_copy));
    if (!kOneUnit) wasm_v128_store(run.flags + i, wasm_v128_or(wasm_v128_and(sat, one), wasm_v128_and(active, two)));
  });
  // Scalar pass, in order: the double sums (z and a side by side in the two
  // lanes of a double vector, each lane the same additions in the same order
  // as a scalar sum), the histograms.
  v128_t sum = wasm_f64x2_make(sum_z_, sum_a_), sum2 = wasm_f64x2_make(sum_z2_, sum_a2_);
  double sd = sum_abs_d_;
  uint32_t* const histogram = histogram_.data();
  uint32_t* const top = top_digits_.data();
  for (int i = 0; i < n; ++i) {
    const v128_t v = wasm_f64x2_promote_low_f32x4(wasm_v128_load64_zero(run.za + 2 * i));  // (z, a)
    sum = wasm_f64x2_add(sum, v);
    sum2 = wasm_f64x2_add(sum2, wasm_f64x2_mul(v, v));
    sd += run.d[i];
    ++histogram[run.bin[i]];
    if (keep_all) ++top[run.digit[i]];
  }
  sum_z_ = wasm_f64x2_extract_lane(sum, 0), sum_a_ = wasm_f64x2_extract_lane(sum, 1);
  sum_z2_ = wasm_f64x2_extract_lane(sum2, 0), sum_a2_ = wasm_f64x2_extract_lane(sum2, 1);
  sum_abs_d_ = sd;
  digit_lo = wasm_u32x4_min(digit_lo, wasm_i32x4_shuffle(digit_lo, digit_lo, 2, 3, 0, 1));
  digit_hi = wasm_u32x4_max(digit_hi, wasm_i32x4_shuffle(digit_hi, digit_hi, 2, 3, 0, 1));
  digit_lo_ = std::min(static_cast<uint32_t>(wasm_i32x4_extract_lane(digit_lo, 0)), static_cast<uint32_t>(wasm_i32x4_extract_lane(digit_lo, 1)));
  digit_hi_ = std::max(static_cast<uint32_t>(wasm_i32x4_extract_lane(digit_hi, 0)), static_cast<uint32_t>(wasm_i32x4_extract_lane(digit_hi, 1)));
  const int32_t run_saturated = lane_sum(saturated);
  saturated_ += run_saturated;
  inactive_ += lane_sum(inactive);
  if (kOneUnit) {
    saturated_by_unit_[unit] += run_saturated;
    active_by_unit_[unit] += lane_sum(active_count);
  } else {
    for (int i = 0; i < n; ++i) {
      saturated_by_unit_[unit + i] += run.flags[i] & 1;
      active_by_unit_[unit + i] += run.flags[i] >> 1;
    }
  }
  // The kept activations: all, or every stride-th pair in order.
  if (keep_all) {
    kept_n_ += static_cast<std::size_t>(n);
  } else {
    long since_kept = since_kept_;
    for (int i = 0; i < n; ++i)
      if (++since_kept == stride_) {
        kept_[kept_n_++] = run.key[i];
        ++top_digits_[run.digit[i] & ((1u << kTopDigitBits) - 1)];
        since_kept = 0;
      }
    since_kept_ = since_kept;
  }
  pairs_ += n;
}

void LayerStats::add_block(const float* z, const float* a, const float* d, int first_unit, int units, int samples,
                           long unit_stride, long sample_stride, bool units_outer) {
  // Runs along the inner loop, in the order of the pairs.
  const int outer = units_outer ? units : samples, inner = units_outer ? samples : units;
  const long outer_step = units_outer ? unit_stride : sample_stride;
  const long inner_step = units_outer ? sample_stride : unit_stride;
  for (int o = 0; o < outer; ++o)
    for (int i = 0; i < inner; i += kRun) {
      const long e = o * outer_step + i * inner_step;
      const int n = std::min(kRun, inner - i);
      if (units_outer) add_run<true>(z + e, a + e, d + e, inner_step, n, first_unit + o);
      else add_run<false>(z + e, a + e, d + e, inner_step, n, first_unit + i);
    }
}

namespace {

// Order statistics by MSD radix selection over the order keys: a histogram
// of the top digit places each wanted rank in a bucket; the wanted buckets
// are gathered (all in one pass) and searched on the next digit, down to the
// last, where all keys of a bucket are the same. Exact: the same values a
// sort gives. Digits of 11, 8, 8 and 5 bits.
constexpr int kDigitBits[] = {kTopDigitBits, 8, 8, 5};
static_assert(kTopDigitBits == 11 && kTopDigitShift == 21, "the top digit is the first of the selection's");
constexpr int kLevels = 4;
constexpr int kSmallBucket = 32;  // sorted directly
constexpr int kMaxRanks = 6;

// For each 4-bit lane mask, the i8x16.swizzle pattern that moves the marked
// 32-bit lanes to the front, in order (the other lanes read zero).
struct PackPatterns {
  uint8_t bytes[16][16];
};
constexpr PackPatterns make_pack_patterns() {
  PackPatterns t{};
  for (int m = 0; m < 16; ++m) {
    int out = 0;
    for (int lane = 0; lane < 4; ++lane)
      if (m & (1 << lane)) {
        for (int b = 0; b < 4; ++b) t.bytes[m][4 * out + b] = static_cast<uint8_t>(4 * lane + b);
        ++out;
      }
    for (int b = 4 * out; b < 16; ++b) t.bytes[m][b] = 0x80;
  }
  return t;
}
alignas(16) constexpr PackPatterns kPack = make_pack_patterns();

// Appends the keys of keys[0..n) whose digit (key >> shift) & mask is
// want[k] to out[k] (k < kBuckets), in order, and advances out[k] past them.
// Whole vectors are stored: out[k] needs room for 3 keys more than it gets.
template <int kBuckets>
void gather_buckets(const uint32_t* keys, std::size_t n, int shift, uint32_t mask, const uint32_t* want,
                    uint32_t** out) {
  v128_t w[kBuckets];
  uint32_t* o[kBuckets];
  for (int k = 0; k < kBuckets; ++k) w[k] = wasm_i32x4_splat(static_cast<int32_t>(want[k])), o[k] = out[k];
  const v128_t digit_mask = wasm_i32x4_splat(static_cast<int32_t>(mask));
  const v128_t lane_index = wasm_i32x4_make(0, 1, 2, 3);
  for_each_vector(n, [&](std::size_t i, std::size_t lanes) {
    const v128_t key = load_lanes(reinterpret_cast<const float*>(keys + i), lanes);
    const v128_t digit = wasm_v128_and(wasm_u32x4_shr(key, shift), digit_mask);
    const v128_t valid = wasm_i32x4_lt(lane_index, wasm_i32x4_splat(static_cast<int32_t>(lanes)));
    for (int k = 0; k < kBuckets; ++k) {
      v128_t hit = wasm_i32x4_eq(digit, w[k]);
      if (lanes != kLanes) hit = wasm_v128_and(hit, valid);
      const uint32_t m = wasm_i32x4_bitmask(hit);
      wasm_v128_store(o[k], wasm_i8x16_swizzle(key, wasm_v128_load(kPack.bytes[m])));
      o[k] += __builtin_popcount(m);
    }
  });
  for (int k = 0; k < kBuckets; ++k) out[k] = o[k];
}

// Appends the keys of keys[0..n) whose digit is any of want[0..kBuckets) to
// out, in order; returns how many. Whole vectors are stored: out needs room
// for 3 keys more than it gets.
template <int kBuckets>
std::size_t gather_any(const uint32_t* keys, std::size_t n, int shift, uint32_t mask, const uint32_t* want,
                       uint32_t* out) {
  v128_t w[kBuckets];
  for (int k = 0; k < kBuckets; ++k) w[k] = wasm_i32x4_splat(static_cast<int32_t>(want[k]));
  const v128_t digit_mask = wasm_i32x4_splat(static_cast<int32_t>(mask));
  const v128_t lane_index = wasm_i32x4_make(0, 1, 2, 3);
  uint32_t* o = out;
  for_each_vector(n, [&](std::size_t i, std::size_t lanes) {
    const v128_t key = load_lanes(reinterpret_cast<const float*>(keys + i), lanes);
    const v128_t digit = wasm_v128_and(wasm_u32x4_shr(key, shift), digit_mask);
    v128_t hit = wasm_i32x4_eq(digit, w[0]);
    for (int k = 1; k < kBuckets; ++k) hit = wasm_v128_or(hit, wasm_i32x4_eq(digit, w[k]));
    if (lanes != kLanes) hit = wasm_v128_and(hit, wasm_i32x4_lt(lane_index, wasm_i32x4_splat(static_cast<int32_t>(lanes))));
    const uint32_t m = wasm_i32x4_bitmask(hit);
    wasm_v128_store(o, wasm_i8x16_swizzle(key, wasm_v128_load(kPack.bytes[m])));
    o += __builtin_popcount(m);
  });
  return static_cast<std::size_t>(o - out);
}

// gather_buckets over keys[0..n) for buckets want[0..count), at most kMaxRanks.
void gather_buckets_n(const uint32_t* keys, std::size_t n, int shift, uint32_t mask, const uint32_t* want, int count,
                      uint32_t** out) {
  for (int k = 0; k < count; k += 4) {
    switch (std::min(4, count - k)) {
      case 1: gather_buckets<1>(keys, n, shift, mask, want + k, out + k); break;
      case 2: gather_buckets<2>(keys, n, shift, mask, want + k, out + k); break;
      case 3: gather_buckets<3>(keys, n, shift, mask, want + k, out + k); break;
      default: gather_buckets<4>(keys, n, shift, mask, want + k, out + k); break;
    }
  }
}

class Selection {
 public:
  // The scratch is kept from call to call (grown when needed): every
  // histogram is cleared before use, every region written before it is read.
  explicit Selection(std::size_t n) {
    thread_local std::vector<uint32_t> scratch, counts(kLevels << 11);
    if (scratch.size() < kLevels * (n + kSlack)) scratch.resize(kLevels * (n + kSlack));
    scratch_ = scratch.data();
    counts_ = counts.data();
  }

  // The keys at ranks[0..count) (ascending) of keys[0..n) into out; `top`:
  // the histogram of their top digits, 0 below first_bin (a multiple of 16).
  void select(const uint32_t* keys, std::size_t n, const uint32_t* top, uint32_t first_bin, const std::size_t* ranks,
              int count, uint32_t* out) {
    top_ = top;
    first_bin_ = first_bin;
    select(keys, n, 0, 32, 0, ranks, count, out, 0);
  }

 private:
  // Room in a level's scratch beyond its keys: 3 spare keys after each of up
  // to kMaxRanks buckets (gather_buckets stores whole vectors).
  static constexpr std::size_t kSlack = kMaxRanks * kLanes;

  // keys[0..n) share their bits above `shift` (`prefix`).
  void select(const uint32_t* keys, std::size_t n, int level, int shift, uint32_t prefix, const std::size_t* ranks,
              int count, uint32_t* out, std::size_t region) {
    if (n <= static_cast<std::size_t>(kSmallBucket)) {
      uint32_t sorted[kSmallBucket];
      std::copy_n(keys, n, sorted);
      std::sort(sorted, sorted + n);
      for (int i = 0; i < count; ++i) out[i] = sorted[ranks[i]];
      return;
    }
    const int bits = kDigitBits[level];
    shift -= bits;
    const uint32_t mask = (1u << bits) - 1;
    uint32_t* hist = &counts_[static_cast<std::size_t>(level) << 11];
    if (level == 0) {
      hist = const_cast<uint32_t*>(top_);  // counted as the keys were added (read only)
    } else {
      // Two interleaved copies (keys of one bucket often share the next
      // digit too: consecutive counts then do not wait on each other).
      uint32_t* const second = hist + (mask + 1);
      clear_counts(hist, 2 * (mask + 1));
      std::size_t i = 0;
      for (; i + 2 <= n; i += 2) {
        ++hist[(keys[i] >> shift) & mask];
        ++second[(keys[i + 1] >> shift) & mask];
      }
      if (i < n) ++hist[(keys[i] >> shift) & mask];
      for (uint32_t b = 0; b <= mask; b += kLanes)
        wasm_v128_store(hist + b, wasm_i32x4_add(wasm_v128_load(hist + b), wasm_v128_load(second + b)));
    }
    // The wanted buckets, each with its first rank and the ranks within it.
    uint32_t bucket[kMaxRanks];
    int first[kMaxRanks + 1];
    std::size_t local[kMaxRanks];
    int buckets = 0;
    std::size_t below = 0;
    for (uint32_t b = level == 0 ? first_bin_ : 0, i = 0; static_cast<int>(i) < count; ++b) {
      // Sixteen bins at a time while the next rank lies beyond them.
      if ((b & 15) == 0 && b + 16 <= mask + 1) {
        const v128_t s4 = wasm_i32x4_add(wasm_i32x4_add(wasm_v128_load(hist + b), wasm_v128_load(hist + b + 4)),
                                         wasm_i32x4_add(wasm_v128_load(hist + b + 8), wasm_v128_load(hist + b + 12)));
        const std::size_t group = static_cast<uint32_t>(wasm_i32x4_extract_lane(s4, 0)) +
                                  static_cast<uint32_t>(wasm_i32x4_extract_lane(s4, 1)) +
                                  static_cast<uint32_t>(wasm_i32x4_extract_lane(s4, 2)) +
                                  static_cast<uint32_t>(wasm_i32x4_extract_lane(s4, 3));
        if (ranks[i] >= below + group) {
          below += group;
          b += 15;
          continue;
        }
      }
      const std::size_t c = hist[b];
      if (ranks[i] < below + c) {
        bucket[buckets] = b;
        first[buckets++] = static_cast<int>(i);
        for (; static_cast<int>(i) < count && ranks[i] < below + c; ++i) local[i] = ranks[i] - below;
      }
      below += c;
    }
    first[buckets] = count;
    if (shift == 0) {  // all 32 bits known
      for (int k = 0; k < buckets; ++k)
        for (int i = first[k]; i < first[k + 1]; ++i) out[i] = prefix | bucket[k];
      return;
    }
    // Every wanted bucket gathered in one pass (four at a time), each into
    // its own part of this level's scratch; the deeper levels' scratch follows.
    uint32_t* start[kMaxRanks];
    uint32_t* end[kMaxRanks];
    std::size_t next_region = region;
    for (int k = 0; k < buckets; ++k) {
      start[k] = end[k] = &scratch_[next_region];
      next_region += hist[bucket[k]] + kLanes;
    }
    std::size_t wanted = 0;
    for (int k = 0; k < buckets; ++k) wanted += hist[bucket[k]];
    if (buckets > 1 && 2 * wanted <= n) {
      // Few of the keys are wanted: one cheaper pass keeps every wanted
      // bucket's keys (in order), and only those are split by bucket. The
      // merged keys sit where the deeper levels' scratch starts (read before
      // the deeper levels write it).
      uint32_t* const merged = &scratch_[next_region];
      std::size_t got = 0;
      switch (buckets) {
        case 2: got = gather_any<2>(keys, n, shift, mask, bucket, merged); break;
        case 3: got = gather_any<3>(keys, n, shift, mask, bucket, merged); break;
        case 4: got = gather_any<4>(keys, n, shift, mask, bucket, merged); break;
        case 5: got = gather_any<5>(keys, n, shift, mask, bucket, merged); break;
        default: got = gather_any<6>(keys, n, shift, mask, bucket, merged); break;
      }
      gather_buckets_n(merged, got, shift, mask, bucket, buckets, end);
    } else {
      gather_buckets_n(keys, n, shift, mask, bucket, buckets, end);
    }
    for (int k = 0; k < buckets; ++k)
      select(start[k], hist[bucket[k]], level + 1, shift, prefix | (bucket[k] << shift), local + first[k],
             first[k + 1] - first[k], out + first[k], next_region);
  }

  const uint32_t* top_ = nullptr;
  uint32_t first_bin_ = 0;
  uint32_t* scratch_;  // per level: the wanted buckets, each with kLanes spare keys
  uint32_t* counts_;   // per level: the histogram (two copies below the top level)
};

std::array<double, 3> percentiles_of_keys(const uint32_t* keys, std::size_t n, const uint32_t* top, uint32_t first_bin) {
  std::array<double, 3> out{0, 0, 0};
  if (n == 0) return out;
  const double ps[3] = {0.02, 0.50, 0.98};
  // Rank p (n − 1), interpolated between its two neighbours: six ranks, ascending.
  std::size_t ranks[6];
  double fraction[3];
  for (int k = 0; k < 3; ++k) {
    const double rank = ps[k] * static_cast<double>(n - 1);
    const std::size_t lo = static_cast<std::size_t>(std::floor(rank));
    ranks[2 * k] = lo;
    ranks[2 * k + 1] = lo + 1 < n ? lo + 1 : lo;
    fraction[k] = rank - static_cast<double>(lo);
  }
  uint32_t found[6];
  Selection(n).select(keys, n, top, first_bin, ranks, 6, found);
  for (int k = 0; k < 3; ++k) {
    // −0 and +0 give the same result here (+0), so reading −0 as +0 is exact.
    const double vlo = key_value(found[2 * k]), vhi = key_value(found[2 * k + 1]);
    out[k] = vlo + fraction[k] * (vhi - vlo);
  }
  return out;
}

}  // namespace

std::array<double, 3> percentiles_2_50_98(const std::vector<float>& v) {
  std::vector<uint32_t> keys(v.size()), top(1u << kTopDigitBits, 0);
  for (std::size_t i = 0; i < v.size(); ++i) {
    keys[i] = order_key(v[i]);
    ++top[keys[i] >> kTopDigitShift];
  }
  return percentiles_of_keys(keys.data(), keys.size(), top.data(), 0);
}

std::vector<std::vector<char>> dead_flags(const std::vector<LayerReport>& layers, const std::vector<int>& widths) {
  std::vector<std::vector<char>> dead(layers.size());
  for (std::size_t l = 0; l < layers.size(); ++l) {
    dead[l].assign(static_cast<std::size_t>(widths[l]), 0);
    for (int j : layers[l].dead_units) dead[l][static_cast<std::size_t>(j)] = 1;
  }
  return dead;
}

void append_unit_events(const std::vector<std::vector<char>>& before, const std::vector<std::vector<char>>& now,
                        const std::vector<std::vector<FiringRegion>>& regions, int64_t step, float learning_rate,
                        std::vector<UnitEvent>& events) {
  for (std::size_t l = 0; l < now.size() && l < before.size(); ++l)
    for (std::size_t j = 0; j < now[l].size(); ++j)
      if (now[l][j] != before[l][j])
        events.push_back({step, static_cast<int>(l), static_cast<int>(j), now[l][j] != 0, learning_rate, regions[l][j]});
}

void LayerStats::finish(LayerReport& out, long samples) {
  const int units = static_cast<int>(active_by_unit_.size());
  const double pairs = static_cast<double>(std::max(1L, pairs_));
  out.pre_mean = sum_z_ / pairs;
  out.pre_std = std::sqrt(std::max(0.0, sum_z2_ / pairs - out.pre_mean * out.pre_mean));
  out.act_mean = sum_a_ / pairs;
  out.act_std = std::sqrt(std::max(0.0, sum_a2_ / pairs - out.act_mean * out.act_mean));
  out.saturated_fraction = saturated_ / pairs;
  out.inactive_fraction = inactive_ / pairs;
  out.mean_abs_derivative = sum_abs_d_ / pairs;
  out.dead_units.clear();
  out.saturated_units.clear();
  // A unit is marked saturated when it sits in a flat tail on at least 90 %
  // of the samples (a dead unit is listed as dead only).
  for (int j = 0; j < units; ++j) {
    if (active_by_unit_[j] == 0) out.dead_units.push_back(j);
    else if (saturated_by_unit_[j] * 10 >= samples * 9) out.saturated_units.push_back(j);
  }
  out.dead_fraction = units > 0 ? static_cast<double>(out.dead_units.size()) / units : 0.0;
  out.histogram.assign(histogram_.begin(), histogram_.begin() + kHistogramBins);
  for (int copy = 1; copy < kHistogramCopies; ++copy)
    for (int b = 0; b < kHistogramBins; ++b) out.histogram[b] += histogram_[copy * kHistogramBins + b];
  // The copies of the top-digit counts summed into the first, over the digits that can be counted.
  uint32_t* const top = top_digits_.data();
  const uint32_t lo = digit_lo_ <= digit_hi_ ? digit_lo_ & ~15u : 0, hi = digit_lo_ <= digit_hi_ ? digit_hi_ : 0;
  for (int copy = 1; copy < kTopDigitCopies; ++copy)
    for (std::size_t b = lo; b <= hi; b += kLanes) {
      uint32_t* const t = top + b;
      wasm_v128_store(t, wasm_i32x4_add(wasm_v128_load(t), wasm_v128_load(t + (static_cast<std::size_t>(copy) << kTopDigitBits))));
    }
  out.act_percentiles = percentiles_of_keys(kept_.data(), kept_n_, top, lo);
}

}  // namespace alab::nn
