// The LibTorch reference model: autograd forces and strain virial against central differences
// of the energy, symmetries, the isolated-atom limit, and that every part of the model is used.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cmath>
#include <functional>
#include <numeric>
#include <random>
#include <tuple>

#include "model/initialise.hpp"
#include "model/model_error.hpp"
#include "model/model_file.hpp"
#include "torch/reference_model.hpp"

namespace equipot {
namespace {

using Matrix3 = std::array<Vec3, 3>;

Hyperparameters hyperparameters(int num_layers, int l_max) {
  Hyperparameters h;
  h.species = {"Si", "O"};
  h.r_cut = 3.2;
  h.num_basis = 4;
  h.num_layers = num_layers;
  h.l_max = l_max;
  h.channels = 4;
  h.radial_hidden = l_max % 2 ? std::vector<int>{6} : std::vector<int>{6, 5};
  h.readout_hidden = 5;
  h.avg_num_neighbors = 3.5;
  return h;
}

// Random weights, and species scales and shifts that are not the identity.
Model test_model(const Hyperparameters& h, uint64_t seed = 11) {
  Model model = initialise_model(h, seed);
  model.weights.at("species_scale").values = {1.3, 0.7};
  model.weights.at("species_shift").values = {-0.4, 0.9};
  return model;
}

double distance(const Vec3& a, const Vec3& b) {
  return std::sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2]));
}

// Shortest distance between atoms, over periodic images one cell away.
double closest_approach(const Structure& s) {
  double closest = 1e300;
  for (int i = 0; i < s.num_atoms(); ++i)
    for (int j = 0; j < s.num_atoms(); ++j)
      for (int n0 = -1; n0 <= 1; ++n0)
        for (int n1 = -1; n1 <= 1; ++n1)
          for (int n2 = -1; n2 <= 1; ++n2) {
            const int n[3] = {n0, n1, n2};
            bool allowed = i != j || n0 != 0 || n1 != 0 || n2 != 0;
            for (int a = 0; a < 3; ++a) allowed = allowed && (s.pbc[a] || n[a] == 0);
            if (!allowed) continue;
            Vec3 image = s.positions[j];
            for (int a = 0; a < 3; ++a)
              for (int k = 0; k < 3; ++k) image[k] += n[a] * s.cell[a][k];
            closest = std::min(closest, distance(s.positions[i], image));
          }
  return closest;
}

// n atoms at random fractional positions of the cell, none closer than min_distance.
Structure random_structure(int n, const Matrix3& cell, bool periodic, unsigned seed, double min_distance = 1.1) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  Structure s;
  s.cell = cell;
  s.pbc = {periodic, periodic, periodic};
  do {
    s.positions.clear();
    s.species.clear();
    for (int k = 0; k < n; ++k) {
      Vec3 x{0, 0, 0};
      for (int a = 0; a < 3; ++a) {
        const double f = uniform(rng);
        for (int c = 0; c < 3; ++c) x[c] += f * cell[a][c];
      }
      s.positions.push_back(x);
      s.species.push_back(k % 2);
    }
  } while (n > 1 && closest_approach(s) < min_distance);
  return s;
}

Structure periodic_structure() {
  return random_structure(5, {{{4.0, 0, 0}, {0.6, 3.8, 0}, {-0.4, 0.5, 4.2}}}, true, 7);
}

Structure open_structure() { return random_structure(6, {{{3.5, 0, 0}, {0, 3.5, 0}, {0, 0, 3.5}}}, false, 8); }

// Applies x -> x (I + eps) (row vectors) to positions and cell.
Structure strain(const Structure& s, const Matrix3& eps) {
  auto apply = [&eps](const Vec3& x) {
    Vec3 y = x;
    for (int a = 0; a < 3; ++a)
      for (int b = 0; b < 3; ++b) y[b] += x[a] * eps[a][b];
    return y;
  };
  Structure out = s;
  for (auto& x : out.positions) x = apply(x);
  for (auto& row : out.cell) row = apply(row);
  return out;
}

