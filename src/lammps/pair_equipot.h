/* -*- c++ -*- */
// pair_style equipot: the equipot model (docs/model.md) in any LAMMPS build. The engine runs
// with Kokkos on the host; node features of ghost atoms, and in the backward pass the message
// adjoints each atom gathers its own feature adjoints from, are filled layer by layer through
// LAMMPS forward communication (docs/lammps.md, "How it runs in parallel"), so results do not
// depend on the domain decomposition. For comparison, `adjoints scatter` returns feature
// adjoints by reverse communication instead, and `ghosts wide` takes ghosts to T r_cut and
// computes their features on every rank.
#ifdef PAIR_CLASS
// clang-format off
PairStyle(equipot,PairEquipot);
// clang-format on
#else

#ifndef LMP_PAIR_EQUIPOT_H
#define LMP_PAIR_EQUIPOT_H

#include <memory>
#include <string>
#include <vector>

#include "kernel_choice.h"
#include "model/precision.hpp"
#include "pair.h"

namespace equipot {
struct Model;
struct ShortEdges;
namespace lammps {
class HostAdapter;
class HostHalo;
}
}  // namespace equipot

namespace LAMMPS_NS {

class PairEquipot : public Pair {
 public:
  PairEquipot(class LAMMPS *);
  ~PairEquipot() override;
  void compute(int, int) override;
  void settings(int, char **) override;
  void coeff(int, char **) override;
  void init_style() override;
  double init_one(int, int) override;
  // LAMMPS's "Per MPI rank memory" includes the engine's buffers.
  double memory_usage() override;

  // Halo exchange of one layer's rows on the host: features and message adjoints forward,
  // feature adjoints in reverse (adjoints scatter). The adapter whose exchange is in progress
  // does the work (host_halo.h).
  int pack_forward_comm(int, int *, double *, int, int *) override;
  void unpack_forward_comm(int, int, double *) override;
  int pack_reverse_comm(int, int, double *) override;
  void unpack_reverse_comm(int, int *, double *) override;

 protected:
  // The adapter for this style, the doubles per atom it exchanges and its host communication
  // callbacks; the Kokkos style makes its own.
  virtual void create_adapter(const equipot::Model &model);
  virtual int exchange_width() const;
  virtual equipot::lammps::HostHalo &host_halo();
  // What the engine's radial tables came to, for the log (src/model/radial_table_report.hpp).
  virtual std::string radial_tables() const;
  // Counts this rank's edges below the model's data range in pvector[0] (compute pair) and
  // warns once per run, naming the furthest-below edge, or stops with data_range error.
  void report_short_edges(const equipot::ShortEdges &edges);

  std::unique_ptr<equipot::lammps::HostAdapter> adapter_;
  std::string model_path_;
  equipot::Precision precision_ = equipot::Precision::Double;  // pair_style ... precision double|mixed
  bool wide_ghosts_ = false;  // pair_style ... ghosts wide: ghosts to T r_cut, no exchange per layer
  bool scatter_adjoints_ = false;  // pair_style ... adjoints scatter: dE/dg by reverse communication
  equipot::lammps::KernelChoice kernels_;  // pair_style ... kernels auto|device team_size N
  bool data_range_error_ = false;  // pair_style ... data_range warn|error
  double data_range_margin_ = 0.15;  // pair_style ... data_range_margin: fraction below the data
  bool warned_this_run_ = false;
  std::vector<std::string> species_names_;  // the model's
  double r_cut_ = 0.0;
  int num_layers_ = 0;
  double energy_factor_ = 1.0;   // model energy unit -> LAMMPS energy unit
  std::vector<int> species_of_type_;  // 1..ntypes, -1 for NULL
};

}  // namespace LAMMPS_NS

#endif
#endif
