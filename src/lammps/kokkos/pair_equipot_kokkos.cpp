#include "pair_equipot_kokkos.h"

#include <string>
#include <vector>

#include "atom_kokkos.h"
#include "atom_masks.h"
#include "comm.h"
#include "engine_tuning.h"
#include "error.h"
#include "force.h"
#include "kokkos.h"
#include "lammps_adapter.h"
#include "lammps_compat.h"
#include "memory_kokkos.h"
#include "model/model_error.hpp"
#include "neigh_list_kokkos.h"
#include "neighbor.h"

using namespace LAMMPS_NS;

template <class DeviceType>
PairEquipotKokkos<DeviceType>::PairEquipotKokkos(LAMMPS *lammps) : PairEquipot(lammps) {
  kokkosable = 1;
  atomKK = (AtomKokkos *)atom;
  execution_space = ExecutionSpaceFromDevice<DeviceType>::space;
  datamask_read = X_MASK | F_MASK | TYPE_MASK | ENERGY_MASK | VIRIAL_MASK;
  datamask_modify = F_MASK | ENERGY_MASK | VIRIAL_MASK;
#if EQUIPOT_KOKKOS_DEVICE_REVERSE_COMM
  reverse_comm_device = 1;
#endif
}

template <class DeviceType>
PairEquipotKokkos<DeviceType>::~PairEquipotKokkos() {
  if (copymode) return;
  memoryKK->destroy_kokkos(k_eatom, eatom);
  memoryKK->destroy_kokkos(k_vatom, vatom);
}

template <class DeviceType>
void PairEquipotKokkos<DeviceType>::create_adapter(const equipot::Model &model) {
  adapter_ = std::make_unique<equipot::lammps::LammpsAdapter<typename DeviceType::device_type>>(
      model, precision_, equipot::lammps::engine_tuning<typename DeviceType::execution_space>(kernels_), lmp, this);
}

template <class DeviceType>
int PairEquipotKokkos<DeviceType>::exchange_width() const {
  return adapter_->exchange_width();
}

template <class DeviceType>
equipot::lammps::HostHalo &PairEquipotKokkos<DeviceType>::host_halo() {
  return *adapter_;
}

template <class DeviceType>
std::string PairEquipotKokkos<DeviceType>::radial_tables() const {
  return adapter_->radial_tables();
}

template <class DeviceType>
void PairEquipotKokkos<DeviceType>::coeff(int narg, char **arg) {
  PairEquipot::coeff(narg, arg);
  Kokkos::View<int *, Kokkos::HostSpace> h_species("equipot::species_of_type", species_of_type_.size());
  for (size_t t = 0; t < species_of_type_.size(); ++t) h_species(t) = species_of_type_[t];
  d_species_of_type_ = Kokkos::View<int *, DeviceType>("equipot::species_of_type", species_of_type_.size());
  Kokkos::deep_copy(d_species_of_type_, h_species);
}

template <class DeviceType>
void PairEquipotKokkos<DeviceType>::init_style() {
  PairEquipot::init_style();
  const bool host = std::is_same<DeviceType, LMPHostType>::value && !std::is_same<DeviceType, LMPDeviceType>::value;
  const bool device = std::is_same<DeviceType, LMPDeviceType>::value;
  equipot::lammps::request_kokkos_neighbor_list(this, neighbor, host, device);
}

// The adapter's device buffers and its host staging.
template <class DeviceType>
double PairEquipotKokkos<DeviceType>::memory_usage() {
  return Pair::memory_usage() + (adapter_ ? static_cast<double>(adapter_->memory_bytes()) : 0.0);
}

