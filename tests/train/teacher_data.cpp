#include "teacher_data.hpp"

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>

#include "model/initialise.hpp"
#include "torch/reference_model.hpp"

namespace equipot::testing {

Hyperparameters small_hyperparameters() {
  Hyperparameters h;
  h.species = {"H", "O"};
  h.r_cut = 3.0;
  h.num_basis = 4;
  h.num_layers = 1;
  h.l_max = 1;
  h.channels = 8;
  h.radial_hidden = {16};
  h.readout_hidden = 8;
  h.avg_num_neighbors = 4.0;
  return h;
}

Model write_teacher_frames(const std::string& path, int n_frames, uint64_t structure_seed, uint64_t teacher_seed) {
  const Model teacher = initialise_model(small_hyperparameters(), teacher_seed);
  const ReferenceModel reference(teacher);
  std::mt19937_64 random(structure_seed);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  constexpr double box = 5.0, min_distance = 1.1;
  constexpr int n_atoms = 8;
  std::ofstream out(path);
  out.precision(17);
  for (int f = 0; f < n_frames; ++f) {
    Structure s;
    s.pbc = {true, true, true};
    s.cell = {Vec3{box, 0, 0}, Vec3{0, box, 0}, Vec3{0, 0, box}};
    while (s.num_atoms() < n_atoms) {  // random positions, no two atoms closer than min_distance
      const Vec3 x{box * uniform(random), box * uniform(random), box * uniform(random)};
      bool clear = true;
      for (const auto& y : s.positions) {
        double d2 = 0;
        for (int k = 0; k < 3; ++k) {
          const double d = x[k] - y[k] - box * std::round((x[k] - y[k]) / box);
          d2 += d * d;
        }
        clear = clear && d2 > min_distance * min_distance;
      }
      if (!clear) continue;
      s.positions.push_back(x);
      s.species.push_back(s.num_atoms() % 3 == 0 ? 1 : 0);
    }
    const ReferenceResult r = reference.evaluate(s);
    const double volume = box * box * box;
    out << n_atoms << "\nLattice=\"" << box << " 0 0 0 " << box << " 0 0 0 " << box
        << "\" Properties=species:S:1:pos:R:3:forces:R:3 energy=" << r.energy << " stress=\"";
    for (int k = 0; k < 9; ++k) out << (k ? " " : "") << -r.virial[k] / volume;  // ASE's stress, -W / V
    out << "\" pbc=\"T T T\"\n";
    for (int i = 0; i < n_atoms; ++i) {
      out << teacher.hyper.species[s.species[i]];
      for (double x : s.positions[i]) out << ' ' << x;
      for (double x : r.forces[i]) out << ' ' << x;
      out << '\n';
    }
  }
  return teacher;
}

std::string fresh_directory(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("equipot-train-test-" + std::to_string(::getpid())) / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

}  // namespace equipot::testing
