/* -*- c++ -*- */
#pragma once
// pair_style equipot ... kernels auto|device [team_size N] [radial table|exact]: which variant of the engine's kernels
// runs (src/model/engine/tuning.hpp). auto, the default, takes the execution space's own variant
// (host kernels on CPUs, GPU kernels on GPUs); device runs the GPU kernels on any space, so that
// on CPUs, with a few OpenMP threads per team, a LAMMPS run exercises the GPU code paths.
// radial exact runs the radial MLP on every edge instead of the tables (the default, within
// their error bound; src/model/engine/radial_table.hpp).
// Free of Kokkos, for the pair style's header; engine_tuning.h turns it into the engine's tuning.
namespace equipot::lammps {

struct KernelChoice {
  bool device = false;  // the GPU kernels whatever the execution space
  int team_size = 0;    // threads per team of the GPU kernels; 0: the backend's choice
  bool exact_radial = false;
};

}  // namespace equipot::lammps
