#pragma once
// Layout of z, the output of the down and self-connection linears (docs/model.md step 4), one
// row per local atom: first the C (1 + L) scalars (C features, then the gate of degree l and
// channel c at C l + c), then the degrees l >= 1 as in a feature row without its scalar block,
// so that (l, m, c) with l >= 1 sits at C L + lm C + c.
#include <Kokkos_Core.hpp>

namespace equipot::engine {

struct GatedLayout {
  int l_max = 0, channels = 0;

  KOKKOS_INLINE_FUNCTION int num_scalars() const { return channels * (1 + l_max); }
  KOKKOS_INLINE_FUNCTION int size() const { return channels * ((l_max + 1) * (l_max + 1) + l_max); }
  KOKKOS_INLINE_FUNCTION int gate(int l, int c) const { return channels * l + c; }
  // Index of (lm, c) for lm >= 1 (degree l >= 1).
  KOKKOS_INLINE_FUNCTION int vector(int lm, int c) const { return channels * (l_max + lm) + c; }
};

}  // namespace equipot::engine
