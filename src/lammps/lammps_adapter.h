/* -*- c++ -*- */
#pragma once
// The LAMMPS adapter of both pair styles, on any Kokkos device: `equipot` runs it on the host
// with views wrapping LAMMPS's arrays (host_adapter.cpp), `equipot/kk` on the device with the
// KOKKOS package's views. It compacts the atoms of mapped types into engine rows (local rows
// first), builds the edges from LAMMPS's full neighbour list cut at r_cut, runs the engine and
// adds forces and per-atom energies and virials back into LAMMPS's arrays; every step is a
// kernel on Device.
//
// It is also the engine's halo hook (docs/lammps.md, "How it runs in parallel"): an exchange
// calls LAMMPS's forward or reverse communication for the pair style, whose pack/unpack
// callbacks come back here. The device callbacks (KOKKOS's *_comm_kokkos) run the kernels of
// halo_rows.h on the rows in place; the host callbacks (HostHalo) run them on a host copy, made
// at the first callback of an exchange and copied back after it, which is the rows themselves
// when Device's memory is host memory. A float engine's rows are widened to double for LAMMPS
// and narrowed back, both exactly.
#include <Kokkos_Core.hpp>
#include <array>
#include <memory>
#include <string>

#include "halo_rows.h"
#include "host_halo.h"
#include "lammps.h"
#include "lammps_compat.h"
#include "lmptype.h"  // NEIGHMASK
#include "model/engine/engine.hpp"
#include "model/precision.hpp"

namespace equipot::lammps {

// The edges of one node row r from LAMMPS's full list (numneigh and neighbors indexed by atom,
// not by list position: a hybrid sub-style's skip list has inum < nlocal and an ilist that is not
// the identity). Counts them and, given sources, writes their rows there.
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

template <class Device>
class LammpsAdapter final : public HostHalo, public HaloExchange<Device, double>, public HaloExchange<Device, float> {
  static_assert(std::is_same<Device, typename Device::device_type>::value, "LammpsAdapter: Device is a Kokkos::Device");

 public:
  using device_type = Device;
  using execution_space = typename Device::execution_space;
  using IntView = Kokkos::View<int *, Device>;
  using DoubleRows = engine::Matrix<double, Device>;
  using FloatRows = engine::Matrix<float, Device>;

  // lmp and pair: whose communication an exchange calls, and the style whose callbacks lead here.
  LammpsAdapter(const Model &model, Precision precision, const EngineTuning &tuning, LAMMPS_NS::LAMMPS *lmp,
                LAMMPS_NS::Pair *pair)
      : lmp_(lmp), pair_(pair) {
    if (precision == Precision::Mixed)
      mixed_ = std::make_unique<Engine<Device, float>>(model, tuning);
    else
      fp64_ = std::make_unique<Engine<Device, double>>(model, tuning);
  }

  // Doubles per atom in an exchange (features or adjoints of one layer).
  int exchange_width() const { return hyperparameters().feature_size(); }
  // The last compute's edges below the model's data range; destination and source are LAMMPS atoms.
  const ShortEdges &short_edges() const { return short_edges_; }
  // The engine's radial tables, in words (src/model/radial_table_report.hpp).
  std::string radial_tables() const {
    return describe(with_engine([](const auto &engine) { return engine.radial_tables(); }));
  }
  // Bytes held now: the engine's buffers and radial tables, its input arrays, the row maps and
  // the exchange staging.
  size_t memory_bytes() const {
    using engine::allocated_bytes;
    return with_engine([](const auto &engine) { return engine.buffer_bytes() + engine.radial_table_bytes(); }) +
           allocated_bytes(d_row_of_atom_) + allocated_bytes(d_atom_of_row_) + allocated_bytes(d_in_list_) +
           allocated_bytes(d_first_edge_) + allocated_bytes(d_source_) + allocated_bytes(d_species_) +
           allocated_bytes(d_positions_) + allocated_bytes(d_widened_) + allocated_bytes(h_staging_) +
           allocated_bytes(h_row_of_atom_);
  }

