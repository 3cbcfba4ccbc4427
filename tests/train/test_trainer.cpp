// The trainer on data from a teacher model: it learns, the deployed model runs unchanged in
// the Kokkos engine, a seed fixes the result bit for bit, and a resumed run equals an
// uninterrupted one.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "config/config_error.hpp"
#include "data/data_error.hpp"
#include "model/initialise.hpp"
#include "model/engine/evaluate.hpp"
#include "model/model_file.hpp"
#include "teacher_data.hpp"
#include "train/interrupt.hpp"
#include "train/train_config.hpp"
#include "train/trainer.hpp"

namespace equipot {
namespace {

// A config for the small model of teacher_data.hpp, in dir, training on train.xyz there.
std::string write_config(const std::string& dir, int epochs, const std::string& extra = "") {
  const std::string path = dir + "/config.yaml";
  std::ofstream(path) << "data:\n  train: train.xyz\n  validation: validation.xyz\n"
                         "model:\n  species: [H, O]\n  r_cut: 3.0\n  num_basis: 4\n  num_layers: 1\n"
                         "  l_max: 1\n  channels: 8\n  radial_hidden: [16]\n  readout_hidden: 8\n"
                         "loss:\n  energy_per_atom: 1.0\n  forces: 10.0\n  stress: 1.0\n"
                         "optimizer:\n  learning_rate: 0.02\n  ema_decay: 0.9\n  max_gradient_norm: 100\n"
                         "training:\n  epochs: "
                      << epochs << "\n  batch_size: 4\n  seed: 3\n  threads: 1\n" << extra << "output: run\n";
  return path;
}

std::string teacher_dataset(const std::string& name) {
  const std::string dir = testing::fresh_directory(name);
  testing::write_teacher_frames(dir + "/train.xyz", 24, 11);
  testing::write_teacher_frames(dir + "/validation.xyz", 8, 12);
  return dir;
}

// Validation force MAE per epoch from metrics.csv (column 10).
std::vector<double> validation_force_mae(const std::string& csv) {
  std::ifstream in(csv);
  std::string line;
  std::getline(in, line);
  std::vector<double> values;
  while (std::getline(in, line)) {
    std::stringstream fields(line);
    std::string field;
    for (int column = 1; column <= 10; ++column) std::getline(fields, field, ',');
    values.push_back(std::stod(field));
  }
  return values;
}

bool is_png(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char signature[8] = {};
  in.read(signature, 8);
  return in && std::string(signature, 8) == "\x89PNG\r\n\x1a\n" && std::filesystem::file_size(path) > 1000;
}

std::vector<torch::Tensor> weights_of(const ReferenceModel& model) {
  std::vector<torch::Tensor> weights;
  for (const auto& entry : model.weights()) weights.push_back(entry.second.detach().clone());
  return weights;
}

void expect_bitwise_equal(const std::vector<torch::Tensor>& a, const std::vector<torch::Tensor>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t k = 0; k < a.size(); ++k) EXPECT_TRUE(torch::equal(a[k], b[k])) << "weight " << k;
}

TEST(Trainer, LearnsTheTeacherAndDeploysToTheEngine) {
  const std::string dir = teacher_dataset("learns");
  std::stringstream log;
  Trainer trainer(read_train_config(write_config(dir, 30)), false, log);
  const TrainingOutcome outcome = trainer.run();
  ASSERT_FALSE(outcome.interrupted);
  const auto mae = validation_force_mae(dir + "/run/metrics.csv");
  ASSERT_EQ(mae.size(), 31u) << log.str();
  const double best = *std::min_element(mae.begin() + 1, mae.end());
  EXPECT_LT(best, mae[0] / 5) << "force MAE at the start " << mae[0] << ", best " << best << "\n" << log.str();

  // The deployed file in the Kokkos engine equals the trained LibTorch model.
  const Model deployed = read_model_file(outcome.model_path);
  Structure s;
  s.pbc = {true, true, true};
  s.cell = {Vec3{5, 0, 0}, Vec3{0, 5, 0}, Vec3{0, 0, 5}};
  s.positions = {{0.1, 0.2, 0.3}, {1.3, 0.4, 0.2}, {0.5, 1.6, 0.9}, {2.9, 2.5, 1.1}, {4.1, 0.3, 3.8}};
  s.species = {0, 1, 0, 1, 0};
  // Exactly with the exact radial MLP; with radial tables (the default) within their bounds
  // (docs/engine.md, "Radial tables": forces 1e-8 of the largest component).
  const ReferenceResult expected = trainer.model().evaluate(s);
  const EngineResult engine = evaluate(deployed, s, Precision::Double, RadialEvaluation::exact);
  const EngineResult tabulated = evaluate(deployed, s);
  EXPECT_NEAR(engine.energy, expected.energy, 1e-10 * std::abs(expected.energy));
  EXPECT_NEAR(tabulated.energy, expected.energy, 1e-10 * std::abs(expected.energy));
  double scale = 0;
  for (const auto& f : expected.forces) scale = std::max({scale, std::abs(f[0]), std::abs(f[1]), std::abs(f[2])});
  for (int i = 0; i < s.num_atoms(); ++i)
    for (int k = 0; k < 3; ++k) {
      EXPECT_NEAR(engine.forces[i][k], expected.forces[i][k], 1e-10 * scale);
      EXPECT_NEAR(tabulated.forces[i][k], expected.forces[i][k], 1e-8 * scale);
    }

  // It records the range of its training set (the measurement itself: test_model_file.cpp).
  ASSERT_TRUE(deployed.data_range.recorded());
  int64_t atoms = 0;
  for (int64_t n : deployed.data_range.atoms) atoms += n;
  EXPECT_GT(atoms, 0);
  for (double d : deployed.data_range.shortest) EXPECT_LT(d, deployed.hyper.r_cut);

  for (const char* picture : {"learning_curves.png", "energy_parity.png", "force_parity.png"})
    EXPECT_TRUE(is_png(dir + "/run/" + picture)) << picture << "\n" << log.str();
  EXPECT_TRUE(std::filesystem::exists(dir + "/run/checkpoint.pt"));
}

TEST(Trainer, SameSeedGivesBitwiseIdenticalWeights) {
  const std::string dir = teacher_dataset("seed");
  std::vector<std::vector<torch::Tensor>> results;
  for (int run = 0; run < 2; ++run) {
    std::filesystem::remove_all(dir + "/run");
    std::stringstream log;
    Trainer trainer(read_train_config(write_config(dir, 3)), false, log);
    trainer.run();
    results.push_back(weights_of(trainer.model()));
  }
  expect_bitwise_equal(results[0], results[1]);
}

TEST(Trainer, ResumeAfterAnInterruptionContinuesExactly) {
  const std::string dir = teacher_dataset("resume");
  std::stringstream log;
  Trainer straight(read_train_config(write_config(dir, 4)), false, log);
  straight.run();
  const auto expected = weights_of(straight.model());
  std::filesystem::remove_all(dir + "/run");

  // Interrupted in the middle of epoch 3: the checkpoint of epoch 2 stays, epoch 3 is redone.
  const TrainConfig config = read_train_config(write_config(dir, 4));
  {
    Trainer first(config, false, log);
    first.after_batch = [](int epoch, int batch) {
      if (epoch == 3 && batch == 2) request_interrupt();
    };
    const TrainingOutcome outcome = first.run();
    clear_interrupt();
    ASSERT_TRUE(outcome.interrupted);
    EXPECT_EQ(outcome.last_epoch, 2);
    EXPECT_NE(log.str().find("the checkpoint of epoch 2 in"), std::string::npos) << log.str();
  }
  Trainer resumed(config, true, log);
  const TrainingOutcome outcome = resumed.run();
  EXPECT_EQ(outcome.last_epoch, 4);
  expect_bitwise_equal(weights_of(resumed.model()), expected);
  EXPECT_EQ(validation_force_mae(dir + "/run/metrics.csv").size(), 5u) << "one row per epoch, 0..4";
}

TEST(Trainer, RefusesToOverwriteACheckpointWithoutResume) {
  const std::string dir = teacher_dataset("refuses");
  std::stringstream log;
  Trainer(read_train_config(write_config(dir, 1)), false, log).run();
  try {
    Trainer again(read_train_config(write_config(dir, 1)), false, log);
    FAIL() << "a second fresh run in the same folder was accepted";
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("already holds a checkpoint: continue it with --resume"), std::string::npos)
        << e.what();
  }
}

