#pragma once
// Register-blocked matrix products for per-edge MLPs over a tile of kEdges edges:
//   out(e, b) (=|+=) sum_a in(e, a) W(a, b),   e < kEdges,
// with W row-major (in, out). The team's threads run over chunks of kColumns contiguous output
// columns; each thread keeps a kEdges x kColumns block of accumulators (registers), loops over
// the input index a, broadcasts in(e, a) and reads kColumns contiguous values of the row W(a, :).
// On CPUs the innermost loop (kColumns, a compile-time constant) is one or two SIMD registers
// wide and every weight row read from cache is reused kEdges times; on GPUs (kColumns = 1)
// consecutive threads read consecutive columns (coalesced). The sum over a runs in increasing a
// from 0 (or from the current out with Accumulate::yes), the same order as a plain row product.
// The adjoint dL/din = dL/dout W^T uses the same kernel with a stored transpose of W.
#include <Kokkos_Core.hpp>

#include <type_traits>

#include "model/engine/views.hpp"

namespace equipot::engine {

enum class Accumulate { no, yes };

// Tile shape per backend: host spaces get SIMD-width column chunks and a register block of edges;
// device spaces one column per thread.
template <class ExecSpace>
struct DenseTiling {
  static constexpr bool host =
      std::is_same<typename ExecSpace::memory_space, Kokkos::HostSpace>::value;
#if defined(__AVX512F__)
  static constexpr int host_edges = 8, host_columns = 16;
#elif defined(__AVX__)
  static constexpr int host_edges = 4, host_columns = 8;
#else
  static constexpr int host_edges = 4, host_columns = 4;
#endif
  static constexpr int edges = host ? host_edges : 4;
  static constexpr int columns = host ? host_columns : 1;
};

// A tile of rows: row e at base + e * stride; rows at or beyond n_valid are not read (the last
// valid row stands in for them) and not written.
template <class Scalar>
struct TileRows {
  Scalar* base;
  int stride, n_valid;
  KOKKOS_INLINE_FUNCTION Scalar* row(int e) const { return base + (e < n_valid ? e : n_valid - 1) * stride; }
};

template <int kEdges, int kColumns, class Team, class Scalar, class WView>
KOKKOS_INLINE_FUNCTION void tile_product(const Team& team, const TileRows<const Scalar>& in, int n_in,
                                         const WView& W, const TileRows<Scalar>& out, Accumulate accumulate) {
  const int n_out = static_cast<int>(W.extent(1));
  const int n_chunks = (n_out + kColumns - 1) / kColumns;
  const bool add = accumulate == Accumulate::yes;
  const Scalar* in_row[kEdges];
  for (int e = 0; e < kEdges; ++e) in_row[e] = in.row(e);
  Kokkos::parallel_for(Kokkos::TeamThreadRange(team, n_chunks), [&](int chunk) {
    const int b0 = chunk * kColumns;
    if (b0 + kColumns <= n_out) {
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
