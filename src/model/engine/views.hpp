#pragma once
// View types shared by the engine's stages. Every per-atom or per-edge array is LayoutRight,
// so one atom's (or edge's) values are contiguous (docs/engine.md, "Data layouts").
#include <Kokkos_Core.hpp>
#include <cstddef>

namespace equipot::engine {

// rows x columns: features (atom, lm * C + c), edge data (edge, k), weight matrices (in, out).
template <class Scalar, class Device>
using Matrix = Kokkos::View<Scalar**, Kokkos::LayoutRight, Device>;

template <class Scalar, class Device>
using Vector = Kokkos::View<Scalar*, Device>;

// Positions, (atom, xyz): the layout of LAMMPS' x.
template <class Device>
using PositionArray = Kokkos::View<const double* [3], Kokkos::LayoutRight, Device>;

// The first n rows of a LayoutRight matrix, same type: what a caller sees of a buffer that is
// kept at its largest size so far (no allocation per call).
template <class View>
View leading_rows(const View& view, int n) {
  return View(Kokkos::subview(view, Kokkos::make_pair(0, n), Kokkos::ALL));
}

// Bytes a view's allocation holds (0 when it has none).
template <class View>
size_t allocated_bytes(const View& view) {
  return view.is_allocated() ? view.span() * sizeof(typename View::value_type) : 0;
}

}  // namespace equipot::engine
