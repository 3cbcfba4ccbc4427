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
//
// One team per destination i (g_i = grad_m(i) read once for all its edges). For an edge and a
// path p = (l_in, l_f, l_out) with couplings W[m1][m2][m3], y = Y_{l_f}, h = g_j, per channel u:
//   wg[m3]   = w_p g_i[m3]                                  (shared by the couplings of p)
//   gh[m1]  += W y[m2] wg[m3]                               dE/dh_j
//   hm[m3]  += W y[m2] h[m1]                                the forward's partial message
//   dy[m2]  += W wg[m3] h[m1]                               summed over u at the end of p
//   dE/dw_p  = sum_m3 g_i[m3] hm[m3]
// 6-7 FLOPs per coupling and channel against 10 for core::uvu_backward_edge (same sums, other
// order), every inner loop a plain elementwise loop over channels (vectorises without
// reassociating a reduction). dE/dh_j collects in team scratch and is added to row j once.
template <class ExecSpace, class TP, class Graph, class Device, class Scalar>
void reverse_message(const ExecSpace& exec, const TP& tp, const Graph& graph, const Matrix<Scalar, Device>& grad_m,
                     const Matrix<Scalar, Device>& g, const Matrix<double, Device>& Y,
                     const Matrix<Scalar, Device>& w, const FeatureScatter<ExecSpace, Device, Scalar>& scatter_g,
                     const Matrix<Scalar, Device>& grad_g, const Matrix<Scalar, Device>& grad_w,
                     const Matrix<double, Device>& grad_Y) {
  using Team = typename Kokkos::TeamPolicy<ExecSpace>::member_type;
  using ScratchVector =
      Kokkos::View<Scalar*, typename ExecSpace::scratch_memory_space, Kokkos::MemoryTraits<Kokkos::Unmanaged>>;
  Kokkos::deep_copy(exec, grad_g, Scalar(0));
  auto scatter = scatter_g;  // reset_except and contribute_into are non-const
  scatter.reset_except(exec, grad_g);
  const int C = tp.channels, n_paths = tp.n_paths, F = tp.input_size();
  const int n_lm = static_cast<int>(Y.extent(1));
  const int width = 2 * tp.l_out_max + 1;
  const size_t bytes = 2 * ScratchVector::shmem_size(width * C) + ScratchVector::shmem_size(n_lm * C) +
                       ScratchVector::shmem_size(F);
  const auto paths = tp.paths;
  const auto cg = tp.cg;
  Kokkos::parallel_for(
      "equipot::reverse_message",
      Kokkos::TeamPolicy<ExecSpace>(exec, graph.num_destinations(), Kokkos::AUTO)
          .set_scratch_size(0, Kokkos::PerTeam(bytes)),
      KOKKOS_LAMBDA(const Team& team) {
        const int i = team.league_rank();
        Scalar* wg = ScratchVector(team.team_scratch(0), width * C).data();
        Scalar* hm = ScratchVector(team.team_scratch(0), width * C).data();
        Scalar* dy = ScratchVector(team.team_scratch(0), n_lm * C).data();
        Scalar* gh = ScratchVector(team.team_scratch(0), F).data();
        const Scalar* g_i = &grad_m(i, 0);
        auto access = scatter.access();
        for (int e = graph.first_edge(i); e < graph.first_edge(i + 1); ++e) {
          const int j = graph.source(e);
          const Scalar* h = &g(j, 0);
          const double* y = &Y(e, 0);
          const Scalar* w_e = &w(e, 0);
          Scalar* grad_w_e = &grad_w(e, 0);
          // Lane u owns channel u of wg, hm, dy and gh below; the whole-row loops (zeroing, the
          // sums over channels, the scatter) map indices differently, hence the barriers.
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
              Kokkos::parallel_for(Kokkos::TeamVectorRange(team, C), [&](int u) {
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
              Kokkos::parallel_for(Kokkos::TeamVectorRange(team, C), [&](int u) {
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
                Kokkos::parallel_for(Kokkos::TeamVectorRange(team, C), [&](int u) { grad_w_p[u] = g_3[u] * hm_3[u]; });
              else
                Kokkos::parallel_for(Kokkos::TeamVectorRange(team, C),
                                     [&](int u) { grad_w_p[u] += g_3[u] * hm_3[u]; });
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
      });
  scatter.contribute_into(exec, grad_g);
}

}  // namespace equipot::engine
