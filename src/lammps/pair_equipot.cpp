#include "pair_equipot.h"

#include <algorithm>
#include <cstdlib>
#include <string>

#include "atom.h"
#include "comm.h"
#include "error.h"
#include "force.h"
#include "host_adapter.h"
#include "kokkos_runtime.h"
#include "lammps_compat.h"
#include "lammps_model.h"
#include "memory.h"
#include "model/model_error.hpp"
#include "neigh_list.h"
#include "neighbor.h"
#include "update.h"

using namespace LAMMPS_NS;

PairEquipot::PairEquipot(LAMMPS *lammps) : Pair(lammps) {
  single_enable = 0;
  restartinfo = 0;
  one_coeff = 1;
  manybody_flag = 1;
  no_virial_fdotr_compute = 1;  // the engine computes the virial itself, per edge
  centroidstressflag = CENTROID_NOTAVAIL;
  nextra = 1;  // compute pair ... equipot: [1] = edges below the model's data range this step
  pvector = new double[nextra]();
  equipot::lammps::ensure_kokkos_initialized();
}

PairEquipot::~PairEquipot() {
  delete[] pvector;
  if (allocated) {
    memory->destroy(setflag);
    memory->destroy(cutsq);
    memory->destroy(cutghost);
  }
}

void PairEquipot::settings(int narg, char **arg) {
  precision_ = equipot::Precision::Double;
  wide_ghosts_ = false;
  scatter_adjoints_ = false;
  kernels_ = equipot::lammps::KernelChoice();
  data_range_error_ = false;
  data_range_margin_ = 0.15;
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
    } else if (keyword == "adjoints") {
      if (value == "scatter")
        scatter_adjoints_ = true;
      else if (value != "gather")
        error->all(FLERR, "pair_style equipot: adjoints must be 'gather' or 'scatter', got '{}'", value);
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
    } else if (keyword == "radial") {
      if (value == "exact")
        kernels_.exact_radial = true;
      else if (value != "table")
        error->all(FLERR, "pair_style equipot: radial must be 'table' or 'exact', got '{}'", value);
    } else if (keyword == "data_range") {
      if (value == "error")
        data_range_error_ = true;
      else if (value != "warn")
        error->all(FLERR, "pair_style equipot: data_range must be 'warn' or 'error', got '{}'", value);
    } else if (keyword == "data_range_margin") {
      char *end = nullptr;
      const double margin = std::strtod(value.c_str(), &end);
      if (value.empty() || *end != '\0' || !(margin >= 0.0 && margin < 1.0))
        error->all(FLERR, "pair_style equipot: data_range_margin must be a number from 0 to below 1, got '{}'",
                   value);
      data_range_margin_ = margin;
    } else {
      error->all(FLERR,
                 "pair_style equipot: unknown keyword '{}' (known: precision, ghosts, adjoints, kernels, "
                 "team_size, radial, data_range, data_range_margin)",
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
  equipot::Model model = equipot::lammps::load_model(lmp, "equipot", model_path_);
  // The engine flags edges below the margin under the data's shortest distances.
  for (double &d : model.data_range.shortest) d *= 1.0 - data_range_margin_;
  species_of_type_ =
      equipot::lammps::map_types(lmp, "equipot", model, std::vector<std::string>(arg + 3, arg + 3 + ntypes));
  energy_factor_ = equipot::lammps::energy_conversion(lmp, "equipot", model_path_, model);
  r_cut_ = model.hyper.r_cut;
  species_names_ = model.hyper.species;
  num_layers_ = model.hyper.num_layers;
  try {
    create_adapter(model);
  } catch (const equipot::ModelError &e) {
    // A kernel choice this build cannot run (e.g. more threads per team than Kokkos has).
    error->all(FLERR, "pair_style equipot: {}", e.what());
  }
  if (comm->me == 0) utils::logmesg(lmp, "pair_style equipot: {}\n", radial_tables());

  if (!allocated) {
    allocated = 1;
    memory->create(setflag, ntypes + 1, ntypes + 1, "pair:setflag");
    memory->create(cutsq, ntypes + 1, ntypes + 1, "pair:cutsq");
    memory->create(cutghost, ntypes + 1, ntypes + 1, "pair:cutghost");
  }
  for (int i = 1; i <= ntypes; ++i)
    for (int j = 1; j <= ntypes; ++j) setflag[i][j] = species_of_type_[i] >= 0 && species_of_type_[j] >= 0;
}

void PairEquipot::create_adapter(const equipot::Model &model) {
  adapter_ = std::make_unique<equipot::lammps::HostAdapter>(model, precision_, kernels_, lmp, this);
}

int PairEquipot::exchange_width() const { return adapter_->exchange_width(); }

equipot::lammps::HostHalo &PairEquipot::host_halo() { return adapter_->halo(); }

std::string PairEquipot::radial_tables() const { return adapter_->radial_tables(); }

void PairEquipot::init_style() {
  if (force->newton_pair == 0)
    error->all(FLERR, "pair_style equipot requires newton pair on (forces on ghost atoms, and with adjoints "
                      "scatter their feature adjoints, are returned by reverse communication; with the KOKKOS "
                      "package on GPUs, whose default is newton off: -pk kokkos newton on neigh half)");
  equipot::lammps::request_full_neighbor_list(this, neighbor, instance_me, wide_ghosts_);
  comm_forward = comm_reverse = exchange_width();
  warned_this_run_ = false;
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

double PairEquipot::memory_usage() {
  return Pair::memory_usage() + (adapter_ ? static_cast<double>(adapter_->memory_bytes()) : 0.0);
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
  atoms.scatter_adjoints = scatter_adjoints_;
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
    adapter_->compute(atoms, species_of_type_, energy_factor_, out);
  } catch (const equipot::ModelError &e) {
    // Only this rank's atoms show the problem (e.g. two atoms on top of each other).
    error->one(FLERR, "pair_style equipot: {}", e.what());
  }
  if (eflag_global) eng_vdwl += out.energy_value;
  if (vflag_global)
    for (int k = 0; k < 6; ++k) virial[k] += out.virial_value[k];
  report_short_edges(out.short_edges);
}

void PairEquipot::report_short_edges(const equipot::ShortEdges &edges) {
  pvector[0] = edges.count;
  if (edges.count == 0 || (warned_this_run_ && !data_range_error_)) return;
  const auto name = [this](int i) { return species_names_[species_of_type_[atom->type[i]]]; };
  const int i = edges.destination, j = edges.source;
  const std::string message = fmt::format(
      "step {}: atoms {} ({}) and {} ({}) are {:.4g} A apart, more than {:g}% below the {:.4g} A of the closest {}-{} "
      "pair in the model's training data ({} edge(s) that short on this rank): the model extrapolates",
      update->ntimestep, atom->tag[i], name(i), atom->tag[j], name(j), edges.distance, 100 * data_range_margin_,
      edges.shortest / (1.0 - data_range_margin_), name(i), name(j), edges.count);
  if (data_range_error_) error->one(FLERR, "pair_style equipot: {} (data_range error)", message);
  error->warning(FLERR, "pair_style equipot: {}; said once per run (data_range error stops instead)", message);
  warned_this_run_ = true;
}

int PairEquipot::pack_forward_comm(int n, int *sendlist, double *buf, int, int *) {
  return host_halo().pack_forward(n, sendlist, buf);
}

void PairEquipot::unpack_forward_comm(int n, int first, double *buf) { host_halo().unpack_forward(n, first, buf); }

int PairEquipot::pack_reverse_comm(int n, int first, double *buf) { return host_halo().pack_reverse(n, first, buf); }

void PairEquipot::unpack_reverse_comm(int n, int *sendlist, double *buf) {
  host_halo().unpack_reverse(n, sendlist, buf);
}
