#include "pair_equipot.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string>

#include "atom.h"
#include "comm.h"
#include "error.h"
#include "force.h"
#include "host_engine.h"
#include "kokkos_runtime.h"
#include "lammps_compat.h"
#include "lammps_model.h"
#include "memory.h"
#include "model/model_error.hpp"
#include "neigh_list.h"
#include "neighbor.h"

using namespace LAMMPS_NS;

PairEquipot::PairEquipot(LAMMPS *lammps) : Pair(lammps) {
  single_enable = 0;
  restartinfo = 0;
  one_coeff = 1;
  manybody_flag = 1;
  no_virial_fdotr_compute = 1;  // the engine computes the virial itself, per edge
  centroidstressflag = CENTROID_NOTAVAIL;
  equipot::lammps::ensure_kokkos_initialized();
}

PairEquipot::~PairEquipot() {
  if (allocated) {
    memory->destroy(setflag);
    memory->destroy(cutsq);
    memory->destroy(cutghost);
  }
}

void PairEquipot::settings(int narg, char **arg) {
  precision_ = equipot::Precision::Double;
  wide_ghosts_ = false;
  kernels_ = equipot::lammps::KernelChoice();
  for (int k = 0; k < narg; k += 2) {
    const std::string keyword = arg[k];
    const std::string value = k + 1 < narg ? arg[k + 1] : "";
    if (keyword == "precision") {
      if (value == "mixed")
        precision_ = equipot::Precision::Mixed;
      else if (value != "double")
        error->all(FLERR, "pair_style equipot: precision must be 'double' or 'mixed', got '{}'", value);
    } else if (keyword == "ghosts") {
      if (value == "wide")
        wide_ghosts_ = true;
      else if (value != "exchange")
        error->all(FLERR, "pair_style equipot: ghosts must be 'exchange' or 'wide', got '{}'", value);
    } else if (keyword == "kernels") {
      if (value == "device")
        kernels_.device = true;
      else if (value != "auto")
        error->all(FLERR, "pair_style equipot: kernels must be 'auto' or 'device', got '{}'", value);
    } else if (keyword == "team_size") {
      char *end = nullptr;
      const long size = std::strtol(value.c_str(), &end, 10);
      if (value.empty() || *end != '\0' || size < 0 || size > 1024)
        error->all(FLERR, "pair_style equipot: team_size must be an integer from 0 (the backend's choice) to 1024, "
                          "got '{}'",
                   value);
      kernels_.team_size = static_cast<int>(size);
    } else {
      error->all(FLERR, "pair_style equipot: unknown keyword '{}' (known: precision, ghosts, kernels, team_size)",
                 keyword);
    }
  }
  if (kernels_.team_size > 0 && !kernels_.device)
    error->all(FLERR, "pair_style equipot: team_size {} needs kernels device (the host kernels run one thread per "
                      "team)",
               kernels_.team_size);
  // Wide ghosts need neighbour lists of ghost atoms (to cutghost + skin).
  ghostneigh = wide_ghosts_ ? 1 : 0;
}

void PairEquipot::coeff(int narg, char **arg) {
  const int ntypes = atom->ntypes;
  if (narg != 3 + ntypes)
    error->all(FLERR, "pair_coeff * * MODEL followed by one species name (or NULL) per atom type: {} types, "
                      "{} names given",
               ntypes, narg - 3);

  model_path_ = arg[2];
  const equipot::Model model = equipot::lammps::load_model(lmp, "equipot", model_path_);
  species_of_type_ =
      equipot::lammps::map_types(lmp, "equipot", model, std::vector<std::string>(arg + 3, arg + 3 + ntypes));
  energy_factor_ = equipot::lammps::energy_conversion(lmp, "equipot", model_path_, model);
  r_cut_ = model.hyper.r_cut;
  num_layers_ = model.hyper.num_layers;
  try {
    create_engine(model);
  } catch (const equipot::ModelError &e) {
    // A kernel choice this build cannot run (e.g. more threads per team than Kokkos has).
    error->all(FLERR, "pair_style equipot: {}", e.what());
  }

  if (!allocated) {
    allocated = 1;
    memory->create(setflag, ntypes + 1, ntypes + 1, "pair:setflag");
    memory->create(cutsq, ntypes + 1, ntypes + 1, "pair:cutsq");
    memory->create(cutghost, ntypes + 1, ntypes + 1, "pair:cutghost");
  }
  for (int i = 1; i <= ntypes; ++i)
    for (int j = 1; j <= ntypes; ++j) setflag[i][j] = species_of_type_[i] >= 0 && species_of_type_[j] >= 0;
}

void PairEquipot::create_engine(const equipot::Model &model) {
  engine_ = std::make_unique<equipot::lammps::HostEngine>(
      model, precision_, kernels_, [this](double *rows, int stride, int width, const int *row_of_atom, bool reverse) {
        exchange_rows(rows, stride, width, row_of_atom, reverse);
      });
}

int PairEquipot::exchange_width() const { return engine_->exchange_width(); }

