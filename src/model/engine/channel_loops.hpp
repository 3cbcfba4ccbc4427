#pragma once
// The inner loops of the per-edge kernels (message_stage.hpp, radial_table.hpp): a loop over
// channels that lane u always runs for the same u, and a software prefetch of the next edge's
// rows for host kernels.
#include <Kokkos_Core.hpp>
#include <cstddef>

namespace equipot::engine::detail {

#if defined(__clang__)
#define EQUIPOT_NO_LOOP_DEPENDENCE _Pragma("clang loop vectorize(assume_safety)")
#elif defined(__GNUC__)
#define EQUIPOT_NO_LOOP_DEPENDENCE _Pragma("GCC ivdep")
#else
#define EQUIPOT_NO_LOOP_DEPENDENCE
#endif

// Host kernels: asks the cache for n values from p on (the rows of the next
// edge: its source's features are a random row, which the hardware prefetcher
// does not foresee). No-op in device kernels.
template <class KernelsT, class Scalar>
KOKKOS_FORCEINLINE_FUNCTION void prefetch_row(const Scalar* p, int n) {
#if defined(__GNUC__) && !defined(__CUDA_ARCH__) && !defined(__HIP_DEVICE_COMPILE__) && !defined(__SYCL_DEVICE_ONLY__)
  if constexpr (KernelsT::host) {
    const char* bytes = reinterpret_cast<const char*>(p);
    for (size_t offset = 0; offset < n * sizeof(Scalar); offset += 64) __builtin_prefetch(bytes + offset);
  }
#else
  (void)p;
  (void)n;
#endif
}

// f(u) for u = 0..n-1 over the team's vector lanes; lane u always gets the same
// u. For host kernels (teams of one thread) a plain loop that the compiler
// vectorises, told that it carries no dependence: every pointer it writes is a
// distinct row.
template <class KernelsT, class Team, class F>
KOKKOS_FORCEINLINE_FUNCTION void channel_for(const Team& team, int n, const F& f) {
  if constexpr (KernelsT::host) {
    (void)team;
    EQUIPOT_NO_LOOP_DEPENDENCE
    for (int u = 0; u < n; ++u) f(u);
  } else {
    Kokkos::parallel_for(Kokkos::TeamVectorRange(team, n), f);
  }
}

}  // namespace equipot::engine::detail
