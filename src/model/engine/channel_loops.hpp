#pragma once
// The inner loops of the per-edge kernels (message_stage.hpp, radial_table.hpp): a loop over
// channels that lane u always runs for the same u, the same loop by packs of channels, and a
// software prefetch of the next edge's rows for host kernels.
#include <Kokkos_Core.hpp>
#include <cstddef>

#include "model/engine/tuning.hpp"

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

// A pack of consecutive channels that the kernels treat as one value: one channel
// (SingleChannel: device kernels, and what is left of a row after whole SIMD packs) or a SIMD
// register of them (SimdChannels: host kernels). Loads and stores need no alignment.
template <class Scalar>
struct SingleChannel {
  static constexpr int lanes = 1;
  using type = Scalar;
  static KOKKOS_FORCEINLINE_FUNCTION type load(const Scalar* p) { return *p; }
  static KOKKOS_FORCEINLINE_FUNCTION void store(Scalar* p, const type& v) { *p = v; }
  // slot[0] += v: a sum over channels kept in the lanes of a slot of the widest pack.
  static KOKKOS_FORCEINLINE_FUNCTION void add_folded(Scalar* slot, const type& v) { *slot += v; }
  static KOKKOS_FORCEINLINE_FUNCTION void store_folded(Scalar* slot, const type& v) { *slot = v; }
};

// Bytes per host pack: the SIMD width the build targets (tuning.hpp), or SSE2's 16 on x86-64.
#if EQUIPOT_HOST_SIMD_BYTES > 0
#define EQUIPOT_CHANNEL_PACK_BYTES EQUIPOT_HOST_SIMD_BYTES
#elif defined(__GNUC__) && defined(__SSE2__) && !defined(__NVCC__) && !defined(__HIPCC__) && \
    !defined(__SYCL_DEVICE_ONLY__)
#define EQUIPOT_CHANNEL_PACK_BYTES 16
#else
#define EQUIPOT_CHANNEL_PACK_BYTES 0
#endif

#if EQUIPOT_CHANNEL_PACK_BYTES > 0
template <class Scalar>
struct SimdChannels {
  static constexpr int lanes = EQUIPOT_CHANNEL_PACK_BYTES / static_cast<int>(sizeof(Scalar));
  typedef Scalar type __attribute__((vector_size(EQUIPOT_CHANNEL_PACK_BYTES)));
  // The same at any address of a Scalar. Not memcpy: a memcpy may alias the kernel's index
  // arrays, which the compiler then reloads after every store.
  typedef Scalar unaligned __attribute__((vector_size(EQUIPOT_CHANNEL_PACK_BYTES), aligned(sizeof(Scalar))));
  static KOKKOS_FORCEINLINE_FUNCTION type load(const Scalar* p) { return *reinterpret_cast<const unaligned*>(p); }
  static KOKKOS_FORCEINLINE_FUNCTION void store(Scalar* p, const type& v) { *reinterpret_cast<unaligned*>(p) = v; }
  static KOKKOS_FORCEINLINE_FUNCTION void add_folded(Scalar* slot, const type& v) { store(slot, load(slot) + v); }
  static KOKKOS_FORCEINLINE_FUNCTION void store_folded(Scalar* slot, const type& v) { store(slot, v); }
};

// K SIMD packs of consecutive channels, handled as one value (registers, when K is small):
// a loop over a row's sparse entries then does K packs' work per entry.
template <class Scalar, int K>
struct SimdBlock {
  using Pack = SimdChannels<Scalar>;
  static constexpr int lanes = K * Pack::lanes;
  struct type {
    typename Pack::type v[K];
    friend KOKKOS_FORCEINLINE_FUNCTION type operator+(type a, const type& b) {
      for (int k = 0; k < K; ++k) a.v[k] += b.v[k];
      return a;
    }
    friend KOKKOS_FORCEINLINE_FUNCTION type operator*(type a, const type& b) {
      for (int k = 0; k < K; ++k) a.v[k] *= b.v[k];
      return a;
    }
    friend KOKKOS_FORCEINLINE_FUNCTION type operator*(Scalar x, type a) {
      for (int k = 0; k < K; ++k) a.v[k] *= x;
      return a;
    }
    KOKKOS_FORCEINLINE_FUNCTION type& operator+=(const type& b) { return *this = *this + b; }
  };
  static KOKKOS_FORCEINLINE_FUNCTION type load(const Scalar* p) {
    type x;
    for (int k = 0; k < K; ++k) x.v[k] = Pack::load(p + k * Pack::lanes);
    return x;
  }
  static KOKKOS_FORCEINLINE_FUNCTION void store(Scalar* p, const type& x) {
    for (int k = 0; k < K; ++k) Pack::store(p + k * Pack::lanes, x.v[k]);
  }
  static KOKKOS_FORCEINLINE_FUNCTION void add_folded(Scalar* slot, const type& x) { Pack::add_folded(slot, fold(x)); }
  static KOKKOS_FORCEINLINE_FUNCTION void store_folded(Scalar* slot, const type& x) {
    Pack::store_folded(slot, fold(x));
  }