void PairEquipot::init_style() {
  if (force->newton_pair == 0)
    error->all(FLERR, "pair_style equipot requires newton pair on (ghost features and forces are returned by "
                      "reverse communication; with the KOKKOS package on GPUs, whose default is newton off: "
                      "-pk kokkos newton on neigh half)");
  equipot::lammps::request_full_neighbor_list(this, neighbor, instance_me, wide_ghosts_);
  comm_forward = comm_reverse = exchange_width();
  // pair_style hybrid takes its sub-styles' widths at pair_style time, before any model is read;
  // LAMMPS sizes the communication buffers from the top-level style after init_style.
  if (force->pair != this) {
    force->pair->comm_forward = std::max(force->pair->comm_forward, comm_forward);
    force->pair->comm_reverse = std::max(force->pair->comm_reverse, comm_reverse);
  }
}

// With wide ghosts the pair cutoff, and so the ghost shell, is T r_cut: every atom an owned atom
// depends on within T layers is then present; the ghosts' own lists reach r_cut (+ skin).
double PairEquipot::init_one(int i, int j) {
  cutghost[i][j] = cutghost[j][i] = r_cut_;
  return wide_ghosts_ ? num_layers_ * r_cut_ : r_cut_;
}

void PairEquipot::compute(int eflag, int vflag) {
  ev_init(eflag, vflag);
  equipot::lammps::LammpsDomain atoms;
  atoms.nlocal = atom->nlocal;
  atoms.nghost = atom->nghost;
  atoms.x = atom->x;
  atoms.type = atom->type;
  atoms.inum = wide_ghosts_ ? list->inum + list->gnum : list->inum;
  atoms.wide_ghosts = wide_ghosts_;
  atoms.ilist = list->ilist;
  atoms.numneigh = list->numneigh;
  atoms.firstneigh = list->firstneigh;

  equipot::lammps::LammpsOutputs out;
  out.f = atom->f;
  out.energy = eflag_global;
  out.virial = vflag_global;
  out.eatom = eflag_atom ? eatom : nullptr;
  out.vatom = vflag_atom ? vatom : nullptr;
  try {
    engine_->compute(atoms, species_of_type_, energy_factor_, out);
  } catch (const equipot::ModelError &e) {
    // Only this rank's atoms show the problem (e.g. two atoms on top of each other).
    error->one(FLERR, "pair_style equipot: {}", e.what());
  }
  if (eflag_global) eng_vdwl += out.energy_value;
  if (vflag_global)
    for (int k = 0; k < 6; ++k) virial[k] += out.virial_value[k];
}

void PairEquipot::exchange_rows(double *rows, int stride, int width, const int *row_of_atom, bool reverse) {
  exchange_rows_ = rows;
  exchange_stride_ = stride;
  exchange_row_of_atom_ = row_of_atom;
  comm_forward = comm_reverse = width;
  if (reverse)
    equipot::lammps::reverse_comm(comm, this);
  else
    equipot::lammps::forward_comm(comm, this);
  exchange_rows_ = nullptr;
  exchange_row_of_atom_ = nullptr;
}

int PairEquipot::pack_forward_comm(int n, int *sendlist, double *buf, int, int *) {
  const int *row_of_atom = exchange_row_of_atom_;
  const int width = comm_forward;
  for (int k = 0; k < n; ++k) {
    const int row = row_of_atom[sendlist[k]];
    double *out = buf + static_cast<long>(k) * width;
    if (row < 0)
      std::memset(out, 0, sizeof(double) * width);
    else
      std::memcpy(out, exchange_rows_ + static_cast<long>(row) * exchange_stride_, sizeof(double) * width);
  }
  return n * width;
}

void PairEquipot::unpack_forward_comm(int n, int first, double *buf) {
  const int *row_of_atom = exchange_row_of_atom_;
  const int width = comm_forward;
  for (int k = 0; k < n; ++k) {
    const int row = row_of_atom[first + k];
    if (row >= 0)
      std::memcpy(exchange_rows_ + static_cast<long>(row) * exchange_stride_, buf + static_cast<long>(k) * width,
                  sizeof(double) * width);
  }
}

int PairEquipot::pack_reverse_comm(int n, int first, double *buf) {
  // Ghost rows are handed to their owners and cleared: the engine expects them zero afterwards.
  // LAMMPS packs swaps in reverse order, so a ghost has received all its additions by now.
  const int *row_of_atom = exchange_row_of_atom_;
  const int width = comm_reverse;
  for (int k = 0; k < n; ++k) {
    const int row = row_of_atom[first + k];
    double *out = buf + static_cast<long>(k) * width;
    if (row < 0) {
      std::memset(out, 0, sizeof(double) * width);
      continue;
    }
    double *ghost = exchange_rows_ + static_cast<long>(row) * exchange_stride_;
    std::memcpy(out, ghost, sizeof(double) * width);
    std::memset(ghost, 0, sizeof(double) * width);
  }
  return n * width;
}

void PairEquipot::unpack_reverse_comm(int n, int *sendlist, double *buf) {
  const int *row_of_atom = exchange_row_of_atom_;
  const int width = comm_reverse;
  for (int k = 0; k < n; ++k) {
    const int row = row_of_atom[sendlist[k]];
    if (row < 0) continue;
    double *owner = exchange_rows_ + static_cast<long>(row) * exchange_stride_;
    const double *in = buf + static_cast<long>(k) * width;
    for (int c = 0; c < width; ++c) owner[c] += in[c];
  }
}
