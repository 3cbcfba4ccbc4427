#pragma once
// An atomic structure on the host: what the standalone driver, the reference model and the
// tests evaluate. Cell vectors are rows (LAMMPS/ASE convention): cell[a] is lattice vector a.
#include <array>
#include <vector>

namespace equipot {

using Vec3 = std::array<double, 3>;

struct Structure {
  std::vector<Vec3> positions;
  std::vector<int> species;            // model species index per atom
  std::array<Vec3, 3> cell{};          // rows are lattice vectors; unused where pbc is false
  std::array<bool, 3> pbc{false, false, false};

  int num_atoms() const { return static_cast<int>(positions.size()); }
};

}  // namespace equipot
