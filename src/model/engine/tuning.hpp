#pragma once
// Every tuning constant of a backend in one place (as LAMMPS' pair_snap_kokkos.h keeps them):
// which variant of the kernels runs, their team sizes, tables or the exact radial MLP, its tile shapes, the team
// scratch a GPU team may keep in shared memory, and how contributions to shared rows are summed.
// Each is chosen by execution-space type or by the EngineTuning the engine is given, never by a
// macro that differs between a CUDA compiler's host and device passes (docs/engine.md,
// "Kernel variants").
//
// The host variant (the default on host spaces): teams of one thread whose channel loops run by
// SIMD blocks and packs (channel_loops.hpp), radial-MLP register blocks of SIMD width,
// software prefetch, duplicated ScatterViews. The device variant (the default elsewhere): teams
// of several threads, channels on TeamVectorRange, one radial-MLP column per thread, atomic
// sums. The device variant also runs on host spaces (EngineTuning::device_kernels), so that a
// race or a missing barrier of the GPU path shows on OpenMP with a few threads per team.
#include <Kokkos_Core.hpp>
#include <Kokkos_ScatterView.hpp>

#include <type_traits>

namespace equipot {

enum class KernelVariant { host, device };

// How the radial map w(d) of each layer is evaluated: read off a table built at model load
// (radial_table.hpp; the engine falls back to exact when a table misses its error bound), or
// the radial MLP on every edge.
enum class RadialEvaluation { table, exact };

struct EngineTuning {
  KernelVariant kernels = KernelVariant::device;
  int team_size = 0;  // threads per team of the device kernels; 0: Kokkos::AUTO (the backend's choice)
  RadialEvaluation radial = RadialEvaluation::table;

  // Host kernels on host execution spaces, device kernels (Kokkos::AUTO teams) elsewhere.
  template <class ExecSpace>
  static EngineTuning defaults() {
    if (std::is_same<typename ExecSpace::memory_space, Kokkos::HostSpace>::value) return {KernelVariant::host, 0};
    return {KernelVariant::device, 0};
  }
  // The GPU kernels with team_size threads per team (0: Kokkos::AUTO), on any execution space.
  static EngineTuning device_kernels(int team_size = 0) { return {KernelVariant::device, team_size}; }
  // This tuning with the radial map evaluated as given.
  EngineTuning with(RadialEvaluation evaluation) const {
    EngineTuning tuning = *this;
    tuning.radial = evaluation;
    return tuning;
  }
};

namespace engine {

template <class ExecSpace>
constexpr bool is_host_space() {
  return std::is_same<typename ExecSpace::memory_space, Kokkos::HostSpace>::value;
}

// Launch bounds of every team kernel: at most max_team_threads threads (team size x vector
// length) per team, so nvcc compiles the kernels for blocks of that size and Kokkos::AUTO picks
// teams within it. At least one team resident per multiprocessor leaves nvcc's register budget
// to nvcc. A GPU run should tune both (tests/gpu/run.sh). Host spaces ignore launch bounds.
constexpr int max_team_threads = 256;
template <class ExecSpace>
using TeamPolicy = Kokkos::TeamPolicy<ExecSpace, Kokkos::LaunchBounds<max_team_threads, 1>>;

// A KernelVariant at compile time, with the team size of its team kernels.
template <bool kHost>
struct Kernels {
  static constexpr bool host = kHost;
  int team_size = 0;  // 0: Kokkos::AUTO

  // Host kernels: teams of one thread, whose loops over channels (channel_loops.hpp) run whole.
  template <class ExecSpace>
  TeamPolicy<ExecSpace> teams(const ExecSpace& exec, int league) const {
    if (kHost) return TeamPolicy<ExecSpace>(exec, league, 1);
    if (team_size > 0) return TeamPolicy<ExecSpace>(exec, league, team_size);
    return TeamPolicy<ExecSpace>(exec, league, Kokkos::AUTO);
  }
};
using HostKernels = Kernels<true>;
using DeviceKernels = Kernels<false>;

// Width in bytes of the host SIMD registers the radial MLP's register blocks are written for
// (dense.hpp); 0: plain scalar code, left to the auto-vectoriser (the portable x86-64 default,
// SSE2). CUDA and HIP compilations use 0 in every pass, so that the tile shapes below are the
// same in the host and device passes.
#if defined(__GNUC__) && !defined(__NVCC__) && !defined(__HIPCC__) && !defined(__SYCL_DEVICE_ONLY__) && \
    defined(__AVX512F__)
#define EQUIPOT_HOST_SIMD_BYTES 64
#elif defined(__GNUC__) && !defined(__NVCC__) && !defined(__HIPCC__) && !defined(__SYCL_DEVICE_ONLY__) && \
    defined(__AVX__)
#define EQUIPOT_HOST_SIMD_BYTES 32
#else
#define EQUIPOT_HOST_SIMD_BYTES 0
#endif

// Radial-MLP tile shape (dense.hpp) per variant: host kernels get a register block of edges x
// (two SIMD registers of) columns, twice as many columns for float; device kernels one column
// per thread, a few edges per thread.
template <class KernelsT, class Scalar = double>
struct DenseTiling {
  static constexpr bool simd = KernelsT::host && EQUIPOT_HOST_SIMD_BYTES > 0;
#if EQUIPOT_HOST_SIMD_BYTES == 64
  static constexpr int host_edges = 8,
                       host_columns = 2 * 64 / static_cast<int>(sizeof(Scalar));  // 16 of 32 zmm registers accumulate
#elif EQUIPOT_HOST_SIMD_BYTES == 32
  static constexpr int host_edges = 6,
                       host_columns = 2 * 32 / static_cast<int>(sizeof(Scalar));  // 12 of 16 ymm registers accumulate
#else
  static constexpr int host_edges = 4, host_columns = 4;
#endif
  static constexpr int edges = KernelsT::host ? host_edges : 4;
  static constexpr int columns = KernelsT::host ? host_columns : 1;
};

// Team scratch a team may keep at level 0 (GPU shared memory) before it goes to level 1 (the
// device's global memory): what the space's teams can have, as Kokkos reports it (48 kB less
// the 8 kB Kokkos reserves on CUDA, 32 kB on host spaces, where the levels make no difference).
template <class ExecSpace>
size_t level0_scratch_bytes() {
  return static_cast<size_t>(TeamPolicy<ExecSpace>::scratch_size_max(0));
}

// Sums into rows that several threads share (dE/dg of sources, forces, per-atom virials): the
// space's default ScatterView for host kernels (duplicated on OpenMP), atomics for device
// kernels (what the default is on GPUs).
template <class KernelsT, class ExecSpace, class T>
using RowScatter = std::conditional_t<
    KernelsT::host, Kokkos::Experimental::ScatterView<T**, Kokkos::LayoutRight, ExecSpace>,
    Kokkos::Experimental::ScatterView<T**, Kokkos::LayoutRight, ExecSpace, Kokkos::Experimental::ScatterSum,
                                      Kokkos::Experimental::ScatterNonDuplicated, Kokkos::Experimental::ScatterAtomic>>;

// Whether a ScatterView keeps a copy of its rows per thread (ScatterDuplicated, the default on
// OpenMP) besides the view it sums into.
template <class DataType, class Layout, class Space, class Op, class Duplication, class Contribution>
constexpr bool is_duplicated(
    const Kokkos::Experimental::ScatterView<DataType, Layout, Space, Op, Duplication, Contribution>&) {
  return std::is_same<Duplication, Kokkos::Experimental::ScatterDuplicated>::value;
}

}  // namespace engine
}  // namespace equipot
