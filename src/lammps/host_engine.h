/* -*- c++ -*- */
#pragma once
// The engine on the host for pair_style equipot, behind a header free of Kokkos so that
// LAMMPS files including the pair style do not pull Kokkos in. It turns LAMMPS's arrays into
// engine input (atoms of NULL types left out, edges cut at r_cut) and the results back.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "kernel_choice.h"
#include "model/model.hpp"
#include "model/precision.hpp"

namespace equipot::lammps {

// One domain as LAMMPS holds it: local atoms then ghosts, and a full neighbour list (of the
// ghosts too with wide ghosts, whose features are then computed here, not exchanged).
struct LammpsDomain {
  int nlocal = 0, nghost = 0;
  bool wide_ghosts = false;
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

// Called with the rows (row-major, `stride` apart, `width` used) of the engine's atoms, the row
// of each LAMMPS atom (-1 for NULL types) and whether this is the reverse exchange.
using ExchangeRows = std::function<void(double *rows, int stride, int width, const int *row_of_atom, bool reverse)>;

class HostEngine {
 public:
  HostEngine(const Model &model, Precision precision, const KernelChoice &kernels, ExchangeRows exchange);
  ~HostEngine();

  void compute(const LammpsDomain &domain, const std::vector<int> &species_of_type, double factor,
               LammpsOutputs &out);

  // Doubles per atom in an exchange (features or adjoints of one layer).
  int exchange_width() const { return exchange_width_; }
  // Bytes held now: the engine's buffers and radial tables, its input arrays and the exchange
  // staging.
  size_t memory_bytes() const;
  // The engine's radial tables, in words (src/model/radial_table_report.hpp).
  std::string radial_tables() const;

 private:
  template <class Scalar>
  struct Impl;
  template <class Scalar>
  void compute_with(Impl<Scalar> &m, const LammpsDomain &domain, const std::vector<int> &species_of_type,
                    double factor, LammpsOutputs &out);

  std::vector<int> row_of_atom_;  // engine row of each LAMMPS atom, -1 for NULL types
  int exchange_width_ = 0;
  std::unique_ptr<Impl<double>> fp64_;   // one of the two, by precision
  std::unique_ptr<Impl<float>> mixed_;
};

}  // namespace equipot::lammps
