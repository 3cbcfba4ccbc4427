/* -*- c++ -*- */
#pragma once
// What pair_coeff does for both equipot styles: read the model on rank 0, broadcast it, map
// LAMMPS types to model species by name, and find the energy conversion to LAMMPS units.
// Every failure is an error->all (all ranks see the same broadcast data) naming the problem.
#include <string>
#include <vector>

#include "model/model.hpp"

namespace LAMMPS_NS {
class LAMMPS;
}

namespace equipot::lammps {

// The model in path, read by rank 0 and decoded on every rank.
Model load_model(LAMMPS_NS::LAMMPS* lmp, const std::string& style, const std::string& path);

// species[t] for LAMMPS type t = 1..ntypes (index 0 unused): the model species index, or -1
// for NULL. names are the pair_coeff words after the model file.
std::vector<int> map_types(LAMMPS_NS::LAMMPS* lmp, const std::string& style, const Model& model,
                           const std::vector<std::string>& names);

// Factor from the model's energy unit to LAMMPS's (1 when they match; metal <-> real is
// converted, any other pair of units is an error).
double energy_conversion(LAMMPS_NS::LAMMPS* lmp, const std::string& style, const std::string& path,
                         const Model& model);

}  // namespace equipot::lammps
