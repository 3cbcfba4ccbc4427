#pragma once
// The uvu tensor product over a batch of edges, summed into destination atoms
// (message passing, docs/model.md "Forward pass"). Edges are grouped by destination:
//
//   EdgeGraph: edges of atom i are e = first_edge(i) .. first_edge(i+1)-1, with source(e) = j
//   and destination(e) = i. Destinations are the atoms that receive messages (local atoms);
//   sources index rows of h and may be ghosts.
//
// Views (LayoutRight, so each row is contiguous):
//   h(atom, lm * C + u), Y(edge, lm), w(edge, path * C + u), out(i, lm * C + u).
//
// Forward, uvu_forward: out(i) = sum over edges of i. One team per destination atom, its lanes
// over channels, so each output element has a single writer: no atomics, deterministic.
// out is overwritten (n_destinations rows).
// Backward, uvu_backward: given g(i) = dL/dout(i), one team per edge writes dL/dY(edge) and
// dL/dw(edge) (its own rows, overwritten) and scatters dL/dh(source) through a ScatterView
// (atomics or per-thread copies, as Kokkos picks per backend); grad_h is overwritten.
#include <Kokkos_Core.hpp>
#include <Kokkos_ScatterView.hpp>

#include "core/tensor_product.hpp"

namespace equipot::core {

template <class MemorySpace>
struct EdgeGraph {
  Kokkos::View<int*, MemorySpace> first_edge;   // n_destinations + 1
  Kokkos::View<int*, MemorySpace> source;       // j of each edge
  Kokkos::View<int*, MemorySpace> destination;  // i of each edge

  int num_destinations() const { return static_cast<int>(first_edge.extent(0)) - 1; }
  int num_edges() const { return static_cast<int>(source.extent(0)); }
};

namespace detail {

// A row j of a ScatterView access, indexable like the rows of the per-edge functions.
template <class Access>
struct ScatterRow {
  const Access& access;
  int row;
  KOKKOS_INLINE_FUNCTION decltype(auto) operator[](int k) const { return access(row, k); }
};

}  // namespace detail

template <class ExecSpace, class TP, class Graph, class HView, class YView, class WView, class OutView>
void uvu_forward(const ExecSpace& exec, const TP& tp, const Graph& graph, const HView& h, const YView& Y,
                 const WView& w, const OutView& out) {
  using Team = typename Kokkos::TeamPolicy<ExecSpace>::member_type;
  const int out_size = tp.output_size();
  Kokkos::parallel_for(
      "equipot::uvu_forward", Kokkos::TeamPolicy<ExecSpace>(exec, graph.num_destinations(), Kokkos::AUTO),
      KOKKOS_LAMBDA(const Team& team) {
        const int i = team.league_rank();
        auto* out_i = &out(i, 0);
        Kokkos::parallel_for(Kokkos::TeamVectorRange(team, out_size), [&](int k) { out_i[k] = 0; });
        team.team_barrier();
        for (int e = graph.first_edge(i); e < graph.first_edge(i + 1); ++e)
          uvu_forward_edge(team, tp, &h(graph.source(e), 0), &Y(e, 0), &w(e, 0), out_i);
      });
}

template <class ExecSpace, class TP, class Graph, class GView, class HView, class YView, class WView,
          class GradHView, class GradYView, class GradWView>
void uvu_backward(const ExecSpace& exec, const TP& tp, const Graph& graph, const GView& g, const HView& h,
                  const YView& Y, const WView& w, const GradHView& grad_h, const GradYView& grad_Y,
                  const GradWView& grad_w) {
  using Team = typename Kokkos::TeamPolicy<ExecSpace>::member_type;
  Kokkos::deep_copy(exec, grad_h, 0);
  Kokkos::Experimental::ScatterView<typename GradHView::data_type, typename GradHView::array_layout, ExecSpace>
      scatter_h(grad_h);
  const int n_sh = static_cast<int>(Y.extent(1)), n_w = tp.weights_per_edge();
  Kokkos::parallel_for(
      "equipot::uvu_backward", Kokkos::TeamPolicy<ExecSpace>(exec, graph.num_edges(), Kokkos::AUTO),
      KOKKOS_LAMBDA(const Team& team) {
        const int e = team.league_rank();
        auto access = scatter_h.access();
        const detail::ScatterRow<decltype(access)> grad_h_j{access, graph.source(e)};
        auto* grad_Y_e = &grad_Y(e, 0);
        auto* grad_w_e = &grad_w(e, 0);
        Kokkos::parallel_for(Kokkos::TeamVectorRange(team, n_sh), [&](int k) { grad_Y_e[k] = 0; });
        Kokkos::parallel_for(Kokkos::TeamVectorRange(team, n_w), [&](int k) { grad_w_e[k] = 0; });
        team.team_barrier();
        uvu_backward_edge(team, tp, &g(graph.destination(e), 0), &h(graph.source(e), 0), &Y(e, 0), &w(e, 0),
                          grad_h_j, grad_Y_e, grad_w_e);
      });
  auto destination = grad_h;  // contribute() takes a non-const View
  Kokkos::Experimental::contribute(exec, destination, scatter_h);
}

}  // namespace equipot::core
