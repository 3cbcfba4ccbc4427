#pragma once
// `equipot eval`: a data set through the Kokkos engine (the code LAMMPS runs), compared with
// its labels. Kokkos must be initialised by the caller.
#include <ostream>
#include <string>

#include "data/extxyz_reader.hpp"
#include "model/engine/tuning.hpp"
#include "model/model.hpp"
#include "train/error_statistics.hpp"
#include "train/plots.hpp"

namespace equipot {

struct DatasetEvaluation {
  ErrorStatistics errors;
  ParityPoints energy_per_atom, forces;
  long frames = 0;
  std::string radial;  // what the engine's radial tables came to (model/radial_table_report.hpp)
};

// Streams the file frame by frame. With per_frame, writes one line per frame: index, origin,
// atoms, reference and predicted energy, energy error per atom, force MAE and RMSE, stress MAE.
// Frames without energy or forces, or with unknown species, are DataErrors naming the frame.
// radial: tables (the default, within their bound) or the exact radial MLP.
DatasetEvaluation evaluate_dataset(const Model& model, const std::string& path, std::ostream* per_frame,
                                   const ExtxyzKeys& keys = {}, RadialEvaluation radial = RadialEvaluation::table);

}  // namespace equipot
