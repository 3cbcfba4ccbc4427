#pragma once
// Validity of edge vectors r_ij = x_j - x_i before they enter the spherical harmonics.
// A zero-length vector (two atoms on top of each other, or an atom paired with itself) has no
// direction, and a non-finite one comes from corrupted positions: both must be rejected by the
// caller, never silently turned into NaN forces.
#include <Kokkos_Core.hpp>

#include <stdexcept>
#include <string>

#include "core/math.hpp"

namespace equipot::core {

template <class Scalar>
KOKKOS_INLINE_FUNCTION bool is_valid_edge_vector(Scalar x, Scalar y, Scalar z) {
  const bool finite = math::is_finite(x) && math::is_finite(y) && math::is_finite(z);
  const bool nonzero = x != Scalar(0) || y != Scalar(0) || z != Scalar(0);
  return finite && nonzero;
}

// Index of the first invalid row of r(edge, xyz), or -1 when all are valid.
template <class ExecSpace, class EdgeVectors>
int find_invalid_edge_vector(const ExecSpace& exec, const EdgeVectors& r) {
  const int n_edges = static_cast<int>(r.extent(0));
  int first = n_edges;
  Kokkos::parallel_reduce(
      "equipot::find_invalid_edge_vector", Kokkos::RangePolicy<ExecSpace>(exec, 0, n_edges),
      KOKKOS_LAMBDA(int e, int& found) {
        if (!is_valid_edge_vector(r(e, 0), r(e, 1), r(e, 2)) && e < found) found = e;
      },
      Kokkos::Min<int>(first));
  return first < n_edges ? first : -1;
}

// Host-side guard: throws std::invalid_argument naming the first bad edge. The LAMMPS adapter
// turns this into error->one (only the rank that owns the edge sees it).
template <class ExecSpace, class EdgeVectors>
void require_valid_edge_vectors(const ExecSpace& exec, const EdgeVectors& r) {
  const int bad = find_invalid_edge_vector(exec, r);
  if (bad >= 0)
    throw std::invalid_argument("equipot: edge " + std::to_string(bad) +
                                " has a zero-length or non-finite vector; two atoms overlap or "
                                "positions are corrupted");
}

}  // namespace equipot::core
