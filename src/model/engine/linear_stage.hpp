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

// h0(i, 0, c) = embedding(s_i, c), rows 0..n_atoms-1 (ghosts included: their species are known,
// so layer 0 needs no exchange). Layer 0 reads l = 0 alone (layer_degrees.hpp), so the other
// columns are never written.
template <class ExecSpace, class Device, class Scalar>
void compute_embedding(const ExecSpace& exec, int n_atoms, const Kokkos::View<const int*, Device>& species,
                       const Matrix<Scalar, Device>& embedding, const Matrix<Scalar, Device>& h0) {
  const int C = static_cast<int>(embedding.extent(1));
  // One atom per index, its row written in order (an index per value spent an integer
  // division per value: 4 % of a step).
  Kokkos::parallel_for(
      "equipot::compute_embedding", Kokkos::RangePolicy<ExecSpace>(exec, 0, n_atoms), KOKKOS_LAMBDA(int i) {
        const int s = species(i);
        for (int index = 0; index < C; ++index) h0(i, index) = embedding(s, index);
      });
}

namespace detail {

// out[b] (=|+=) sum_a x[a] W[a * n_out + b] for b < n_out, by packs of b (channel_packs), each
// pack's sum in a register, over increasing a.
template <class KernelsT, class Scalar, class Team>
KOKKOS_INLINE_FUNCTION void row_product(const Team& team, const Scalar* x, int n_in, const Scalar* W, int n_out,
                                        Scalar* out, Accumulate accumulate) {
  channel_packs<KernelsT, Scalar>(team, n_out, [&](int b, auto pack) {
    using P = decltype(pack);
    typename P::type sum{};
    if (accumulate == Accumulate::yes) sum = P::load(out + b);
    for (int a = 0; a < n_in; ++a) sum += x[a] * P::load(W + a * n_out + b);
    P::store(out + b, sum);
  });
}

}  // namespace detail

// g(i, lm, c') = sum_c h(i, lm, c) up(l, c, c') for rows 0..n_atoms-1.
template <class ExecSpace, class KernelsT, class Device, class Scalar>
void compute_up(const ExecSpace& exec, const KernelsT& kernels, int n_atoms,
                const LayerWeights<Device, Scalar>& weights, const Matrix<Scalar, Device>& h,
                const Matrix<Scalar, Device>& g) {
  using Team = typename Kokkos::TeamPolicy<ExecSpace>::member_type;
  const auto up = weights.up;
  const int L = static_cast<int>(up.extent(0)) - 1, C = static_cast<int>(up.extent(1));
  Kokkos::parallel_for(
      "equipot::compute_up", kernels.teams(exec, n_atoms), KOKKOS_LAMBDA(const Team& team) {
        const int i = team.league_rank();
        for (int l = 0; l <= L; ++l)
          for (int lm = l * l; lm < (l + 1) * (l + 1); ++lm)
            detail::row_product<KernelsT>(team, &h(i, lm * C), C, &up(l, 0, 0), C, &g(i, lm * C), Accumulate::no);
      });
}

// grad_h(i, lm, c) += sum_c' grad_g(i, lm, c') up(l, c, c') for rows 0..n_atoms-1.
template <class ExecSpace, class KernelsT, class Device, class Scalar>
void reverse_up(const ExecSpace& exec, const KernelsT& kernels, int n_atoms,
                const LayerWeights<Device, Scalar>& weights, const Matrix<Scalar, Device>& grad_g,
                const Matrix<Scalar, Device>& grad_h) {
  using Team = typename Kokkos::TeamPolicy<ExecSpace>::member_type;
  const auto up_t = weights.up_transposed;
  const int L = static_cast<int>(up_t.extent(0)) - 1, C = static_cast<int>(up_t.extent(1));
  Kokkos::parallel_for(
      "equipot::reverse_up", kernels.teams(exec, n_atoms), KOKKOS_LAMBDA(const Team& team) {
        const int i = team.league_rank();
        for (int l = 0; l <= L; ++l)
          for (int lm = l * l; lm < (l + 1) * (l + 1); ++lm)
            detail::row_product<KernelsT>(team, &grad_g(i, lm * C), C, &up_t(l, 0, 0), C, &grad_h(i, lm * C),
                                          Accumulate::yes);
      });
}

