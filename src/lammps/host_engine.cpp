#include "host_engine.h"

#include <Kokkos_Core.hpp>
#include <string>

#include "engine_tuning.h"
#include "lmptype.h"  // NEIGHMASK
#include "model/engine/engine.hpp"
#include "widening_exchange.h"

namespace equipot::lammps {
namespace {

using HostDevice = Kokkos::Device<Kokkos::DefaultHostExecutionSpace, Kokkos::HostSpace>;

}  // namespace

template <class Scalar>
struct HostEngine::Impl {
  // The engine's halo hook, forwarded to the pair style's LAMMPS communication.
  Impl(const Model &model, const KernelChoice &kernels, ExchangeRows exchange_rows,
       const std::vector<int> &row_of_atom)
      : engine(model, engine_tuning<HostDevice::execution_space>(kernels)),
        exchange([exchange_rows = std::move(exchange_rows), &row_of_atom](
                     const engine::Matrix<double, HostDevice> &rows, bool reverse) {
          exchange_rows(rows.data(), static_cast<int>(rows.stride(0)), static_cast<int>(rows.extent(1)),
                        row_of_atom.data(), reverse);
        }) {}
  Engine<HostDevice, Scalar> engine;
  WideningExchange<HostDevice, Scalar> exchange;
  Kokkos::View<double *[3], Kokkos::LayoutRight, HostDevice> positions;
  Kokkos::View<int *, HostDevice> species, first_edge, source;
  std::vector<int> atom_of_row;
  std::vector<char> in_list;  // whether LAMMPS's list holds the atom

