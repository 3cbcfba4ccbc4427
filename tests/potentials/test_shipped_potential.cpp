// A shipped potential (potentials/<name>/, folder given by EQUIPOT_POTENTIAL_DIR) still loads
// and, through the Kokkos engine, reproduces the energy, forces and virial it gave when it
// shipped for the structure in regression.xyz (written by `equipot evaluate --xyz`). A change of
// the model format, the engine or the units shows up here as a failure, not as quietly
// different physics.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "model/model_file.hpp"
#include "train/dataset_evaluation.hpp"

namespace equipot {
namespace {

std::string potential_dir() {
  const char* dir = std::getenv("EQUIPOT_POTENTIAL_DIR");
  return dir ? dir : "";
}

TEST(ShippedPotential, ReproducesItsStoredLabels) {
  const std::string dir = potential_dir();
  ASSERT_FALSE(dir.empty()) << "set EQUIPOT_POTENTIAL_DIR to a folder of potentials/";
  const Model model = read_model_file(dir + "/model.pt");
  const DatasetEvaluation result = evaluate_dataset(model, dir + "/regression.xyz", nullptr);
  ASSERT_EQ(result.frames, 1);
  EXPECT_GT(result.errors.forces.count, 0);
  // Stored with 17 digits; the engine sums in another order on other thread counts.
  EXPECT_LT(result.errors.energy_per_atom.mae(), 1e-10);
  EXPECT_LT(result.errors.forces.mae(), 1e-9);
  EXPECT_LT(result.errors.stress.mae(), 1e-10);
}

}  // namespace
}  // namespace equipot
