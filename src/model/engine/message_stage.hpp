#pragma once
// Message stage (docs/model.md step 3): m_i = sum over edges i <- j of the uvu
// tensor product of g_j with Y(r_e), weighted by w_e (alpha_p folded into w by
// the radial stage). Both directions compute the sums of core::uvu_forward /
// core::uvu_backward_edge (the tested reference) with the couplings grouped per
// path, fewer FLOPs and plain vectorisable channel loops; one team per
// destination (no atomics in the forward; dE/dg of sources through a
// ScatterView that lives across calls), dE/dY accumulated over layers into one
// buffer.
#include <Kokkos_Core.hpp>
#include <Kokkos_ScatterView.hpp>

#include "core/tensor_product_batch.hpp"
#include "model/engine/channel_loops.hpp"
#include "model/engine/radial_mlp_stage.hpp"
#include "model/engine/team_scratch.hpp"
#include "model/engine/tuning.hpp"
#include "model/engine/views.hpp"

namespace equipot::engine {

namespace detail {

// One team per destination atom: a single thread for host kernels (channel_loops.hpp), the
// variant's teams for device kernels. Team scratch of bytes at
// scratch_level(bytes).
template <class ExecSpace, class KernelsT>
Kokkos::TeamPolicy<ExecSpace> destination_policy(const ExecSpace& exec, const KernelsT& kernels, int n_destinations,
                                                 size_t bytes, int& level) {
  level = scratch_level<ExecSpace>(bytes);
  if constexpr (KernelsT::host)
    return Kokkos::TeamPolicy<ExecSpace>(exec, n_destinations, 1).set_scratch_size(level, Kokkos::PerTeam(bytes));
  else
    return kernels.teams(exec, n_destinations).set_scratch_size(level, Kokkos::PerTeam(bytes));
}

}  // namespace detail

// m(i) for every destination i of graph (overwritten): the sums of
// core::uvu_forward, grouped per path: hm[m3] = sum over couplings W y[m2]
// h_j[m1] (2 FLOPs per coupling and channel), then m_i[m3] += w_p hm[m3]
// (against 3 FLOPs per coupling and channel in core::uvu_forward_edge).
// radial gives w_e: StoredEdgeWeights (radial_mlp_stage.hpp) or
// TabulatedEdgeWeights (radial_table.hpp).
template <class ExecSpace, class KernelsT, class TP, class Graph, class Device, class Scalar, class Radial>
void compute_message(const ExecSpace& exec, const KernelsT& kernels, const TP& tp, const Graph& graph,
                     const Matrix<Scalar, Device>& g, const Matrix<double, Device>& Y, const Radial& radial,
                     const Matrix<Scalar, Device>& m) {
  using Team = typename Kokkos::TeamPolicy<ExecSpace>::member_type;
  const int C = tp.channels, n_paths = tp.n_paths, out_size = tp.output_size(), F = tp.input_size();
  const int n_edges = graph.num_edges();
  const int width = 2 * tp.l_out_max + 1;
  const auto paths = tp.paths;
  const auto cg = tp.cg;
  int level = 0;
  const auto policy = detail::destination_policy(
      exec, kernels, graph.num_destinations(), detail::scratch_bytes<Scalar>(width * C) + radial.scratch_bytes(), level);
  Kokkos::parallel_for(
      "equipot::compute_message", policy, KOKKOS_LAMBDA(const Team& team) {
        const int i = team.league_rank();
        Scalar* hm = detail::scratch_array<Scalar>(team, level, width * C);
        const auto radial_scratch = radial.take_scratch(team, level);
        Scalar* m_i = &m(i, 0);
        Kokkos::parallel_for(Kokkos::TeamVectorRange(team, out_size), [&](int k) { m_i[k] = 0; });
        team.team_barrier();
        for (int e = graph.first_edge(i); e < graph.first_edge(i + 1); ++e) {
          const Scalar* h = &g(graph.source(e), 0);
          const double* y = &Y(e, 0);
          if (e + 1 < n_edges) {
            detail::prefetch_row<KernelsT>(&g(graph.source(e + 1), 0), F);
            radial.template prefetch<KernelsT>(e + 1);
          }
          const Scalar* w_e = radial.template weights<KernelsT>(team, e, n_paths, C, radial_scratch);
          for (int p = 0; p < n_paths; ++p) {
            const core::UvuPath path = paths(p);
            const int in0 = path.l_in * path.l_in, f0 = path.l_f * path.l_f, out0 = path.l_out * path.l_out;
            const int n3 = 2 * path.l_out + 1;
            const Scalar* w_p = w_e + p * C;
            for (int m3 = 0; m3 < n3; ++m3) {
              Scalar* hm_3 = hm + m3 * C;
              detail::channel_for<KernelsT>(team, C, [&](int u) { hm_3[u] = 0; });
            }
            for (int k = path.cg_begin; k < path.cg_begin + path.cg_count; ++k) {
              const auto c = cg(k);
              const Scalar cy = c.value * Scalar(y[f0 + c.m2]);
              const Scalar* h_1 = h + (in0 + c.m1) * C;
              Scalar* hm_3 = hm + c.m3 * C;
              detail::channel_for<KernelsT>(team, C, [&](int u) { hm_3[u] += cy * h_1[u]; });
            }
            for (int m3 = 0; m3 < n3; ++m3) {
              Scalar* m_3 = m_i + (out0 + m3) * C;
              const Scalar* hm_3 = hm + m3 * C;
              detail::channel_for<KernelsT>(team, C, [&](int u) { m_3[u] += w_p[u] * hm_3[u]; });
            }
          }
        }
      });
}

// Given grad_m = dE/dm (destination rows): grad_g = dE/dg over all source rows
// (overwritten, via scatter_g, a ScatterView of grad_g), grad_Y += dE/dY, and
// the radial map's own adjoint: through the radial MLP, grad_basis +=
// dE/dbasis (StoredEdgeWeights::for_reverse), or through the table,
// grad_distance += dE/dd (TabulatedEdgeWeights). dE/dw is never stored: the
// edges of a destination go by tiles of DenseTiling::edges, whose dE/dw (team
// scratch) radial.reverse_tile consumes at once.
//
// One team per destination i (g_i = grad_m(i) read once for all its edges). For an edge and a
// path p = (l_in, l_f, l_out) with couplings W[m1][m2][m3], y = Y_{l_f}, h = g_j, per channel u:
//
//   wg[m3]  = w_p g_i[m3]                  shared by the couplings of p
//   gh[m1] += W y[m2] wg[m3]               dE/dh_j
//   hm[m3] += W y[m2] h[m1]                the forward's partial message
//   dy[m2] += W wg[m3] h[m1]               summed over u at the end of p
//   dE/dw_p = sum_m3 g_i[m3] hm[m3]
//
// 6-7 FLOPs per coupling and channel against 10 for core::uvu_backward_edge (same sums, other
// order), every inner loop a plain elementwise loop over channels (vectorises without
// reassociating a reduction). dE/dh_j collects in team scratch and is added to row j once.
template <class ExecSpace, class KernelsT, class TP, class Graph, class Device, class Scalar, class Radial,
          class Scatter>
void reverse_message(const ExecSpace& exec, const KernelsT& kernels, const TP& tp, const Graph& graph,
                     const Matrix<Scalar, Device>& grad_m, const Matrix<Scalar, Device>& g,
                     const Matrix<double, Device>& Y, const Radial& radial, const Scatter& scatter_g,
                     const Matrix<Scalar, Device>& grad_g, const Matrix<double, Device>& grad_Y) {
  using Team = typename Kokkos::TeamPolicy<ExecSpace>::member_type;
  constexpr int TE = DenseTiling<KernelsT, Scalar>::edges, NB = DenseTiling<KernelsT, Scalar>::columns;
  Kokkos::deep_copy(exec, grad_g, Scalar(0));
  auto scatter = scatter_g;  // reset_except and contribute_into are non-const
  scatter.reset_except(exec, grad_g);
  const int C = tp.channels, n_paths = tp.n_paths, F = tp.input_size();
  const int n_lm = static_cast<int>(Y.extent(1)), n_w = tp.weights_per_edge(), n_edges = graph.num_edges();
  const int width = 2 * tp.l_out_max + 1;
  const size_t bytes = 2 * detail::scratch_bytes<Scalar>(width * C) + detail::scratch_bytes<Scalar>(n_lm * C) +
                       detail::scratch_bytes<Scalar>(F) + detail::scratch_bytes<Scalar>(TE * n_w) +
                       radial.template reverse_scratch_bytes<TE>();
  const auto paths = tp.paths;
  const auto cg = tp.cg;
  int level = 0;
  const auto policy = detail::destination_policy(exec, kernels, graph.num_destinations(), bytes, level);
  Kokkos::parallel_for(
      "equipot::reverse_message", policy, KOKKOS_LAMBDA(const Team& team) {
        const int i = team.league_rank();
        Scalar* wg = detail::scratch_array<Scalar>(team, level, width * C);
        Scalar* hm = detail::scratch_array<Scalar>(team, level, width * C);
        Scalar* dy = detail::scratch_array<Scalar>(team, level, n_lm * C);
        Scalar* gh = detail::scratch_array<Scalar>(team, level, F);
        Scalar* grad_w_tile = detail::scratch_array<Scalar>(team, level, TE * n_w);
        const auto radial_scratch = radial.template take_reverse_scratch<TE>(team, level);
        const Scalar* g_i = &grad_m(i, 0);
        auto access = scatter.access();
        const int end = graph.first_edge(i + 1);
        for (int e0 = graph.first_edge(i); e0 < end; e0 += TE) {
          const int n_tile = end - e0 < TE ? end - e0 : TE;
          for (int e = e0; e < e0 + n_tile; ++e) {
            const int j = graph.source(e);
            const Scalar* h = &g(j, 0);
            const double* y = &Y(e, 0);
            Scalar* grad_w_e = grad_w_tile + (e - e0) * n_w;
            if (e + 1 < n_edges) {
              detail::prefetch_row<KernelsT>(&grad_g(graph.source(e + 1), 0), F);  // the scatter's row (Serial)
              detail::prefetch_row<KernelsT>(&g(graph.source(e + 1), 0), F);
              radial.template prefetch<KernelsT>(e + 1);
            }
            const Scalar* w_e =
                radial.template reverse_weights<KernelsT>(team, e, e - e0, n_paths, C, radial_scratch);
            // Lane u owns channel u of wg, hm, dy and gh below; the whole-row
            // loops (zeroing, the sums over channels, the scatter) map indices
            // differently, hence the barriers.
            Kokkos::parallel_for(Kokkos::TeamVectorRange(team, F), [&](int k) { gh[k] = 0; });
            Kokkos::parallel_for(Kokkos::TeamVectorRange(team, n_lm * C), [&](int k) { dy[k] = 0; });
            team.team_barrier();
            for (int p = 0; p < n_paths; ++p) {
              const core::UvuPath path = paths(p);
              const int in0 = path.l_in * path.l_in, f0 = path.l_f * path.l_f, out0 = path.l_out * path.l_out;
              const int n3 = 2 * path.l_out + 1;
              const Scalar* w_p = w_e + p * C;
              for (int m3 = 0; m3 < n3; ++m3) {
                const Scalar* g_3 = g_i + (out0 + m3) * C;
                Scalar* wg_3 = wg + m3 * C;
                Scalar* hm_3 = hm + m3 * C;
                detail::channel_for<KernelsT>(team, C, [&](int u) {
                  wg_3[u] = w_p[u] * g_3[u];
                  hm_3[u] = 0;
                });
              }
              for (int k = path.cg_begin; k < path.cg_begin + path.cg_count; ++k) {
                const auto c = cg(k);
                const Scalar cy = c.value * Scalar(y[f0 + c.m2]), W = c.value;
                Scalar* gh_1 = gh + (in0 + c.m1) * C;
                const Scalar* h_1 = h + (in0 + c.m1) * C;
                const Scalar* wg_3 = wg + c.m3 * C;
                Scalar* hm_3 = hm + c.m3 * C;
                Scalar* dy_2 = dy + (f0 + c.m2) * C;
                detail::channel_for<KernelsT>(team, C, [&](int u) {
                  gh_1[u] += cy * wg_3[u];
                  hm_3[u] += cy * h_1[u];
                  dy_2[u] += W * wg_3[u] * h_1[u];
                });
              }
              Scalar* grad_w_p = grad_w_e + p * C;
              for (int m3 = 0; m3 < n3; ++m3) {
                const Scalar* g_3 = g_i + (out0 + m3) * C;
                const Scalar* hm_3 = hm + m3 * C;
                if (m3 == 0)
                  detail::channel_for<KernelsT>(team, C, [&](int u) { grad_w_p[u] = g_3[u] * hm_3[u]; });
                else
                  detail::channel_for<KernelsT>(team, C, [&](int u) { grad_w_p[u] += g_3[u] * hm_3[u]; });
              }
            }
            team.team_barrier();
            for (int lm = 0; lm < n_lm; ++lm) {
              Scalar sum = 0;
              Kokkos::parallel_reduce(
                  Kokkos::TeamVectorRange(team, C), [&](int u, Scalar& part) { part += dy[lm * C + u]; }, sum);
              Kokkos::single(Kokkos::PerTeam(team), [&]() { grad_Y(e, lm) += sum; });
            }
            Kokkos::parallel_for(Kokkos::TeamVectorRange(team, F), [&](int k) { access(j, k) += gh[k]; });
            team.team_barrier();
          }
          radial.template reverse_tile<TE, NB>(team, e0, TileRows<const Scalar>{grad_w_tile, n_w, n_tile},
                                               radial_scratch);
          team.team_barrier();
        }
      });
  scatter.contribute_into(exec, grad_g);
}

}  // namespace equipot::engine
