// Evaluates a model file on the first frame of an extended-XYZ file through the installed engine
// and checks the energy against the frame's label (a shipped potential's regression.xyz).
#include <Kokkos_Core.hpp>
#include <cmath>
#include <cstdio>

#include "data/extxyz_reader.hpp"
#include "model/engine/evaluate.hpp"
#include "model/model_file.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: evaluate_model MODEL STRUCTURE.xyz\n");
    return 2;
  }
  Kokkos::ScopeGuard kokkos(argc, argv);
  const equipot::Model model = equipot::read_model_file(argv[1]);
  equipot::ExtxyzReader reader(argv[2]);
  equipot::Frame frame;
  if (!reader.next(frame) || !frame.energy) {
    std::fprintf(stderr, "%s: no labelled frame\n", argv[2]);
    return 1;
  }
  const equipot::Structure structure = equipot::to_structure(frame, model.hyper.species);
  const double energy = equipot::evaluate(model, structure).energy;
  const double per_atom_error = std::abs(energy - *frame.energy) / structure.num_atoms();
  std::printf("energy %.17g, label %.17g: %s (%.2g eV/atom)\n", energy, *frame.energy,
              per_atom_error < 1e-10 ? "matches its stored label" : "DIFFERS from its stored label", per_atom_error);
  return per_atom_error < 1e-10 ? 0 : 1;
}
