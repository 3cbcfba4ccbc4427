/* -*- c++ -*- */
// pair_style equipot/kk: the equipot model on LAMMPS's Kokkos data (`-k on ... -sf kk`).
// Atoms, neighbour lists, forces and per-atom outputs stay in Kokkos views on the device; ghost
// features travel with Kokkos forward communication, their adjoints with LAMMPS's reverse
// communication (host staging where LAMMPS offers no device path). See docs/lammps.md.
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
template <class DeviceType, class Scalar>
class DeviceEngine;
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

#if EQUIPOT_KOKKOS_SEND_LIST_1D
  int pack_forward_comm_kokkos(int, equipot::lammps::kk::SendList, equipot::lammps::kk::CommBuffer &, int,
                               int *) override;
#else
  int pack_forward_comm_kokkos(int, equipot::lammps::kk::SendList, int, equipot::lammps::kk::CommBuffer &, int,
                               int *) override;
#endif
  void unpack_forward_comm_kokkos(int, int, equipot::lammps::kk::CommBuffer &) override;
  // Packs the rows of the n atoms of send_list (one swap's list) into buf. Public because nvcc
  // rejects device lambdas in private or protected member functions.
  int pack_forward_rows(int n, const Kokkos::View<const int *, DeviceType> &send_list,
                        equipot::lammps::kk::CommBuffer &buf);

 protected:
  void create_engine(const equipot::Model &model) override;
  int exchange_width() const override;
  std::string radial_tables() const override;

 private:
  using Rows = Kokkos::View<double **, Kokkos::LayoutRight, DeviceType>;
  void exchange_device_rows(const Rows &rows, bool reverse);

  // The Kokkos view of LAMMPS atom -> engine row of the current compute.
  Kokkos::View<int *, DeviceType> row_of_atom() const;

  // f(the engine of precision_).
  template <class F>
  decltype(auto) with_engine(F &&f) const {
    return mixed_engine_ ? f(*mixed_engine_) : f(*fp64_engine_);
  }

  // One of the two, by precision_.
  std::unique_ptr<equipot::lammps::DeviceEngine<DeviceType, double>> fp64_engine_;
  std::unique_ptr<equipot::lammps::DeviceEngine<DeviceType, float>> mixed_engine_;
  Kokkos::View<int *, DeviceType> d_species_of_type_;
  Rows d_exchange_rows_;  // the rows being exchanged, on the device
  typename Rows::HostMirror h_exchange_rows_;  // host staging (the same memory on CPU builds)
  typename Kokkos::View<int *, DeviceType>::HostMirror h_row_of_atom_;
  equipot::lammps::kk::AtomEnergy<DeviceType> d_eatom;
  equipot::lammps::kk::AtomVirial<DeviceType> d_vatom;
  equipot::lammps::kk::DualAtomEnergy k_eatom;
  equipot::lammps::kk::DualAtomVirial k_vatom;
};

}  // namespace LAMMPS_NS

#endif
#endif