// Central difference of f at 0 with Richardson extrapolation: error O(h^4).
double derivative(const std::function<double(double)>& f, double h = 2e-3) {
  const double coarse = (f(h) - f(-h)) / (2 * h), fine = (f(h / 2) - f(-h / 2)) / h;
  return (4 * fine - coarse) / 3;
}

double max_abs(const std::vector<double>& v) {
  double m = 0;
  for (double x : v) m = std::max(m, std::abs(x));
  return m;
}

std::vector<double> flatten(const std::vector<Vec3>& vectors) {
  std::vector<double> flat;
  for (const auto& v : vectors) flat.insert(flat.end(), v.begin(), v.end());
  return flat;
}

// max |a - b| / max |b|.
double relative_error(const std::vector<double>& a, const std::vector<double>& b) {
  double diff = 0;
  for (size_t k = 0; k < a.size(); ++k) diff = std::max(diff, std::abs(a[k] - b[k]));
  return diff / std::max(max_abs(b), 1e-300);
}

Matrix3 random_rotation(unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> normal;
  double q[4], norm = 0;
  for (double& c : q) {
    c = normal(rng);
    norm += c * c;
  }
  for (double& c : q) c /= std::sqrt(norm);
  const double w = q[0], x = q[1], y = q[2], z = q[3];
  return {{{1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y)},
           {2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)},
           {2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)}}};
}

Vec3 rotate(const Matrix3& r, const Vec3& v) {
  Vec3 out{0, 0, 0};
  for (int a = 0; a < 3; ++a)
    for (int b = 0; b < 3; ++b) out[a] += r[a][b] * v[b];
  return out;
}

class ReferenceModelGradients : public testing::TestWithParam<std::tuple<int, int>> {};

TEST_P(ReferenceModelGradients, ForcesMatchCentralDifferencesOfTheEnergy) {
  const auto [num_layers, l_max] = GetParam();
  const ReferenceModel model(test_model(hyperparameters(num_layers, l_max)));
  for (const Structure& s : {periodic_structure(), open_structure()}) {
    const ReferenceResult result = model.evaluate(s);
    std::vector<double> numeric;
    for (int i = 0; i < s.num_atoms(); ++i)
      for (int k = 0; k < 3; ++k)
        numeric.push_back(-derivative([&](double h) {
          Structure moved = s;
          moved.positions[i][k] += h;
          return model.evaluate(moved).energy;
        }));
    EXPECT_GT(max_abs(numeric), 1e-3);
    EXPECT_LT(relative_error(flatten(result.forces), numeric), 1e-6) << (s.pbc[0] ? "periodic" : "open");
  }
}

TEST_P(ReferenceModelGradients, VirialMatchesStrainDifferencesOfTheEnergy) {
  const auto [num_layers, l_max] = GetParam();
  const ReferenceModel model(test_model(hyperparameters(num_layers, l_max)));
  for (const Structure& s : {periodic_structure(), open_structure()}) {
    const ReferenceResult result = model.evaluate(s);
    std::vector<double> numeric;
    for (int a = 0; a < 3; ++a)
      for (int b = 0; b < 3; ++b)
        numeric.push_back(-derivative([&](double h) {
          Matrix3 eps{};
          eps[a][b] = h;
          return model.evaluate(strain(s, eps)).energy;
        }));
    EXPECT_GT(max_abs(numeric), 1e-3);
    EXPECT_LT(relative_error({result.virial.begin(), result.virial.end()}, numeric), 1e-6)
        << (s.pbc[0] ? "periodic" : "open");
  }
}

// (T, l_max): every T in 1..3 and every l_max in 0..3.
INSTANTIATE_TEST_SUITE_P(HyperparameterSets, ReferenceModelGradients,
                         testing::Values(std::make_tuple(1, 1), std::make_tuple(2, 2), std::make_tuple(3, 3),
                                         std::make_tuple(2, 1), std::make_tuple(1, 3), std::make_tuple(2, 0)));