  // LAMMPS's atoms (positions x(i, k), types, nall = local + ghost atoms) and full neighbour list
  // (ilist's inum entries; numneigh(i), neighbors(i, jj) by atom), with ghosts' lists too under
  // wide ghosts, whose features are then computed here and not exchanged. scatter_adjoints:
  // return dE/dg by reverse communication instead of gathering it (halo_exchange.hpp). Adds
  // factor times forces, and the per-atom energies and virials the request asks for (eatom and
  // vatom may be empty otherwise), to LAMMPS's arrays; energy and virial get factor times the
  // totals.
  template <class X, class Type, class IList, class NumNeigh, class Neighbors, class SpeciesOfType, class F,
            class EAtom, class VAtom>
  void compute(int nlocal, int nall, bool wide_ghosts, bool scatter_adjoints, const X &x, const Type &type,
               int inum, const IList &ilist, const NumNeigh &numneigh, const Neighbors &neighbors,
               const SpeciesOfType &species_of_type, const EngineRequest &request, double factor, const F &f,
               const EAtom &eatom, const VAtom &vatom, double &energy, std::array<double, 6> &virial) {
    using Range = Kokkos::RangePolicy<execution_space>;
    engine::grow_rows(d_row_of_atom_, nall, "equipot::row_of_atom");
    engine::grow_rows(d_atom_of_row_, nall, "equipot::atom_of_row");
    engine::grow_rows(d_in_list_, nall, "equipot::in_list");
    const auto row_of_atom = d_row_of_atom_, atom_of_row = d_atom_of_row_, in_list = d_in_list_;
    nall_ = nall;
    host_row_map_current_ = false;

    // Rows: atoms of mapped types in LAMMPS order, so local rows come first.
    int n_rows = 0, n_local_rows = 0;
    Kokkos::parallel_scan(
        "equipot::rows", Range(0, nall),
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
        "equipot::local_rows", Range(0, nlocal),
        KOKKOS_LAMBDA(int i, int &count) { count += species_of_type(type(i)) >= 0; }, n_local_rows);
    // The engine's nodes: local rows, or every row with wide ghosts (energies of local rows only).
    const int n_node_rows = wide_ghosts ? n_rows : n_local_rows;

    engine::grow_rows(d_positions_, n_rows, "equipot::positions");
    engine::grow_rows(d_species_, n_rows, "equipot::species");
    engine::grow_rows(d_first_edge_, n_node_rows + 1, "equipot::first_edge");
    const auto positions = d_positions_;
    const auto species = d_species_;
    const auto first_edge = d_first_edge_;
    Kokkos::parallel_for(
        "equipot::gather", Range(0, n_rows), KOKKOS_LAMBDA(int r) {
          const int i = atom_of_row(r);
          for (int k = 0; k < 3; ++k) positions(r, k) = x(i, k);
          species(r) = species_of_type(type(i));
        });

    // Edges of node rows from the full list, which reaches r_cut + skin: keep d < r_cut.
    Kokkos::deep_copy(Kokkos::subview(in_list, Kokkos::make_pair(0, nall)), 0);
    Kokkos::parallel_for(
        "equipot::in_list", Range(0, inum), KOKKOS_LAMBDA(int ii) { in_list(ilist(ii)) = 1; });
    const double r_cut = hyperparameters().r_cut;
    const EdgesOfRow<X, NumNeigh, Neighbors, IntView> edges_of_row{
        x, numneigh, neighbors, atom_of_row, row_of_atom, in_list, r_cut * r_cut};
    int n_edges = 0;
    Kokkos::parallel_scan(
        "equipot::count_edges", Range(0, n_node_rows + 1),
        KOKKOS_LAMBDA(int r, int &offset, bool final) {
          if (final) first_edge(r) = offset;
          if (r < n_node_rows) offset += edges_of_row(r, nullptr);
        },
        n_edges);
    engine::grow_rows(d_source_, n_edges, "equipot::source");
    const auto source = d_source_;
    Kokkos::parallel_for(
        "equipot::fill_edges", Range(0, n_node_rows),
        KOKKOS_LAMBDA(int r) { edges_of_row(r, source.data() + first_edge(r)); });

    EngineInput<Device> input;
    input.positions = Kokkos::subview(positions, Kokkos::make_pair(0, n_rows), Kokkos::ALL);
    input.species = Kokkos::subview(species, Kokkos::make_pair(0, n_rows));
    input.n_local = n_node_rows;
    input.first_edge = Kokkos::subview(first_edge, Kokkos::make_pair(0, n_node_rows + 1));
    input.source = Kokkos::subview(source, Kokkos::make_pair(0, n_edges));
    input.n_owned = n_local_rows;
    // LAMMPS's full lists are symmetric among the atoms in them: j lists i exactly when i lists
    // j (one cutoff, exclusions by pairs of types, groups or molecules); atoms a skip list or an
    // include group leaves out are nobody's neighbours. Under wide ghosts the outer ghosts'
    // lists are truncated.
    input.symmetric_edges = !wide_ghosts && !scatter_adjoints;
    if (fp64_)
      run(*fp64_, input, request, wide_ghosts);
    else
      run(*mixed_, input, request, wide_ghosts);

    short_edges_ = with_engine([](const auto &engine) { return engine.short_edges(); });
    if (short_edges_.count > 0) {  // the two atoms of the named edge to the host, nothing more
      for (int *row : {&short_edges_.destination, &short_edges_.source})
        Kokkos::deep_copy(Kokkos::View<int, Kokkos::HostSpace>(row), Kokkos::subview(atom_of_row, *row));
    }

    const auto forces = with_engine([](const auto &engine) { return engine.forces(); });
    Kokkos::parallel_for(
        "equipot::add_forces", Range(0, n_rows), KOKKOS_LAMBDA(int r) {
          const int i = atom_of_row(r);
          for (int k = 0; k < 3; ++k) f(i, k) += factor * forces(r, k);
        });
    if (request.atom_energy) {
      const auto atom_energy = with_engine([](const auto &engine) { return engine.atom_energy(); });
      Kokkos::parallel_for(
          "equipot::add_eatom", Range(0, n_local_rows),
          KOKKOS_LAMBDA(int r) { eatom(atom_of_row(r)) += factor * atom_energy(r); });
    }
    if (request.atom_virial) {
      const auto atom_virial = with_engine([](const auto &engine) { return engine.atom_virial(); });
      Kokkos::parallel_for(
          "equipot::add_vatom", Range(0, n_rows), KOKKOS_LAMBDA(int r) {
            for (int k = 0; k < 6; ++k) vatom(atom_of_row(r), k) += factor * atom_virial(r, k);
          });
    }
    energy = request.energy ? factor * with_engine([](const auto &engine) { return engine.energy(); }) : 0.0;
    virial = with_engine([](const auto &engine) { return engine.virial(); });
    for (double &w : virial) w *= factor;
  }

