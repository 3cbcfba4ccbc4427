#include "torch/graph_batch.hpp"

#include "model/neighbor_graph.hpp"

namespace equipot::reference {

GraphBatch make_graph_batch(const std::vector<Structure>& structures, double r_cut) {
  std::vector<double> positions, shifts;
  std::vector<int64_t> species, structure, destination, source;
  int64_t offset = 0;
  for (size_t b = 0; b < structures.size(); ++b) {
    const NeighborGraph graph = build_neighbor_graph(structures[b], r_cut);
    for (int i = 0; i < graph.n_local; ++i) {
      positions.insert(positions.end(), graph.positions[i].begin(), graph.positions[i].end());
      species.push_back(graph.species[i]);
      structure.push_back(static_cast<int64_t>(b));
      for (int e = graph.first_edge[i]; e < graph.first_edge[i + 1]; ++e) {
        const int j = graph.source[e], owner = graph.owner[j];
        destination.push_back(offset + i);
        source.push_back(offset + owner);
        for (int k = 0; k < 3; ++k) shifts.push_back(graph.positions[j][k] - graph.positions[owner][k]);
      }
    }
    offset += graph.n_local;
  }
  const auto as_double = torch::TensorOptions().dtype(torch::kDouble);
  const auto as_long = torch::TensorOptions().dtype(torch::kLong);
  const auto num_atoms = static_cast<int64_t>(species.size()), num_edges = static_cast<int64_t>(source.size());
  GraphBatch batch;
  batch.num_structures = static_cast<int64_t>(structures.size());
  batch.positions = torch::tensor(positions, as_double).reshape({num_atoms, 3});
  batch.species = torch::tensor(species, as_long);
  batch.structure = torch::tensor(structure, as_long);
  batch.edge_destination = torch::tensor(destination, as_long);
  batch.edge_source = torch::tensor(source, as_long);
  batch.edge_shift = torch::tensor(shifts, as_double).reshape({num_edges, 3});
  return batch;
}

}  // namespace equipot::reference
