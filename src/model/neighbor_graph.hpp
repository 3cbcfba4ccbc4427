#pragma once
// The atoms and edges one domain computes with, in the form the LAMMPS adapter also produces:
// local atoms 0..n_local-1, then ghost atoms (periodic images here, other ranks' atoms in
// LAMMPS), each ghost owned by a local atom whose features it copies (halo exchange).
// Edges i <- j (i local, j local or ghost) with |x_j - x_i| < r_cut, grouped by i, j ascending
// within each i's range, every local atom's range present (possibly empty).
#include <vector>

#include "model/structure.hpp"

namespace equipot {

struct NeighborGraph {
  int n_local = 0;
  std::vector<Vec3> positions;  // local then ghost atoms
  std::vector<int> species;     // local then ghost atoms
  std::vector<int> owner;       // per atom: itself for local atoms, the local original for ghosts
  std::vector<int> first_edge;  // n_local + 1 offsets into source
  std::vector<int> source;      // j of each edge

  int num_atoms() const { return static_cast<int>(positions.size()); }
  int num_edges() const { return static_cast<int>(source.size()); }
};

// Builds ghosts (periodic images within r_cut of the cell along periodic directions) and the
// edges of every local atom, with a cell list: O(N) for large structures. Throws ModelError for
// a degenerate cell or two atoms at the same position.
NeighborGraph build_neighbor_graph(const Structure& structure, double r_cut);

}  // namespace equipot
