#pragma once
// `equipot train`: fits the LibTorch reference model to labelled structures (docs/training.md).
// Per epoch: seeded shuffle, Adam/AdamW steps on the weighted loss, a moving average of the
// weights, validation with the averaged weights, the learning rate reduced on plateaus, a
// metrics line and CSV row, and a checkpoint. At the end the best averaged weights are
// deployed as OUTPUT/model.pt, with learning curves and parity plots beside it.
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "torch/reference_model.hpp"
#include "train/checkpoint.hpp"
#include "train/rank_group.hpp"
#include "train/labelled_data.hpp"
#include "train/train_config.hpp"
#include "train/training_batch.hpp"
#include "train/weight_average.hpp"

namespace equipot {

struct TrainingOutcome {
  int last_epoch = 0;  // last completed epoch
  int best_epoch = 0;
  double best_validation_loss = 0;
  bool interrupted = false;   // stopped by Ctrl-C (or request_interrupt); nothing deployed
  bool stopped_early = false;
  std::string model_path;     // the deployed model, empty when interrupted
};

class Trainer {
 public:
  // Reads the data and builds the model and the optimizer: fresh (energy shifts, force scale
  // and avg_num_neighbors measured on the training set) or, with resume, from the checkpoint
  // in the output folder. A fresh start refuses a folder that already holds a checkpoint.
  // Under MPI every rank constructs one (rank_group.hpp); rank 0 alone logs and writes files.
  Trainer(const TrainConfig& config, bool resume, std::ostream& log);
  ~Trainer();

  TrainingOutcome run();

  const ReferenceModel& model() const { return *model_; }
  std::string output_path(const std::string& name) const;

  // Redraws a "batch k/n" line in place (for terminals).
  bool live_progress = false;
  // Called after every optimizer step (tests use it to interrupt at a chosen point).
  std::function<void(int epoch, int batch)> after_batch;

 private:
  // The weights a run starts from: the checkpoint's architecture, init_from's model, or a
  // random model with shifts and scales fitted to the training data.
  Model initial_model(const Checkpoint* checkpoint) const;
  void set_up_model(Checkpoint* checkpoint);  // null: a fresh start
  double validate(ErrorStatistics& errors);
  void update_schedule(double validation_loss, int epoch);
  void deploy(TrainingOutcome& outcome);
  void set_learning_rate(double lr);

  TrainConfig config_;
  bool resume_;
  RankGroup ranks_;
  std::ostream silent_{nullptr};  // the log of ranks other than 0
  std::ostream& log_;
  std::vector<LabelledStructure> train_, validation_;
  std::vector<TrainingBatch> validation_batches_;
  std::unique_ptr<ReferenceModel> model_;
  std::vector<torch::Tensor> weights_;    // all of them, in the order of ReferenceModel::weights()
  std::vector<torch::Tensor> trainable_;  // all but species_shift and species_scale
  std::unique_ptr<torch::optim::Optimizer> optimizer_;
  std::unique_ptr<WeightAverage> average_;
  std::vector<torch::Tensor> best_;
  TrainingState state_;
};

}  // namespace equipot