TEST(ReferenceModel, VirialIsMinusTheSumOfEdgeVectorsTimesEdgeGradients) {
  // For the energy as a function of edge vectors, W = -sum_e r_e (x) dE/dr_e (docs/model.md).
  const ReferenceModel model(test_model(hyperparameters(2, 2)));
  const Structure s = periodic_structure();
  const auto batch = reference::make_graph_batch({s}, model.hyperparameters().r_cut);
  const auto edge_vectors = (batch.positions.index_select(0, batch.edge_source) + batch.edge_shift -
                             batch.positions.index_select(0, batch.edge_destination))
                                .requires_grad_(true);
  const auto energy = model.atom_energies(batch.species, batch.edge_destination, batch.edge_source, edge_vectors).sum();
  const auto g = torch::autograd::grad({energy}, {edge_vectors})[0];
  const auto edge_virial = -torch::einsum("ea,eb->ab", {edge_vectors.detach(), g}).contiguous();
  const ReferenceResult result = model.evaluate(s);
  const std::vector<double> expected(edge_virial.data_ptr<double>(), edge_virial.data_ptr<double>() + 9);
  EXPECT_LT(relative_error({result.virial.begin(), result.virial.end()}, expected), 1e-12);
}

TEST(ReferenceModel, EnergyIsInvariantAndForcesAndVirialRotateWithTheStructure) {
  const ReferenceModel model(test_model(hyperparameters(2, 3)));
  for (const Structure& s : {periodic_structure(), open_structure()}) {
    const ReferenceResult before = model.evaluate(s);
    const Matrix3 r = random_rotation(5);
    const Vec3 translation{0.37, -1.2, 2.5};
    std::vector<int> order(s.num_atoms());
    std::iota(order.begin(), order.end(), 0);
    std::reverse(order.begin(), order.end());
    std::swap(order[0], order[2]);
    Structure moved = s;
    for (int a = 0; a < 3; ++a) moved.cell[a] = rotate(r, s.cell[a]);
    for (int i = 0; i < s.num_atoms(); ++i) {
      moved.positions[i] = rotate(r, s.positions[order[i]]);
      for (int k = 0; k < 3; ++k) moved.positions[i][k] += translation[k];
      moved.species[i] = s.species[order[i]];
    }
    const ReferenceResult after = model.evaluate(moved);
    EXPECT_NEAR(after.energy, before.energy, 1e-10 * std::abs(before.energy));
    std::vector<double> expected_atoms, expected_forces;
    for (int i = 0; i < s.num_atoms(); ++i) {
      expected_atoms.push_back(before.atom_energies[order[i]]);
      const Vec3 f = rotate(r, before.forces[order[i]]);
      expected_forces.insert(expected_forces.end(), f.begin(), f.end());
    }
    EXPECT_LT(relative_error(after.atom_energies, expected_atoms), 1e-10);
    EXPECT_LT(relative_error(flatten(after.forces), expected_forces), 1e-10);
    std::vector<double> expected_virial(9, 0.0);  // R W R^T
    for (int a = 0; a < 3; ++a)
      for (int b = 0; b < 3; ++b)
        for (int c = 0; c < 3; ++c)
          for (int d = 0; d < 3; ++d) expected_virial[3 * a + b] += r[a][c] * before.virial[3 * c + d] * r[b][d];
    EXPECT_LT(relative_error({after.virial.begin(), after.virial.end()}, expected_virial), 1e-10);
  }
}

