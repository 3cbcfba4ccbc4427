#include "model/data_range.hpp"

#include <cmath>
#include <string>

#include "model/model_error.hpp"
#include "model/neighbor_graph.hpp"

namespace equipot {

DataRange measure_data_range(const std::vector<Structure>& structures, int num_species, double r_cut) {
  DataRange range;
  range.shortest.assign(static_cast<size_t>(num_species) * num_species, r_cut);
  range.atoms.assign(num_species, 0);
  for (const Structure& structure : structures) {
    for (int s : structure.species) ++range.atoms[s];
    const NeighborGraph graph = build_neighbor_graph(structure, r_cut);
    for (int i = 0; i < graph.n_local; ++i)
      for (int e = graph.first_edge[i]; e < graph.first_edge[i + 1]; ++e) {
        const int j = graph.source[e];
        double d2 = 0;
        for (int k = 0; k < 3; ++k) d2 += std::pow(graph.positions[j][k] - graph.positions[i][k], 2);
        double& shortest = range.shortest[graph.species[i] * num_species + graph.species[j]];
        shortest = std::fmin(shortest, std::sqrt(d2));
      }
  }
  return range;
}

void validate(const DataRange& range, int num_species, double r_cut) {
  if (!range.recorded() && range.atoms.empty()) return;
  const size_t n = static_cast<size_t>(num_species);
  if (range.shortest.size() != n * n)
    throw ModelError("data_range: " + std::to_string(range.shortest.size()) + " shortest distances for " +
                     std::to_string(num_species) + " species (expected " + std::to_string(n * n) + ")");
  if (range.atoms.size() != n)
    throw ModelError("data_range: " + std::to_string(range.atoms.size()) + " atom counts for " +
                     std::to_string(num_species) + " species");
  for (size_t a = 0; a < n; ++a) {
    if (range.atoms[a] < 0) throw ModelError("data_range: a negative atom count");
    for (size_t b = 0; b < n; ++b) {
      const double d = range.shortest[a * n + b];
      if (!(d > 0 && d <= r_cut))
        throw ModelError("data_range: shortest distance " + std::to_string(d) + " is outside (0, r_cut]");
      if (d != range.shortest[b * n + a]) throw ModelError("data_range: the shortest distances are not symmetric");
    }
  }
}

}  // namespace equipot
