// The training config: defaults, paths relative to the config, and every kind of bad input
// rejected with a message naming the file, the line and the key.
#include <gtest/gtest.h>

#include <fstream>

#include "config/config_error.hpp"
#include "teacher_data.hpp"
#include "train/train_config.hpp"

namespace equipot {
namespace {

std::string write(const std::string& name, const std::string& text) {
  const std::string path = testing::fresh_directory("config-" + name) + "/config.yaml";
  std::ofstream(path) << text;
  return path;
}

const std::string kMinimal = "data:\n  train: data/train.xyz\nmodel:\n  species: [Si]\n";

// The error message of reading the config, or "" if it was accepted.
std::string error_of(const std::string& name, const std::string& text) {
  try {
    read_train_config(write(name, text));
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

TEST(TrainConfig, MinimalConfigTakesTheDefaults) {
  const std::string path = write("minimal", kMinimal);
  const TrainConfig c = read_train_config(path);
  const std::string dir = path.substr(0, path.rfind('/'));
  EXPECT_EQ(c.data.train, dir + "/data/train.xyz");
  EXPECT_EQ(c.output_directory, dir + "/train_output");
  EXPECT_TRUE(c.data.validation.empty());
  EXPECT_DOUBLE_EQ(c.data.validation_fraction, 0.1);
  EXPECT_EQ(c.optimizer.name, "adam");
  EXPECT_EQ(c.epochs, 100);
  EXPECT_FALSE(c.avg_num_neighbors_given);
  EXPECT_EQ(c.model.species, std::vector<std::string>{"Si"});
}

TEST(TrainConfig, ReadsEverySection) {
  const TrainConfig c = read_train_config(write("full", kMinimal +
      "  avg_num_neighbors: 12.5\nloss:\n  forces: 100\n  stress: 2\noptimizer:\n  name: adamw\n"
      "  learning_rate: 0.001\n  weight_decay: 0.01\ntraining:\n  epochs: 7\n  batch_size: 2\n  seed: 42\n"
      "  early_stopping_patience: 5\noutput: /tmp/somewhere\n"));
  EXPECT_TRUE(c.avg_num_neighbors_given);
  EXPECT_DOUBLE_EQ(c.model.avg_num_neighbors, 12.5);
  EXPECT_DOUBLE_EQ(c.loss.forces, 100);
  EXPECT_DOUBLE_EQ(c.loss.stress, 2);
  EXPECT_EQ(c.optimizer.name, "adamw");
  EXPECT_EQ(c.epochs, 7);
  EXPECT_EQ(c.seed, 42u);
  EXPECT_EQ(c.schedule.early_stopping_patience, 5);
  EXPECT_EQ(c.output_directory, "/tmp/somewhere");
}

TEST(TrainConfig, RejectsUnknownKeysWithTheirLine) {
  EXPECT_NE(error_of("unknown-top", kMinimal + "epochs: 5\n").find("config.yaml:5: unknown key 'epochs' in 'top level'"),
            std::string::npos);
  EXPECT_NE(error_of("unknown-training", kMinimal + "training:\n  epoch: 5\n")
                .find("config.yaml:6: unknown key 'epoch' in 'training'"),
            std::string::npos);
  EXPECT_NE(error_of("unknown-model", kMinimal + "  chanels: 5\n").find("config.yaml:5: unknown key 'chanels' in 'model'"),
            std::string::npos);
}

TEST(TrainConfig, RejectsBadValuesNamingTheKey) {
  EXPECT_NE(error_of("epochs", kMinimal + "training:\n  epochs: 0\n").find("config.yaml:6: 'epochs' must be an integer >= 1"),
            std::string::npos);
  EXPECT_NE(error_of("batch", kMinimal + "training:\n  batch_size: many\n").find("'batch_size' must be an integer"),
            std::string::npos);
  EXPECT_NE(error_of("optimizer", kMinimal + "optimizer:\n  name: sgd\n").find("'name' must be 'adam' or 'adamw'"),
            std::string::npos);
  EXPECT_NE(error_of("lr", kMinimal + "optimizer:\n  learning_rate: -1\n").find("'learning_rate' must be a number > 0"),
            std::string::npos);
  EXPECT_NE(error_of("ema", kMinimal + "optimizer:\n  ema_decay: 1\n").find("'ema_decay' must be below 1"),
            std::string::npos);
  EXPECT_NE(error_of("weights", kMinimal + "loss:\n  energy_per_atom: 0\n  forces: 0\n")
                .find("'loss' needs at least one weight > 0"),
            std::string::npos);
  EXPECT_NE(error_of("fraction", kMinimal + "  validation_fraction: 1\n").find("unknown key 'validation_fraction' in 'model'"),
            std::string::npos);
  EXPECT_NE(error_of("fraction2", "data:\n  train: t.xyz\n  validation_fraction: 1.5\nmodel:\n  species: [Si]\n")
                .find("config.yaml:3: 'validation_fraction' must be between 0 and 1"),
            std::string::npos);
  EXPECT_NE(error_of("seed", kMinimal + "training:\n  seed: -3\n").find("'seed' must be a non-negative integer"),
            std::string::npos);
}

TEST(TrainConfig, RejectsMissingSectionsAndBadModels) {
  EXPECT_NE(error_of("no-data", "model:\n  species: [Si]\n").find("missing section 'data'"), std::string::npos);
  EXPECT_NE(error_of("no-train", "data:\n  validation: v.xyz\nmodel:\n  species: [Si]\n")
                .find("'data' needs 'train'"),
            std::string::npos);
  EXPECT_NE(error_of("no-species", "data:\n  train: t.xyz\nmodel:\n  l_max: 2\n").find("'model' needs 'species'"),
            std::string::npos);
  EXPECT_NE(error_of("bad-model", kMinimal + "  l_max: -1\n").find("l_max"), std::string::npos);
  EXPECT_NE(error_of("syntax", "data: [unclosed\n").find("YAML syntax error"), std::string::npos);
}

}  // namespace
}  // namespace equipot
