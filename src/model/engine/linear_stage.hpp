#pragma once
// Per-atom linear stages: the species embedding, the "up" channel mixing before the message,
// and the "down" plus self-connection linears after it (docs/model.md steps 1 and 4). They mix
// channels within one (l, m) and never mix degrees, so they commute with rotations. Every
// kernel runs one team per atom (the kernel variant's teams, tuning.hpp), lanes over output
// channels; the 1/sqrt(C) factors are folded into the weights.
#include <Kokkos_Core.hpp>

#include "model/engine/device_weights.hpp"
#include "model/engine/gated_layout.hpp"
#include "model/engine/tuning.hpp"

namespace equipot::engine {

// h0(i, 0, c) = embedding(s_i, c), zero for l > 0; rows 0..n_atoms-1 (ghosts included: their
// species are known, so layer 0 needs no exchange).
template <class ExecSpace, class Device, class Scalar>
void compute_embedding(const ExecSpace& exec, int n_atoms, const Kokkos::View<const int*, Device>& species,
                       const Matrix<Scalar, Device>& embedding, const Matrix<Scalar, Device>& h0) {
  const int width = static_cast<int>(h0.extent(1)), C = static_cast<int>(embedding.extent(1));
  Kokkos::parallel_for(
      "equipot::compute_embedding", Kokkos::RangePolicy<ExecSpace>(exec, 0, n_atoms * width), KOKKOS_LAMBDA(int k) {
        const int i = k / width, index = k % width;
        h0(i, index) = index < C ? embedding(species(i), index) : Scalar(0);
      });
}

// g(i, lm, c') = sum_c h(i, lm, c) up(l, c, c') for rows 0..n_atoms-1.
template <class ExecSpace, class KernelsT, class Device, class Scalar>
void compute_up(const ExecSpace& exec, const KernelsT& kernels, int n_atoms,
                const LayerWeights<Device, Scalar>& weights, const Matrix<Scalar, Device>& h,
                const Matrix<Scalar, Device>& g) {
  using Team = typename Kokkos::TeamPolicy<ExecSpace>::member_type;
  const auto up = weights.up;
  const int L = static_cast<int>(up.extent(0)) - 1, C = static_cast<int>(up.extent(1));
  Kokkos::parallel_for(
      "equipot::compute_up", kernels.teams(exec, n_atoms),
      KOKKOS_LAMBDA(const Team& team) {
        const int i = team.league_rank();
        for (int l = 0; l <= L; ++l)
          for (int lm = l * l; lm < (l + 1) * (l + 1); ++lm) {
            Scalar* g_row = &g(i, lm * C);
            const Scalar* h_row = &h(i, lm * C);
            Kokkos::parallel_for(Kokkos::TeamVectorRange(team, C), [&](int b) { g_row[b] = 0; });
            for (int c = 0; c < C; ++c) {
              const Scalar h_c = h_row[c];
              Kokkos::parallel_for(Kokkos::TeamVectorRange(team, C), [&](int b) { g_row[b] += h_c * up(l, c, b); });
            }
          }
      });
}

// grad_h(i, lm, c) += sum_c' grad_g(i, lm, c') up(l, c, c') for rows 0..n_atoms-1.
template <class ExecSpace, class KernelsT, class Device, class Scalar>
void reverse_up(const ExecSpace& exec, const KernelsT& kernels, int n_atoms,
                const LayerWeights<Device, Scalar>& weights, const Matrix<Scalar, Device>& grad_g,
                const Matrix<Scalar, Device>& grad_h) {
  using Team = typename Kokkos::TeamPolicy<ExecSpace>::member_type;
  const auto up = weights.up;
  const int L = static_cast<int>(up.extent(0)) - 1, C = static_cast<int>(up.extent(1));
  Kokkos::parallel_for(
      "equipot::reverse_up", kernels.teams(exec, n_atoms),
      KOKKOS_LAMBDA(const Team& team) {
        const int i = team.league_rank();
        for (int l = 0; l <= L; ++l)
          for (int lm = l * l; lm < (l + 1) * (l + 1); ++lm)
            Kokkos::parallel_for(Kokkos::TeamVectorRange(team, C), [&](int c) {
              Scalar sum = 0;
              for (int b = 0; b < C; ++b) sum += grad_g(i, lm * C + b) * up(l, c, b);
              grad_h(i, lm * C + c) += sum;
            });
      });
}

// z(i) = down(m(i)) + self_{s_i}(h(i)) in the gated layout, rows 0..n_local-1.
template <class ExecSpace, class KernelsT, class Device, class Scalar>
void compute_down_self(const ExecSpace& exec, const KernelsT& kernels, int n_local,
                       const LayerWeights<Device, Scalar>& weights,
                       const Kokkos::View<const int*, Device>& species, const Matrix<Scalar, Device>& m,
                       const Matrix<Scalar, Device>& h, const Matrix<Scalar, Device>& z) {
  using Team = typename Kokkos::TeamPolicy<ExecSpace>::member_type;
  const auto down_scalar = weights.down_scalar;
  const auto down_vector = weights.down_vector;
  const auto self_scalar = weights.self_scalar;
  const auto self_vector = weights.self_vector;
  const int C = static_cast<int>(down_scalar.extent(0)), L = static_cast<int>(down_vector.extent(0));
  const GatedLayout gated{L, C};
  Kokkos::parallel_for(
      "equipot::compute_down_self", kernels.teams(exec, n_local),
      KOKKOS_LAMBDA(const Team& team) {
        const int i = team.league_rank(), s = species(i);
        Scalar* z_row = &z(i, 0);
        Kokkos::parallel_for(Kokkos::TeamVectorRange(team, gated.size()), [&](int k) { z_row[k] = 0; });
        team.team_barrier();  // the loops below split z_row over the lanes differently
        for (int c = 0; c < C; ++c) {
          const Scalar m_c = m(i, c), h_c = h(i, c);
          Kokkos::parallel_for(Kokkos::TeamVectorRange(team, gated.num_scalars()), [&](int k) {
            z_row[k] += m_c * down_scalar(c, k) + h_c * self_scalar(s, c, k);
          });
        }
        for (int l = 1; l <= L; ++l)
          for (int lm = l * l; lm < (l + 1) * (l + 1); ++lm)
            for (int c = 0; c < C; ++c) {
              const Scalar m_c = m(i, lm * C + c), h_c = h(i, lm * C + c);
              Kokkos::parallel_for(Kokkos::TeamVectorRange(team, C), [&](int b) {
                z_row[gated.vector(lm, b)] += m_c * down_vector(l - 1, c, b) + h_c * self_vector(s, l - 1, c, b);
              });
            }
      });
}

// grad_m(i) = down^T grad_z(i) (overwritten), grad_h(i) += self_{s_i}^T grad_z(i), rows 0..n_local-1.
template <class ExecSpace, class KernelsT, class Device, class Scalar>
void reverse_down_self(const ExecSpace& exec, const KernelsT& kernels, int n_local,
                       const LayerWeights<Device, Scalar>& weights,
                       const Kokkos::View<const int*, Device>& species, const Matrix<Scalar, Device>& grad_z,
                       const Matrix<Scalar, Device>& grad_m, const Matrix<Scalar, Device>& grad_h) {
  using Team = typename Kokkos::TeamPolicy<ExecSpace>::member_type;
  const auto down_scalar = weights.down_scalar;
  const auto down_vector = weights.down_vector;
  const auto self_scalar = weights.self_scalar;
  const auto self_vector = weights.self_vector;
  const int C = static_cast<int>(down_scalar.extent(0)), L = static_cast<int>(down_vector.extent(0));
  const GatedLayout gated{L, C};
  Kokkos::parallel_for(
      "equipot::reverse_down_self", kernels.teams(exec, n_local),
      KOKKOS_LAMBDA(const Team& team) {
        const int i = team.league_rank(), s = species(i);
        Kokkos::parallel_for(Kokkos::TeamVectorRange(team, C), [&](int c) {
          Scalar sum_m = 0, sum_h = 0;
          for (int k = 0; k < gated.num_scalars(); ++k) {
            sum_m += grad_z(i, k) * down_scalar(c, k);
            sum_h += grad_z(i, k) * self_scalar(s, c, k);
          }
          grad_m(i, c) = sum_m;
          grad_h(i, c) += sum_h;
        });
        for (int l = 1; l <= L; ++l)
          for (int lm = l * l; lm < (l + 1) * (l + 1); ++lm)
            Kokkos::parallel_for(Kokkos::TeamVectorRange(team, C), [&](int c) {
              Scalar sum_m = 0, sum_h = 0;
              for (int b = 0; b < C; ++b) {
                const Scalar g = grad_z(i, gated.vector(lm, b));
                sum_m += g * down_vector(l - 1, c, b);
                sum_h += g * self_vector(s, l - 1, c, b);
              }
              grad_m(i, lm * C + c) = sum_m;
              grad_h(i, lm * C + c) += sum_h;
            });
      });
}

}  // namespace equipot::engine
