#include "train/training_batch.hpp"

namespace equipot {
namespace {

const auto kFloat64 = torch::TensorOptions().dtype(torch::kDouble);

}  // namespace

TrainingBatch make_training_batch(const std::vector<const LabelledStructure*>& items, double r_cut) {
  std::vector<Structure> structures;
  for (const auto* item : items) structures.push_back(item->structure);
  TrainingBatch batch;
  batch.graph = reference::make_graph_batch(structures, r_cut);

  const auto n = static_cast<int64_t>(items.size());
  std::vector<double> energies, num_atoms, forces, stress, has_stress, volumes;
  for (const auto* item : items) {
    energies.push_back(item->energy);
    num_atoms.push_back(item->structure.num_atoms());
    for (const auto& f : item->forces) forces.insert(forces.end(), f.begin(), f.end());
    const bool labelled = item->stress.has_value();
    const std::array<double, 9> values = labelled ? *item->stress : std::array<double, 9>{};
    stress.insert(stress.end(), values.begin(), values.end());
    has_stress.push_back(labelled ? 1.0 : 0.0);
    volumes.push_back(labelled ? cell_volume(item->structure) : 1.0);
  }
  batch.energies = torch::tensor(energies, kFloat64);
  batch.num_atoms = torch::tensor(num_atoms, kFloat64);
  batch.forces = torch::tensor(forces, kFloat64).reshape({-1, 3});
  batch.stress = torch::tensor(stress, kFloat64).reshape({n, 3, 3});
  batch.has_stress = torch::tensor(has_stress, kFloat64);
  batch.volumes = torch::tensor(volumes, kFloat64);
  return batch;
}

torch::Tensor predicted_stress(const BatchEvaluation& predicted, const TrainingBatch& batch) {
  return -predicted.virials / batch.volumes.view({-1, 1, 1});
}

LossScale loss_scale(const std::vector<const LabelledStructure*>& items) {
  LossScale scale;
  for (const auto* item : items) {
    scale.structures += 1;
    scale.force_components += 3.0 * item->structure.num_atoms();
    scale.stressed_structures += item->stress.has_value() ? 1 : 0;
  }
  return scale;
}

LossScale loss_scale(const TrainingBatch& batch) {
  return {static_cast<double>(batch.graph.num_structures), 3.0 * batch.num_atoms.sum().item<double>(),
          batch.has_stress.sum().item<double>()};
}

torch::Tensor batch_loss(const BatchEvaluation& predicted, const TrainingBatch& batch, const LossWeights& weights,
                         const LossScale& scale) {
  auto loss = torch::zeros({}, kFloat64);
  if (weights.energy_per_atom > 0)
    loss = loss + weights.energy_per_atom *
                      ((predicted.energies - batch.energies) / batch.num_atoms).square().sum() / scale.structures;
  if (weights.forces > 0)
    loss = loss + weights.forces * (predicted.forces - batch.forces).square().sum() / scale.force_components;
  if (weights.stress > 0 && scale.stressed_structures > 0) {
    const auto squared = (predicted_stress(predicted, batch) - batch.stress).square().sum({1, 2}) * batch.has_stress;
    loss = loss + weights.stress * squared.sum() / (9.0 * scale.stressed_structures);
  }
  return loss;
}

BatchEvaluation training_step(const ReferenceModel& model, torch::optim::Optimizer& optimizer,
                              const std::vector<torch::Tensor>& trainable, const TrainingBatch* share,
                              const LossWeights& weights, const LossScale& scale, double max_gradient_norm,
                              const RankGroup& ranks, double& loss) {
  optimizer.zero_grad();
  BatchEvaluation predicted;
  double share_loss = 0;
  if (share) {
    predicted = model.evaluate_batch(share->graph, /*create_graph=*/true);
    const auto loss_tensor = batch_loss(predicted, *share, weights, scale);
    loss_tensor.backward();
    share_loss = loss_tensor.item<double>();
  }
  ranks.sum_gradients(trainable);
  loss = ranks.sum(share_loss);
  if (max_gradient_norm > 0) torch::nn::utils::clip_grad_norm_(trainable, max_gradient_norm);
  optimizer.step();
  return predicted;
}

void add_batch_errors(const BatchEvaluation& predicted, const TrainingBatch& batch, ErrorStatistics& errors) {
  const auto energies = predicted.energies.detach().contiguous();
  const auto forces = predicted.forces.detach().contiguous();
  const auto stress = predicted_stress(predicted, batch).detach().contiguous();
  const auto species = batch.graph.species.contiguous();
  const int64_t n_structures = batch.graph.num_structures, n_atoms = species.size(0);
  for (int64_t b = 0; b < n_structures; ++b) {
    errors.add_energy(energies[b].item<double>(), batch.energies[b].item<double>(),
                      static_cast<int>(batch.num_atoms[b].item<double>()));
    if (batch.has_stress[b].item<double>() > 0)
      errors.add_stress(stress.data_ptr<double>() + 9 * b, batch.stress.data_ptr<double>() + 9 * b);
  }
  for (int64_t i = 0; i < n_atoms; ++i)
    errors.add_force(static_cast<int>(species.data_ptr<int64_t>()[i]), forces.data_ptr<double>() + 3 * i,
                     batch.forces.data_ptr<double>() + 3 * i);
}

}  // namespace equipot
