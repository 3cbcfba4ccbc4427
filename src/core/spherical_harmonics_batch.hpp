#pragma once
// Spherical harmonics and gradients for a batch of edges, one thread per edge.
//   r(edge, xyz)         edge vectors, any layout
//   Y(edge, lm)          LayoutRight, num_lm(l_max) columns
//   dY(edge, lm, xyz)    LayoutRight, dY_lm / dr_xyz
// Returns the number of invalid (zero-length or non-finite) edges; their rows hold
// Y = (1, 0, ...) and dY = 0. Callers must treat a nonzero count as an error.
#include <Kokkos_Core.hpp>

#include <type_traits>

#include "core/spherical_harmonics.hpp"

namespace equipot::core {

template <class ExecSpace, class EdgeVectors, class YView, class DYView>
int compute_spherical_harmonics(const ExecSpace& exec, int l_max, const EdgeVectors& r, const YView& Y,
                                const DYView& dY) {
  static_assert(std::is_same<typename YView::array_layout, Kokkos::LayoutRight>::value &&
                    std::is_same<typename DYView::array_layout, Kokkos::LayoutRight>::value,
                "Y and dY must be LayoutRight: each edge's values are contiguous");
  int invalid = 0;
  Kokkos::parallel_reduce(
      "equipot::compute_spherical_harmonics",
      Kokkos::RangePolicy<ExecSpace>(exec, 0, static_cast<int>(r.extent(0))),
      KOKKOS_LAMBDA(int e, int& count) {
        if (!spherical_harmonics_with_gradient(l_max, r(e, 0), r(e, 1), r(e, 2), &Y(e, 0), &dY(e, 0, 0)))
          ++count;
      },
      invalid);
  return invalid;
}

}  // namespace equipot::core
