#pragma once
// Register-blocked matrix products for per-edge MLPs over a tile of kEdges
// edges:
//   out(e, b) (=|+=) sum_a in(e, a) W(a, b),   e < kEdges,
// with W row-major (in, out). The team's threads run over chunks of kColumns
// contiguous output columns; each thread keeps a kEdges x kColumns block of
// accumulators (registers), loops over the input index a, broadcasts in(e, a)
// and reads kColumns contiguous values of the row W(a, :). On CPUs the
// innermost loop (kColumns, a compile-time constant) is one or two SIMD
// registers wide and every weight row read from cache is reused kEdges times;
// on GPUs (kColumns = 1) consecutive threads read consecutive columns
// (coalesced); DenseTiling (tuning.hpp) has the shapes per kernel variant. The
// sum over a runs in increasing a from 0 (or from the current out with
// Accumulate::yes), the same order as a plain row product. The adjoint
// dL/din = dL/dout W^T uses the same kernel with a stored transpose of W.
#include <Kokkos_Core.hpp>
#include <cstring>
#include <type_traits>

#include "model/engine/tuning.hpp"
#include "model/engine/views.hpp"

namespace equipot::engine {

enum class Accumulate { no, yes };

#if EQUIPOT_HOST_SIMD_BYTES > 0
namespace detail {

template <class Scalar>
struct HostSimd {
  static constexpr int lanes = EQUIPOT_HOST_SIMD_BYTES / static_cast<int>(sizeof(Scalar));
  typedef Scalar type __attribute__((vector_size(EQUIPOT_HOST_SIMD_BYTES)));
};

// One kEdges x kColumns block of out (columns b0..b0+kColumns-1), accumulators
// in registers.
template <int kEdges, int kColumns, class Scalar>
inline void host_simd_block(const Scalar* const* in_row, int n_in, const Scalar* W_b0, long W_stride, Scalar* out,
                            int out_stride, int n_valid, bool add) {
  using V = typename HostSimd<Scalar>::type;
  constexpr int lanes = HostSimd<Scalar>::lanes, NV = kColumns / lanes;
  static_assert(kColumns % lanes == 0, "column chunk must be whole SIMD registers");
  V acc[kEdges][NV];
  for (int e = 0; e < kEdges; ++e)
    for (int v = 0; v < NV; ++v) {
      if (add)
        std::memcpy(&acc[e][v], out + (e < n_valid ? e : n_valid - 1) * out_stride + v * lanes, sizeof(V));
      else
        acc[e][v] = V{};
    }
  for (int a = 0; a < n_in; ++a) {
    V w[NV];
    for (int v = 0; v < NV; ++v) std::memcpy(&w[v], W_b0 + a * W_stride + v * lanes, sizeof(V));
    for (int e = 0; e < kEdges; ++e) {
      const Scalar x = in_row[e][a];
      for (int v = 0; v < NV; ++v) acc[e][v] += x * w[v];
    }
  }
  for (int e = 0; e < kEdges && e < n_valid; ++e)
    for (int v = 0; v < NV; ++v) std::memcpy(out + e * out_stride + v * lanes, &acc[e][v], sizeof(V));
}

}  // namespace detail
#endif

// A tile of rows: row e at base + e * stride; rows at or beyond n_valid are not
// read (the last valid row stands in for them) and not written.
template <class Scalar>
struct TileRows {
  Scalar* base;
  int stride, n_valid;
  KOKKOS_INLINE_FUNCTION Scalar* row(int e) const { return base + (e < n_valid ? e : n_valid - 1) * stride; }
};

template <int kEdges, int kColumns, class Team, class Scalar, class WView>
KOKKOS_INLINE_FUNCTION void tile_product(const Team& team, const TileRows<const Scalar>& in, int n_in, const WView& W,
                                         const TileRows<Scalar>& out, Accumulate accumulate) {
  const int n_out = static_cast<int>(W.extent(1));
  const int n_chunks = (n_out + kColumns - 1) / kColumns;
  const bool add = accumulate == Accumulate::yes;
  const Scalar* in_row[kEdges];
  for (int e = 0; e < kEdges; ++e) in_row[e] = in.row(e);
  Kokkos::parallel_for(Kokkos::TeamThreadRange(team, n_chunks), [&](int chunk) {
    const int b0 = chunk * kColumns;
    if (b0 + kColumns <= n_out) {
#if EQUIPOT_HOST_SIMD_BYTES > 0
      if constexpr (std::is_same<typename Team::execution_space::memory_space, Kokkos::HostSpace>::value &&
                    kColumns % detail::HostSimd<Scalar>::lanes == 0) {
        detail::host_simd_block<kEdges, kColumns>(in_row, n_in, &W(0, b0), static_cast<long>(W.stride(0)),
                                                  out.base + b0, out.stride, out.n_valid, add);
        return;
      }
#endif
      Scalar acc[kEdges][kColumns];
      for (int e = 0; e < kEdges; ++e) {
        const Scalar* out_e = out.row(e) + b0;
        for (int k = 0; k < kColumns; ++k) acc[e][k] = add ? out_e[k] : Scalar(0);
      }
      for (int a = 0; a < n_in; ++a) {
        const Scalar* W_a = &W(a, b0);
        for (int e = 0; e < kEdges; ++e) {
          const Scalar x = in_row[e][a];
          for (int k = 0; k < kColumns; ++k) acc[e][k] += x * W_a[k];
        }
      }
      for (int e = 0; e < kEdges && e < out.n_valid; ++e) {
        Scalar* out_e = out.base + e * out.stride + b0;
        for (int k = 0; k < kColumns; ++k) out_e[k] = acc[e][k];
      }
    } else {  // the last, partial chunk
      for (int b = b0; b < n_out; ++b)
        for (int e = 0; e < kEdges && e < out.n_valid; ++e) {
          Scalar* out_e = out.base + e * out.stride;
          Scalar sum = add ? out_e[b] : Scalar(0);
          for (int a = 0; a < n_in; ++a) sum += in_row[e][a] * W(a, b);
          out_e[b] = sum;
        }
    }
  });
}

}  // namespace equipot::engine
