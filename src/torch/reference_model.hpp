#pragma once
// The LibTorch reference of the equipot model (docs/model.md): the forward pass in plain torch
// ops, float64 throughout, written independently of the Kokkos engine so that it can serve as
// its oracle. Forces and virial come from autograd (reference_evaluate.cpp). The weights are
// torch tensors that may require gradients, so the same class is the trainer's model.
#include <torch/torch.h>

#include <array>
#include <map>
#include <string>
#include <vector>

#include "model/model.hpp"
#include "torch/graph_batch.hpp"

namespace equipot {

struct ReferenceResult {
  double energy = 0;
  std::vector<double> atom_energies;
  std::vector<Vec3> forces;     // -dE/dx
  std::array<double, 9> virial{};  // W[3a + b] = -dE/d(strain_ab), energy units, LAMMPS sign
};

// Per-structure results of a batch, as tensors (differentiable w.r.t. the weights when asked).
struct BatchEvaluation {
  torch::Tensor energies;       // (B)
  torch::Tensor atom_energies;  // (N)
  torch::Tensor forces;         // (N, 3)
  torch::Tensor virials;        // (B, 3, 3)
};

class ReferenceModel {
 public:
  // Copies the weights of a validated model into float64 tensors.
  explicit ReferenceModel(const Model& model, bool requires_grad = false);

  const Hyperparameters& hyperparameters() const { return hyper_; }
  // The weights by their docs/model.md names; trainers optimise these tensors in place.
  const std::map<std::string, torch::Tensor>& weights() const { return weights_; }
  std::vector<torch::Tensor> parameters() const;
  // The current weights as a host Model (for write_model_file).
  Model to_model() const;

  // E_i for every atom, given the edges i <- j and their vectors r = x_j + shift - x_i (E, 3).
  // Differentiable w.r.t. edge_vectors and the weights.
  torch::Tensor atom_energies(const torch::Tensor& species, const torch::Tensor& edge_destination,
                              const torch::Tensor& edge_source, const torch::Tensor& edge_vectors) const;

  // Energies, forces (autograd w.r.t. positions) and virials (autograd w.r.t. a strain
  // x -> x (I + eps), applied to positions and shifts) of every structure of the batch.
  // create_graph keeps the result differentiable w.r.t. the weights (force and virial losses).
  BatchEvaluation evaluate_batch(const reference::GraphBatch& batch, bool create_graph = false) const;

  // One structure, host types in and out.
  ReferenceResult evaluate(const Structure& structure) const;

 private:
  // The paths (l_in, l_f, l_out) that read one input degree l_in, as tensors that let one
  // matrix product per edge do all of them: row r of the coupled block of edge e is
  // sum_a M_e[r][a] g_j(a, c) with M_e = reshape(Y_e @ harmonics_to_rows), each row carrying its
  // path's alpha; the row's product is weighted by its path's radial weights and added to its
  // output component.
  struct CouplingGroup {
    int l_in;
    torch::Tensor harmonics_to_rows;  // ((l_max+1)^2, rows * (2 l_in + 1)): alpha * wigner_3j(l_in, l_f, l_out)
    torch::Tensor row_path;           // (rows) int64: the path's index in the radial MLP's output
    torch::Tensor row_output;         // (rows) int64: the output component, l_out^2 + m_out
  };
  using Features = std::vector<torch::Tensor>;  // per degree l: (N, 2l+1, C)

  const torch::Tensor& weight(const std::string& name) const;
  Features interaction(int layer, const Features& h, const torch::Tensor& species_one_hot,
                       const torch::Tensor& edge_destination, const torch::Tensor& edge_source,
                       const torch::Tensor& basis, const torch::Tensor& harmonics) const;

  Hyperparameters hyper_;
  std::map<std::string, torch::Tensor> weights_;
  int64_t num_paths_ = 0;
  std::vector<CouplingGroup> groups_;
};

}  // namespace equipot