TEST(ReferenceModel, VirialIsSymmetricAndForcesSumToZero) {
  const ReferenceModel model(test_model(hyperparameters(2, 2)));
  const ReferenceResult result = model.evaluate(periodic_structure());
  const std::vector<double> w(result.virial.begin(), result.virial.end());
  for (int a = 0; a < 3; ++a)
    for (int b = 0; b < a; ++b) EXPECT_NEAR(w[3 * a + b], w[3 * b + a], 1e-12 * max_abs(w));
  const auto forces = flatten(result.forces);
  for (int k = 0; k < 3; ++k) {
    double total = 0;
    for (size_t i = 0; i < result.forces.size(); ++i) total += result.forces[i][k];
    EXPECT_NEAR(total, 0.0, 1e-12 * max_abs(forces));
  }
}

TEST(ReferenceModel, AtomEnergiesSumToTheEnergy) {
  const ReferenceModel model(test_model(hyperparameters(2, 2)));
  for (const Structure& s : {periodic_structure(), open_structure()}) {
    const ReferenceResult result = model.evaluate(s);
    ASSERT_EQ(static_cast<int>(result.atom_energies.size()), s.num_atoms());
    const double sum = std::accumulate(result.atom_energies.begin(), result.atom_energies.end(), 0.0);
    EXPECT_NEAR(sum, result.energy, 1e-12 * max_abs(result.atom_energies));
  }
}

// An atom without neighbours: messages vanish, so each layer only applies the self-connection
// and gate to the scalars (l > 0 features stay zero), then the readout. Plain host arithmetic.
double isolated_atom_energy(const Model& model, int s) {
  const auto& h = model.hyper;
  const int C = h.channels, gated = C * (1 + h.l_max);
  auto silu = [](double x) { return x / (1 + std::exp(-x)); };
  std::vector<double> scalars(C);
  for (int c = 0; c < C; ++c) scalars[c] = model.weight("embedding").values[s * C + c];
  for (int t = 0; t < h.num_layers; ++t) {
    const auto& self = model.weight("layers." + std::to_string(t) + ".self.0").values;
    std::vector<double> next = scalars;
    for (int d = 0; d < C; ++d) {
      double z = 0;
      for (int c = 0; c < C; ++c) z += scalars[c] * self[(s * C + c) * gated + d];
      next[d] += silu(z / std::sqrt(C));
    }
    scalars = next;
  }
  double output = 0;
  const auto& r0 = model.weight("readout.0").values;
  const auto& r1 = model.weight("readout.1").values;
  for (int k = 0; k < h.readout_hidden; ++k) {
    double hidden = 0;
    for (int c = 0; c < C; ++c) hidden += scalars[c] * r0[c * h.readout_hidden + k];
    output += silu(hidden / std::sqrt(C)) * r1[k];
  }
  output /= std::sqrt(h.readout_hidden);
  return model.weight("species_scale").values[s] * output + model.weight("species_shift").values[s];
}

TEST(ReferenceModel, IsolatedAtomHasTheEmbeddingPathEnergyAndNoForce) {
  const Model host = test_model(hyperparameters(3, 2));
  const ReferenceModel model(host);
  Structure s = open_structure();
  s.positions.push_back({20.0, 20.0, 20.0});
  s.species.push_back(1);
  const ReferenceResult result = model.evaluate(s);
  const int far = s.num_atoms() - 1;
  EXPECT_NEAR(result.atom_energies[far], isolated_atom_energy(host, 1), 1e-12);
  for (int k = 0; k < 3; ++k) EXPECT_EQ(result.forces[far][k], 0.0);
  const double paired = model.evaluate(open_structure()).energy;
  EXPECT_NEAR(result.energy, paired + isolated_atom_energy(host, 1), 1e-11 * std::abs(paired));
}

