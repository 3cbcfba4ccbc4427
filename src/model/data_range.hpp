#pragma once
// What a model's training data covered (docs/model.md, "Data range"): the shortest distance
// between atoms of each pair of species within r_cut, and the number of atoms of each species.
// Where an edge is shorter, the model extrapolates; the pair styles say so. The trainer and
// `equipot record-range` write it; model files without it (older ones) still load.
#include <cstdint>
#include <vector>

#include "model/structure.hpp"

namespace equipot {

struct DataRange {
  std::vector<double> shortest;  // (species a, species b) row-major, symmetric; empty: not recorded
  std::vector<int64_t> atoms;    // per species

  bool recorded() const { return !shortest.empty(); }
  double shortest_between(int a, int b, int num_species) const { return shortest[a * num_species + b]; }
};

// One call's edges below the data range, and the one furthest below it (by d / shortest).
struct ShortEdges {
  int count = 0;
  int destination = -1, source = -1;  // rows (engine) or atoms (adapters) of the furthest-below edge
  double distance = 0, shortest = 0;  // its length and the data's shortest for its species pair
};

// Measured on structures (periodic images included). A pair of species that never comes
// within r_cut gets r_cut: every edge between them is outside the data.
DataRange measure_data_range(const std::vector<Structure>& structures, int num_species, double r_cut);

// Throws ModelError unless range is empty or has num_species^2 symmetric distances in
// (0, r_cut] and num_species non-negative counts.
void validate(const DataRange& range, int num_species, double r_cut);

}  // namespace equipot
