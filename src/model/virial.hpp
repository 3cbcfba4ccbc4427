#pragma once
// The two forms of a virial (energy units, LAMMPS sign): the engine's Voigt order
// xx, yy, zz, xy, xz, yz and the data sets' row-major 3x3.
#include <array>

namespace equipot {

inline std::array<double, 9> virial_matrix(const std::array<double, 6>& v) {
  return {v[0], v[3], v[4], v[3], v[1], v[5], v[4], v[5], v[2]};
}

inline std::array<double, 6> virial_voigt(const std::array<double, 9>& w) { return {w[0], w[4], w[8], w[1], w[2], w[5]}; }

}  // namespace equipot
