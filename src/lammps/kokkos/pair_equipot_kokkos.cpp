#include "pair_equipot_kokkos.h"

#include <string>
#include <vector>

#include "atom_kokkos.h"
#include "atom_masks.h"
#include "comm.h"
#include "device_engine.h"
#include "engine_tuning.h"
#include "error.h"
#include "force.h"
#include "kokkos.h"
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
}

template <class DeviceType>
PairEquipotKokkos<DeviceType>::~PairEquipotKokkos() {
  if (copymode) return;
  memoryKK->destroy_kokkos(k_eatom, eatom);
  memoryKK->destroy_kokkos(k_vatom, vatom);
}

template <class DeviceType>
void PairEquipotKokkos<DeviceType>::create_engine(const equipot::Model &model) {
  auto exchange = [this](const Rows &rows, bool reverse) { exchange_device_rows(rows, reverse); };
  fp64_engine_.reset();
  mixed_engine_.reset();
  const auto tuning = equipot::lammps::engine_tuning<typename DeviceType::execution_space>(kernels_);
  if (precision_ == equipot::Precision::Mixed)
    mixed_engine_ = std::make_unique<equipot::lammps::DeviceEngine<DeviceType, float>>(model, tuning, exchange);
  else
    fp64_engine_ = std::make_unique<equipot::lammps::DeviceEngine<DeviceType, double>>(model, tuning, exchange);
}

template <class DeviceType>
int PairEquipotKokkos<DeviceType>::exchange_width() const {
  return with_engine([](const auto &engine) { return engine.exchange_width(); });
}

template <class DeviceType>
std::string PairEquipotKokkos<DeviceType>::radial_tables() const {
  return with_engine([](const auto &engine) { return engine.radial_tables(); });
}

template <class DeviceType>
Kokkos::View<int *, DeviceType> PairEquipotKokkos<DeviceType>::row_of_atom() const {
  return with_engine([](const auto &engine) { return engine.row_of_atom(); });
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
  if (wide_ghosts_)
    error->all(FLERR, "pair_style equipot/kk: 'ghosts wide' is available in the plain style only (pair_style "
                      "equipot, without the kk suffix)");
  PairEquipot::init_style();
  const bool host = std::is_same<DeviceType, LMPHostType>::value && !std::is_same<DeviceType, LMPDeviceType>::value;
  const bool device = std::is_same<DeviceType, LMPDeviceType>::value;
  equipot::lammps::request_kokkos_neighbor_list(this, neighbor, host, device);
}

// The engine's device buffers, and the exchange rows' device and host copies (one allocation on
// CPU builds).
template <class DeviceType>
double PairEquipotKokkos<DeviceType>::memory_usage() {
  double bytes = Pair::memory_usage();
  if (fp64_engine_ || mixed_engine_) bytes += with_engine([](const auto &engine) { return engine.memory_bytes(); });
  bytes += equipot::engine::allocated_bytes(d_exchange_rows_);
  if (h_exchange_rows_.data() != d_exchange_rows_.data()) bytes += equipot::engine::allocated_bytes(h_exchange_rows_);
  return bytes;
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
    with_engine([&](auto &engine) {
      engine.compute(nlocal, nall, atomKK->k_x.template view<DeviceType>(), atomKK->k_type.template view<DeviceType>(),
                     list->inum, k_list->d_ilist, k_list->d_numneigh, k_list->d_neighbors, d_species_of_type_,
                     request, energy_factor_, atomKK->k_f.template view<DeviceType>(), d_eatom, d_vatom, energy,
                     engine_virial);
    });
  } catch (const equipot::ModelError &e) {
    error->one(FLERR, "pair_style equipot/kk: {}", e.what());
  }
  atomKK->modified(execution_space, F_MASK);

  if (eflag_global) eng_vdwl += energy;
  if (vflag_global)
    for (int k = 0; k < 6; ++k) virial[k] += engine_virial[k];
  const equipot::ShortEdges short_edges = with_engine([](const auto &engine) { return engine.short_edges(); });
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

