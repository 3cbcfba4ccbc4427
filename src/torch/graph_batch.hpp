#pragma once
// Several structures as one graph of tensors, the input of the reference model. Atoms of all
// structures are concatenated; edges i <- j join real atoms (no ghosts): a periodic image j'
// of atom j becomes the edge (i, j, shift) with shift = x_j' - x_j, a lattice vector, so that
// the edge vector is r = x_j + shift - x_i.
#include <torch/torch.h>

#include <vector>

#include "model/structure.hpp"

namespace equipot::reference {

struct GraphBatch {
  int64_t num_structures = 0;
  torch::Tensor positions;         // (N, 3) float64
  torch::Tensor species;           // (N) int64, model species index
  torch::Tensor structure;         // (N) int64, which structure each atom belongs to
  torch::Tensor edge_destination;  // (E) int64, i
  torch::Tensor edge_source;       // (E) int64, j (a real atom)
  torch::Tensor edge_shift;        // (E, 3) float64, lattice vector added to x_j
};

// Edges from build_neighbor_graph (every d < r_cut, both directions). Throws ModelError for the
// problems build_neighbor_graph rejects.
GraphBatch make_graph_batch(const std::vector<Structure>& structures, double r_cut);

}  // namespace equipot::reference
