// The activation catalogue: one registry that kernels, bindings, tests,
// benchmarks and the page all read.
//
// Every activation is a kernel struct in activation_kernels.h (a SIMD forward
// and derivative side by side, plus a double-precision scalar reference) and
// one line in ALAB_ACTIVATION_LIST below. Adding an activation touches exactly
// those two places; its array drivers, its registry entry, its bindings, its
// tests and its benchmark rows follow from the table.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace alab {

// X(name, KernelStruct): the order here is the order everywhere (page, docs, tests).
#define ALAB_ACTIVATION_LIST(X) \
  X(identity, Identity)         \
  X(sigmoid, Sigmoid)           \
  X(tanh, Tanh)                 \
  X(relu, Relu)                 \
  X(leaky_relu, LeakyRelu)      \
  X(prelu, Prelu)               \
  X(rrelu, Rrelu)               \
  X(elu, Elu)                   \
  X(selu, Selu)                 \
  X(gelu, Gelu)                 \
  X(silu, Silu)                 \
  X(softplus, Softplus)         \
  X(softsign, Softsign)         \
  X(mish, Mish)                 \
  X(step, Step)

enum class Activation : uint8_t {
#define ALAB_ENUM(name, Kernel) name,
  ALAB_ACTIVATION_LIST(ALAB_ENUM)
#undef ALAB_ENUM
};

#define ALAB_COUNT(name, Kernel) +1
inline constexpr std::size_t kActivationCount = 0 ALAB_ACTIVATION_LIST(ALAB_COUNT);
#undef ALAB_COUNT

// Parameters of one call. Each activation reads only the fields it declares
// in its ParamSpec list; the rest are ignored.
struct ActivationParams {
  float alpha = 0.0f;      // leaky_relu / prelu slope for x < 0, elu scale
  float lower = 3.0f;      // rrelu: negative part is x / a, a ~ U(lower, upper) in training
  float upper = 8.0f;      //        and a = (lower + upper) / 2 in evaluation
  bool training = false;   // rrelu: draw a per element (true) or use the mean (false)
  uint32_t seed = 0;       // rrelu: key of the per-element draws
  uint32_t counter = 0;    // rrelu: stream position of element 0 (element i uses counter + i)
};

// A named parameter with its default and its allowed closed interval.
struct ParamSpec {
  const char* name;
  float default_value;
  float min_value;
  float max_value;
  const char* meaning;
};

using ArrayKernel = void (*)(const float* x, float* y, std::size_t n, const ActivationParams& p);
using BackwardKernel = void (*)(const float* x, const float* dy, float* dx, std::size_t n,
                                const ActivationParams& p);
using ReferenceFn = double (*)(double x, const ActivationParams& p, uint32_t index);

// What a kernel promises, checked by tests/native against its double
// reference: a result is right when within `ulp` ULP of the exact value or
// within `abs` of it (the floor for results near a zero of f or f'). The
// *_max fields are the worst ULP errors the exhaustive 2^32 sweep measured
// (over results with |f| >= 1e-7, |f'| >= 1e-5), which the regular suite
// asserts on its dense sweep; README lists them.
struct KernelAccuracy {
  double forward_ulp = 4.0;
  double forward_abs = 1e-7;
  double derivative_ulp = 16.0;
  double derivative_abs = 2e-7;
  double forward_max = 4.0;
  double derivative_max = 16.0;
};

struct ActivationInfo {
  Activation id;
  const char* name;          // registry key, e.g. "leaky_relu"
  const char* label;         // human name, e.g. "Leaky ReLU"
  const char* formula;       // f(x) in plain text
  const char* derivative_formula;  // f'(x) in plain text
  const char* tex;           // f(x) in TeX, for the page
  std::array<ParamSpec, 2> params;
  std::size_t param_count;
  // The ActivationParams field each of params[0..param_count) sets (from its
  // name, at compile time): the checks on the hot path compare no strings.
  std::array<float ActivationParams::*, 2> param_fields;
  // SIMD kernels over arrays of any length (in place allowed: y == x, dx == dy).
  ArrayKernel forward;
  ArrayKernel derivative;
  BackwardKernel backward;   // dx[i] = dy[i] * f'(x[i])
  // dx[i] = dy[i] * f'(x[i]) computed from the output y = f(x) (first argument),
  // for activations whose f' is a cheap function of f (tanh: 1 − y², sigmoid:
  // y (1 − y), rectifiers, elu/selu). nullptr when f' cannot be had from f.
  // Cheaper than backward but not as accurate where f saturates (1 − y² from
  // a rounded y): meant for training, where dy carries its own rounding.
  BackwardKernel backward_from_output;
  // Double-precision scalar references (index = element position, for rrelu draws).
  ReferenceFn reference;
  ReferenceFn reference_derivative;
  // The kernel's algorithm and unroll in XNNPACK's naming, e.g.
  // "rr2_p6_div_u16" (two-constant range reduction, degree-6 polynomial, one
  // division, 16 elements per loop iteration); "u4" = one vector at a time.
  const char* variant;
  KernelAccuracy accuracy;
};

// The registry, in ALAB_ACTIVATION_LIST order.
const std::array<ActivationInfo, kActivationCount>& activation_table();
const ActivationInfo& activation_info(Activation id);
// nullptr when the name is unknown.
const ActivationInfo* find_activation(std::string_view name);
// "identity, sigmoid, ..." for error messages.
std::string activation_names();

// Default parameters for an activation (its ParamSpec defaults).
ActivationParams default_params(const ActivationInfo& info);
// Throws InvalidArgument naming the field when a parameter the activation
// declares is non-finite or outside its interval, or rrelu has lower > upper.
void validate_params(const ActivationInfo& info, const ActivationParams& p, const std::string& field_prefix = "");
// The same check without an exception (for the plain wasm exports of
// prepared kernels, which must not throw).
bool params_valid(const ActivationInfo& info, const ActivationParams& p) noexcept;

// PReLU's derivative with respect to alpha: x for x <= 0, else 0.
void prelu_alpha_derivative(const float* x, float* d, std::size_t n);

}  // namespace alab
