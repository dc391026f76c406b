// Array drivers and the registry table built from ALAB_ACTIVATION_LIST.
//
// Every array goes through the vector kernel in full vectors; the tail (n % 4
// elements) is loaded into a padded vector and goes through the same code, so
// an element's result never depends on its position or the array length.
#include "activations.h"

#include <cmath>
#include <cstdint>
#include <type_traits>

#include "activation_kernels.h"
#include "errors.h"

namespace alab {
namespace {

using kernels::Prepared;

// Derivatives are built from compares and selects for the rectifiers, which
// would turn NaN into a slope; NaN in must give NaN out.
inline v128_t keep_nan(v128_t x, v128_t d) { return wasm_v128_bitselect(x, d, wasm_f32x4_ne(x, x)); }

inline v128_t counters(const ActivationParams& p, std::size_t i) {
  return lane_counters(p.counter + static_cast<uint32_t>(i));
}

// Kernel traits with defaults: vectors per loop iteration (K::kUnroll), the
// variant name (K::variant) and the accuracy promise (K::accuracy).
template <class K, class = void>
struct UnrollOf : std::integral_constant<std::size_t, 1> {};
template <class K>
struct UnrollOf<K, std::void_t<decltype(K::kUnroll)>> : std::integral_constant<std::size_t, K::kUnroll> {};

template <class K, class = void>
struct VariantOf { static constexpr const char* value = nullptr; };
template <class K>
struct VariantOf<K, std::void_t<decltype(K::variant)>> { static constexpr const char* value = K::variant; };

template <class K, class = void>
struct AccuracyOf { static constexpr KernelAccuracy value{}; };
template <class K>
struct AccuracyOf<K, std::void_t<decltype(K::accuracy)>> { static constexpr KernelAccuracy value = K::accuracy; };

// The array loop of every kernel: a head of up to 3 elements (one padded
// vector) so that the output is 16-byte aligned, then U vectors per
// iteration (U loads, then U independent kernel bodies that the compiler
// interleaves, then U stores: in place is safe), then single vectors, then a
// padded tail. body(v, i) maps the vector at element i; more(i) loads the
// extra input (dy) of backward passes. Every element goes through the same
// vector code, so a result never depends on its position.
template <std::size_t U, class Body>
inline void unrolled_map(const float* x, float* y, std::size_t n, Body&& body) {
  std::size_t i = 0;
  const std::size_t head = ((0u - reinterpret_cast<std::uintptr_t>(y)) & 15u) / sizeof(float);
  if (head != 0 && n > head + kLanes * U) {
    store_partial(y, body(load_partial(x, head), std::size_t{0}), head);
    i = head;
  }
  for (; i + kLanes * U <= n; i += kLanes * U) {
    v128_t v[U];
    for (std::size_t u = 0; u < U; ++u) v[u] = wasm_v128_load(x + i + kLanes * u);
    for (std::size_t u = 0; u < U; ++u) v[u] = body(v[u], i + kLanes * u);
    for (std::size_t u = 0; u < U; ++u) wasm_v128_store(y + i + kLanes * u, v[u]);
  }
  for (; i + kLanes <= n; i += kLanes) wasm_v128_store(y + i, body(wasm_v128_load(x + i), i));
  if (i < n) store_partial(y + i, body(load_partial(x + i, n - i), i), n - i);
}

// unrolled_map for the backward passes: body(v, g, i) maps the vector at
// element i of x with the vector g of dy at the same elements.
template <std::size_t U, class Body>
inline void unrolled_map_dy(const float* x, const float* dy, float* y, std::size_t n, Body&& body) {
  std::size_t i = 0;
  const std::size_t head = ((0u - reinterpret_cast<std::uintptr_t>(y)) & 15u) / sizeof(float);
  if (head != 0 && n > head + kLanes * U) {
    store_partial(y, body(load_partial(x, head), load_partial(dy, head), std::size_t{0}), head);
    i = head;
  }
  for (; i + kLanes * U <= n; i += kLanes * U) {
    v128_t v[U], g[U];
    for (std::size_t u = 0; u < U; ++u) v[u] = wasm_v128_load(x + i + kLanes * u);
    for (std::size_t u = 0; u < U; ++u) g[u] = wasm_v128_load(dy + i + kLanes * u);
    for (std::size_t u = 0; u < U; ++u) v[u] = body(v[u], g[u], i + kLanes * u);
    for (std::size_t u = 0; u < U; ++u) wasm_v128_store(y + i + kLanes * u, v[u]);
  }
  for (; i + kLanes <= n; i += kLanes) wasm_v128_store(y + i, body(wasm_v128_load(x + i), wasm_v128_load(dy + i), i));
  if (i < n) store_partial(y + i, body(load_partial(x + i, n - i), load_partial(dy + i, n - i), i), n - i);
}

template <class K>
void forward_array(const float* x, float* y, std::size_t n, const ActivationParams& params) {
  const Prepared p(params);
  unrolled_map<UnrollOf<K>::value>(x, y, n, [&](v128_t v, std::size_t i) {
    return K::forward(v, p, counters(params, i));
  });
}

// Leaky ReLU's and PReLU's forward by their slope, as kernels::LeakyRelu and
// kernels::Prelu explain: the same bits as the select for every alpha, one op
// per vector less unless alpha <= 0 (leaky_relu's alpha is at most 1).
template <class K>
void forward_by_slope(const float* x, float* y, std::size_t n, const ActivationParams& params) {
  constexpr std::size_t U = UnrollOf<K>::value;
  const Prepared p(params);
  if (params.alpha > 0.0f && params.alpha <= 1.0f)
    unrolled_map<U>(x, y, n, [&](v128_t v, std::size_t) { return K::forward_slope_at_most_one(v, p, v); });
  else if (params.alpha > 1.0f)
    unrolled_map<U>(x, y, n, [&](v128_t v, std::size_t) { return K::forward_slope_at_least_one(v, p, v); });
  else
    unrolled_map<U>(x, y, n, [&](v128_t v, std::size_t) { return K::forward(v, p, v); });
}

template <>
void forward_array<kernels::LeakyRelu>(const float* x, float* y, std::size_t n, const ActivationParams& params) {
  forward_by_slope<kernels::LeakyRelu>(x, y, n, params);
}

template <>
void forward_array<kernels::Prelu>(const float* x, float* y, std::size_t n, const ActivationParams& params) {
  forward_by_slope<kernels::Prelu>(x, y, n, params);
}

template <class K>
void derivative_array(const float* x, float* d, std::size_t n, const ActivationParams& params) {
  const Prepared p(params);
  unrolled_map<UnrollOf<K>::value>(x, d, n, [&](v128_t v, std::size_t i) {
    return keep_nan(v, K::derivative(v, p, counters(params, i)));
  });
}

template <class K>
void backward_array(const float* x, const float* dy, float* dx, std::size_t n, const ActivationParams& params) {
  const Prepared p(params);
  unrolled_map_dy<UnrollOf<K>::value>(x, dy, dx, n, [&](v128_t v, v128_t g, std::size_t i) {
    return wasm_f32x4_mul(g, keep_nan(v, K::derivative(v, p, counters(params, i))));
  });
}

// Kernels that can give f' from y = f(x) declare derivative_from_output(y, p).
template <class K, class = void>
struct HasOutputDerivative : std::false_type {};
template <class K>
struct HasOutputDerivative<K, std::void_t<decltype(K::kDerivativeFromOutput)>>
    : std::bool_constant<K::kDerivativeFromOutput> {};

template <class K>
void backward_from_output_array(const float* y, const float* dy, float* dx, std::size_t n,
                                const ActivationParams& params) {
  const Prepared p(params);
  unrolled_map_dy<UnrollOf<K>::value>(y, dy, dx, n, [&](v128_t v, v128_t g, std::size_t) {
    return wasm_f32x4_mul(g, keep_nan(v, K::derivative_from_output(v, p)));
  });
}

template <class K>
constexpr BackwardKernel output_backward() {
  if constexpr (HasOutputDerivative<K>::value) return &backward_from_output_array<K>;
  else return nullptr;
}

constexpr bool same_name(const char* a, const char* b) {
  while (*a != 0 && *a == *b) ++a, ++b;
  return *a == *b;
}

// The field a ParamSpec name sets; nullptr for kNoParam or an unknown name
// (which make_info refuses at compile time).
constexpr float ActivationParams::* param_field(const char* name) {
  if (name == nullptr) return nullptr;
  if (same_name(name, "alpha")) return &ActivationParams::alpha;
  if (same_name(name, "lower")) return &ActivationParams::lower;
  if (same_name(name, "upper")) return &ActivationParams::upper;
  return nullptr;
}

template <class K>
constexpr ActivationInfo make_info(Activation id, const char* name) {
  constexpr std::array<float ActivationParams::*, 2> fields = {param_field(K::params[0].name),
                                                               param_field(K::params[1].name)};
  static_assert((fields[0] != nullptr) + (fields[1] != nullptr) == K::param_count,
                "every declared parameter names a field of ActivationParams");
  return ActivationInfo{id,
                        name,
                        K::label,
                        K::formula,
                        K::derivative_formula,
                        K::tex,
                        K::params,
                        K::param_count,
                        fields,
                        &forward_array<K>,
                        &derivative_array<K>,
                        &backward_array<K>,
                        output_backward<K>(),
                        &K::reference,
                        &K::reference_derivative,
                        VariantOf<K>::value ? VariantOf<K>::value : "u4",
                        AccuracyOf<K>::value};
}

const std::array<ActivationInfo, kActivationCount> kTable = {{
#define ALAB_ENTRY(name, Kernel) make_info<kernels::Kernel>(Activation::name, #name),
    ALAB_ACTIVATION_LIST(ALAB_ENTRY)
#undef ALAB_ENTRY
}};

}  // namespace

const std::array<ActivationInfo, kActivationCount>& activation_table() { return kTable; }

const ActivationInfo& activation_info(Activation id) { return kTable[static_cast<std::size_t>(id)]; }

const ActivationInfo* find_activation(std::string_view name) {
  for (const auto& info : kTable)
    if (name == info.name) return &info;
  return nullptr;
}

std::string activation_names() {
  std::string out;
  for (const auto& info : kTable) {
    if (!out.empty()) out += ", ";
    out += info.name;
  }
  return out;
}

ActivationParams default_params(const ActivationInfo& info) {
  ActivationParams p;
  for (std::size_t k = 0; k < info.param_count; ++k) p.*info.param_fields[k] = info.params[k].default_value;
  return p;
}

void validate_params(const ActivationInfo& info, const ActivationParams& p, const std::string& prefix) {
  for (std::size_t k = 0; k < info.param_count; ++k) {
    const ParamSpec& s = info.params[k];
    const float v = p.*info.param_fields[k];
    if (!(v >= s.min_value && v <= s.max_value))  // also rejects NaN
      throw_range(prefix + s.name, v,
                  "a finite number in [" + describe_value(s.min_value) + ", " + describe_value(s.max_value) +
                      "] for " + info.name);
  }
  if (info.id == Activation::rrelu && p.lower > p.upper)
    throw_range(prefix + "lower", p.lower, "<= upper (" + describe_value(p.upper) + ") for rrelu");
}

bool params_valid(const ActivationInfo& info, const ActivationParams& p) noexcept {
  for (std::size_t k = 0; k < info.param_count; ++k) {
    const float v = p.*info.param_fields[k];
    if (!(v >= info.params[k].min_value && v <= info.params[k].max_value)) return false;
  }
  return !(info.id == Activation::rrelu && p.lower > p.upper);
}

void prelu_alpha_derivative(const float* x, float* d, std::size_t n) {
  const v128_t zero = wasm_f32x4_splat(0.0f);
  for_each_vector(n, [&](std::size_t i, std::size_t lanes) {
    const v128_t v = load_lanes(x + i, lanes);
    store_lanes(d + i, wasm_v128_bitselect(zero, v, wasm_f32x4_gt(v, zero)), lanes);
  });
}

}  // namespace alab
