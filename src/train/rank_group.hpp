#pragma once
// Data-parallel training over MPI ranks (docs/training.md, "Threads and ranks"). Every rank
// reads all the data and starts from the same weights; each takes its share of every batch, and
// the gradients are summed over the ranks before the optimizer step, so every rank takes the
// same step and holds the same weights throughout. The loss of a share is normalised by the
// counts of the whole batch (LossScale), so the summed gradient is the gradient of the batch's
// loss: one rank and N ranks train the same model, up to the order of floating-point sums.
// Without MPI initialised (the library's tests, an embedding program) there is one rank.
#include <torch/torch.h>

#include <cstddef>
#include <vector>

#include "train/error_statistics.hpp"

namespace equipot {

class RankGroup {
 public:
  RankGroup();  // MPI_COMM_WORLD when MPI is initialised, else a group of one

  int rank() const { return rank_; }
  int size() const { return size_; }
  bool is_root() const { return rank_ == 0; }
  int ranks_on_this_node() const { return ranks_on_node_; }

  // This rank's items of a batch: positions k with k % size == rank.
  template <class T>
  std::vector<T> share(const std::vector<T>& batch) const {
    std::vector<T> mine;
    for (size_t k = rank_; k < batch.size(); k += size_) mine.push_back(batch[k]);
    return mine;
  }

  // Sums over the ranks, in place; an undefined gradient counts as zero and comes back defined.
  // Every rank gets the same bits (summed on rank 0, then broadcast): an all-reduce may add in
  // a different order on each rank, and weights that differ in the last bit drift apart.
  void sum_gradients(const std::vector<torch::Tensor>& parameters) const;
  double sum(double value) const;
  void sum(ErrorStatistics& statistics) const;
  // True on every rank if it is true on any (a Ctrl-C seen by one rank stops all at one batch).
  bool any(bool value) const;

 private:
  void sum_in_place(double* values, std::size_t count) const;
  void sum_in_place(long* values, std::size_t count) const;

  int rank_ = 0, size_ = 1, ranks_on_node_ = 1;
};

}  // namespace equipot
