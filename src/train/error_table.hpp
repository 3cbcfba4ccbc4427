#pragma once
// The error table of `equipot eval` and of the end of training: energy per atom, forces
// (overall and per species) and stress, MAE and RMSE in the model's units.
#include <ostream>
#include <string>

#include "model/hyperparameters.hpp"
#include "train/error_statistics.hpp"

namespace equipot {

// "eV" for metal units, "kcal/mol" for real.
std::string energy_unit(const std::string& units);

void print_error_table(std::ostream& out, const ErrorStatistics& errors, const Hyperparameters& hyper);

}  // namespace equipot