template <class DeviceType>
void PairEquipotKokkos<DeviceType>::exchange_device_rows(const Rows &rows, bool reverse) {
  const auto row_of_atom = this->row_of_atom();
  // Kokkos' brick communication packs and unpacks on the device (the *_kokkos methods) when the
  // style runs on a device space; tiled communication uses the host methods (in LAMMPS before
  // 2026), and so does everything when the device space is the host (OpenMP builds).
  if (!reverse && execution_space == Device && comm->style == 0) {
    d_exchange_rows_ = rows;
    comm_forward = static_cast<int>(rows.extent(1));
    equipot::lammps::forward_comm(comm, this);
    d_exchange_rows_ = Rows();
    return;
  }
  // LAMMPS offers host pack/unpack here (reverse comm, or a host style): stage through mirrors,
  // which are the views themselves when the device memory is host memory.
  // The mirrors are kept between calls and remade only when the sizes change.
  if (h_exchange_rows_.extent(0) != rows.extent(0) || h_exchange_rows_.extent(1) != rows.extent(1))
    h_exchange_rows_ = Kokkos::create_mirror_view(rows);
  if (h_row_of_atom_.extent(0) != row_of_atom.extent(0)) h_row_of_atom_ = Kokkos::create_mirror_view(row_of_atom);
  Kokkos::deep_copy(h_exchange_rows_, rows);
  Kokkos::deep_copy(h_row_of_atom_, row_of_atom);
  exchange_rows(h_exchange_rows_.data(), static_cast<int>(h_exchange_rows_.stride(0)),
                static_cast<int>(h_exchange_rows_.extent(1)), h_row_of_atom_.data(), reverse);
  Kokkos::deep_copy(rows, h_exchange_rows_);
}

#if EQUIPOT_KOKKOS_SEND_LIST_1D
template <class DeviceType>
int PairEquipotKokkos<DeviceType>::pack_forward_comm_kokkos(int n, equipot::lammps::kk::SendList k_sendlist,
                                                            equipot::lammps::kk::CommBuffer &buf, int, int *) {
  return pack_forward_rows(n, k_sendlist.view<DeviceType>(), buf);
}
#else
template <class DeviceType>
int PairEquipotKokkos<DeviceType>::pack_forward_comm_kokkos(int n, equipot::lammps::kk::SendList k_sendlist,
                                                            int iswap, equipot::lammps::kk::CommBuffer &buf, int,
                                                            int *) {
  return pack_forward_rows(n, Kokkos::subview(k_sendlist.view<DeviceType>(), iswap, Kokkos::ALL), buf);
}
#endif

template <class DeviceType>
int PairEquipotKokkos<DeviceType>::pack_forward_rows(int n, const Kokkos::View<const int *, DeviceType> &send_list,
                                                     equipot::lammps::kk::CommBuffer &buf) {
  const auto d_buf = buf.view<DeviceType>();
  const auto rows = d_exchange_rows_;
  const auto row_of_atom = this->row_of_atom();
  const int width = comm_forward;
  Kokkos::parallel_for(
      "equipot::kk_pack_forward", Kokkos::RangePolicy<DeviceType>(0, n * width), KOKKOS_LAMBDA(int k) {
        const int row = row_of_atom(send_list(k / width));
        d_buf(k) = row >= 0 ? rows(row, k % width) : 0.0;
      });
  return n * width;
}

template <class DeviceType>
void PairEquipotKokkos<DeviceType>::unpack_forward_comm_kokkos(int n, int first,
                                                               equipot::lammps::kk::CommBuffer &buf) {
  const auto d_buf = buf.view<DeviceType>();
  const auto rows = d_exchange_rows_;
  const auto row_of_atom = this->row_of_atom();
  const int width = comm_forward;
  Kokkos::parallel_for(
      "equipot::kk_unpack_forward", Kokkos::RangePolicy<DeviceType>(0, n * width), KOKKOS_LAMBDA(int k) {
        const int row = row_of_atom(first + k / width);
        if (row >= 0) rows(row, k % width) = d_buf(k);
      });
}

namespace LAMMPS_NS {
template class PairEquipotKokkos<LMPDeviceType>;
#ifdef LMP_KOKKOS_GPU
template class PairEquipotKokkos<LMPHostType>;
#endif
}  // namespace LAMMPS_NS
