/* -*- c++ -*- */
#pragma once
// The engine for pair_style equipot/kk: LAMMPS's device views in, device views out, no host
// copies of atoms. It compacts the atoms of mapped types into engine rows (local rows first),
// builds the edges from the Kokkos full neighbour list cut at r_cut, runs the engine, and adds
// forces and per-atom energies/virials back into LAMMPS's views. Every step is a kernel on
// DeviceType, so the same code runs on CPUs and GPUs.
#include <Kokkos_Core.hpp>
#include <array>
#include <functional>
#include <string>

#include "lmptype.h"  // NEIGHMASK
#include "model/engine/engine.hpp"
#include "widening_exchange.h"

namespace equipot::lammps {

// The edges of one local row r from LAMMPS's full list: counts them and, given sources,
// writes their rows there. A functor so that two kernels can share it on any device.
template <class X, class NumNeigh, class Neighbors, class Rows>
struct EdgesOfRow {
  X x;
  NumNeigh numneigh;
  Neighbors neighbors;
  Rows atom_of_row, row_of_atom, in_list;
  double r_cut2;

  KOKKOS_INLINE_FUNCTION int operator()(int r, int *sources) const {
    const int i = atom_of_row(r);
    if (!in_list(i)) return 0;
    int count = 0;
    for (int jj = 0; jj < numneigh(i); ++jj) {
      const int j = neighbors(i, jj) & NEIGHMASK;
      const int rj = row_of_atom(j);
      if (rj < 0) continue;
      const double dx = x(j, 0) - x(i, 0), dy = x(j, 1) - x(i, 1), dz = x(j, 2) - x(i, 2);
      if (dx * dx + dy * dy + dz * dz >= r_cut2) continue;
      if (sources) sources[count] = rj;
      ++count;
    }
    return count;
  }
};

// Scalar: the engine's feature precision, double or float (mixed precision); the exchange
// always sees double rows (widening_exchange.h).
template <class DeviceType, class Scalar = double>
class DeviceEngine {
 public:
  using EngineType = Engine<typename DeviceType::device_type, Scalar>;
  using device_type = typename EngineType::device_type;
  using execution_space = typename device_type::execution_space;
  using Exchange = WideningExchange<device_type, Scalar>;
  // Called with the double rows to exchange and whether this is the reverse exchange.
  using ExchangeRows = typename Exchange::ExchangeDoubles;

  DeviceEngine(const Model &model, const EngineTuning &tuning, ExchangeRows exchange)
      : engine_(model, tuning), exchange_(std::move(exchange)) {}

  int exchange_width() const { return engine_.hyperparameters().feature_size(); }
  // Engine row of each LAMMPS atom of the current compute, -1 for atoms of NULL types.
  Kokkos::View<int *, device_type> row_of_atom() const { return d_row_of_atom_; }
  // The last compute's edges below the model's data range; destination and source are LAMMPS atoms.
  const ShortEdges &short_edges() const { return short_edges_; }
  // The engine's radial tables, in words (src/model/radial_table_report.hpp).
  std::string radial_tables() const { return describe(engine_.radial_tables()); }
  // Bytes held now on the device: the engine's buffers and radial tables, its input arrays and
  // the exchange staging.
  size_t memory_bytes() const {
    return engine_.buffer_bytes() + engine_.radial_table_bytes() + exchange_.staging_bytes() +
           engine::allocated_bytes(d_row_of_atom_) +
           engine::allocated_bytes(d_atom_of_row_) + engine::allocated_bytes(d_in_list_) +
           engine::allocated_bytes(d_first_edge_) + engine::allocated_bytes(d_source_) +
           engine::allocated_bytes(d_species_) + engine::allocated_bytes(d_positions_);
  }

  // LAMMPS's views (positions, types, full neighbour list indexed by atom) and outputs; eatom
  // and vatom may be empty views when not requested. Returns energy and virial, scaled by factor.
  template <class X, class Type, class IList, class NumNeigh, class Neighbors, class F, class EAtom, class VAtom>
  void compute(int nlocal, int nall, const X &x, const Type &type, int inum, const IList &ilist,
               const NumNeigh &numneigh, const Neighbors &neighbors, const Kokkos::View<const int *, device_type> &species_of_type,
               const EngineRequest &request, double factor, const F &f, const EAtom &eatom, const VAtom &vatom,
               double &energy, std::array<double, 6> &virial);

