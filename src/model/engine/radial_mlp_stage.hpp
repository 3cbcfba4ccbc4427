#pragma once
// Radial MLP stage: per edge, a_0 = basis, a_k = SiLU(a_{k-1} radial_k) for the hidden layers,
// w = a_K radial_{K+1}: one weight per (path, channel), index p * C + c, with the 1/sqrt(fan-in)
// factors and alpha_p already folded into the matrices (device_weights.hpp). There are no
// biases, so an edge at or beyond the cutoff (basis 0) gets w = 0 exactly.
#include <Kokkos_Core.hpp>

#include <vector>

#include "model/engine/activations.hpp"
#include "model/engine/dense.hpp"
#include "model/engine/device_weights.hpp"

namespace equipot::engine {

// What the reverse pass needs of one layer's radial MLP: per hidden layer k, (edge, unit).
template <class Device, class Scalar>
struct RadialActivations {
  std::vector<Matrix<Scalar, Device>> preactivation;
  std::vector<Matrix<Scalar, Device>> activation;
};

namespace detail {

// out = SiLU(in) (forward) or out *= SiLU'(preactivation) (reverse), over n_rows rows.
template <class ExecSpace, class Device, class Scalar>
void apply_silu(const ExecSpace& exec, int n_rows, const Matrix<Scalar, Device>& in,
                const Matrix<Scalar, Device>& out) {
  const int width = static_cast<int>(in.extent(1));
  Kokkos::parallel_for(
      "equipot::radial_silu", Kokkos::RangePolicy<ExecSpace>(exec, 0, n_rows * width),
      KOKKOS_LAMBDA(int k) { out(k / width, k % width) = silu(in(k / width, k % width)); });
}

template <class ExecSpace, class Device, class Scalar>
void scale_by_silu_derivative(const ExecSpace& exec, int n_rows, const Matrix<Scalar, Device>& preactivation,
                              const Matrix<Scalar, Device>& grad) {
  const int width = static_cast<int>(grad.extent(1));
  Kokkos::parallel_for(
      "equipot::reverse_radial_silu", Kokkos::RangePolicy<ExecSpace>(exec, 0, n_rows * width),
      KOKKOS_LAMBDA(int k) {
        const int e = k / width, unit = k % width;
        grad(e, unit) *= silu_derivative(preactivation(e, unit));
      });
}

}  // namespace detail

template <class ExecSpace, class Device, class Scalar>
void compute_radial_mlp(const ExecSpace& exec, int n_edges, const LayerWeights<Device, Scalar>& weights,
                        const Matrix<Scalar, Device>& basis, const RadialActivations<Device, Scalar>& hidden,
                        const Matrix<Scalar, Device>& edge_weights) {
  Matrix<Scalar, Device> input = basis;
  for (size_t k = 0; k < hidden.activation.size(); ++k) {
    multiply_rows(exec, "equipot::compute_radial_layer", n_edges, input, weights.radial[k],
                  hidden.preactivation[k], Accumulate::no);
    detail::apply_silu(exec, n_edges, hidden.preactivation[k], hidden.activation[k]);
    input = hidden.activation[k];
  }
  multiply_rows(exec, "equipot::compute_radial_output", n_edges, input, weights.radial.back(), edge_weights,
                Accumulate::no);
}

// Adds dE/dbasis to grad_basis, given grad_edge_weights = dE/dw. grad_hidden holds one scratch
// matrix per hidden layer (edge, unit).
template <class ExecSpace, class Device, class Scalar>
void reverse_radial_mlp(const ExecSpace& exec, int n_edges, const LayerWeights<Device, Scalar>& weights,
                        const RadialActivations<Device, Scalar>& hidden,
                        const Matrix<Scalar, Device>& grad_edge_weights,
                        const std::vector<Matrix<Scalar, Device>>& grad_hidden,
                        const Matrix<Scalar, Device>& grad_basis) {
  Matrix<Scalar, Device> grad_output = grad_edge_weights;
  for (size_t k = hidden.activation.size(); k-- > 0;) {
    multiply_rows(exec, "equipot::reverse_radial_layer", n_edges, grad_output, weights.radial_transposed[k + 1],
                  grad_hidden[k], Accumulate::no);
    detail::scale_by_silu_derivative(exec, n_edges, hidden.preactivation[k], grad_hidden[k]);
    grad_output = grad_hidden[k];
  }
  multiply_rows(exec, "equipot::reverse_radial_input", n_edges, grad_output, weights.radial_transposed[0],
                grad_basis, Accumulate::yes);
}

}  // namespace equipot::engine
