#pragma once
// Labelled structures as one batch of tensors for the reference model: the graph plus the
// reference values, and the per-batch loss and error sums computed from a model evaluation.
#include <torch/torch.h>

#include <vector>

#include "torch/graph_batch.hpp"
#include "torch/reference_model.hpp"
#include "train/error_statistics.hpp"
#include "train/labelled_data.hpp"
#include "train/rank_group.hpp"
#include "train/train_config.hpp"

namespace equipot {

struct TrainingBatch {
  reference::GraphBatch graph;
  torch::Tensor energies;    // (B)
  torch::Tensor num_atoms;   // (B), float64
  torch::Tensor forces;      // (N, 3)
  torch::Tensor stress;      // (B, 3, 3), zero where a structure has none
  torch::Tensor has_stress;  // (B), 1 or 0
  torch::Tensor volumes;     // (B), 1 where a structure has no stress (never divides by 0)
};

TrainingBatch make_training_batch(const std::vector<const LabelledStructure*>& items, double r_cut);

// The counts a batch's loss terms are divided by. Taken from the whole batch, so that the losses
// of its shares on several ranks add up to the batch's loss (rank_group.hpp).
struct LossScale {
  double structures = 0;
  double force_components = 0;
  double stressed_structures = 0;
};
LossScale loss_scale(const std::vector<const LabelledStructure*>& items);
LossScale loss_scale(const TrainingBatch& batch);  // a batch that is whole

// Weighted sum of mean squared errors: energy per atom, force components, stress components
// (over the structures that have a stress), each summed over the batch (or a share of it) and
// divided by scale's count of the whole batch.
torch::Tensor batch_loss(const BatchEvaluation& predicted, const TrainingBatch& batch, const LossWeights& weights,
                         const LossScale& scale);

void add_batch_errors(const BatchEvaluation& predicted, const TrainingBatch& batch, ErrorStatistics& errors);

// One optimizer step on a batch whose share on this rank is `share` (none: this rank has no
// structure of the batch): evaluation with a differentiable force and virial, the loss, its
// gradient summed over the ranks, clipping to max_gradient_norm (when > 0), the step. Returns
// the evaluation of the share (for metrics) and sets loss to the whole batch's loss.
BatchEvaluation training_step(const ReferenceModel& model, torch::optim::Optimizer& optimizer,
                              const std::vector<torch::Tensor>& trainable, const TrainingBatch* share,
                              const LossWeights& weights, const LossScale& scale, double max_gradient_norm,
                              const RankGroup& ranks, double& loss);

// -virial / volume of every structure, (B, 3, 3).
torch::Tensor predicted_stress(const BatchEvaluation& predicted, const TrainingBatch& batch);

}  // namespace equipot
