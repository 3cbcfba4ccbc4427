#pragma once
// Team scratch: the level a team's bytes go to, and arrays that start on cache-line boundaries.
// Kokkos aligns scratch allocations to 8 bytes only, so a row read with 64-byte SIMD loads
// could straddle two cache lines on every load; each array here starts on a 64-byte boundary,
// for up to 64 bytes of padding.
#include <Kokkos_Core.hpp>
#include <cstddef>

#include "model/engine/tuning.hpp"

namespace equipot::engine::detail {

constexpr int kScratchAlignment = 64;

// Scratch level for a team's bytes: 0 (GPU shared memory) when they fit in
// level0_scratch_bytes, else 1 (the device's global memory; host spaces make no difference).
template <class ExecSpace>
int scratch_level(size_t bytes) {
  return bytes <= level0_scratch_bytes<ExecSpace>() ? 0 : 1;
}

// Bytes of team scratch to request for an array of n values (padding included).
template <class Scalar>
constexpr size_t scratch_bytes(int n) {
  return static_cast<size_t>(n) * sizeof(Scalar) + kScratchAlignment;
}

// The next array of n values from the team's scratch at level; the team must have requested
// scratch_bytes<Scalar>(n) for it.
template <class Scalar, class Team>
KOKKOS_INLINE_FUNCTION Scalar* scratch_array(const Team& team, int level, int n) {
  return static_cast<Scalar*>(
      team.team_scratch(level).get_shmem_aligned(static_cast<ptrdiff_t>(n) * sizeof(Scalar), kScratchAlignment));
}

}  // namespace equipot::engine::detail
