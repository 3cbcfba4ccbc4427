#pragma once
// Readout stage (docs/model.md "Readout"), one thread per local atom:
//   a_k = sum_c hT(0, c) readout_0[c, k],   o = sum_k SiLU(a_k) readout_1[k],
//   E_i = species_scale[s_i] o + species_shift[s_i]
// (1/sqrt(C) and 1/sqrt(H_r) folded into the weights). The reverse recomputes a_k instead of
// storing it: it costs the same loop as the forward and no memory.
#include <Kokkos_Core.hpp>

#include "model/engine/activations.hpp"
#include "model/engine/device_weights.hpp"

namespace equipot::engine {

// Writes E_i to atom_energy(i) and returns sum_i E_i over i < n_owned.
template <class ExecSpace, class Device, class Scalar>
double compute_readout(const ExecSpace& exec, int n_owned, const DeviceWeights<Device, Scalar>& weights,
                       const Kokkos::View<const int*, Device>& species, const Matrix<Scalar, Device>& h,
                       const Vector<double, Device>& atom_energy) {
  const auto hidden = weights.readout_hidden;
  const auto out = weights.readout_out;
  const auto scale = weights.species_scale;
  const auto shift = weights.species_shift;
  const int C = static_cast<int>(hidden.extent(0)), H = static_cast<int>(hidden.extent(1));
  double energy = 0;
  Kokkos::parallel_reduce(
      "equipot::compute_readout", Kokkos::RangePolicy<ExecSpace>(exec, 0, n_owned),
      KOKKOS_LAMBDA(int i, double& sum) {
        Scalar o = 0;
        for (int k = 0; k < H; ++k) {
          Scalar a = 0;
          for (int c = 0; c < C; ++c) a += h(i, c) * hidden(c, k);
          o += silu(a) * out(k);
        }
        const double e_i = scale(species(i)) * double(o) + shift(species(i));  // the energy in double
        atom_energy(i) = e_i;
        sum += e_i;
      },
      energy);
  return energy;
}

// grad_h(i) = dE/dhT(i): the scalar block, zero elsewhere and zero for the atoms n_owned ..
// n_local-1, whose energies do not count; rows 0..n_local-1 overwritten.
template <class ExecSpace, class Device, class Scalar>
void reverse_readout(const ExecSpace& exec, int n_owned, int n_local, const DeviceWeights<Device, Scalar>& weights,
                     const Kokkos::View<const int*, Device>& species, const Matrix<Scalar, Device>& h,
                     const Matrix<Scalar, Device>& grad_h) {
  const auto hidden = weights.readout_hidden;
  const auto out = weights.readout_out;
  const auto scale = weights.species_scale;
  const int C = static_cast<int>(hidden.extent(0)), H = static_cast<int>(hidden.extent(1));
  const int width = static_cast<int>(grad_h.extent(1));
  Kokkos::parallel_for(
      "equipot::reverse_readout", Kokkos::RangePolicy<ExecSpace>(exec, 0, n_local), KOKKOS_LAMBDA(int i) {
        for (int index = 0; index < width; ++index) grad_h(i, index) = 0;
        if (i >= n_owned) return;
        const Scalar s = static_cast<Scalar>(scale(species(i)));
        for (int k = 0; k < H; ++k) {
          Scalar a = 0;
          for (int c = 0; c < C; ++c) a += h(i, c) * hidden(c, k);
          const Scalar grad_a = s * out(k) * silu_derivative(a);
          for (int c = 0; c < C; ++c) grad_h(i, c) += grad_a * hidden(c, k);
        }
      });
}

}  // namespace equipot::engine