  // KOKKOS's device communication callbacks, on views in Device's memory.
  template <class List, class Buffer>
  int pack_forward_device(int n, const List &list, const Buffer &buf) const {
    halo::pack_rows<execution_space>(rows_, d_row_of_atom_, n, list, buf);
    return n * width();
  }
  template <class Buffer>
  void unpack_forward_device(int n, int first, const Buffer &buf) const {
    halo::unpack_rows<execution_space>(rows_, d_row_of_atom_, n, first, buf);
  }
  template <class Buffer>
  int pack_reverse_device(int n, int first, const Buffer &buf) const {
    halo::pack_and_clear_rows<execution_space>(rows_, d_row_of_atom_, n, first, buf);
    return n * width();
  }
  template <class List, class Buffer>
  void unpack_reverse_device(int n, const List &list, const Buffer &buf) const {
    halo::add_rows<execution_space>(rows_, d_row_of_atom_, n, list, buf);
  }

  // LAMMPS's host communication callbacks (HostHalo).
  int pack_forward(int n, const int *list, double *buf) override {
    halo::pack_rows<HostExec>(host_rows(), host_row_of_atom(), n, HostConstInts(list, n), HostDoubles(buf, n * width()));
    return n * width();
  }
  void unpack_forward(int n, int first, const double *buf) override {
    halo::unpack_rows<HostExec>(host_rows(), host_row_of_atom(), n, first, HostConstDoubles(buf, n * width()));
  }
  int pack_reverse(int n, int first, double *buf) override {
    halo::pack_and_clear_rows<HostExec>(host_rows(), host_row_of_atom(), n, first, HostDoubles(buf, n * width()));
    return n * width();
  }
  void unpack_reverse(int n, const int *list, const double *buf) override {
    halo::add_rows<HostExec>(host_rows(), host_row_of_atom(), n, HostConstInts(list, n),
                             HostConstDoubles(buf, n * width()));
  }

  // The engine's halo hook (halo_exchange.hpp).
  void forward_exchange(const DoubleRows &rows) override { exchange(rows, false); }
  void reverse_exchange(const DoubleRows &rows) override { exchange(rows, true); }
  void forward_exchange(const FloatRows &rows) override { exchange_widened(rows, false); }
  void reverse_exchange(const FloatRows &rows) override { exchange_widened(rows, true); }

  // to(r, c) = from(r, c) for the first n rows; public for nvcc, as the kernels above.
  template <class To, class From>
  static void convert(const char *label, const To &to, const From &from, int n) {
    halo::convert_rows<execution_space>(label, to, from, n);
  }

 private:
  using HostExec = Kokkos::DefaultHostExecutionSpace;
  using Unmanaged = Kokkos::MemoryTraits<Kokkos::Unmanaged>;
  using HostRows = Kokkos::View<double **, Kokkos::LayoutRight, Kokkos::HostSpace, Unmanaged>;
  using HostConstInts = Kokkos::View<const int *, Kokkos::HostSpace, Unmanaged>;
  using HostDoubles = Kokkos::View<double *, Kokkos::HostSpace, Unmanaged>;
  using HostConstDoubles = Kokkos::View<const double *, Kokkos::HostSpace, Unmanaged>;
  static constexpr bool kHostMemory =
      Kokkos::SpaceAccessibility<Kokkos::HostSpace, typename Device::memory_space>::accessible;

