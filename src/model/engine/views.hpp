#pragma once
// View types shared by the engine's stages. Every per-atom or per-edge array is LayoutRight,
// so one atom's (or edge's) values are contiguous (docs/engine.md, "Data layouts").
#include <Kokkos_Core.hpp>
#include <cstddef>
#include <string>

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

// Rows to allocate for a buffer that must hold rows: 1/8 headroom. In MD the atom and edge counts
// drift by a few from step to step, and growing to the exact size reallocated (and page-faulted
// in again) at almost every new maximum: 190 MB of fresh pages per step for 3072 water atoms.
inline int with_headroom(int rows) { return rows + rows / 8 + 1; }

// Reallocates a view with one runtime extent, with headroom, when it has fewer than rows rows.
template <class View>
void grow_rows(View& view, int rows, const char* label) {
  if (static_cast<int>(view.extent(0)) < rows) view = View(std::string(label), with_headroom(rows));
}

// Bytes a view's allocation holds (0 when it has none).
template <class View>
size_t allocated_bytes(const View& view) {
  return view.is_allocated() ? view.span() * sizeof(typename View::value_type) : 0;
}

}  // namespace equipot::engine
