#pragma once
// The `equipot train` config (docs/training.md lists every key): data files, model
// hyperparameters, loss weights, optimizer, schedule and output folder. Unknown keys and bad
// values are ConfigErrors naming the file, the line and the key.
#include <cstdint>
#include <string>

#include "data/extxyz_reader.hpp"
#include "model/hyperparameters.hpp"

namespace equipot {

struct DataConfig {
  std::string train;       // extended XYZ; relative paths are taken from the config's folder
  std::string validation;  // empty: validation_fraction of the training file, chosen by the seed
  double validation_fraction = 0.1;
  ExtxyzKeys keys;
};

struct LossWeights {
  double energy_per_atom = 1.0;  // on (E_pred - E_ref) / N, squared
  double forces = 1.0;           // on every force component, squared
  double stress = 0.0;           // on every stress component (-virial / volume), squared
};

struct OptimizerConfig {
  std::string name = "adam";  // adam or adamw
  double learning_rate = 0.005;
  double weight_decay = 0.0;
  double ema_decay = 0.99;           // 0: no moving average of the weights
  double max_gradient_norm = 0.0;    // 0: no clipping
};

struct ScheduleConfig {
  double lr_factor = 0.5;  // reduce on plateau of the validation loss
  int lr_patience = 10;    // epochs without improvement before a reduction
  double min_learning_rate = 1e-6;
  int early_stopping_patience = 0;  // epochs without improvement before stopping; 0: never
};

struct TrainConfig {
  DataConfig data;
  Hyperparameters model;
  bool avg_num_neighbors_given = false;  // else measured on the training data
  LossWeights loss;
  OptimizerConfig optimizer;
  ScheduleConfig schedule;
  int epochs = 100;
  int batch_size = 4;
  uint64_t seed = 0;
  int threads = 0;  // 0: every available core
  std::string output_directory = "train_output";
  // Fine-tuning: start from this model file's weights (its species shifts and scales and its
  // avg_num_neighbors included) instead of a random model; empty: random start.
  std::string initial_model;
};

TrainConfig read_train_config(const std::string& path);

}  // namespace equipot
