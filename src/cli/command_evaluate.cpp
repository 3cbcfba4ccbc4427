// equipot evaluate MODEL STRUCTURE.xyz [--frame K] [--reference] [--radial table|exact] [--xyz OUT.xyz]:
// energy, forces and stress of one structure with the Kokkos engine (default; radial tables
// unless --radial exact) or the LibTorch reference model; --xyz also writes the structure
// labelled with the model's energy, forces and virial.
#include <Kokkos_Core.hpp>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include "commands.hpp"
#include "data/extxyz_reader.hpp"
#include "data/extxyz_writer.hpp"
#include "libtorch_parts.hpp"
#include "model/engine/evaluate.hpp"
#include "model/model_file.hpp"
#include "model/virial.hpp"

namespace equipot::cli {
namespace {

Evaluation with_engine(const Model& model, const Structure& structure, RadialEvaluation radial) {
  Kokkos::ScopeGuard kokkos;
  const EngineResult r = equipot::evaluate(model, structure, Precision::Double, radial);
  return {r.energy, r.atom_energies, r.forces, r.virial};
}

double volume(const Structure& s) {
  const auto& c = s.cell;
  return std::abs(c[0][0] * (c[1][1] * c[2][2] - c[1][2] * c[2][1]) - c[0][1] * (c[1][0] * c[2][2] - c[1][2] * c[2][0]) +
                  c[0][2] * (c[1][0] * c[2][1] - c[1][1] * c[2][0]));
}

// The frame's geometry with the model's labels in place of the file's.
Frame labelled(Frame frame, const Evaluation& e) {
  frame.energy = e.energy;
  frame.forces = e.forces;
  frame.virial = virial_matrix(e.virial);
  return frame;
}

}  // namespace

int evaluate(int argc, char** argv) {
  constexpr const char* usage =
      "usage: equipot evaluate MODEL STRUCTURE.xyz [--frame K] [--reference] [--radial table|exact] [--xyz OUT.xyz]\n";
  std::string model_path, data_path, xyz_path;
  int frame_number = 1;
  bool reference = false;
  RadialEvaluation radial = RadialEvaluation::table;
  for (int k = 0; k < argc; ++k) {
    const std::string arg = argv[k];
    if (arg == "--radial" && k + 1 < argc) {
      if (!parse_radial(argv[++k], radial)) {
        std::cerr << "equipot evaluate: --radial must be 'table' or 'exact', got '" << argv[k] << "'\n";
        return 2;
      }
    } else if (arg == "--reference") {
      reference = true;
    } else if (arg == "--xyz" && k + 1 < argc) {
      xyz_path = argv[++k];
    } else if (arg == "--frame" && k + 1 < argc) {
      frame_number = std::atoi(argv[++k]);
      if (frame_number < 1) {
        std::cerr << "equipot evaluate: --frame expects a frame number from 1, got '" << argv[k] << "'\n";
        return 2;
      }
    } else if (arg[0] != '-' && model_path.empty()) {
      model_path = arg;
    } else if (arg[0] != '-' && data_path.empty()) {
      data_path = arg;
    } else {
      std::cerr << "equipot evaluate: unexpected argument '" << arg << "'\n" << usage;
      return 2;
    }
  }
  if (data_path.empty()) {
    std::cerr << usage;
    return 2;
  }
  const Model model = read_model_file(model_path);
  ExtxyzReader reader(data_path);
  Frame frame;
  for (int k = 0; k < frame_number; ++k)
    if (!reader.next(frame)) {
      std::cerr << "equipot evaluate: " << data_path << " has only " << k << " frame(s)\n";
      return 1;
    }
  const Structure structure = to_structure(frame, model.hyper.species);
  const Evaluation e = reference ? evaluate_with_reference(model, structure) : with_engine(model, structure, radial);

  // Parseable lines, full precision: tests and scripts read them.
  std::printf("implementation %s\n", reference ? "libtorch-reference" : "kokkos-engine");
  std::printf("atoms %d\n", structure.num_atoms());
  std::printf("energy %.17g\n", e.energy);
  std::printf("virial %.17g %.17g %.17g %.17g %.17g %.17g\n", e.virial[0], e.virial[1], e.virial[2], e.virial[3],
              e.virial[4], e.virial[5]);
  if (structure.pbc[0] && structure.pbc[1] && structure.pbc[2]) {
    const double v = volume(structure);  // stress = -W / V (ASE sign), energy / length^3
    std::printf("stress %.17g %.17g %.17g %.17g %.17g %.17g\n", -e.virial[0] / v, -e.virial[1] / v, -e.virial[2] / v,
                -e.virial[3] / v, -e.virial[4] / v, -e.virial[5] / v);
  }
  std::printf("# atom species energy fx fy fz\n");
  for (int i = 0; i < structure.num_atoms(); ++i)
    std::printf("atom %d %s %.17g %.17g %.17g %.17g\n", i + 1, frame.symbols[i].c_str(), e.atom_energies[i],
                e.forces[i][0], e.forces[i][1], e.forces[i][2]);
  if (!xyz_path.empty()) {
    std::ofstream out(xyz_path);
    write_extxyz(out, labelled(frame, e));
    if (!out.flush()) {
      std::cerr << "equipot evaluate: cannot write " << xyz_path << "\n";
      return 1;
    }
  }
  return 0;
}

}  // namespace equipot::cli
