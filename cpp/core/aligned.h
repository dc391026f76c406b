// 16-byte aligned float blocks: malloc gives only 8 in wasm32, the kernels
// store whole vectors, and the activation drivers take a slower scalar head
// for an unaligned output. Used for the model's blocks (nn::Network) and for
// the heap buffers JS calls kernels on (api/float32_buffer.h).
#pragma once

#include <cstddef>
#include <new>
#include <vector>

namespace alab {

template <class T>
struct VectorAlignedAllocator {
  using value_type = T;
  static constexpr std::align_val_t kAlign{16};
  VectorAlignedAllocator() = default;
  template <class U>
  VectorAlignedAllocator(const VectorAlignedAllocator<U>&) {}
  T* allocate(std::size_t n) { return static_cast<T*>(::operator new(n * sizeof(T), kAlign)); }
  void deallocate(T* p, std::size_t) { ::operator delete(p, kAlign); }
  friend bool operator==(const VectorAlignedAllocator&, const VectorAlignedAllocator&) { return true; }
  friend bool operator!=(const VectorAlignedAllocator&, const VectorAlignedAllocator&) { return false; }
};

// A contiguous, 16-byte aligned block of floats.
using FloatBlock = std::vector<float, VectorAlignedAllocator<float>>;

}  // namespace alab
