// Forces and virial of the reference model by autograd. The virial is not assembled from edge
// forces: it is the derivative of the energy under a homogeneous strain, so that it checks the
// engine's edge-force formula W = -sum_e r_e (x) dE/dr_e independently.
#include "model/model_error.hpp"
#include "torch/reference_model.hpp"

namespace equipot {
namespace {

// Row vectors v -> v (I + eps), eps chosen per row.
torch::Tensor strained(const torch::Tensor& rows, const torch::Tensor& eps) {
  return rows + torch::bmm(rows.unsqueeze(1), eps).squeeze(1);
}

void require_known_species(const torch::Tensor& species, int num_species) {
  if (species.numel() == 0) return;
  const auto lo = species.min().item<int64_t>(), hi = species.max().item<int64_t>();
  if (lo < 0 || hi >= num_species)
    throw ModelError("reference model: species index " + std::to_string(lo < 0 ? lo : hi) + " is outside 0.." +
                     std::to_string(num_species - 1));
}

torch::Tensor zeros_if_undefined(const torch::Tensor& gradient, const torch::Tensor& like) {
  return gradient.defined() ? gradient : torch::zeros_like(like);
}

}  // namespace

BatchEvaluation ReferenceModel::evaluate_batch(const reference::GraphBatch& batch, bool create_graph) const {
  require_known_species(batch.species, hyper_.num_species());
  const auto positions = batch.positions.detach().clone().requires_grad_(true);
  const auto strain = torch::zeros({batch.num_structures, 3, 3}, positions.options()).requires_grad_(true);

  const auto x = strained(positions, strain.index_select(0, batch.structure));
  const auto edge_structure = batch.structure.index_select(0, batch.edge_destination);
  const auto shift = strained(batch.edge_shift, strain.index_select(0, edge_structure));
  const auto edge_vectors =
      x.index_select(0, batch.edge_source) + shift - x.index_select(0, batch.edge_destination);

  BatchEvaluation result;
  result.atom_energies = atom_energies(batch.species, batch.edge_destination, batch.edge_source, edge_vectors);
  result.energies =
      torch::zeros({batch.num_structures}, positions.options()).index_add(0, batch.structure, result.atom_energies);
  const auto gradients = torch::autograd::grad({result.energies.sum()}, {positions, strain}, {},
                                               /*retain_graph=*/create_graph, create_graph, /*allow_unused=*/true);
  result.forces = -zeros_if_undefined(gradients[0], positions);
  result.virials = -zeros_if_undefined(gradients[1], strain);
  if (!create_graph) {
    result.atom_energies = result.atom_energies.detach();
    result.energies = result.energies.detach();
  }
  return result;
}

ReferenceResult ReferenceModel::evaluate(const Structure& structure) const {
  const auto batch = reference::make_graph_batch({structure}, hyper_.r_cut);
  const auto evaluation = evaluate_batch(batch);
  const int64_t num_atoms = batch.positions.size(0);
  const auto atom_energies = evaluation.atom_energies.contiguous();
  const auto forces = evaluation.forces.detach().contiguous();
  const auto virial = evaluation.virials.detach().contiguous();

  ReferenceResult result;
  result.energy = evaluation.energies[0].item<double>();
  result.atom_energies.assign(atom_energies.data_ptr<double>(), atom_energies.data_ptr<double>() + num_atoms);
  const double* force = forces.data_ptr<double>();
  for (int64_t i = 0; i < num_atoms; ++i) result.forces.push_back({force[3 * i], force[3 * i + 1], force[3 * i + 2]});
  for (int k = 0; k < 9; ++k) result.virial[k] = virial.data_ptr<double>()[k];
  return result;
}

}  // namespace equipot
