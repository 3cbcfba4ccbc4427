#pragma once
// Quantities the trainer measures on the training set before the first step: they set the
// model's per-species energy shifts and scales and its message normalization, so that a
// freshly initialised model starts at the right energy and force scale.
#include <vector>

#include "train/labelled_data.hpp"

namespace equipot {

// Per-species energies e_s minimising sum_frames (E - sum_s n_s e_s)^2 (least squares over
// species counts; the minimum-norm solution where counts are collinear).
std::vector<double> fit_energy_shifts(const std::vector<LabelledStructure>& data, int num_species);

// Mean number of neighbours within r_cut per atom (periodic images included).
double average_num_neighbors(const std::vector<LabelledStructure>& data, double r_cut);

// Root mean square of all force components; 1 if every force is zero.
double force_rms(const std::vector<LabelledStructure>& data);

}  // namespace equipot
