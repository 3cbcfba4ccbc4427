// `equipot eval`'s core: a data set through the Kokkos engine against its labels.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "data/data_error.hpp"
#include "model/initialise.hpp"
#include "teacher_data.hpp"
#include "train/dataset_evaluation.hpp"
#include "train/error_table.hpp"

namespace equipot {
namespace {

TEST(DatasetEvaluation, TheTeacherHasNoErrorOnItsOwnData) {
  const std::string path = testing::fresh_directory("eval-teacher") + "/data.xyz";
  const Model teacher = testing::write_teacher_frames(path, 5, 21);
  std::stringstream per_frame;
  const DatasetEvaluation result = evaluate_dataset(teacher, path, &per_frame);
  EXPECT_EQ(result.frames, 5);
  EXPECT_LT(result.errors.energy_per_atom.mae(), 1e-10);
  EXPECT_LT(result.errors.forces.rmse(), 1e-10);
  EXPECT_LT(result.errors.stress.mae(), 1e-10);
  EXPECT_EQ(result.errors.forces.count, 5 * 8 * 3);
  EXPECT_EQ(result.errors.forces_by_species[0].count + result.errors.forces_by_species[1].count, 5 * 8 * 3);
  EXPECT_EQ(result.forces.reference.size(), 5u * 8 * 3);

  std::string line;
  int lines = 0;
  while (std::getline(per_frame, line)) ++lines;
  EXPECT_EQ(lines, 1 + 5);

  std::stringstream table;
  print_error_table(table, result.errors, teacher.hyper);
  EXPECT_NE(table.str().find("force (O)"), std::string::npos) << table.str();
  EXPECT_NE(table.str().find("energy per atom        eV/atom"), std::string::npos) << table.str();
}

TEST(DatasetEvaluation, ADifferentModelHasErrors) {
  const std::string path = testing::fresh_directory("eval-other") + "/data.xyz";
  testing::write_teacher_frames(path, 3, 22);
  const DatasetEvaluation result = evaluate_dataset(initialise_model(testing::small_hyperparameters(), 99), path, nullptr);
  EXPECT_GT(result.errors.forces.mae(), 1e-3);
}

TEST(DatasetEvaluation, RejectsUnknownSpeciesNamingTheFrame) {
  const std::string path = testing::fresh_directory("eval-species") + "/data.xyz";
  std::ofstream(path) << "1\nProperties=species:S:1:pos:R:3:forces:R:3 energy=-1.0 pbc=\"F F F\"\nXe 0 0 0 0 0 0\n";
  try {
    evaluate_dataset(initialise_model(testing::small_hyperparameters(), 1), path, nullptr);
    FAIL() << "an unknown species was accepted";
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("data.xyz:1: frame 1: atom 1 has species 'Xe'"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace equipot
