/* -*- c++ -*- */
#pragma once
// The pack and unpack kernels of the halo exchange (docs/lammps.md, "How it runs in parallel"):
// LAMMPS's communication hands a buffer and the atoms of one swap; these move engine rows
// (row_of_atom(i), -1 for atoms of NULL types) between the two. Free functions because nvcc
// accepts device lambdas only outside private and protected members. ExecSpace is where the
// views live: the engine's device, or the host for LAMMPS's host communication.
#include <Kokkos_Core.hpp>

#include <cstdint>
#include <stdexcept>

#include "model/engine/tuning.hpp"  // is_host_space

namespace equipot::lammps::halo {

// f(k, row, c) for every entry k of an n x width buffer, entry k holding column c = k % width of
// the swap's atom a = k / width, whose engine row is row_of(a) (-1: none). A GPU runs one thread
// per entry (consecutive threads touch consecutive doubles); the host one index per atom, its row
// looked up once and its columns in an inner loop, without a division per entry (on one core that
// form packs and unpacks 2.5x faster).
template <class ExecSpace, class RowOf, class F>
void for_each_entry(const char *label, int n, int width, const RowOf &row_of, const F &f) {
  if constexpr (engine::is_host_space<ExecSpace>()) {
    Kokkos::parallel_for(
        label, Kokkos::RangePolicy<ExecSpace>(0, n), KOKKOS_LAMBDA(int a) {
          const int row = row_of(a);
          for (int c = 0; c < width; ++c) f(a * width + c, row, c);
        });
  } else {
    Kokkos::parallel_for(
        label, Kokkos::RangePolicy<ExecSpace>(0, n * width),
        KOKKOS_LAMBDA(int k) { f(k, row_of(k / width), k % width); });
  }
}

// Forward, sending side: buf(k, :) = the row of atom list(k); zeros for NULL types.
template <class ExecSpace, class Rows, class RowOfAtom, class List, class Buffer>
void pack_rows(const Rows &rows, const RowOfAtom &row_of_atom, int n, const List &list, const Buffer &buf) {
  for_each_entry<ExecSpace>(
      "equipot::pack_forward", n, static_cast<int>(rows.extent(1)),
      KOKKOS_LAMBDA(int a) { return row_of_atom(list(a)); },
      KOKKOS_LAMBDA(int k, int row, int c) { buf(k) = row >= 0 ? rows(row, c) : 0.0; });
}

// Forward, receiving side: the rows of ghosts first .. first + n - 1 := buf.
template <class ExecSpace, class Rows, class RowOfAtom, class Buffer>
void unpack_rows(const Rows &rows, const RowOfAtom &row_of_atom, int n, int first, const Buffer &buf) {
  for_each_entry<ExecSpace>(
      "equipot::unpack_forward", n, static_cast<int>(rows.extent(1)),
      KOKKOS_LAMBDA(int a) { return row_of_atom(first + a); },
      KOKKOS_LAMBDA(int k, int row, int c) {
        if (row >= 0) rows(row, c) = buf(k);
      });
}

// Reverse, sending side: buf := the rows of ghosts first .. first + n - 1, which are cleared (the
// engine expects ghost adjoints zero afterwards). LAMMPS runs the swaps in reverse order, so a
// ghost has received all its additions by the time it is packed.
template <class ExecSpace, class Rows, class RowOfAtom, class Buffer>
void pack_and_clear_rows(const Rows &rows, const RowOfAtom &row_of_atom, int n, int first, const Buffer &buf) {
  for_each_entry<ExecSpace>(
      "equipot::pack_reverse", n, static_cast<int>(rows.extent(1)),
      KOKKOS_LAMBDA(int a) { return row_of_atom(first + a); },
      KOKKOS_LAMBDA(int k, int row, int c) {
        buf(k) = row >= 0 ? rows(row, c) : 0.0;
        if (row >= 0) rows(row, c) = 0;
      });
}

// Reverse, receiving side: the row of atom list(k) += buf(k, :). An atom appears at most once in a
// swap's list, so rows never race.
template <class ExecSpace, class Rows, class RowOfAtom, class List, class Buffer>
void add_rows(const Rows &rows, const RowOfAtom &row_of_atom, int n, const List &list, const Buffer &buf) {
  for_each_entry<ExecSpace>(
      "equipot::unpack_reverse", n, static_cast<int>(rows.extent(1)),
      KOKKOS_LAMBDA(int a) { return row_of_atom(list(a)); },
      KOKKOS_LAMBDA(int k, int row, int c) {
        if (row >= 0) rows(row, c) += buf(k);
      });
}

// to(r, c) = from(r, c), converted, for rows 0..n-1: widening float rows to the double rows
// LAMMPS communicates, and back. Both conversions are exact. The rows are leading rows of
// LayoutRight matrices of one width, so both are contiguous: one flat loop (vectorised on the
// host, coalesced on a GPU), without a division per element.
template <class ExecSpace, class To, class From>
void convert_rows(const char *label, const To &to, const From &from, int n) {
  if (!to.span_is_contiguous() || !from.span_is_contiguous())
    throw std::logic_error("equipot: convert_rows needs contiguous rows");
  using Target = typename To::value_type;
  Target *target = to.data();
  const typename From::value_type *source = from.data();
  Kokkos::parallel_for(
      label, Kokkos::RangePolicy<ExecSpace>(0, static_cast<int64_t>(n) * static_cast<int64_t>(from.extent(1))),
      KOKKOS_LAMBDA(int64_t k) { target[k] = static_cast<Target>(source[k]); });
}

}  // namespace equipot::lammps::halo
