#pragma once
// The parts of `equipot` that need LibTorch. with_training.cpp defines them when the build has
// EQUIPOT_ENABLE_TRAINING=ON; without_training.cpp, with errors that say how to get them, when
// it is OFF (`equipot train` is declared in commands.hpp and follows the same split).
#include <array>
#include <string>
#include <vector>

#include "model/model.hpp"
#include "model/structure.hpp"

namespace equipot::cli {

// One result shape for the engine and the reference model: virial in Voigt order.
struct Evaluation {
  double energy = 0;
  std::vector<double> atom_energies;
  std::vector<Vec3> forces;
  std::array<double, 6> virial{};
};

// `equipot evaluate --reference`: the LibTorch reference model on one structure.
Evaluation evaluate_with_reference(const Model& model, const Structure& structure);

// The LibTorch version for `equipot version`, or why there is none.
std::string libtorch_version();

}  // namespace equipot::cli
