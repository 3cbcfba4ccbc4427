#pragma once
// The engine's precision, chosen at run time (docs/engine.md, "Mixed precision"):
//   Double  everything in fp64;
//   Mixed   fp32 node features and weights (Engine<Device, float>); positions, geometry,
//           energies, dE/dr, forces and virials in fp64.
// Kept free of Kokkos so that the LAMMPS pair styles' headers can name it.
namespace equipot {

enum class Precision { Double, Mixed };

}  // namespace equipot