 private:
  EngineType engine_;
  Exchange exchange_;
  ShortEdges short_edges_;
  Kokkos::View<int *, device_type> d_row_of_atom_, d_atom_of_row_, d_in_list_, d_first_edge_, d_source_;
  Kokkos::View<int *, device_type> d_species_;
  Kokkos::View<double *[3], Kokkos::LayoutRight, device_type> d_positions_;
};

template <class DeviceType, class Scalar>
template <class X, class Type, class IList, class NumNeigh, class Neighbors, class F, class EAtom, class VAtom>
void DeviceEngine<DeviceType, Scalar>::compute(int nlocal, int nall, const X &x, const Type &type, int inum,
                                       const IList &ilist, const NumNeigh &numneigh, const Neighbors &neighbors,
                                       const Kokkos::View<const int *, device_type> &species_of_type,
                                       const EngineRequest &request, double factor, const F &f, const EAtom &eatom,
                                       const VAtom &vatom, double &energy, std::array<double, 6> &virial) {
  using Range = Kokkos::RangePolicy<execution_space>;
  engine::grow_rows(d_row_of_atom_, nall, "equipot::row_of_atom");
  engine::grow_rows(d_atom_of_row_, nall, "equipot::atom_of_row");
  engine::grow_rows(d_in_list_, nlocal, "equipot::in_list");
  const auto row_of_atom = d_row_of_atom_;
  const auto atom_of_row = d_atom_of_row_;
  const auto in_list = d_in_list_;

  // Rows: atoms of mapped types in LAMMPS order, so local rows come first.
  int n_rows = 0, n_local_rows = 0;
  Kokkos::parallel_scan(
      "equipot::kk_rows", Range(0, nall),
      KOKKOS_LAMBDA(int i, int &row, bool final) {
        const bool mapped = species_of_type(type(i)) >= 0;
        if (final) {
          row_of_atom(i) = mapped ? row : -1;
          if (mapped) atom_of_row(row) = i;
        }
        row += mapped;
      },
      n_rows);
  Kokkos::parallel_reduce(
      "equipot::kk_local_rows", Range(0, nlocal),
      KOKKOS_LAMBDA(int i, int &count) { count += species_of_type(type(i)) >= 0; }, n_local_rows);

  engine::grow_rows(d_positions_, n_rows, "equipot::positions");
  engine::grow_rows(d_species_, n_rows, "equipot::species");
  engine::grow_rows(d_first_edge_, n_local_rows + 1, "equipot::first_edge");
  const auto positions = d_positions_;
  const auto species = d_species_;
  const auto first_edge = d_first_edge_;
  Kokkos::parallel_for(
      "equipot::kk_gather", Range(0, n_rows), KOKKOS_LAMBDA(int r) {
        const int i = atom_of_row(r);
        for (int k = 0; k < 3; ++k) positions(r, k) = x(i, k);
        species(r) = species_of_type(type(i));
      });

  // Edges of local rows from the full list (the list reaches r_cut + skin; keep d < r_cut).
  Kokkos::deep_copy(Kokkos::subview(in_list, Kokkos::make_pair(0, nlocal)), 0);
  Kokkos::parallel_for(
      "equipot::kk_in_list", Range(0, inum), KOKKOS_LAMBDA(int ii) { in_list(ilist(ii)) = 1; });
  const double r_cut2 = engine_.hyperparameters().r_cut * engine_.hyperparameters().r_cut;
  const EdgesOfRow<X, NumNeigh, Neighbors, Kokkos::View<int *, device_type>> count_edges{
      x, numneigh, neighbors, atom_of_row, row_of_atom, in_list, r_cut2};
  int n_edges = 0;
  Kokkos::parallel_scan(
      "equipot::kk_count_edges", Range(0, n_local_rows + 1),
      KOKKOS_LAMBDA(int r, int &offset, bool final) {
        if (final) first_edge(r) = offset;
        if (r < n_local_rows) offset += count_edges(r, nullptr);
      },
      n_edges);
  engine::grow_rows(d_source_, n_edges, "equipot::source");
  const auto source = d_source_;
  Kokkos::parallel_for(
      "equipot::kk_fill_edges", Range(0, n_local_rows),
      KOKKOS_LAMBDA(int r) { count_edges(r, source.data() + first_edge(r)); });

  EngineInput<device_type> input;
  input.positions = Kokkos::subview(positions, Kokkos::make_pair(0, n_rows), Kokkos::ALL);
  input.species = Kokkos::subview(species, Kokkos::make_pair(0, n_rows));
  input.n_local = n_local_rows;
  input.first_edge = Kokkos::subview(first_edge, Kokkos::make_pair(0, n_local_rows + 1));
  input.source = Kokkos::subview(source, Kokkos::make_pair(0, n_edges));
  engine_.compute(input, request, exchange_);
  short_edges_ = engine_.short_edges();
  if (short_edges_.count > 0) {  // the two atoms of the named edge to the host, nothing more
    for (int *row : {&short_edges_.destination, &short_edges_.source})
      Kokkos::deep_copy(Kokkos::View<int, Kokkos::HostSpace>(row), Kokkos::subview(atom_of_row, *row));
  }

  const auto forces = engine_.forces();
  Kokkos::parallel_for(
      "equipot::kk_add_forces", Range(0, n_rows), KOKKOS_LAMBDA(int r) {
        const int i = atom_of_row(r);
        for (int k = 0; k < 3; ++k) f(i, k) += factor * forces(r, k);
      });
  if (request.atom_energy) {
    const auto atom_energy = engine_.atom_energy();
    Kokkos::parallel_for(
        "equipot::kk_add_eatom", Range(0, n_local_rows),
        KOKKOS_LAMBDA(int r) { eatom(atom_of_row(r)) += factor * atom_energy(r); });
  }
  if (request.atom_virial) {
    const auto atom_virial = engine_.atom_virial();
    Kokkos::parallel_for(
        "equipot::kk_add_vatom", Range(0, n_rows), KOKKOS_LAMBDA(int r) {
          for (int k = 0; k < 6; ++k) vatom(atom_of_row(r), k) += factor * atom_virial(r, k);
        });
  }
  energy = request.energy ? factor * engine_.energy() : 0.0;
  virial = engine_.virial();
  for (double &w : virial) w *= factor;
}

}  // namespace equipot::lammps
