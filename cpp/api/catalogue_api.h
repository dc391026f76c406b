// The public, validating API over the activation registry: what the bindings
// call. Everything here checks its input and throws InvalidArgument naming the
// field; the kernels underneath assume valid input.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "api/config_value.h"
#include "core/activations.h"
#include "core/properties.h"

namespace alab {

// The registry entry for `name`; throws naming `field` and listing the names.
const ActivationInfo& require_activation(const std::string& name, const std::string& field = "name");

// Reads { alpha?, lower?, upper?, training?, seed? } (nullptr or null = defaults);
// only the fields the activation declares are allowed (plus training/seed for rrelu).
ActivationParams parse_activation_params(const ActivationInfo& info, const ConfigValue* params,
                                         const std::string& field = "params");

// Largest array a single forward/derivative call accepts (elements).
inline constexpr std::size_t kMaxKernelElements = std::size_t{1} << 26;

enum class KernelKind { Forward, Derivative };
// y = f(x) or f'(x) for n elements; params: the params object (nullptr = defaults).
void run_activation(KernelKind kind, const std::string& name, const float* x, float* y, std::size_t n,
                    const ConfigValue* params);

// lab.prepareKernel(name, params): the name and params validated once, for
// calls that then pass only numbers (apply_prepared).
struct PreparedKernel {
  const ActivationInfo* info = nullptr;
  ActivationParams params;
};
PreparedKernel prepare_kernel(const std::string& name, const ConfigValue* params);

// y = f(x) or f'(x) for a prepared kernel (registry index `id`): re-checks the
// index, n and the parameter ranges, and returns false without running on
// anything invalid (the caller's numbers come from outside).
bool apply_prepared(bool derivative, int id, const ActivationParams& p, const float* x, float* y, std::size_t n);

// The catalogue's measured properties of one activation: its kernels probed at
// the default parameters (about 0.3 M evaluations; the build measures them once,
// see scripts/measure-catalogue.mjs).
ActivationProperties catalogue_properties(const ActivationInfo& info);

// Where f is not differentiable: the kinks of f' and the jumps of f, sorted, once each.
std::vector<float> non_differentiable_at(const ActivationProperties& properties);

}  // namespace alab
