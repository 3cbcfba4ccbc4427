#pragma once
// The benchmark model, a mid-sized NequIP-class model (T = 2, l_max = 2, C = 32, r_cut = 5 A, n_b = 8,
// radial MLP 64x64, readout 16, two species) and random dense periodic structures for it, at
// the density that gives ~40 neighbours within the cutoff: shared by the benchmark programs.
#include <cmath>
#include <random>

#include "model/hyperparameters.hpp"
#include "model/structure.hpp"

namespace equipot::bench {

inline constexpr double kCutoff = 5.0, kNeighbours = 40, kMinDistance = 1.4;

inline Hyperparameters reference_hyperparameters() {
  Hyperparameters hyper;
  hyper.species = {"A", "B"};
  hyper.r_cut = kCutoff;
  hyper.num_basis = 8;
  hyper.num_layers = 2;
  hyper.l_max = 2;
  hyper.channels = 32;
  hyper.radial_hidden = {64, 64};
  hyper.readout_hidden = 16;
  hyper.avg_num_neighbors = kNeighbours;
  return hyper;
}

// n random atoms of alternating species in a periodic cube, none closer than kMinDistance.
template <class Random>
Structure dense_structure(int n, Random& random) {
  const double pi = 3.14159265358979323846;
  const double side = std::cbrt(n * (4.0 / 3.0) * pi * std::pow(kCutoff, 3) / kNeighbours);
  std::uniform_real_distribution<double> uniform(0.0, side);
  Structure s;
  s.cell = {{{side, 0, 0}, {0, side, 0}, {0, 0, side}}};
  s.pbc = {true, true, true};
  while (s.num_atoms() < n) {
    const Vec3 x{uniform(random), uniform(random), uniform(random)};
    bool far = true;
    for (const auto& y : s.positions) {
      double d2 = 0;
      for (int k = 0; k < 3; ++k) {
        const double d = x[k] - y[k] - side * std::round((x[k] - y[k]) / side);
        d2 += d * d;
      }
      far = far && d2 > kMinDistance * kMinDistance;
    }
    if (!far) continue;
    s.positions.push_back(x);
    s.species.push_back(s.num_atoms() % 2);
  }
  return s;
}

}  // namespace equipot::bench
