#pragma once
// Small models and structures shared by the model tests: hyperparameter sets with T = 1..3 and
// l_max = 1..3, random models whose species scales and shifts differ, and structures that cover
// periodic, tiny (self-image), slab, open and single-atom cases.
#include <algorithm>
#include <array>
#include <cmath>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "model/initialise.hpp"
#include "model/structure.hpp"

namespace equipot::test {

inline Hyperparameters small_hyperparameters(int layers, int l_max, int channels, std::vector<int> radial_hidden) {
  Hyperparameters hyper;
  hyper.species = {"A", "B"};
  hyper.r_cut = 3.0;
  hyper.num_basis = 5;
  hyper.num_layers = layers;
  hyper.l_max = l_max;
  hyper.channels = channels;
  hyper.radial_hidden = std::move(radial_hidden);
  hyper.readout_hidden = 7;
  hyper.avg_num_neighbors = 6.0;
  return hyper;
}

// The hyperparameter sets every gradient test runs: T = 1..3, l_max = 1..3. The last one has
// radial widths (16, 20) and 12 channels, so that the radial MLP's register blocks (dense.hpp:
// 16 columns with AVX-512, 8 with AVX, 4 otherwise) run full and partial column chunks in both
// directions, and the channel loops run a whole SIMD register of doubles and then single
// channels (the reverse message's first pack of channels stores, the others add).
inline std::vector<Hyperparameters> hyperparameter_sets() {
  return {small_hyperparameters(1, 1, 4, {8}), small_hyperparameters(2, 2, 3, {6, 5}),
          small_hyperparameters(3, 3, 2, {4}), small_hyperparameters(2, 1, 12, {16, 20})};
}

// A random model whose species scales and shifts differ, so that they are exercised too.
inline Model test_model(const Hyperparameters& hyper, uint64_t seed = 7) {
  Model model = initialise_model(hyper, seed);
  model.weights.at("species_scale").values = {1.3, 0.6};
  model.weights.at("species_shift").values = {-0.4, 0.25};
  return model;
}

// n atoms, both species, at least min_distance apart, inside the cell spanned by cell (or a box).
inline Structure random_structure(int n, const std::array<Vec3, 3>& cell, std::array<bool, 3> pbc, unsigned seed,
                           double min_distance = 0.8) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  Structure s;
  s.cell = cell;
  s.pbc = pbc;
  while (s.num_atoms() < n) {
    Vec3 x{0, 0, 0};
    const double f[3] = {u(rng), u(rng), u(rng)};
    for (int a = 0; a < 3; ++a)
      for (int k = 0; k < 3; ++k) x[k] += f[a] * cell[a][k];
    bool far = true;
    for (const auto& y : s.positions)
      far = far && std::hypot(x[0] - y[0], x[1] - y[1], x[2] - y[2]) > min_distance;
    if (!far) continue;
    s.positions.push_back(x);
    s.species.push_back(s.num_atoms() % 2);
  }
  return s;
}

// Structures of the gradient tests, including tiny periodic cells with self-images.
// A cell of 4 random atoms and the same cell repeated twice along its first vector: the larger
// domain sees the same environments, and in the small cell most neighbours are ghosts whose
// features come through the halo exchange.
inline std::pair<Structure, Structure> cell_and_doubled_cell() {
  const std::array<Vec3, 3> cell{{{2.6, 0.0, 0.0}, {0.4, 3.2, 0.0}, {0.2, -0.5, 3.3}}};
  const Structure original = random_structure(4, cell, {true, true, true}, 5);
  Structure doubled = original;
  doubled.cell[0] = {2 * cell[0][0], 2 * cell[0][1], 2 * cell[0][2]};
  for (int i = 0; i < original.num_atoms(); ++i) {
    const auto& x = original.positions[i];
    doubled.positions.push_back({x[0] + cell[0][0], x[1] + cell[0][1], x[2] + cell[0][2]});
    doubled.species.push_back(original.species[i]);
  }
  return {original, doubled};
}

inline std::vector<std::pair<std::string, Structure>> test_structures() {
  std::vector<std::pair<std::string, Structure>> structures;
  const std::array<Vec3, 3> triclinic{{{2.9, 0.0, 0.0}, {0.6, 2.7, 0.0}, {-0.3, 0.4, 3.1}}};
  structures.push_back({"periodic triclinic", random_structure(5, triclinic, {true, true, true}, 1)});
  const std::array<Vec3, 3> tiny{{{1.7, 0.0, 0.0}, {0.2, 1.9, 0.0}, {0.1, -0.2, 1.8}}};
  structures.push_back({"tiny cell, self-images", random_structure(2, tiny, {true, true, true}, 2)});
  structures.push_back({"slab", random_structure(4, triclinic, {true, true, false}, 3)});
  const std::array<Vec3, 3> box{{{3.0, 0.0, 0.0}, {0.0, 3.0, 0.0}, {0.0, 0.0, 3.0}}};
  Structure cluster = random_structure(5, box, {false, false, false}, 4);
  cluster.positions.push_back({20.0, 20.0, 20.0});  // an isolated atom: no edges
  cluster.species.push_back(1);
  structures.push_back({"open cluster with an isolated atom", cluster});
  Structure single;
  single.positions = {{0.3, 0.2, 0.1}};
  single.species = {1};
  single.cell = tiny;
  single.pbc = {true, true, true};
  structures.push_back({"single atom, periodic", single});
  return structures;
}

inline double max_abs(const std::vector<Vec3>& v) {
  double m = 0;
  for (const auto& x : v)
    for (double c : x) m = std::max(m, std::abs(c));
  return m;
}

}  // namespace equipot::test
