/* -*- c++ -*- */
#pragma once
// The plain pair style runs its engine with Kokkos on the host. When LAMMPS runs with
// `-k on` Kokkos is already up and shared; otherwise this starts it once for the process and
// finalizes it at exit, after LAMMPS (and with it every pair style and its views) is gone.

namespace equipot::lammps {

void ensure_kokkos_initialized();

}  // namespace equipot::lammps
