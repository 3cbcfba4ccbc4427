#pragma once
// Writes frames as extended XYZ that ExtxyzReader (and ASE) read back: Lattice and pbc when
// the frame has a cell, Properties species:pos and forces when present, energy, and the virial
// under the key "virial" (energy units, LAMMPS sign, row-major 3x3). Numbers carry 17
// significant digits, so a frame survives a round trip bit for bit.
#include <ostream>

#include "data/frame.hpp"

namespace equipot {

void write_extxyz(std::ostream& out, const Frame& frame);

}  // namespace equipot