// z(i) = down(m(i)) + self_{s_i}(h(i)) in the gated layout, rows 0..n_local-1, for the degrees
// l <= L_t the layer outputs (the extents of its down and self weights, device_weights.hpp); h
// holds the degrees l <= l_in the layer reads, zero above, so self skips the others.
template <class ExecSpace, class KernelsT, class Device, class Scalar>
void compute_down_self(const ExecSpace& exec, const KernelsT& kernels, int n_local, int l_in,
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
      "equipot::compute_down_self", kernels.teams(exec, n_local), KOKKOS_LAMBDA(const Team& team) {
        const int i = team.league_rank(), s = species(i);
        Scalar* z_row = &z(i, 0);
        const int n_scalars = gated.num_scalars();
        detail::row_product<KernelsT>(team, &m(i, 0), C, &down_scalar(0, 0), n_scalars, z_row, Accumulate::no);
        detail::row_product<KernelsT>(team, &h(i, 0), C, &self_scalar(s, 0, 0), n_scalars, z_row, Accumulate::yes);
        for (int l = 1; l <= L; ++l)
          for (int lm = l * l; lm < (l + 1) * (l + 1); ++lm) {
            Scalar* z_lm = z_row + gated.vector(lm, 0);
            detail::row_product<KernelsT>(team, &m(i, lm * C), C, &down_vector(l - 1, 0, 0), C, z_lm, Accumulate::no);
            if (l <= l_in)
              detail::row_product<KernelsT>(team, &h(i, lm * C), C, &self_vector(s, l - 1, 0, 0), C, z_lm,
                                            Accumulate::yes);
          }
      });
}

// grad_m(i) = down^T grad_z(i) (overwritten), grad_h(i) += self_{s_i}^T grad_z(i), rows 0..n_local-1,
// for the degrees l <= L_t the layer outputs (the message's reverse reads no other row of grad_m);
// grad_h for the degrees l <= l_in the layer reads.
template <class ExecSpace, class KernelsT, class Device, class Scalar>
void reverse_down_self(const ExecSpace& exec, const KernelsT& kernels, int n_local, int l_in,
                       const LayerWeights<Device, Scalar>& weights,
                       const Kokkos::View<const int*, Device>& species, const Matrix<Scalar, Device>& grad_z,
                       const Matrix<Scalar, Device>& grad_m, const Matrix<Scalar, Device>& grad_h) {
  using Team = typename Kokkos::TeamPolicy<ExecSpace>::member_type;
  const auto down_scalar_t = weights.down_scalar_transposed;
  const auto down_vector_t = weights.down_vector_transposed;
  const auto self_scalar_t = weights.self_scalar_transposed;
  const auto self_vector_t = weights.self_vector_transposed;
  const int C = static_cast<int>(down_scalar_t.extent(1)), L = static_cast<int>(down_vector_t.extent(0));
  const GatedLayout gated{L, C};
  Kokkos::parallel_for(
      "equipot::reverse_down_self", kernels.teams(exec, n_local), KOKKOS_LAMBDA(const Team& team) {
        const int i = team.league_rank(), s = species(i);
        const Scalar* grad_z_row = &grad_z(i, 0);
        const int n_scalars = gated.num_scalars();
        detail::row_product<KernelsT>(team, grad_z_row, n_scalars, &down_scalar_t(0, 0), C, &grad_m(i, 0),
                                      Accumulate::no);
        detail::row_product<KernelsT>(team, grad_z_row, n_scalars, &self_scalar_t(s, 0, 0), C, &grad_h(i, 0),
                                      Accumulate::yes);
        for (int l = 1; l <= L; ++l)
          for (int lm = l * l; lm < (l + 1) * (l + 1); ++lm) {
            const Scalar* grad_z_lm = grad_z_row + gated.vector(lm, 0);
            detail::row_product<KernelsT>(team, grad_z_lm, C, &down_vector_t(l - 1, 0, 0), C, &grad_m(i, lm * C),
                                          Accumulate::no);
            if (l <= l_in)
              detail::row_product<KernelsT>(team, grad_z_lm, C, &self_vector_t(s, l - 1, 0, 0), C,
                                            &grad_h(i, lm * C), Accumulate::yes);
          }
      });
}

}  // namespace equipot::engine
