#pragma once
// Tabulated radial map (docs/engine.md, "Radial tables"): instead of running the radial MLP on
// every edge and storing w_e, the message kernels read w(d_e) and dw/dd(d_e) off a table of
// each layer's map, quintic Hermite polynomials per interval (core/quintic_hermite.hpp), built and
// checked against the exact map at model load (radial_table_build.hpp). Per edge nothing of
// the radial map is stored; the reverse pass leaves dE/dd_e, which reverse_edge_geometry turns
// into dE/dr_e along r_e / d_e.
#include <Kokkos_Core.hpp>

#include "core/math.hpp"
#include "core/quintic_hermite.hpp"
#include "model/engine/channel_loops.hpp"
#include "model/engine/radial_table_build.hpp"
#include "model/engine/team_scratch.hpp"
#include "model/engine/views.hpp"

namespace equipot::engine {

// One layer's table on the device, in the features' precision: coefficients (interval, k,
// output) as in HostRadialTable, so that an interval's six rows are contiguous.
template <class Device, class Scalar>
struct RadialTable {
  Kokkos::View<Scalar***, Kokkos::LayoutRight, Device> coefficients;
  double inverse_spacing = 0, r_cut = 0;
  int n_intervals = 0;

  RadialTable() = default;
  RadialTable(const HostRadialTable& host, double r_cut_)
      : coefficients("equipot::radial_table", host.n_intervals, 6, host.n_outputs),
        inverse_spacing(1 / host.spacing),
        r_cut(r_cut_),
        n_intervals(host.n_intervals) {
    auto mirror = Kokkos::create_mirror_view(coefficients);
    for (size_t k = 0; k < host.coefficients.size(); ++k)
      mirror.data()[k] = static_cast<Scalar>(host.coefficients[k]);
    Kokkos::deep_copy(coefficients, mirror);
  }

  size_t bytes() const { return allocated_bytes(coefficients); }

  KOKKOS_INLINE_FUNCTION int interval(double d) const {
    const int n = static_cast<int>(d * inverse_spacing);
    return n < n_intervals ? n : n_intervals - 1;
  }

  // The interval of d and the weights of its coefficients for w and for dw/dd at d; false at
  // or beyond r_cut, where w = 0.
  KOKKOS_INLINE_FUNCTION bool locate(double d, int& index, Scalar value[6], Scalar slope[6]) const {
    if (!(d < r_cut)) return false;
    index = interval(d);
    double v[6], s[6];
    core::monomial_weights(d * inverse_spacing - index, v, s);
    for (int k = 0; k < 6; ++k) {
      value[k] = static_cast<Scalar>(v[k]);
      slope[k] = static_cast<Scalar>(s[k] * inverse_spacing);
    }
    return true;
  }
};

// The message kernels' view of a tabulated layer (message_stage.hpp): weights() evaluates w_e
// into team scratch; in the reverse pass reverse_weights() also keeps dw/dd of the tile's
// edges (one read of the interval's coefficients gives both), which reverse_tile() contracts
// with the tile's dE/dw into grad_distance(e).
template <class Device, class Scalar>
struct TabulatedEdgeWeights {
  RadialTable<Device, Scalar> table;
  Matrix<double, Device> r;              // edge vectors (edge_geometry_stage.hpp)
  Vector<Scalar, Device> grad_distance;  // dE/dd per edge, accumulated over layers
  int n_weights = 0;

  struct Scratch {
    Scalar* weights;
    Scalar* slopes;  // reverse: (edge of the tile, output) = dw/dd
  };
  size_t scratch_bytes() const { return detail::scratch_bytes<Scalar>(n_weights); }
  template <class Team>
  KOKKOS_INLINE_FUNCTION Scratch take_scratch(const Team& team, int level) const {
    return {detail::scratch_array<Scalar>(team, level, n_weights), nullptr};
  }
  template <int kEdges>
  size_t reverse_scratch_bytes() const {
    return detail::scratch_bytes<Scalar>(n_weights) + detail::scratch_bytes<Scalar>(kEdges * n_weights);
  }
  template <int kEdges, class Team>
  KOKKOS_INLINE_FUNCTION Scratch take_reverse_scratch(const Team& team, int level) const {
    return {detail::scratch_array<Scalar>(team, level, n_weights),
            detail::scratch_array<Scalar>(team, level, kEdges * n_weights)};
  }

