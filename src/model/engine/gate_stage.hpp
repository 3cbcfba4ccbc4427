#pragma once
// Gate and residual stage (docs/model.md step 5), rows 0..n_local-1:
//   h'(0, c) = h(0, c) + SiLU(z(0, c)),   h'(l, m, c) = h(l, m, c) + sigmoid(z(gate(l, c))) z(l, m, c)
// for the degrees l <= gated.l_max the layer outputs (layer_degrees.hpp), and h'(l, m, c) =
// h(l, m, c), the residual alone, for the others up to the features' l_max.
// One thread per (atom, channel): it owns that channel in every degree, so the reverse can sum
// a gate's adjoint over m without atomics.
#include <Kokkos_Core.hpp>

#include "model/engine/activations.hpp"
#include "model/engine/gated_layout.hpp"
#include "model/engine/views.hpp"

namespace equipot::engine {

template <class ExecSpace, class Device, class Scalar>
void compute_gate(const ExecSpace& exec, int n_local, const GatedLayout& gated, int l_max,
                  const Matrix<Scalar, Device>& h, const Matrix<Scalar, Device>& z, const Matrix<Scalar, Device>& h_out) {
  const int C = gated.channels, L = gated.l_max, n_lm = (l_max + 1) * (l_max + 1);
  Kokkos::parallel_for(
      "equipot::compute_gate", Kokkos::RangePolicy<ExecSpace>(exec, 0, n_local * C), KOKKOS_LAMBDA(int k) {
        const int i = k / C, c = k % C;
        h_out(i, c) = h(i, c) + silu(z(i, c));
        for (int l = 1; l <= L; ++l) {
          const Scalar gate = sigmoid(z(i, gated.gate(l, c)));
          for (int lm = l * l; lm < (l + 1) * (l + 1); ++lm)
            h_out(i, lm * C + c) = h(i, lm * C + c) + gate * z(i, gated.vector(lm, c));
        }
        for (int lm = (L + 1) * (L + 1); lm < n_lm; ++lm) h_out(i, lm * C + c) = h(i, lm * C + c);
      });
}

// Given grad_out = dE/dh', writes grad_h = dE/dh through the residual only (the
// self-connection adds to it later) and grad_z = dE/dz; both overwritten.
template <class ExecSpace, class Device, class Scalar>
void reverse_gate(const ExecSpace& exec, int n_local, const GatedLayout& gated, int l_max,
                  const Matrix<Scalar, Device>& z, const Matrix<Scalar, Device>& grad_out,
                  const Matrix<Scalar, Device>& grad_h, const Matrix<Scalar, Device>& grad_z) {
  const int C = gated.channels, L = gated.l_max, n_lm = (l_max + 1) * (l_max + 1);
  Kokkos::parallel_for(
      "equipot::reverse_gate", Kokkos::RangePolicy<ExecSpace>(exec, 0, n_local * C), KOKKOS_LAMBDA(int k) {
        const int i = k / C, c = k % C;
        grad_h(i, c) = grad_out(i, c);
        grad_z(i, c) = grad_out(i, c) * silu_derivative(z(i, c));
        for (int l = 1; l <= L; ++l) {
          const Scalar gate = sigmoid(z(i, gated.gate(l, c)));
          Scalar grad_gate = 0;
          for (int lm = l * l; lm < (l + 1) * (l + 1); ++lm) {
            const Scalar g = grad_out(i, lm * C + c);
            grad_h(i, lm * C + c) = g;
            grad_z(i, gated.vector(lm, c)) = gate * g;
            grad_gate += g * z(i, gated.vector(lm, c));
          }
          grad_z(i, gated.gate(l, c)) = grad_gate * gate * (Scalar(1) - gate);
        }
        for (int lm = (L + 1) * (L + 1); lm < n_lm; ++lm) grad_h(i, lm * C + c) = grad_out(i, lm * C + c);
      });
}

}  // namespace equipot::engine
