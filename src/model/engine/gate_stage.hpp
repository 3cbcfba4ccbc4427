#pragma once
// Gate and residual stage (docs/model.md step 5), rows 0..n_local-1:
//   h'(0, c) = h(0, c) + SiLU(z(0, c)),   h'(l, m, c) = h(l, m, c) + sigmoid(z(gate(l, c))) z(l, m, c)
// for the degrees l <= gated.l_max the layer outputs (layer_degrees.hpp), and h'(l, m, c) =
// h(l, m, c), the residual alone, for the others up to the features' l_max. h holds the degrees
// l <= l_in the layer reads, zero above (layer 0's embedding has l = 0 only), and those rows of
// h are never read.
// One team per atom (the kernel variant's teams, tuning.hpp), its loops over channels
// (channel_for: lane c always owns channel c, so the gates of degree l, which each lane keeps
// in team scratch for the 2 l + 1 rows, need no barrier). Host kernels run those loops as
// plain loops the compiler vectorises, the activations' exp included
// (core/exp_nonpositive.hpp); an index per (atom, channel) spent a division per index and
// vectorised nothing (7 % of a step, docs/engine.md).
#include <Kokkos_Core.hpp>

#include "model/engine/activations.hpp"
#include "model/engine/channel_loops.hpp"
#include "model/engine/gated_layout.hpp"
#include "model/engine/team_scratch.hpp"
#include "model/engine/tuning.hpp"
#include "model/engine/views.hpp"

namespace equipot::engine {

template <class ExecSpace, class KernelsT, class Device, class Scalar>
void compute_gate(const ExecSpace& exec, const KernelsT& kernels, int n_local, const GatedLayout& gated, int l_in,
                  int l_max, const Matrix<Scalar, Device>& h, const Matrix<Scalar, Device>& z,
                  const Matrix<Scalar, Device>& h_out) {
  using Team = typename Kokkos::TeamPolicy<ExecSpace>::member_type;
  const int C = gated.channels, L = gated.l_max, n_lm = (l_max + 1) * (l_max + 1);
  const int n_lm_in = (l_in + 1) * (l_in + 1);
  const auto policy = kernels.teams(exec, n_local).set_scratch_size(0, Kokkos::PerTeam(detail::scratch_bytes<Scalar>(C)));
  Kokkos::parallel_for(
      "equipot::compute_gate", policy, KOKKOS_LAMBDA(const Team& team) {
        const int i = team.league_rank();
        Scalar* gate = detail::scratch_array<Scalar>(team, 0, C);
        const Scalar* z_i = &z(i, 0);
        const Scalar* h_i = &h(i, 0);
        Scalar* out_i = &h_out(i, 0);
        detail::channel_for<KernelsT>(team, C, [&](int c) { out_i[c] = h_i[c] + silu(z_i[c]); });
        for (int l = 1; l <= L; ++l) {
          detail::channel_for<KernelsT>(team, C, [&](int c) { gate[c] = sigmoid(z_i[gated.gate(l, c)]); });
          for (int lm = l * l; lm < (l + 1) * (l + 1); ++lm) {
            if (lm < n_lm_in)
              detail::channel_for<KernelsT>(team, C, [&](int c) {
                out_i[lm * C + c] = h_i[lm * C + c] + gate[c] * z_i[gated.vector(lm, c)];
              });
            else
              detail::channel_for<KernelsT>(team, C,
                                            [&](int c) { out_i[lm * C + c] = gate[c] * z_i[gated.vector(lm, c)]; });
          }
        }
        const int first = (L + 1) * (L + 1) * C, last_read = n_lm_in * C;
        detail::channel_for<KernelsT>(team, n_lm * C - first,
                                      [&](int k) { out_i[first + k] = first + k < last_read ? h_i[first + k] : Scalar(0); });
      });
}

// Given grad_out = dE/dh', writes grad_h = dE/dh through the residual only (the
// self-connection adds to it later) and grad_z = dE/dz; both overwritten.
template <class ExecSpace, class KernelsT, class Device, class Scalar>
void reverse_gate(const ExecSpace& exec, const KernelsT& kernels, int n_local, const GatedLayout& gated, int l_max,
                  const Matrix<Scalar, Device>& z, const Matrix<Scalar, Device>& grad_out,
                  const Matrix<Scalar, Device>& grad_h, const Matrix<Scalar, Device>& grad_z) {
  using Team = typename Kokkos::TeamPolicy<ExecSpace>::member_type;
  const int C = gated.channels, L = gated.l_max, n_lm = (l_max + 1) * (l_max + 1);
  const auto policy =
      kernels.teams(exec, n_local).set_scratch_size(0, Kokkos::PerTeam(2 * detail::scratch_bytes<Scalar>(C)));
  Kokkos::parallel_for(
      "equipot::reverse_gate", policy, KOKKOS_LAMBDA(const Team& team) {
        const int i = team.league_rank();
        Scalar* gate = detail::scratch_array<Scalar>(team, 0, C);
        Scalar* grad_gate = detail::scratch_array<Scalar>(team, 0, C);  // sum_m dE/dh'(l, m) z(l, m)
        const Scalar* z_i = &z(i, 0);
        const Scalar* out_i = &grad_out(i, 0);
        Scalar* h_i = &grad_h(i, 0);
        Scalar* grad_z_i = &grad_z(i, 0);
        detail::channel_for<KernelsT>(team, C, [&](int c) {
          grad_z_i[c] = out_i[c] * silu_derivative(z_i[c]);
          h_i[c] = out_i[c];
        });
        for (int l = 1; l <= L; ++l) {
          detail::channel_for<KernelsT>(team, C, [&](int c) {
            gate[c] = sigmoid(z_i[gated.gate(l, c)]);
            grad_gate[c] = 0;
          });
          for (int lm = l * l; lm < (l + 1) * (l + 1); ++lm)
            detail::channel_for<KernelsT>(team, C, [&](int c) {
              const Scalar g = out_i[lm * C + c];
              grad_gate[c] += g * z_i[gated.vector(lm, c)];
              grad_z_i[gated.vector(lm, c)] = gate[c] * g;
              h_i[lm * C + c] = g;
            });
          detail::channel_for<KernelsT>(team, C, [&](int c) {
            grad_z_i[gated.gate(l, c)] = grad_gate[c] * gate[c] * (Scalar(1) - gate[c]);
          });
        }
        const int first = (L + 1) * (L + 1) * C;
        detail::channel_for<KernelsT>(team, n_lm * C - first, [&](int k) { h_i[first + k] = out_i[first + k]; });
      });
}

}  // namespace equipot::engine
