#pragma once
// Edge geometry stage: for every edge e = (i <- j), r_e = x_j - x_i, its harmonics Y(r_e), and
// the radial basis B_n(d) u(d / r_cut) with its derivative w.r.t. d = |r_e| (docs/model.md,
// "Edge basis"; the exact radial MLP only). The reverse turns dE/dY and dE/dd into
// G_e = dE/dr_e, recomputing dY/dr_e from r_e rather than keeping 3 (l_max + 1)^2 values per
// edge from the forward pass (216 bytes per edge for l_max = 2, most of what a tabulated
// engine would otherwise keep per edge).
#include <Kokkos_Core.hpp>

#include "core/radial_basis.hpp"
#include "core/spherical_harmonics.hpp"
#include "model/engine/views.hpp"
#include "model/model_error.hpp"

namespace equipot::engine {

template <class Device>
struct EdgeGeometry {
  Matrix<double, Device> r;                                   // (edge, xyz)
  Matrix<double, Device> Y;                                   // (edge, lm)
  Matrix<double, Device> basis;                               // (edge, n) = B_n u
  Matrix<double, Device> basis_derivative;                    // (edge, n) = d(B_n u) / dd
};

namespace detail {

template <int P, class ExecSpace, class Device, class Graph>
int compute_edge_geometry_with_envelope(const ExecSpace& exec, const PositionArray<Device>& x, const Graph& graph,
                                        int l_max, int n_basis, double r_cut, const EdgeGeometry<Device>& geometry) {
  constexpr int kMaxBasis = 64;  // validate(Hyperparameters) bounds num_basis by this
  int invalid = 0;
  Kokkos::parallel_reduce(
      "equipot::compute_edge_geometry", Kokkos::RangePolicy<ExecSpace>(exec, 0, graph.num_edges()),
      KOKKOS_LAMBDA(int e, int& count) {
        const int i = graph.destination(e), j = graph.source(e);
        double r[3];
        for (int k = 0; k < 3; ++k) r[k] = geometry.r(e, k) = x(j, k) - x(i, k);
        if (!core::spherical_harmonics(l_max, r[0], r[1], r[2], &geometry.Y(e, 0))) {
          ++count;
          return;
        }
        const double d = core::math::sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
        double B[kMaxBasis], dB[kMaxBasis], du;
        core::bessel_basis(n_basis, r_cut, d, B, dB);
        const double u = core::polynomial_cutoff<P>(d, r_cut, du);
        for (int n = 0; n < n_basis; ++n) {
          geometry.basis(e, n) = B[n] * u;
          geometry.basis_derivative(e, n) = dB[n] * u + B[n] * du;
        }
      },
      invalid);
  return invalid;
}

}  // namespace detail

// Fills geometry for graph's edges. Throws ModelError for a zero-length or non-finite edge.
template <class ExecSpace, class Device, class Graph>
void compute_edge_geometry(const ExecSpace& exec, const PositionArray<Device>& x, const Graph& graph, int l_max,
                           int n_basis, double r_cut, int cutoff_p, const EdgeGeometry<Device>& geometry) {
  int invalid = 0;
  switch (cutoff_p) {  // the envelope's exponent is a template argument of core::polynomial_cutoff
#define EQUIPOT_ENVELOPE_CASE(P)                                                                              \
  case P:                                                                                                     \
    invalid = detail::compute_edge_geometry_with_envelope<P>(exec, x, graph, l_max, n_basis, r_cut, geometry); \
    break;
    EQUIPOT_ENVELOPE_CASE(2)
    EQUIPOT_ENVELOPE_CASE(3)
    EQUIPOT_ENVELOPE_CASE(4)
    EQUIPOT_ENVELOPE_CASE(5)
    EQUIPOT_ENVELOPE_CASE(6)
    EQUIPOT_ENVELOPE_CASE(7)
    EQUIPOT_ENVELOPE_CASE(8)
    EQUIPOT_ENVELOPE_CASE(9)
    EQUIPOT_ENVELOPE_CASE(10)
    EQUIPOT_ENVELOPE_CASE(11)
    EQUIPOT_ENVELOPE_CASE(12)
#undef EQUIPOT_ENVELOPE_CASE
    default:
      throw ModelError("cutoff_p = " + std::to_string(cutoff_p) + " is outside 2..12");
  }
  if (invalid > 0)
    throw ModelError(std::to_string(invalid) + " edge(s) join atoms at the same position (or a non-finite one)");
}

// rounded(e, n) = basis(e, n) in rounded's precision (the radial MLP's input of a float engine),
// rows 0..n_edges-1.
template <class ExecSpace, class Device, class Scalar>
void round_basis(const ExecSpace& exec, int n_edges, const Matrix<double, Device>& basis,
                 const Matrix<Scalar, Device>& rounded) {
  const int n_basis = static_cast<int>(basis.extent(1));
  Kokkos::parallel_for(
      "equipot::round_basis", Kokkos::RangePolicy<ExecSpace>(exec, 0, n_edges * n_basis), KOKKOS_LAMBDA(int k) {
        rounded(k / n_basis, k % n_basis) = static_cast<Scalar>(basis(k / n_basis, k % n_basis));
      });
}

// dE/dd_e of the radial map, in double: through the radial basis, sum_n dE/dB_n dB_n/dd (the
// radial MLP's adjoint), or the tables' dE/dd itself (radial_table.hpp).
template <class Device, class BasisScalar>
struct BasisGradient {
  Matrix<BasisScalar, Device> grad_basis;
  Matrix<double, Device> basis_derivative;
  KOKKOS_INLINE_FUNCTION double operator()(int e) const {
    double radial = 0;
    for (int n = 0; n < static_cast<int>(grad_basis.extent(1)); ++n)
      radial += double(grad_basis(e, n)) * basis_derivative(e, n);
    return radial;
  }
};
template <class Device, class Scalar>
struct DistanceGradient {
  Vector<Scalar, Device> grad_distance;
  KOKKOS_INLINE_FUNCTION double operator()(int e) const { return double(grad_distance(e)); }
};

// G_e = dE/dr_e = sum_lm dE/dY_lm dY_lm/dr + dE/dd r / d, in double whatever the precision of
// the radial map's adjoint; radial_gradient(e) = dE/dd (BasisGradient or DistanceGradient).
template <class ExecSpace, class Device, class RadialGradient>
void reverse_edge_geometry(const ExecSpace& exec, int n_edges, int l_max, const EdgeGeometry<Device>& geometry,
                           const Matrix<double, Device>& grad_Y, const RadialGradient& radial_gradient,
                           const Matrix<double, Device>& edge_gradient) {
  constexpr int kMaxLm = core::num_lm(core::kMaxL);
  const int n_lm = core::num_lm(l_max);
  Kokkos::parallel_for(
      "equipot::reverse_edge_geometry", Kokkos::RangePolicy<ExecSpace>(exec, 0, n_edges), KOKKOS_LAMBDA(int e) {
        const double radial = radial_gradient(e);
        const double r0 = geometry.r(e, 0), r1 = geometry.r(e, 1), r2 = geometry.r(e, 2);
        const double d = core::math::sqrt(r0 * r0 + r1 * r1 + r2 * r2);
        double Y[kMaxLm], dY[3 * kMaxLm];  // dY[3 lm + k] = dY_lm / dr_k
        core::spherical_harmonics_with_gradient(l_max, r0, r1, r2, Y, dY);
        for (int k = 0; k < 3; ++k) {
          double g = radial * geometry.r(e, k) / d;
          for (int lm = 0; lm < n_lm; ++lm) g += grad_Y(e, lm) * dY[3 * lm + k];
          edge_gradient(e, k) = g;
        }
      });
}

}  // namespace equipot::engine