template <class DeviceType>
void PairEquipotKokkos<DeviceType>::compute(int eflag_in, int vflag_in) {
  ev_init(eflag_in, vflag_in, 0);
  const int nlocal = atom->nlocal, nall = atom->nlocal + atom->nghost;
  // Per-atom outputs: grown only when LAMMPS's atom arrays grow, zeroed every step.
  if (eflag_atom && static_cast<int>(k_eatom.extent(0)) < maxeatom) {
    memoryKK->destroy_kokkos(k_eatom, eatom);
    memoryKK->create_kokkos(k_eatom, eatom, maxeatom, "pair:eatom");
    d_eatom = k_eatom.template view<DeviceType>();
  }
  if (vflag_atom && static_cast<int>(k_vatom.extent(0)) < maxvatom) {
    memoryKK->destroy_kokkos(k_vatom, vatom);
    memoryKK->create_kokkos(k_vatom, vatom, maxvatom, "pair:vatom");
    d_vatom = k_vatom.template view<DeviceType>();
  }
  if (eflag_atom) Kokkos::deep_copy(d_eatom, 0.0);
  if (vflag_atom) Kokkos::deep_copy(d_vatom, 0.0);

  atomKK->sync(execution_space, X_MASK | F_MASK | TYPE_MASK);
  auto k_list = static_cast<NeighListKokkos<DeviceType> *>(list);

  equipot::EngineRequest request;
  request.energy = eflag_global || eflag_atom;
  request.atom_energy = eflag_atom;
  request.forces = true;
  request.virial = vflag_global;
  request.atom_virial = vflag_atom;
  double energy = 0.0;
  std::array<double, 6> engine_virial{};
  try {
    adapter_->compute(nlocal, nall, wide_ghosts_, scatter_adjoints_, atomKK->k_x.template view<DeviceType>(),
                      atomKK->k_type.template view<DeviceType>(), wide_ghosts_ ? list->inum + list->gnum : list->inum,
                      k_list->d_ilist, k_list->d_numneigh, k_list->d_neighbors, d_species_of_type_, request,
                      energy_factor_, atomKK->k_f.template view<DeviceType>(), d_eatom, d_vatom, energy,
                      engine_virial);
  } catch (const equipot::ModelError &e) {
    error->one(FLERR, "pair_style equipot/kk: {}", e.what());
  }
  atomKK->modified(execution_space, F_MASK);

  if (eflag_global) eng_vdwl += energy;
  if (vflag_global)
    for (int k = 0; k < 6; ++k) virial[k] += engine_virial[k];
  const equipot::ShortEdges &short_edges = adapter_->short_edges();
  if (short_edges.count > 0) atomKK->sync(Host, TAG_MASK | TYPE_MASK);  // the warning names the atoms
  report_short_edges(short_edges);
  if (eflag_atom) {
    k_eatom.template modify<DeviceType>();
    k_eatom.sync_host();
  }
  if (vflag_atom) {
    k_vatom.template modify<DeviceType>();
    k_vatom.sync_host();
  }
}

#if EQUIPOT_KOKKOS_SEND_LIST_1D
template <class DeviceType>
int PairEquipotKokkos<DeviceType>::pack_forward_comm_kokkos(int n, equipot::lammps::kk::SendList k_sendlist,
                                                            equipot::lammps::kk::CommBuffer &buf, int, int *) {
  return adapter_->pack_forward_device(n, k_sendlist.view<DeviceType>(), buf.view<DeviceType>());
}
#else
template <class DeviceType>
int PairEquipotKokkos<DeviceType>::pack_forward_comm_kokkos(int n, equipot::lammps::kk::SendList k_sendlist,
                                                            int iswap, equipot::lammps::kk::CommBuffer &buf, int,
                                                            int *) {
  return adapter_->pack_forward_device(n, Kokkos::subview(k_sendlist.view<DeviceType>(), iswap, Kokkos::ALL),
                                       buf.view<DeviceType>());
}
#endif

template <class DeviceType>
void PairEquipotKokkos<DeviceType>::unpack_forward_comm_kokkos(int n, int first,
                                                               equipot::lammps::kk::CommBuffer &buf) {
  adapter_->unpack_forward_device(n, first, buf.view<DeviceType>());
}

#if EQUIPOT_KOKKOS_DEVICE_REVERSE_COMM
template <class DeviceType>
int PairEquipotKokkos<DeviceType>::pack_reverse_comm_kokkos(int n, int first, equipot::lammps::kk::CommBuffer &buf) {
  return adapter_->pack_reverse_device(n, first, buf.view<DeviceType>());
}

template <class DeviceType>
void PairEquipotKokkos<DeviceType>::unpack_reverse_comm_kokkos(int n, equipot::lammps::kk::SendList k_sendlist,
                                                               equipot::lammps::kk::CommBuffer &buf) {
  adapter_->unpack_reverse_device(n, k_sendlist.view<DeviceType>(), buf.view<DeviceType>());
}
#endif

namespace LAMMPS_NS {
template class PairEquipotKokkos<LMPDeviceType>;
#ifdef LMP_KOKKOS_GPU
template class PairEquipotKokkos<LMPHostType>;
#endif
}  // namespace LAMMPS_NS
