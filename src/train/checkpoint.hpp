#pragma once
// The trainer's checkpoint, written after every epoch: weights, their moving average, the
// best weights so far, the optimizer's moments, the schedule counters and the epoch. The
// shuffling of epoch e depends only on (seed, e), so this is all the random state there is
// and a resumed run repeats an uninterrupted one bit for bit.
// Written to a temporary file and renamed, so a crash never leaves a half-written checkpoint.
#include <torch/torch.h>

#include <cstdint>
#include <string>
#include <vector>

namespace equipot {

struct TrainingState {
  int epoch = 0;  // last completed epoch (0: none)
  double learning_rate = 0;
  double best_loss = 0;  // validation loss of the best epoch (infinity: none yet)
  int best_epoch = 0;
  int epochs_since_best = 0;
  int epochs_since_lr_change = 0;  // plateau counter of the learning-rate schedule
  int64_t average_updates = 0;
  double avg_num_neighbors = 1;
  uint64_t seed = 0;
};

struct Checkpoint {
  TrainingState state;
  std::vector<torch::Tensor> weights, averages, best;  // in the order of ReferenceModel::weights()
  torch::serialize::InputArchive optimizer;
};

void write_checkpoint(const std::string& path, const TrainingState& state, const std::vector<torch::Tensor>& weights,
                      const std::vector<torch::Tensor>& averages, const std::vector<torch::Tensor>& best,
                      const torch::optim::Optimizer& optimizer);

// Throws DataError naming the file if it is missing or not an equipot checkpoint.
Checkpoint read_checkpoint(const std::string& path);

}  // namespace equipot
