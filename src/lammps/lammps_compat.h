/* -*- c++ -*- */
#pragma once
// The few LAMMPS APIs that changed between the LAMMPS we test with (29 Sep 2021, Debian's
// 20220106 source) and the versions on clusters (2022+). EQUIPOT_LAMMPS_VERSION_NUMBER is
// YYYYMMDD of the LAMMPS source, set by cmake/EquipotLAMMPS.cmake.
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
