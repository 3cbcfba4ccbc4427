/* -*- c++ -*- */
#pragma once
// The LAMMPS APIs that changed between the versions we support, each behind a guard on
// EQUIPOT_LAMMPS_VERSION_NUMBER (YYYYMMDD of the LAMMPS source, set by cmake/EquipotLAMMPS.cmake).
// docs/lammps.md ("Versions") says which versions each branch was compiled and tested with.
#include "comm.h"
#include "neigh_request.h"
#include "neighbor.h"
#include "pair.h"

#ifndef EQUIPOT_LAMMPS_VERSION_NUMBER
#error "EQUIPOT_LAMMPS_VERSION_NUMBER must be defined by the build"
#endif

// The 24 Mar 2022 release replaced neighbor->request() + requests[] by add_request() and
// renamed forward_comm_pair()/reverse_comm_pair() to overloads of forward_comm()/reverse_comm().
#define EQUIPOT_LAMMPS_NEW_REQUEST_API (EQUIPOT_LAMMPS_VERSION_NUMBER >= 20220324)

// The KOKKOS part below is there for translation units that see the KOKKOS package's headers
// (the plugin is compiled with LMP_KOKKOS from a KOKKOS build but without those headers).
#if defined(LMP_KOKKOS) && __has_include("kokkos_type.h")
#define EQUIPOT_LAMMPS_KOKKOS 1
#include "kokkos_type.h"
#endif

namespace equipot::lammps {

// instance is the pair's (protected) instance_me. With ghosts, ghost atoms get neighbours too
// (to the pair's cutghost + skin).
inline void request_full_neighbor_list(LAMMPS_NS::Pair* pair, LAMMPS_NS::Neighbor* neighbor, int instance,
                                       bool ghosts = false) {
#if EQUIPOT_LAMMPS_NEW_REQUEST_API
  (void)instance;
  neighbor->add_request(pair, LAMMPS_NS::NeighConst::REQ_FULL | (ghosts ? LAMMPS_NS::NeighConst::REQ_GHOST : 0));
#else
  const int request = neighbor->request(pair, instance);
  neighbor->requests[request]->half = 0;
  neighbor->requests[request]->full = 1;
  neighbor->requests[request]->ghost = ghosts ? 1 : 0;
#endif
}

// Marks the pair's (last) neighbour request as a Kokkos list on the host or the device.
inline void request_kokkos_neighbor_list(LAMMPS_NS::Pair* pair, LAMMPS_NS::Neighbor* neighbor, bool host,
                                         bool device) {
#if EQUIPOT_LAMMPS_NEW_REQUEST_API
  auto request = neighbor->find_request(pair);
  request->set_kokkos_host(host);
  request->set_kokkos_device(device);
#else
  (void)pair;
  auto request = neighbor->requests[neighbor->nrequest - 1];
  request->kokkos_host = host;
  request->kokkos_device = device;
#endif
}

inline void forward_comm(LAMMPS_NS::Comm* comm, LAMMPS_NS::Pair* pair) {
#if EQUIPOT_LAMMPS_NEW_REQUEST_API
  comm->forward_comm(pair);
#else
  comm->forward_comm_pair(pair);
#endif
}

inline void reverse_comm(LAMMPS_NS::Comm* comm, LAMMPS_NS::Pair* pair) {
#if EQUIPOT_LAMMPS_NEW_REQUEST_API
  comm->reverse_comm(pair);
#else
  comm->reverse_comm_pair(pair);
#endif
}

}  // namespace equipot::lammps

#ifdef EQUIPOT_LAMMPS_KOKKOS
// KOKKOS package types. Forward-communication send lists became one-dimensional (one list per
// call, no swap index) with the tiled-communication rework of February 2024: 4 Feb 2025 has
// them, 29 Sep 2021 has the two-dimensional list; the guard takes the next release, 17 Apr 2024. The mixed-precision rework of 10 Sep 2025 made the
// communication buffers double (tdual_double_1d) and per-atom energy and virial accumulators
// KK_ACC_FLOAT transform views; the branch for it is written from LAMMPS 4 Jul 2026's sources,
// whose KOKKOS package needs Kokkos >= 5.1 and is not compiled here.
#define EQUIPOT_KOKKOS_SEND_LIST_1D (EQUIPOT_LAMMPS_VERSION_NUMBER >= 20240417)
// Pair styles return reverse communication on the device (pack_reverse_comm_kokkos,
// unpack_reverse_comm_kokkos, Pair::reverse_comm_device) when the send lists are
// one-dimensional; the two-dimensional versions before had these hooks with another signature,
// and equipot/kk stages its reverse exchange through the host there.
#define EQUIPOT_KOKKOS_DEVICE_REVERSE_COMM EQUIPOT_KOKKOS_SEND_LIST_1D
#define EQUIPOT_KOKKOS_ACC_TYPES (EQUIPOT_LAMMPS_VERSION_NUMBER >= 20250910)

namespace equipot::lammps::kk {
#if EQUIPOT_KOKKOS_ACC_TYPES
using CommBuffer = ::DAT::tdual_double_1d;
using DualAtomEnergy = ::DAT::ttransform_kkacc_1d;
using DualAtomVirial = ::DAT::ttransform_kkacc_1d_6;
template <class DeviceType>
using AtomEnergy = typename ::ArrayTypes<DeviceType>::t_kkacc_1d;
template <class DeviceType>
using AtomVirial = typename ::ArrayTypes<DeviceType>::t_kkacc_1d_6;
#else
using CommBuffer = ::DAT::tdual_xfloat_1d;
using DualAtomEnergy = ::DAT::tdual_efloat_1d;
using DualAtomVirial = ::DAT::tdual_virial_array;
template <class DeviceType>
using AtomEnergy = typename ::ArrayTypes<DeviceType>::t_efloat_1d;
template <class DeviceType>
using AtomVirial = typename ::ArrayTypes<DeviceType>::t_virial_array;
#endif
#if EQUIPOT_KOKKOS_SEND_LIST_1D
using SendList = ::DAT::tdual_int_1d;
#else
using SendList = ::DAT::tdual_int_2d;
#endif
}  // namespace equipot::lammps::kk
#endif
