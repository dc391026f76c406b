// The prepared-kernel handle behind lab.kernel() (cpp/api/kernel_handle.h):
// made only from a valid registry index and parameters, it runs the
// registry's kernels with those parameters, and refuses a null handle or an
// oversized n without running.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <vector>

#include "api/kernel_handle.h"
#include "core/activations.h"

namespace alab {
namespace {

TEST(KernelHandle, MadeOnlyFromValidIndexAndParameters) {
  const ActivationInfo& leaky = *find_activation("leaky_relu");
  ActivationParams p = default_params(leaky);
  EXPECT_EQ(create_kernel_handle(-1, false, p), nullptr);
  EXPECT_EQ(create_kernel_handle(static_cast<int>(kActivationCount), false, p), nullptr);
  p.alpha = 7.0f;  // leaky_relu allows [0, 1]
  EXPECT_EQ(create_kernel_handle(static_cast<int>(leaky.id), true, p), nullptr);
  p.alpha = std::nanf("");
  EXPECT_EQ(create_kernel_handle(static_cast<int>(leaky.id), true, p), nullptr);
  const ActivationInfo& rrelu = *find_activation("rrelu");
  ActivationParams r = default_params(rrelu);
  r.lower = 9.0f;  // above upper (8)
  EXPECT_EQ(create_kernel_handle(static_cast<int>(rrelu.id), false, r), nullptr);
  delete_kernel_handle(nullptr);  // no-op
}

TEST(KernelHandle, RunsTheRegistryKernelsWithItsParameters) {
  std::vector<float> x(1027), want(x.size()), got(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = std::sin(0.37f * static_cast<float>(i)) * 8.0f;
  for (const ActivationInfo& info : activation_table()) {
    ActivationParams p = default_params(info);
    if (info.id == Activation::rrelu) {
      p.training = true;
      p.seed = 9;
    } else if (info.param_count > 0) {
      p.*info.param_fields[0] = info.params[0].max_value * 0.75f;  // not the default
    }
    for (bool derivative : {false, true}) {
      KernelHandle* k = create_kernel_handle(static_cast<int>(info.id), derivative, p);
      ASSERT_NE(k, nullptr) << info.name;
      (derivative ? info.derivative : info.forward)(x.data(), want.data(), x.size(), p);
      ASSERT_TRUE(run_kernel_handle(k, x.data(), got.data(), x.size()));
      EXPECT_EQ(std::memcmp(want.data(), got.data(), want.size() * sizeof(float)), 0) << info.name << (derivative ? " f'" : " f");
      std::fill(got.begin(), got.end(), 0.0f);
      EXPECT_FALSE(run_kernel_handle(k, x.data(), got.data(), kMaxKernelElements + 1));
      EXPECT_EQ(got[0], 0.0f) << "nothing ran";
      delete_kernel_handle(k);
    }
  }
  EXPECT_FALSE(run_kernel_handle(nullptr, x.data(), got.data(), x.size()));
}

}  // namespace
}  // namespace alab