  size_t memory_bytes() const;
};

template <class Scalar>
size_t HostEngine::Impl<Scalar>::memory_bytes() const {
  return engine.buffer_bytes() + engine.radial_table_bytes() + exchange.staging_bytes() +
         engine::allocated_bytes(positions) +
         engine::allocated_bytes(species) + engine::allocated_bytes(first_edge) + engine::allocated_bytes(source) +
         atom_of_row.capacity() * sizeof(int) + in_list.capacity();
}

HostEngine::HostEngine(const Model &model, Precision precision, const KernelChoice &kernels, ExchangeRows exchange)
    : exchange_width_(model.hyper.feature_size()) {
  if (precision == Precision::Mixed)
    mixed_ = std::make_unique<Impl<float>>(model, kernels, std::move(exchange), row_of_atom_);
  else
    fp64_ = std::make_unique<Impl<double>>(model, kernels, std::move(exchange), row_of_atom_);
}

HostEngine::~HostEngine() = default;

size_t HostEngine::memory_bytes() const {
  return (fp64_ ? fp64_->memory_bytes() : mixed_->memory_bytes()) + row_of_atom_.capacity() * sizeof(int);
}

std::string HostEngine::radial_tables() const {
  return describe(fp64_ ? fp64_->engine.radial_tables() : mixed_->engine.radial_tables());
}

void HostEngine::compute(const LammpsDomain &domain, const std::vector<int> &species_of_type, double factor,
                         LammpsOutputs &out) {
  if (mixed_)
    compute_with(*mixed_, domain, species_of_type, factor, out);
  else
    compute_with(*fp64_, domain, species_of_type, factor, out);
}

template <class Scalar>
void HostEngine::compute_with(Impl<Scalar> &m, const LammpsDomain &domain, const std::vector<int> &species_of_type,
                              double factor, LammpsOutputs &out) {
  const int nall = domain.nlocal + domain.nghost;
  const double r_cut = m.engine.hyperparameters().r_cut;

  // Rows: local atoms of mapped types in LAMMPS order, then ghosts of mapped types.
  row_of_atom_.assign(nall, -1);
  m.atom_of_row.clear();
  int n_local_rows = 0;
  for (int pass = 0; pass < 2; ++pass)
    for (int i = pass ? domain.nlocal : 0; i < (pass ? nall : domain.nlocal); ++i)
      if (species_of_type[domain.type[i]] >= 0) {
        row_of_atom_[i] = static_cast<int>(m.atom_of_row.size());
        m.atom_of_row.push_back(i);
        n_local_rows += pass == 0;
      }
  const int n_rows = static_cast<int>(m.atom_of_row.size());
  // The engine's nodes: local rows, or every row with wide ghosts (energies of local rows only).
  const int n_node_rows = domain.wide_ghosts ? n_rows : n_local_rows;
  engine::grow_rows(m.positions, n_rows, "equipot::positions");
  engine::grow_rows(m.species, n_rows, "equipot::species");
  engine::grow_rows(m.first_edge, n_node_rows + 1, "equipot::first_edge");
  for (int r = 0; r < n_rows; ++r) {
    const int i = m.atom_of_row[r];
    for (int k = 0; k < 3; ++k) m.positions(r, k) = domain.x[i][k];
    m.species(r) = species_of_type[domain.type[i]];
  }

  // Edges of each node row from LAMMPS's full list, cut at r_cut (the list reaches r_cut + skin,
  // or T r_cut + skin for local atoms with wide ghosts). numneigh and firstneigh are indexed by
  // atom, not by list position: a hybrid sub-style's skip list has inum < nlocal and an ilist
  // that is not the identity.
  m.in_list.assign(nall, 0);
  for (int ii = 0; ii < domain.inum; ++ii) m.in_list[domain.ilist[ii]] = 1;
  int n_edges = 0;
  for (int pass = 0; pass < 2; ++pass) {  // count, then fill
    n_edges = 0;
    for (int r = 0; r < n_node_rows; ++r) {
      if (pass) m.first_edge(r) = n_edges;
      const int i = m.atom_of_row[r];
      if (!m.in_list[i]) continue;
      const double *xi = domain.x[i];
      for (int jj = 0; jj < domain.numneigh[i]; ++jj) {
        const int j = domain.firstneigh[i][jj] & NEIGHMASK;
        const int rj = row_of_atom_[j];
        if (rj < 0) continue;
        const double dx = domain.x[j][0] - xi[0], dy = domain.x[j][1] - xi[1], dz = domain.x[j][2] - xi[2];
        if (dx * dx + dy * dy + dz * dz >= r_cut * r_cut) continue;
        if (pass) m.source(n_edges) = rj;
        ++n_edges;
      }
    }
    if (pass == 0) engine::grow_rows(m.source, n_edges, "equipot::source");
  }
  m.first_edge(n_node_rows) = n_edges;

  EngineInput<HostDevice> input;
  input.positions = Kokkos::subview(m.positions, Kokkos::make_pair(0, n_rows), Kokkos::ALL);
  input.species = Kokkos::subview(m.species, Kokkos::make_pair(0, n_rows));
  input.n_local = n_node_rows;
  input.first_edge = Kokkos::subview(m.first_edge, Kokkos::make_pair(0, n_node_rows + 1));
  input.source = Kokkos::subview(m.source, Kokkos::make_pair(0, n_edges));
  input.n_owned = n_local_rows;

  EngineRequest request;
  request.energy = out.energy || out.eatom;
  request.atom_energy = out.eatom != nullptr;
  request.forces = true;
  request.virial = out.virial;
  request.atom_virial = out.vatom != nullptr;
  if (domain.wide_ghosts) {
    NoExchange<HostDevice, Scalar> no_exchange;
    m.engine.compute(input, request, no_exchange);
  } else {
    m.engine.compute(input, request, m.exchange);
  }

  out.short_edges = m.engine.short_edges();
  if (out.short_edges.count > 0) {
    out.short_edges.destination = m.atom_of_row[out.short_edges.destination];
    out.short_edges.source = m.atom_of_row[out.short_edges.source];
  }

  const auto forces = m.engine.forces();
  for (int r = 0; r < n_rows; ++r)
    for (int k = 0; k < 3; ++k) out.f[m.atom_of_row[r]][k] += factor * forces(r, k);
  if (request.energy) out.energy_value += factor * m.engine.energy();
  if (out.eatom) {
    const auto atom_energy = m.engine.atom_energy();
    for (int r = 0; r < n_local_rows; ++r) out.eatom[m.atom_of_row[r]] += factor * atom_energy(r);
  }
  if (out.virial) {
    const auto virial = m.engine.virial();
    for (int k = 0; k < 6; ++k) out.virial_value[k] += factor * virial[k];
  }
  if (out.vatom) {
    const auto atom_virial = m.engine.atom_virial();
    for (int r = 0; r < n_rows; ++r)
      for (int k = 0; k < 6; ++k) out.vatom[m.atom_of_row[r]][k] += factor * atom_virial(r, k);
  }
}

}  // namespace equipot::lammps