TEST(ReferenceModel, SingleAtomWorksOpenAndWithItsOwnPeriodicImages) {
  const Model host = test_model(hyperparameters(2, 2));
  const ReferenceModel model(host);
  for (int species = 0; species < 2; ++species) {
    Structure s;
    s.positions = {{0.3, -0.2, 0.1}};
    s.species = {species};
    const ReferenceResult open = model.evaluate(s);
    EXPECT_NEAR(open.energy, isolated_atom_energy(host, species), 1e-12);
    for (int k = 0; k < 3; ++k) EXPECT_EQ(open.forces[0][k], 0.0);
    for (double w : open.virial) EXPECT_EQ(w, 0.0);

    // A cell shorter than r_cut: the atom sees its own images, a force by symmetry zero.
    s.pbc = {true, true, true};
    s.cell = {{{2.9, 0, 0}, {0.4, 3.0, 0}, {0, 0.3, 3.1}}};
    const ReferenceResult periodic = model.evaluate(s);
    EXPECT_GT(std::abs(periodic.energy - open.energy), 1e-6);
    for (int k = 0; k < 3; ++k) EXPECT_NEAR(periodic.forces[0][k], 0.0, 1e-12);
    std::vector<double> numeric;
    for (int a = 0; a < 3; ++a)
      for (int b = 0; b < 3; ++b)
        numeric.push_back(-derivative([&](double h) {
          Matrix3 eps{};
          eps[a][b] = h;
          return model.evaluate(strain(s, eps)).energy;
        }));
    EXPECT_LT(relative_error({periodic.virial.begin(), periodic.virial.end()}, numeric), 1e-6);
  }
}

// Changes one weight by 0.5 and returns the energy change, relative.
double energy_response(const Model& host, const Structure& s, const std::string& name, size_t index) {
  Model changed = host;
  changed.weights.at(name).values.at(index) += 0.5;
  const double before = ReferenceModel(host).evaluate(s).energy;
  return std::abs(ReferenceModel(changed).evaluate(s).energy - before) / std::abs(before);
}

TEST(ReferenceModel, HigherDegreeFeaturesReachTheEnergy) {
  const Model host = test_model(hyperparameters(2, 2));
  const Structure s = periodic_structure();
  // Degree 1 and 2 features made in layer 0 are mixed (up) and coupled back to scalars in layer 1.
  EXPECT_GT(energy_response(host, s, "layers.1.up.1", 0), 1e-8);
  EXPECT_GT(energy_response(host, s, "layers.1.up.2", 5), 1e-8);
  EXPECT_GT(energy_response(host, s, "layers.0.down.2", 3), 1e-8);
  const size_t gate_of_degree_1 = host.hyper.channels + 1;  // self.0[0][0][C + 1]
  EXPECT_GT(energy_response(host, s, "layers.0.self.0", gate_of_degree_1), 1e-8);
  // Exact zeros the specification implies: layer 0 sees no l > 0 input, and the last layer's
  // l > 0 outputs never reach the readout.
  EXPECT_EQ(energy_response(host, s, "layers.0.up.1", 0), 0.0);
  EXPECT_EQ(energy_response(host, s, "layers.0.self.1", 7), 0.0);
  EXPECT_EQ(energy_response(host, s, "layers.1.down.2", 3), 0.0);
  EXPECT_EQ(energy_response(host, s, "layers.1.self.1", 7), 0.0);
}

TEST(ReferenceModel, BatchOfStructuresEqualsSeparateEvaluations) {
  const ReferenceModel model(test_model(hyperparameters(2, 2)));
  const std::vector<Structure> structures{periodic_structure(), open_structure(), strain(periodic_structure(), {{{0.02, 0.01, 0}, {0, -0.03, 0}, {0, 0, 0.01}}})};
  const auto batch = reference::make_graph_batch(structures, model.hyperparameters().r_cut);
  const BatchEvaluation evaluation = model.evaluate_batch(batch);
  int64_t offset = 0;
  for (size_t b = 0; b < structures.size(); ++b) {
    const ReferenceResult single = model.evaluate(structures[b]);
    EXPECT_NEAR(evaluation.energies[b].item<double>(), single.energy, 1e-12 * std::abs(single.energy));
    for (int i = 0; i < structures[b].num_atoms(); ++i)
      for (int k = 0; k < 3; ++k)
        EXPECT_NEAR(evaluation.forces[offset + i][k].item<double>(), single.forces[i][k], 1e-12);
    for (int k = 0; k < 9; ++k)
      EXPECT_NEAR(evaluation.virials[b][k / 3][k % 3].item<double>(), single.virial[k], 1e-12);
    offset += structures[b].num_atoms();
  }
}

