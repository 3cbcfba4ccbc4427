#pragma once
// One labelled structure of a data set: geometry plus the reference values a model is trained
// on or checked against. Labels are optional here; the trainer decides which it requires.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "model/structure.hpp"

namespace equipot {

struct Frame {
  std::vector<std::string> symbols;  // chemical name per atom
  std::vector<Vec3> positions;
  std::array<Vec3, 3> cell{};        // rows are lattice vectors
  std::array<bool, 3> pbc{false, false, false};
  std::optional<double> energy;
  std::optional<std::vector<Vec3>> forces;
  // Virial in energy units, LAMMPS sign (W = -V * stress in ASE's convention), row-major 3x3.
  std::optional<std::array<double, 9>> virial;
  std::string origin;  // "file:line" of the frame's first line, for messages

  int num_atoms() const { return static_cast<int>(positions.size()); }
};

// The frame as a Structure for a model with these species (in model order). Throws DataError
// naming the frame and the symbol for a species the model does not have.
Structure to_structure(const Frame& frame, const std::vector<std::string>& species);

}  // namespace equipot
