#pragma once
// Forces and virials from the edge gradients G_e = dE/dr_e, r_e = x_j - x_i (docs/model.md):
//   F_i += G_e,  F_j -= G_e        (j may be a ghost: LAMMPS sends ghost forces to owners)
//   W = -sum_e r_e (x) G_e,        per-atom: half of -r_e (x) G_e to i and half to j.
// Virials use LAMMPS' Voigt order xx, yy, zz, xy, xz, yz with W_ab = -r_a G_b (the sum over
// edges is symmetric; a single edge's term need not be).
#include <Kokkos_Core.hpp>
#include <Kokkos_ScatterView.hpp>

#include <array>

#include "model/engine/views.hpp"

namespace equipot::engine {

namespace detail {

KOKKOS_INLINE_FUNCTION constexpr int voigt_row(int v) { return v < 3 ? v : (v == 5 ? 1 : 0); }
KOKKOS_INLINE_FUNCTION constexpr int voigt_column(int v) { return v < 3 ? v : (v == 3 ? 1 : 2); }

// Sum over edges of -r_e (x) G_e in Voigt order: an array reduction of 6 values.
template <class ExecSpace, class Device>
struct GlobalVirial {
  using value_type = double[];
  using size_type = int;
  int value_count = 6;
  Matrix<double, Device> r, G;

  KOKKOS_INLINE_FUNCTION void init(value_type sum) const {
    for (int v = 0; v < 6; ++v) sum[v] = 0;
  }
  KOKKOS_INLINE_FUNCTION void join(value_type sum, const value_type other) const {
    for (int v = 0; v < 6; ++v) sum[v] += other[v];
  }
  KOKKOS_INLINE_FUNCTION void join(volatile double* sum, const volatile double* other) const {
    for (int v = 0; v < 6; ++v) sum[v] += other[v];
  }
  KOKKOS_INLINE_FUNCTION void operator()(int e, value_type sum) const {
    for (int v = 0; v < 6; ++v) sum[v] -= r(e, voigt_row(v)) * G(e, voigt_column(v));
  }
};

}  // namespace detail

// forces(0..n_atoms-1) overwritten; scatter is a ScatterView of forces (RowScatter, tuning.hpp).
template <class ExecSpace, class Graph, class Device, class Scatter>
void compute_forces(const ExecSpace& exec, const Graph& graph, const Matrix<double, Device>& edge_gradient,
                    const Scatter& scatter, const Matrix<double, Device>& forces) {
  Kokkos::deep_copy(exec, forces, 0.0);
  auto contributions = scatter;  // reset_except and contribute_into are non-const
  contributions.reset_except(exec, forces);
  Kokkos::parallel_for(
      "equipot::compute_forces", Kokkos::RangePolicy<ExecSpace>(exec, 0, graph.num_edges()), KOKKOS_LAMBDA(int e) {
        auto access = contributions.access();
        const int i = graph.destination(e), j = graph.source(e);
        for (int k = 0; k < 3; ++k) {
          access(i, k) += edge_gradient(e, k);
          access(j, k) -= edge_gradient(e, k);
        }
      });
  contributions.contribute_into(exec, forces);
}

template <class ExecSpace, class Device>
std::array<double, 6> compute_global_virial(const ExecSpace& exec, int n_edges, const Matrix<double, Device>& r,
                                            const Matrix<double, Device>& edge_gradient) {
  double sum[6];
  Kokkos::parallel_reduce("equipot::compute_global_virial", Kokkos::RangePolicy<ExecSpace>(exec, 0, n_edges),
                          detail::GlobalVirial<ExecSpace, Device>{6, r, edge_gradient}, sum);
  exec.fence();
  return {sum[0], sum[1], sum[2], sum[3], sum[4], sum[5]};
}

// atom_virial(0..n_atoms-1, Voigt) overwritten; scatter is a ScatterView of atom_virial.
template <class ExecSpace, class Graph, class Device, class Scatter>
void compute_atom_virial(const ExecSpace& exec, const Graph& graph, const Matrix<double, Device>& r,
                         const Matrix<double, Device>& edge_gradient, const Scatter& scatter,
                         const Matrix<double, Device>& atom_virial) {
  Kokkos::deep_copy(exec, atom_virial, 0.0);
  auto contributions = scatter;
  contributions.reset_except(exec, atom_virial);
  Kokkos::parallel_for(
      "equipot::compute_atom_virial", Kokkos::RangePolicy<ExecSpace>(exec, 0, graph.num_edges()),
      KOKKOS_LAMBDA(int e) {
        auto access = contributions.access();
        const int i = graph.destination(e), j = graph.source(e);
        for (int v = 0; v < 6; ++v) {
          const double share = -0.5 * r(e, detail::voigt_row(v)) * edge_gradient(e, detail::voigt_column(v));
          access(i, v) += share;
          access(j, v) += share;
        }
      });
  contributions.contribute_into(exec, atom_virial);
}

}  // namespace equipot::engine
