/* -*- c++ -*- */
#pragma once
// The adapter (lammps_adapter.h) on the host for pair_style equipot, behind a header free of
// Kokkos so that LAMMPS files including the pair style do not pull Kokkos in. It wraps LAMMPS's
// arrays in host views and runs the same code as equipot/kk.
#include <memory>
#include <string>
#include <vector>

#include "host_halo.h"
#include "kernel_choice.h"
#include "model/model.hpp"
#include "model/precision.hpp"

namespace LAMMPS_NS {
class LAMMPS;
class Pair;
}  // namespace LAMMPS_NS

namespace equipot::lammps {

// One domain as LAMMPS holds it: local atoms then ghosts, and a full neighbour list (of the
// ghosts too with wide ghosts, whose features are then computed here, not exchanged).
struct LammpsDomain {
  int nlocal = 0, nghost = 0;
  bool wide_ghosts = false;
  bool scatter_adjoints = false;  // dE/dg by reverse communication instead of gathered
  double **x = nullptr;
  const int *type = nullptr;
  int inum = 0;  // entries of ilist: local atoms, then ghosts with wide ghosts
  const int *ilist = nullptr;
  const int *numneigh = nullptr;  // numneigh[i], firstneigh[i]: of atom i (not of ilist entry i)
  int **firstneigh = nullptr;
};

// Where results go; null pointers are not asked for. Everything is added, scaled by factor.
struct LammpsOutputs {
  double **f = nullptr;
  double *eatom = nullptr;   // local atoms
  double **vatom = nullptr;  // local and ghost atoms, Voigt xx yy zz xy xz yz
  bool energy = false, virial = false;
  double energy_value = 0.0;
  double virial_value[6] = {0, 0, 0, 0, 0, 0};
  ShortEdges short_edges;  // below the model's data range; destination and source are LAMMPS atoms
};

class HostAdapter {
 public:
  // lmp and pair: whose communication the halo exchange calls, and the style whose pack/unpack
  // callbacks hand their buffers to halo().
  HostAdapter(const Model &model, Precision precision, const KernelChoice &kernels, LAMMPS_NS::LAMMPS *lmp,
              LAMMPS_NS::Pair *pair);
  ~HostAdapter();

  void compute(const LammpsDomain &domain, const std::vector<int> &species_of_type, double factor,
               LammpsOutputs &out);

  HostHalo &halo();
  // Doubles per atom in an exchange (features or adjoints of one layer).
  int exchange_width() const;
  // Bytes held now: the engine's buffers and radial tables, its input arrays and the exchange
  // staging.
  size_t memory_bytes() const;
  // The engine's radial tables, in words (src/model/radial_table_report.hpp).
  std::string radial_tables() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace equipot::lammps