  const Hyperparameters &hyperparameters() const {
    return with_engine([](const auto &engine) -> const Hyperparameters & { return engine.hyperparameters(); });
  }
  template <class F>
  decltype(auto) with_engine(F &&f) const {
    return fp64_ ? f(*fp64_) : f(*mixed_);
  }
  int width() const { return static_cast<int>(rows_.extent(1)); }

  template <class Scalar>
  void run(Engine<Device, Scalar> &engine, const EngineInput<Device> &input, const EngineRequest &request,
           bool wide_ghosts) {
    if (wide_ghosts) {
      NoExchange<Device, Scalar> no_exchange;
      engine.compute(input, request, no_exchange);
    } else {
      engine.compute(input, request, *this);
    }
  }

  // One exchange of double rows through LAMMPS's communication for the pair style.
  void exchange(const DoubleRows &rows, bool reverse) {
    rows_ = rows;
    host_staged_ = false;
    if (reverse)
      reverse_comm(lmp_->comm, pair_);
    else
      forward_comm(lmp_->comm, pair_);
    if (host_staged_ && !kHostMemory) Kokkos::deep_copy(rows_, host_rows());
    rows_ = DoubleRows();
  }

  // Exchanges of one compute have different widths (halo_exchange.hpp): one buffer of the
  // largest size so far serves them all.
  void exchange_widened(const FloatRows &rows, bool reverse) {
    const int n = static_cast<int>(rows.extent(0)), width = static_cast<int>(rows.extent(1));
    if (static_cast<int>(d_widened_.extent(0)) < n * width)
      d_widened_ = Kokkos::View<double *, Device>("equipot::exchange_widened", engine::with_headroom(n * width));
    const DoubleRows widened(d_widened_.data(), n, width);
    convert("equipot::widen_rows", widened, rows, n);
    execution_space().fence();
    exchange(widened, reverse);
    convert("equipot::narrow_rows", rows, widened, n);
    execution_space().fence();
  }

  // The rows of the exchange on the host: themselves in host memory, else a copy made at the
  // exchange's first host callback.
  HostRows host_rows() {
    const int n = static_cast<int>(rows_.extent(0)), w = width();
    if constexpr (kHostMemory) {
      return HostRows(rows_.data(), n, w);
    } else {
      if (!host_staged_) {
        if (static_cast<int>(h_staging_.extent(0)) < n * w)
          h_staging_ = Kokkos::View<double *, Kokkos::HostSpace>("equipot::exchange_host_staging", engine::with_headroom(n * w));
        execution_space().fence();
        Kokkos::deep_copy(HostRows(h_staging_.data(), n, w), rows_);
      }
      host_staged_ = true;
      return HostRows(h_staging_.data(), n, w);
    }
  }
  // The row map on the host: copied once per compute, at its first host callback.
  HostConstInts host_row_of_atom() {
    if constexpr (kHostMemory) {
      return HostConstInts(d_row_of_atom_.data(), nall_);
    } else {
      if (!host_row_map_current_) {
        engine::grow_rows(h_row_of_atom_, nall_, "equipot::row_of_atom_host");
        Kokkos::deep_copy(Kokkos::subview(h_row_of_atom_, Kokkos::make_pair(0, nall_)),
                          Kokkos::subview(d_row_of_atom_, Kokkos::make_pair(0, nall_)));
        host_row_map_current_ = true;
      }
      return HostConstInts(h_row_of_atom_.data(), nall_);
    }
  }

  LAMMPS_NS::LAMMPS *lmp_;
  LAMMPS_NS::Pair *pair_;
  std::unique_ptr<Engine<Device, double>> fp64_;  // one of the two, by precision
  std::unique_ptr<Engine<Device, float>> mixed_;
  ShortEdges short_edges_;
  int nall_ = 0;
  IntView d_row_of_atom_, d_atom_of_row_, d_in_list_, d_first_edge_, d_source_, d_species_;
  Kokkos::View<double *[3], Kokkos::LayoutRight, Device> d_positions_;
  DoubleRows rows_;       // the rows of the exchange in progress
  Kokkos::View<double *, Device> d_widened_;  // a float engine's rows as doubles
  Kokkos::View<double *, Kokkos::HostSpace> h_staging_;  // host copy of device rows
  Kokkos::View<int *, Kokkos::HostSpace> h_row_of_atom_;
  bool host_staged_ = false, host_row_map_current_ = false;
};

}  // namespace equipot::lammps
