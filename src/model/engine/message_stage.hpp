#pragma once
// Message stage (docs/model.md step 3): m_i = sum over edges i <- j of the uvu tensor product of
// g_j with Y(r_e), weighted by w_e (alpha_p folded into w by the radial stage). The forward is
// core::uvu_forward (one team per destination, no atomics). The reverse is core's per-edge
// adjoint in a kernel of our own so that (a) the ScatterView for dE/dg lives across calls (no
// allocation per call) and (b) dE/dY accumulates over layers into one buffer.
#include <Kokkos_Core.hpp>
#include <Kokkos_ScatterView.hpp>

#include "core/tensor_product_batch.hpp"
#include "model/engine/views.hpp"

namespace equipot::engine {

template <class ExecSpace, class Device, class Scalar>
using FeatureScatter = Kokkos::Experimental::ScatterView<Scalar**, Kokkos::LayoutRight, ExecSpace>;

// m(i) for every destination i of graph (overwritten).
template <class ExecSpace, class TP, class Graph, class Device, class Scalar>
void compute_message(const ExecSpace& exec, const TP& tp, const Graph& graph, const Matrix<Scalar, Device>& g,
                     const Matrix<double, Device>& Y, const Matrix<Scalar, Device>& w,
                     const Matrix<Scalar, Device>& m) {
  core::uvu_forward(exec, tp, graph, g, Y, w, m);
}

// Given grad_m = dE/dm (destination rows): grad_g = dE/dg over all source rows (overwritten,
// via scatter_g, a ScatterView of grad_g), grad_w = dE/dw (overwritten) and grad_Y += dE/dY.
template <class ExecSpace, class TP, class Graph, class Device, class Scalar>
void reverse_message(const ExecSpace& exec, const TP& tp, const Graph& graph, const Matrix<Scalar, Device>& grad_m,
                     const Matrix<Scalar, Device>& g, const Matrix<double, Device>& Y,
                     const Matrix<Scalar, Device>& w, const FeatureScatter<ExecSpace, Device, Scalar>& scatter_g,
                     const Matrix<Scalar, Device>& grad_g, const Matrix<Scalar, Device>& grad_w,
                     const Matrix<double, Device>& grad_Y) {
  using Team = typename Kokkos::TeamPolicy<ExecSpace>::member_type;
  Kokkos::deep_copy(exec, grad_g, Scalar(0));
  auto scatter = scatter_g;  // reset_except and contribute_into are non-const
  scatter.reset_except(exec, grad_g);
  const int n_w = tp.weights_per_edge();
  Kokkos::parallel_for(
      "equipot::reverse_message", Kokkos::TeamPolicy<ExecSpace>(exec, graph.num_edges(), Kokkos::AUTO),
      KOKKOS_LAMBDA(const Team& team) {
        const int e = team.league_rank(), i = graph.destination(e), j = graph.source(e);
        auto access = scatter.access();
        const core::detail::ScatterRow<decltype(access)> grad_g_j{access, j};
        Scalar* grad_w_e = &grad_w(e, 0);
        Kokkos::parallel_for(Kokkos::TeamVectorRange(team, n_w), [&](int k) { grad_w_e[k] = 0; });
        team.team_barrier();
        core::uvu_backward_edge(team, tp, &grad_m(i, 0), &g(j, 0), &Y(e, 0), &w(e, 0), grad_g_j, &grad_Y(e, 0),
                                grad_w_e);
      });
  scatter.contribute_into(exec, grad_g);
}

}  // namespace equipot::engine