TEST(ReferenceModel, ForceLossIsDifferentiableWithRespectToTheWeights) {
  const Model host = test_model(hyperparameters(2, 1));
  const Structure s = periodic_structure();
  const std::string name = "layers.0.radial.1";
  auto force_loss = [&s](const ReferenceModel& model, bool create_graph) {
    const auto batch = reference::make_graph_batch({s}, model.hyperparameters().r_cut);
    return model.evaluate_batch(batch, create_graph).forces.pow(2).sum();
  };
  const ReferenceModel model(host, /*requires_grad=*/true);
  const auto gradient = torch::autograd::grad({force_loss(model, true)}, {model.weights().at(name)})[0];
  const double analytic = gradient.reshape(-1)[4].item<double>();
  const double numeric = derivative([&](double h) {
    Model changed = host;
    changed.weights.at(name).values[4] += h;
    return force_loss(ReferenceModel(changed), false).item<double>();
  });
  EXPECT_GT(std::abs(numeric), 1e-6);
  EXPECT_NEAR(analytic, numeric, 1e-6 * std::abs(numeric));
}

TEST(ReferenceModel, ExportsItsWeightsBackToAModel) {
  const Model host = test_model(hyperparameters(2, 2));
  ReferenceModel model(host, /*requires_grad=*/true);
  EXPECT_EQ(model.to_model().weights.at("readout.0").values, host.weights.at("readout.0").values);
  {
    torch::NoGradGuard no_grad;
    model.weights().at("readout.0")[1][2] += 0.25;
  }
  const Model exported = model.to_model();
  EXPECT_EQ(exported.weights.at("readout.0").values[1 * host.hyper.readout_hidden + 2],
            host.weights.at("readout.0").values[1 * host.hyper.readout_hidden + 2] + 0.25);
  EXPECT_EQ(exported.weights.at("embedding").values, host.weights.at("embedding").values);
  EXPECT_NE(ReferenceModel(exported).evaluate(open_structure()).energy, ReferenceModel(host).evaluate(open_structure()).energy);
}

TEST(ReferenceModel, ExportedModelSurvivesTheModelFile) {
  ReferenceModel model(test_model(hyperparameters(2, 2)), /*requires_grad=*/true);
  {
    torch::NoGradGuard no_grad;
    model.weights().at("layers.1.radial.2").mul_(1.1);
  }
  const std::string path = testing::TempDir() + "reference_export.pt";
  write_model_file(model.to_model(), path);
  const ReferenceResult original = model.evaluate(periodic_structure());
  const ReferenceResult reread = ReferenceModel(read_model_file(path)).evaluate(periodic_structure());
  std::remove(path.c_str());
  EXPECT_EQ(reread.energy, original.energy);
  EXPECT_EQ(flatten(reread.forces), flatten(original.forces));
}

TEST(ReferenceModel, EmptyStructureHasNoEnergy) {
  const ReferenceModel model(test_model(hyperparameters(2, 2)));
  const ReferenceResult result = model.evaluate(Structure{});
  EXPECT_EQ(result.energy, 0.0);
  EXPECT_TRUE(result.atom_energies.empty());
  EXPECT_TRUE(result.forces.empty());
  for (double w : result.virial) EXPECT_EQ(w, 0.0);
}

TEST(ReferenceModel, RejectsSpeciesOutsideTheModel) {
  const ReferenceModel model(test_model(hyperparameters(1, 1)));
  Structure s = open_structure();
  s.species[2] = 2;
  try {
    model.evaluate(s);
    FAIL() << "expected ModelError";
  } catch (const ModelError& e) {
    EXPECT_NE(std::string(e.what()).find("species index 2 is outside 0..1"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace equipot