 private:
  static KOKKOS_FORCEINLINE_FUNCTION typename Pack::type fold(const type& x) {
    typename Pack::type sum = x.v[0];
    for (int k = 1; k < K; ++k) sum += x.v[k];
    return sum;
  }
};
#endif

// The sum of a pack's lanes, in lane order.
template <class Pack>
KOKKOS_FORCEINLINE_FUNCTION auto lane_sum(const typename Pack::type& v) {
  if constexpr (Pack::lanes == 1) {
    return v;
  } else {
    auto sum = v[0];
    for (int lane = 1; lane < Pack::lanes; ++lane) sum += v[lane];
    return sum;
  }
}

// The widest pack of a kernel variant: SimdChannels for host kernels where the build has them.
template <class KernelsT, class Scalar>
struct WidestPack {
  using type = SingleChannel<Scalar>;
};
#if EQUIPOT_CHANNEL_PACK_BYTES > 0
template <class Scalar>
struct WidestPack<Kernels<true>, Scalar> {
  using type = SimdChannels<Scalar>;
};
#endif

// f(u, pack) for the packs of channels u.. of a row of n: pack is a SingleChannel, SimdChannels
// or SimdBlock, whose lanes channels f handles at once. Host kernels: a plain loop by blocks of
// four, then two SIMD packs, then single packs and channels; device kernels: one channel per
// vector lane (TeamVectorRange), lane u always with channel u.
template <class KernelsT, class Scalar, class Team, class F>
KOKKOS_FORCEINLINE_FUNCTION void channel_packs(const Team& team, int n, const F& f) {
  if constexpr (KernelsT::host) {
    (void)team;
    int u = 0;
#if EQUIPOT_CHANNEL_PACK_BYTES > 0
    for (; u + SimdBlock<Scalar, 4>::lanes <= n; u += SimdBlock<Scalar, 4>::lanes) f(u, SimdBlock<Scalar, 4>{});
    for (; u + SimdBlock<Scalar, 2>::lanes <= n; u += SimdBlock<Scalar, 2>::lanes) f(u, SimdBlock<Scalar, 2>{});
    for (; u + SimdChannels<Scalar>::lanes <= n; u += SimdChannels<Scalar>::lanes) f(u, SimdChannels<Scalar>{});
#endif
    for (; u < n; ++u) f(u, SingleChannel<Scalar>{});
  } else {
    Kokkos::parallel_for(Kokkos::TeamVectorRange(team, n), [&](int u) { f(u, SingleChannel<Scalar>{}); });
  }
}

// sum_u a[u] b[u] for u < n, which every thread of the team gets: host kernels by SIMD packs,
// their lanes summed at the end; device kernels a TeamVectorRange reduction.
template <class KernelsT, class Scalar, class Team>
KOKKOS_INLINE_FUNCTION Scalar channel_dot(const Team& team, int n, const Scalar* a, const Scalar* b) {
  Scalar sum = 0;
  if constexpr (KernelsT::host) {
    (void)team;
    using Wide = typename WidestPack<KernelsT, Scalar>::type;
    typename Wide::type packs{};
    int u = 0;
    for (; u + Wide::lanes <= n; u += Wide::lanes) packs += Wide::load(a + u) * Wide::load(b + u);
    for (; u < n; ++u) sum += a[u] * b[u];
    sum += lane_sum<Wide>(packs);
  } else {
    Kokkos::parallel_reduce(
        Kokkos::TeamVectorRange(team, n), [&](int u, Scalar& part) { part += a[u] * b[u]; }, sum);
  }
  return sum;
}

}  // namespace equipot::engine::detail