TEST(Trainer, FineTuningStartsFromTheGivenModel) {
  const std::string dir = testing::fresh_directory("init-from");
  const Model teacher = testing::write_teacher_frames(dir + "/train.xyz", 8, 11);
  testing::write_teacher_frames(dir + "/validation.xyz", 4, 12);
  write_model_file(teacher, dir + "/teacher.pt");
  std::stringstream log;
  Trainer(read_train_config(write_config(dir, 1, "init_from: teacher.pt\n")), false, log).run();
  // Before any step the model is the teacher that labelled the data: no error at all.
  EXPECT_LT(validation_force_mae(dir + "/run/metrics.csv").at(0), 1e-10) << log.str();
}

TEST(Trainer, FineTuningRejectsAnotherArchitecture) {
  const std::string dir = testing::fresh_directory("init-from-other");
  testing::write_teacher_frames(dir + "/train.xyz", 4, 11);
  testing::write_teacher_frames(dir + "/validation.xyz", 2, 12);
  Hyperparameters wider = testing::small_hyperparameters();
  wider.channels = 4;
  write_model_file(initialise_model(wider, 1), dir + "/other.pt");
  std::stringstream log;
  try {
    Trainer trainer(read_train_config(write_config(dir, 1, "init_from: other.pt\n")), false, log);
    FAIL() << "a model of another architecture was accepted";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("other.pt' has channels 4, the config's model has 8"), std::string::npos)
        << e.what();
  }
}

TEST(Trainer, RejectsFramesWithoutForces) {
  const std::string dir = testing::fresh_directory("no-forces");
  std::ofstream(dir + "/train.xyz") << "1\nProperties=species:S:1:pos:R:3 energy=-1.0 pbc=\"F F F\"\nH 0 0 0\n";
  testing::write_teacher_frames(dir + "/validation.xyz", 2, 12);
  std::stringstream log;
  try {
    Trainer trainer(read_train_config(write_config(dir, 1)), false, log);
    FAIL() << "a frame without forces was accepted";
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("train.xyz:1: frame 1: no forces"), std::string::npos) << e.what();
  }
}

TEST(Trainer, RejectsMalformedExtendedXyz) {
  const std::string dir = testing::fresh_directory("malformed");
  testing::write_teacher_frames(dir + "/validation.xyz", 2, 12);
  std::ofstream(dir + "/train.xyz") << "2\nProperties=species:S:1:pos:R:3:forces:R:3 energy=-1.0 pbc=\"F F F\"\n"
                                       "H 0 0 0 0 0 0\nH 1 0 zero 0 0 0\n";
  std::stringstream log;
  try {
    Trainer trainer(read_train_config(write_config(dir, 1)), false, log);
    FAIL() << "a malformed file was accepted";
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("train.xyz:4: frame 1:"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace equipot
