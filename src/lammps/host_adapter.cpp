#include "host_adapter.h"

#include <Kokkos_Core.hpp>

#include "engine_tuning.h"
#include "lammps_adapter.h"

namespace equipot::lammps {
namespace {

using HostDevice = Kokkos::Device<Kokkos::DefaultHostExecutionSpace, Kokkos::HostSpace>;
using Unmanaged = Kokkos::MemoryTraits<Kokkos::Unmanaged>;
template <class T>
using HostArray = Kokkos::View<T, Kokkos::LayoutRight, Kokkos::HostSpace, Unmanaged>;

// LAMMPS's neighbour list: firstneigh[i][jj], by atom.
struct FirstNeighbors {
  int **firstneigh;
  KOKKOS_INLINE_FUNCTION int operator()(int i, int jj) const { return firstneigh[i][jj]; }
};

// A LAMMPS per-atom array of n atoms: memory->create allocates its rows in one block.
template <class T>
T *first_row(T **rows, int n) {
  return n > 0 && rows ? rows[0] : nullptr;
}

}  // namespace

struct HostAdapter::Impl {
  LammpsAdapter<HostDevice> adapter;
};

HostAdapter::HostAdapter(const Model &model, Precision precision, const KernelChoice &kernels,
                         LAMMPS_NS::LAMMPS *lmp, LAMMPS_NS::Pair *pair)
    : impl_(new Impl{{model, precision, engine_tuning<HostDevice::execution_space>(kernels), lmp, pair}}) {}

HostAdapter::~HostAdapter() = default;

HostHalo &HostAdapter::halo() { return impl_->adapter; }
int HostAdapter::exchange_width() const { return impl_->adapter.exchange_width(); }
size_t HostAdapter::memory_bytes() const { return impl_->adapter.memory_bytes(); }
std::string HostAdapter::radial_tables() const { return impl_->adapter.radial_tables(); }

void HostAdapter::compute(const LammpsDomain &domain, const std::vector<int> &species_of_type, double factor,
                          LammpsOutputs &out) {
  const int nlocal = domain.nlocal, nall = domain.nlocal + domain.nghost;
  EngineRequest request;
  request.energy = out.energy || out.eatom;
  request.atom_energy = out.eatom != nullptr;
  request.forces = true;
  request.virial = out.virial;
  request.atom_virial = out.vatom != nullptr;
  double energy = 0.0;
  std::array<double, 6> virial{};
  impl_->adapter.compute(
      nlocal, nall, domain.wide_ghosts, domain.scatter_adjoints,
      HostArray<const double *[3]>(first_row(domain.x, nall), nall),
      HostArray<const int *>(domain.type, nall), domain.inum, HostArray<const int *>(domain.ilist, domain.inum),
      HostArray<const int *>(domain.numneigh, nall), FirstNeighbors{domain.firstneigh},
      HostArray<const int *>(species_of_type.data(), species_of_type.size()), request, factor,
      HostArray<double *[3]>(first_row(out.f, nall), nall), HostArray<double *>(out.eatom, out.eatom ? nlocal : 0),
      HostArray<double *[6]>(first_row(out.vatom, nall), out.vatom ? nall : 0), energy, virial);
  out.short_edges = impl_->adapter.short_edges();
  if (request.energy) out.energy_value += energy;
  if (out.virial)
    for (int k = 0; k < 6; ++k) out.virial_value[k] += virial[k];
}

}  // namespace equipot::lammps