  KOKKOS_INLINE_FUNCTION double distance(int e) const {
    return core::math::sqrt(r(e, 0) * r(e, 0) + r(e, 1) * r(e, 1) + r(e, 2) * r(e, 2));
  }

  // w_e in scratch.weights, path by path over channel_for, so that lane u writes exactly the
  // channels u it later reads (no barrier needed).
  template <class KernelsT, class Team>
  KOKKOS_INLINE_FUNCTION const Scalar* weights(const Team& team, int e, int n_paths, int C,
                                               const Scratch& scratch) const {
    return evaluate<KernelsT, false>(team, e, n_paths, C, scratch.weights, nullptr);
  }
  // weights(), and dw/dd in row `row` of scratch.slopes.
  template <class KernelsT, class Team>
  KOKKOS_INLINE_FUNCTION const Scalar* reverse_weights(const Team& team, int e, int row, int n_paths, int C,
                                                       const Scratch& scratch) const {
    return evaluate<KernelsT, true>(team, e, n_paths, C, scratch.weights, scratch.slopes + row * n_weights);
  }

  // The first 128 bytes of each of the interval's six coefficient rows, which evaluate() reads
  // as six sequential streams: the hardware prefetcher follows a stream once it has started.
  // Prefetching all 6 n_weights values (24 kB for the benchmark model) filled the core's miss
  // queue and made the step 10 % slower (docs/lammps.md, "Speed in LAMMPS").
  template <class KernelsT>
  KOKKOS_INLINE_FUNCTION void prefetch(int e) const {
    const double d = distance(e);
    if (d < table.r_cut) {
      const Scalar* a = &table.coefficients(table.interval(d), 0, 0);
      for (int k = 0; k < 6; ++k) detail::prefetch_row<KernelsT>(a + k * n_weights, static_cast<int>(128 / sizeof(Scalar)));
    }
  }

  // grad_distance(e) += sum_o grad_w(e, o) dw_o/dd(d_e) for the tile's edges; the team has
  // finished writing grad_w and the slopes (a barrier before).
  template <class KernelsT, int kEdges, int kColumns, class Team>
  KOKKOS_INLINE_FUNCTION void reverse_tile(const Team& team, int e0, TileRows<const Scalar> grad_w,
                                           const Scratch& scratch) const {
    for (int k = 0; k < grad_w.n_valid; ++k) {
      const Scalar sum =
          detail::channel_dot<KernelsT>(team, n_weights, grad_w.base + k * grad_w.stride, scratch.slopes + k * n_weights);
      Kokkos::single(Kokkos::PerTeam(team), [&]() { grad_distance(e0 + k) += sum; });
    }
  }

 private:
  template <class KernelsT, bool kSlopes, class Team>
  KOKKOS_INLINE_FUNCTION const Scalar* evaluate(const Team& team, int e, int n_paths, int C, Scalar* w,
                                                Scalar* dw) const {
    Scalar value[6], slope[6];
    int index = 0;
    if (!table.locate(distance(e), index, value, slope)) {
      for (int p = 0; p < n_paths; ++p)
        detail::channel_for<KernelsT>(team, C, [&](int u) {
          w[p * C + u] = 0;
          if constexpr (kSlopes) dw[p * C + u] = 0;
        });
      return w;
    }
    const Scalar* a = &table.coefficients(index, 0, 0);
    const int n = n_weights;
    for (int p = 0; p < n_paths; ++p) {
      detail::channel_for<KernelsT>(team, C, [&](int u) {
        const int o = p * C + u;
        const Scalar c0 = a[o], c1 = a[n + o], c2 = a[2 * n + o], c3 = a[3 * n + o], c4 = a[4 * n + o],
                     c5 = a[5 * n + o];
        w[o] = value[0] * c0 + value[1] * c1 + value[2] * c2 + value[3] * c3 + value[4] * c4 + value[5] * c5;
        if constexpr (kSlopes)
          dw[o] = slope[1] * c1 + slope[2] * c2 + slope[3] * c3 + slope[4] * c4 + slope[5] * c5;
      });
    }
    return w;
  }
};

}  // namespace equipot::engine
