#pragma once
// Frames turned into what training and evaluation compare against: a Structure in model
// species plus its reference energy, forces and (where the frame has one) stress. Energies
// and forces are required: a frame without them is an error, never silent zeros.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "data/extxyz_reader.hpp"
#include "model/structure.hpp"

namespace equipot {

struct LabelledStructure {
  Structure structure;
  double energy = 0;
  std::vector<Vec3> forces;
  std::optional<std::array<double, 9>> stress;  // -virial / volume, row-major; periodic frames only
  std::string origin;                           // "file:line" of the frame
};

// Throws DataError "file:line: frame K: ..." for a frame without energy or forces, or with a
// species outside the model's list.
LabelledStructure to_labelled(const Frame& frame, const std::vector<std::string>& species);

std::vector<LabelledStructure> read_labelled(const std::string& path, const std::vector<std::string>& species,
                                             const ExtxyzKeys& keys = {});

// Volume of a fully periodic cell, 0 otherwise.
double cell_volume(const Structure& structure);

}  // namespace equipot
