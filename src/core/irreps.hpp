#pragma once
// Feature layout of SE(3) irreps: for each degree l = 0..l_max, mult(l) channels of
// (2l+1) components. There is no parity index (docs/core.md, "Conventions").
//
// Memory layout of one atom's features (a row of a LayoutRight View<Scalar**>(atom, index)):
//   block l starts at offset(l) = sum_{k<l} (2k+1) mult(k)
//   inside a block, component m (-l..l) and channel c sit at (m + l) * mult(l) + c
// Channel is the fastest index, so the channel-wise ("uvu") loops of the tensor product read
// and write contiguous memory: they vectorize on CPUs and coalesce on GPUs when threads map
// to channels. With a uniform multiplicity C the index is simply lm * C + c, where
// lm = l*l + l + m is the usual flattened (l, m) index (see lm_index).
#include <Kokkos_Core.hpp>

#include <stdexcept>
#include <string>

namespace equipot::core {

// Largest degree the fixed-size device tables and scratch arrays are built for.
inline constexpr int kMaxL = 6;

// Number of (l, m) pairs for l = 0..l_max: the length of a spherical-harmonics vector.
KOKKOS_INLINE_FUNCTION constexpr int num_lm(int l_max) { return (l_max + 1) * (l_max + 1); }

// Flattened index of (l, m), m = -l..l: degrees in order, m ascending inside a degree.
KOKKOS_INLINE_FUNCTION constexpr int lm_index(int l, int m) { return l * l + l + m; }

// Multiplicities per degree; trivially copyable, so it can be captured by kernels.
struct Irreps {
  int l_max = 0;
  Kokkos::Array<int, kMaxL + 1> mult{};

  // C channels for every degree 0..l_max: the NequIP feature layout.
  static Irreps uniform(int l_max, int channels) {
    if (l_max < 0 || l_max > kMaxL)
      throw std::invalid_argument("Irreps: l_max = " + std::to_string(l_max) + " is outside 0.." +
                                  std::to_string(kMaxL));
    if (channels < 1)
      throw std::invalid_argument("Irreps: channels = " + std::to_string(channels) + " must be positive");
    Irreps irreps;
    irreps.l_max = l_max;
    for (int l = 0; l <= kMaxL; ++l) irreps.mult[l] = l <= l_max ? channels : 0;
    return irreps;
  }

  KOKKOS_INLINE_FUNCTION int dim(int l) const { return (2 * l + 1) * mult[l]; }

  KOKKOS_INLINE_FUNCTION int offset(int l) const {
    int offset = 0;
    for (int k = 0; k < l; ++k) offset += dim(k);
    return offset;
  }

  KOKKOS_INLINE_FUNCTION int size() const {
    int size = 0;
    for (int l = 0; l <= l_max; ++l) size += dim(l);
    return size;
  }

  KOKKOS_INLINE_FUNCTION int index(int l, int m, int channel) const {
    return offset(l) + (m + l) * mult[l] + channel;
  }

  // True when every degree 0..l_max has the same multiplicity (required by the uvu product).
  KOKKOS_INLINE_FUNCTION bool is_uniform() const {
    for (int l = 1; l <= l_max; ++l)
      if (mult[l] != mult[0]) return false;
    return true;
  }
};

}  // namespace equipot::core
