/* -*- c++ -*- */
// pair_style equipot/kk: the equipot model on LAMMPS's Kokkos data (`-k on ... -sf kk`).
// Atoms, neighbour lists, forces and per-atom outputs stay in Kokkos views on the device; ghost
// features and message adjoints travel with Kokkos forward communication (feature adjoints with
// Kokkos reverse communication under `adjoints scatter`), packed on the device (the adapter
// stages through the host where LAMMPS offers no device path). See docs/lammps.md.
#ifdef PAIR_CLASS
// clang-format off
PairStyle(equipot/kk,PairEquipotKokkos<LMPDeviceType>);
PairStyle(equipot/kk/device,PairEquipotKokkos<LMPDeviceType>);
PairStyle(equipot/kk/host,PairEquipotKokkos<LMPHostType>);
// clang-format on
#else

#ifndef LMP_PAIR_EQUIPOT_KOKKOS_H
#define LMP_PAIR_EQUIPOT_KOKKOS_H

#include <memory>

#include "kokkos_base.h"
#include "kokkos_type.h"
#include "lammps_compat.h"
#include "pair_equipot.h"

namespace equipot::lammps {
template <class Device>
class LammpsAdapter;
}

namespace LAMMPS_NS {

template <class DeviceType>
class PairEquipotKokkos : public PairEquipot, public KokkosBase {
 public:
  typedef DeviceType device_type;
  typedef ArrayTypes<DeviceType> AT;

  PairEquipotKokkos(class LAMMPS *);
  ~PairEquipotKokkos() override;
  void compute(int, int) override;
  void coeff(int, char **) override;
  void init_style() override;
  double memory_usage() override;

  // Halo exchange on the device: the adapter packs and unpacks (lammps_adapter.h).
#if EQUIPOT_KOKKOS_SEND_LIST_1D
  int pack_forward_comm_kokkos(int, equipot::lammps::kk::SendList, equipot::lammps::kk::CommBuffer &, int,
                               int *) override;
#else
  int pack_forward_comm_kokkos(int, equipot::lammps::kk::SendList, int, equipot::lammps::kk::CommBuffer &, int,
                               int *) override;
#endif
  void unpack_forward_comm_kokkos(int, int, equipot::lammps::kk::CommBuffer &) override;
#if EQUIPOT_KOKKOS_DEVICE_REVERSE_COMM
  int pack_reverse_comm_kokkos(int, int, equipot::lammps::kk::CommBuffer &) override;
  void unpack_reverse_comm_kokkos(int, equipot::lammps::kk::SendList, equipot::lammps::kk::CommBuffer &) override;
#endif

 protected:
  void create_adapter(const equipot::Model &model) override;
  int exchange_width() const override;
  equipot::lammps::HostHalo &host_halo() override;
  std::string radial_tables() const override;

 private:
  std::unique_ptr<equipot::lammps::LammpsAdapter<typename DeviceType::device_type>> adapter_;
  Kokkos::View<int *, DeviceType> d_species_of_type_;
  equipot::lammps::kk::AtomEnergy<DeviceType> d_eatom;
  equipot::lammps::kk::AtomVirial<DeviceType> d_vatom;
  equipot::lammps::kk::DualAtomEnergy k_eatom;
  equipot::lammps::kk::DualAtomVirial k_vatom;
};

}  // namespace LAMMPS_NS

#endif
#endif
