// The Kokkos engine on small models: forces and virials against central finite differences of
// its own energy, symmetries, the halo-exchange contract, sums of per-atom quantities and buffer
// reuse. Every test body runs on each enabled backend. (Engine vs the LibTorch reference:
// test_engine_vs_reference.cpp.)
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "../unit/backends.hpp"
#include "model_fixtures.hpp"
#include "same_evaluation.hpp"
#include "model/engine/evaluate.hpp"
#include "model/initialise.hpp"
#include "model/model_error.hpp"

namespace equipot {
namespace {

using namespace equipot::test;

// x -> x (I + strain) for positions and cell rows.
Structure strained(const Structure& s, const double strain[3][3]) {
  Structure out = s;
  auto apply = [&](const Vec3& x) {
    Vec3 y{0, 0, 0};
    for (int b = 0; b < 3; ++b)
      for (int a = 0; a < 3; ++a) y[b] += x[a] * ((a == b) + strain[a][b]);
    return y;
  };
  for (auto& x : out.positions) x = apply(x);
  for (auto& row : out.cell) row = apply(row);
  return out;
}

// A random proper rotation (QR of a Gaussian matrix by Gram-Schmidt, determinant fixed to +1).
std::array<Vec3, 3> random_rotation(unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> normal;
  std::array<Vec3, 3> R;
  for (int a = 0; a < 3; ++a) {
    for (double& v : R[a]) v = normal(rng);
    for (int b = 0; b < a; ++b) {
      const double dot = R[a][0] * R[b][0] + R[a][1] * R[b][1] + R[a][2] * R[b][2];
      for (int k = 0; k < 3; ++k) R[a][k] -= dot * R[b][k];
    }
    const double norm = std::sqrt(R[a][0] * R[a][0] + R[a][1] * R[a][1] + R[a][2] * R[a][2]);
    for (double& v : R[a]) v /= norm;
  }
  R[2] = {R[0][1] * R[1][2] - R[0][2] * R[1][1], R[0][2] * R[1][0] - R[0][0] * R[1][2],
          R[0][0] * R[1][1] - R[0][1] * R[1][0]};
  return R;
}

Vec3 rotate(const std::array<Vec3, 3>& R, const Vec3& x) {
  Vec3 y{0, 0, 0};
  for (int a = 0; a < 3; ++a)
    for (int k = 0; k < 3; ++k) y[a] += R[a][k] * x[k];
  return y;
}

// A NeighborGraph's atoms and edges in device views, as EngineInput takes them.
template <class Device>
struct DeviceGraph {
  Kokkos::View<double* [3], Kokkos::LayoutRight, Device> x;
  Kokkos::View<int*, Device> species, first_edge, source;

  explicit DeviceGraph(const NeighborGraph& graph)
      : x("x", graph.num_atoms()),
        species("species", graph.num_atoms()),
        first_edge("first_edge", graph.n_local + 1),
        source("source", graph.num_edges()) {
    auto h_x = Kokkos::create_mirror_view(x);
    auto h_species = Kokkos::create_mirror_view(species);
    auto h_first = Kokkos::create_mirror_view(first_edge);
    auto h_source = Kokkos::create_mirror_view(source);
    for (int i = 0; i < graph.num_atoms(); ++i) {
      for (int k = 0; k < 3; ++k) h_x(i, k) = graph.positions[i][k];
      h_species(i) = graph.species[i];
    }
    for (int i = 0; i <= graph.n_local; ++i) h_first(i) = graph.first_edge[i];
    for (int e = 0; e < graph.num_edges(); ++e) h_source(e) = graph.source[e];
    Kokkos::deep_copy(x, h_x);
    Kokkos::deep_copy(species, h_species);
    Kokkos::deep_copy(first_edge, h_first);
    Kokkos::deep_copy(source, h_source);
  }
};

template <class ExecSpace>
class Engine : public ::testing::Test {};
TYPED_TEST_SUITE(Engine, equipot::test::Backends, equipot::test::BackendName);

// With radial tables (the default) the forces are those of the tabulated energy.
TYPED_TEST(Engine, ForcesMatchCentralDifferencesOfTheEnergy) {
  const EngineRequest energy_only{true, false, false, false, false};
  for (const RadialEvaluation radial : {RadialEvaluation::table, RadialEvaluation::exact}) {
    for (const auto& hyper : hyperparameter_sets()) {
      StructureEvaluator<typename TypeParam::device_type> evaluator(test_model(hyper),
                                                                    EngineTuning::defaults<TypeParam>().with(radial));
      for (const auto& [name, structure] : test_structures()) {
        SCOPED_TRACE(std::string(radial == RadialEvaluation::table ? "tables" : "exact") + ", T = " +
                     std::to_string(hyper.num_layers) + ", l_max = " + std::to_string(hyper.l_max) + ", " + name);
        const EngineResult result = evaluator.evaluate(structure);
        ASSERT_EQ(static_cast<int>(result.forces.size()), structure.num_atoms());
        const double h = 1e-5, scale = std::max(max_abs(result.forces), 1e-3);
        for (int i = 0; i < structure.num_atoms(); ++i)
          for (int k = 0; k < 3; ++k) {
            Structure plus = structure, minus = structure;
            plus.positions[i][k] += h;
            minus.positions[i][k] -= h;
            const double fd = -(evaluator.evaluate(plus, energy_only).energy -
                                evaluator.evaluate(minus, energy_only).energy) /
                              (2 * h);
            EXPECT_LT(std::abs(result.forces[i][k] - fd) / scale, 1e-6) << "atom " << i << " axis " << k;
          }
      }
    }
  }
}

TYPED_TEST(Engine, VirialMatchesStrainDerivativeAndPerAtomSumsMatchTotals) {
  const EngineRequest energy_only{true, false, false, false, false};
  const int voigt[6][2] = {{0, 0}, {1, 1}, {2, 2}, {0, 1}, {0, 2}, {1, 2}};
  for (const auto& hyper : hyperparameter_sets()) {
    StructureEvaluator<typename TypeParam::device_type> evaluator(test_model(hyper));
    for (const auto& [name, structure] : test_structures()) {
      if (!(structure.pbc[0] && structure.pbc[1] && structure.pbc[2])) continue;
      SCOPED_TRACE("T = " + std::to_string(hyper.num_layers) + ", " + name);
      const EngineResult result = evaluator.evaluate(structure);
      double scale = 1e-3;
      for (double w : result.virial) scale = std::max(scale, std::abs(w));
      for (int v = 0; v < 6; ++v) {
        const double h = 1e-6;
        double plus[3][3] = {}, minus[3][3] = {};
        plus[voigt[v][0]][voigt[v][1]] = h;
        minus[voigt[v][0]][voigt[v][1]] = -h;
        const double dE = (evaluator.evaluate(strained(structure, plus), energy_only).energy -
                           evaluator.evaluate(strained(structure, minus), energy_only).energy) /
                          (2 * h);
        EXPECT_LT(std::abs(result.virial[v] + dE) / scale, 1e-6) << "Voigt component " << v;
      }
      double energy_sum = 0;
      std::array<double, 6> virial_sum{};
      for (int i = 0; i < structure.num_atoms(); ++i) {
        energy_sum += result.atom_energies[i];
        for (int v = 0; v < 6; ++v) virial_sum[v] += result.atom_virials[i][v];
      }
      EXPECT_NEAR(energy_sum, result.energy, 1e-12 * std::max(1.0, std::abs(result.energy)));
      for (int v = 0; v < 6; ++v) EXPECT_NEAR(virial_sum[v], result.virial[v], 1e-12 * scale);
    }
  }
}

TYPED_TEST(Engine, IsInvariantUnderRotationTranslationAndPermutation) {
  for (const auto& hyper : hyperparameter_sets()) {
    StructureEvaluator<typename TypeParam::device_type> evaluator(test_model(hyper));
    for (const auto& [name, structure] : test_structures()) {
      SCOPED_TRACE("T = " + std::to_string(hyper.num_layers) + ", " + name);
      const EngineResult reference = evaluator.evaluate(structure);
      const double tolerance = 1e-10 * std::max(1.0, std::abs(reference.energy));
      const double force_tolerance = 1e-10 * std::max(1.0, max_abs(reference.forces));

      const auto R = random_rotation(11);
      Structure rotated = structure;
      for (auto& x : rotated.positions) x = rotate(R, x);
      for (auto& row : rotated.cell) row = rotate(R, row);
      const EngineResult r = evaluator.evaluate(rotated);
      EXPECT_NEAR(r.energy, reference.energy, tolerance);
      for (int i = 0; i < structure.num_atoms(); ++i) {
        const Vec3 expected = rotate(R, reference.forces[i]);
        for (int k = 0; k < 3; ++k) EXPECT_NEAR(r.forces[i][k], expected[k], force_tolerance);
      }

      Structure translated = structure;
      for (auto& x : translated.positions) x = {x[0] + 0.37, x[1] - 1.21, x[2] + 2.5};
      EXPECT_NEAR(evaluator.evaluate(translated).energy, reference.energy, tolerance);

      Structure permuted = structure;
      const int n = structure.num_atoms();
      for (int i = 0; i < n; ++i) {
        permuted.positions[i] = structure.positions[n - 1 - i];
        permuted.species[i] = structure.species[n - 1 - i];
      }
      const EngineResult p = evaluator.evaluate(permuted);
      EXPECT_NEAR(p.energy, reference.energy, tolerance);
      for (int i = 0; i < n; ++i) {
        EXPECT_NEAR(p.atom_energies[i], reference.atom_energies[n - 1 - i], tolerance);
        for (int k = 0; k < 3; ++k) EXPECT_NEAR(p.forces[i][k], reference.forces[n - 1 - i][k], force_tolerance);
      }
    }
  }
}

// A cell and the same cell repeated twice along a: the larger domain sees the same
// environments, so every per-atom quantity repeats and the totals double. In the small cell
// most neighbours are ghosts whose features come through the halo exchange.
TYPED_TEST(Engine, ReplicatedCellGivesTwiceTheEnergyAndTheSameAtoms) {
  const auto [original, doubled] = cell_and_doubled_cell();
  for (const auto& hyper : hyperparameter_sets()) {
    SCOPED_TRACE("T = " + std::to_string(hyper.num_layers));
    StructureEvaluator<typename TypeParam::device_type> evaluator(test_model(hyper));
    const EngineResult one = evaluator.evaluate(original), two = evaluator.evaluate(doubled);
    const double scale = std::max(1.0, std::abs(one.energy));
    EXPECT_NEAR(two.energy, 2 * one.energy, 1e-12 * scale);
    for (int v = 0; v < 6; ++v) EXPECT_NEAR(two.virial[v], 2 * one.virial[v], 1e-12 * scale);
    const int n = original.num_atoms();
    for (int copy = 0; copy < 2; ++copy)
      for (int i = 0; i < n; ++i) {
        EXPECT_NEAR(two.atom_energies[copy * n + i], one.atom_energies[i], 1e-12 * scale);
        for (int k = 0; k < 3; ++k) EXPECT_NEAR(two.forces[copy * n + i][k], one.forces[i][k], 1e-11 * scale);
        for (int v = 0; v < 6; ++v) EXPECT_NEAR(two.atom_virials[copy * n + i][v], one.atom_virials[i][v], 1e-12 * scale);
      }
  }
}

// The halo hook: T-1 forward calls for the up-projected features; with gradients, T-2 more for
// the ones the backward pass recomputes, and T-1 reverse calls for scattered source gradients
// or T-1 more forward calls for gathered ones (symmetric edges).
// Both give the same forces and virials on every row, ghosts included, up to rounding; in the
// small cell most neighbours are ghosts.
TYPED_TEST(Engine, CallsTheHaloHookOncePerLayerBoundaryEachWay) {
  using Device = typename TypeParam::device_type;
  const std::array<Vec3, 3> cell{{{2.6, 0.0, 0.0}, {0.0, 2.9, 0.0}, {0.0, 0.0, 3.1}}};
  const Structure structure = random_structure(3, cell, {true, true, true}, 6);
  for (const auto& hyper : hyperparameter_sets()) {
    SCOPED_TRACE("T = " + std::to_string(hyper.num_layers));
    equipot::Engine<Device> engine(test_model(hyper));
    const NeighborGraph graph = build_neighbor_graph(structure, hyper.r_cut);
    ASSERT_GT(graph.num_atoms(), graph.n_local);
    const DeviceGraph<Device> device_graph(graph);
    const auto& [x, species, first_edge, source] = device_graph;

    LocalImageExchange<Device> energy_exchange(graph.owner, graph.n_local);
    engine.compute({x, species, graph.n_local, first_edge, source}, {true, false, false, false, false},
                   energy_exchange);
    EXPECT_EQ(energy_exchange.forward_calls, hyper.num_layers - 1);
    EXPECT_EQ(energy_exchange.reverse_calls, 0);

    const EngineRequest gradients{true, false, true, false, true};
    LocalImageExchange<Device> scatter_exchange(graph.owner, graph.n_local);
    engine.compute({x, species, graph.n_local, first_edge, source, -1, false}, gradients, scatter_exchange);
    const int recomputed = std::max(0, hyper.num_layers - 2);  // g_1..g_{T-2} in the backward pass
    EXPECT_EQ(scatter_exchange.forward_calls, hyper.num_layers - 1 + recomputed);
    EXPECT_EQ(scatter_exchange.reverse_calls, hyper.num_layers - 1);
    const auto scattered_forces = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), engine.forces());
    const auto scattered_virials = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), engine.atom_virial());
    EXPECT_EQ(static_cast<int>(scattered_forces.extent(0)), graph.num_atoms());

    LocalImageExchange<Device> gather_exchange(graph.owner, graph.n_local);
    engine.compute({x, species, graph.n_local, first_edge, source, -1, true}, gradients, gather_exchange);
    EXPECT_EQ(gather_exchange.forward_calls, 2 * (hyper.num_layers - 1) + recomputed);
    EXPECT_EQ(gather_exchange.reverse_calls, 0);
    const auto forces = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), engine.forces());
    const auto virials = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), engine.atom_virial());
    double largest = 0;
    for (int i = 0; i < graph.num_atoms(); ++i)
      for (int k = 0; k < 3; ++k) largest = std::max(largest, std::abs(scattered_forces(i, k)));
    ASSERT_GT(largest, 0.0);
    for (int i = 0; i < graph.num_atoms(); ++i) {
      for (int k = 0; k < 3; ++k) EXPECT_NEAR(forces(i, k), scattered_forces(i, k), 1e-12 * largest) << "row " << i;
      for (int v = 0; v < 6; ++v) EXPECT_NEAR(virials(i, v), scattered_virials(i, v), 1e-12 * largest) << "row " << i;
    }
  }
}

// Wide ghosts: periodic images to T r_cut, every atom computed (ghosts' features from their own,
// partly truncated, neighbourhoods), the energy over the original atoms only (n_owned), no
// exchange. The truncation reaches no original atom within T layers, so energy, virial and
// the forces summed onto each image's original equal the exchanged single-domain result.
TYPED_TEST(Engine, WideGhostsWithoutExchangeGiveTheExchangedResult) {
  using Device = typename TypeParam::device_type;
  const std::array<Vec3, 3> cell{{{4.1, 0.0, 0.0}, {0.3, 3.9, 0.0}, {0.0, -0.4, 4.3}}};
  const Structure structure = random_structure(6, cell, {true, true, false}, 8);
  for (const auto& hyper : hyperparameter_sets()) {
    SCOPED_TRACE("T = " + std::to_string(hyper.num_layers));
    const Model model = test_model(hyper);
    const EngineResult exchanged = StructureEvaluator<Device>(model).evaluate(structure);

    // Every atom of the wide domain a node, with its edges within r_cut among all atoms.
    NeighborGraph wide = build_neighbor_graph(structure, hyper.num_layers * hyper.r_cut);
    const int n_original = wide.n_local;
    wide.n_local = wide.num_atoms();
    wide.first_edge.assign(1, 0);
    wide.source.clear();
    for (int i = 0; i < wide.num_atoms(); ++i) {
      for (int j = 0; j < wide.num_atoms(); ++j) {
        double d2 = 0;
        for (int k = 0; k < 3; ++k) d2 += (wide.positions[j][k] - wide.positions[i][k]) * (wide.positions[j][k] - wide.positions[i][k]);
        if (j != i && d2 < hyper.r_cut * hyper.r_cut) wide.source.push_back(j);
      }
      wide.first_edge.push_back(wide.num_edges());
    }
    const DeviceGraph<Device> device_graph(wide);
    EngineInput<Device> input{device_graph.x, device_graph.species, wide.n_local, device_graph.first_edge,
                              device_graph.source, n_original};
    equipot::Engine<Device> engine(model);
    NoExchange<Device> no_exchange;
    engine.compute(input, {true, true, true, true, false}, no_exchange);

    const double scale = std::max(1.0, std::abs(exchanged.energy));
    EXPECT_NEAR(engine.energy(), exchanged.energy, 1e-12 * scale);
    const auto virial = engine.virial();
    for (int v = 0; v < 6; ++v) EXPECT_NEAR(virial[v], exchanged.virial[v], 1e-12 * scale);
    const auto atom_energy = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), engine.atom_energy());
    ASSERT_EQ(static_cast<int>(atom_energy.extent(0)), n_original);
    const auto forces = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), engine.forces());
    std::vector<Vec3> summed(n_original, Vec3{0, 0, 0});
    for (int a = 0; a < wide.num_atoms(); ++a)
      for (int k = 0; k < 3; ++k) summed[wide.owner[a]][k] += forces(a, k);
    for (int i = 0; i < n_original; ++i) {
      EXPECT_NEAR(atom_energy(i), exchanged.atom_energies[i], 1e-12 * scale);
      for (int k = 0; k < 3; ++k) EXPECT_NEAR(summed[i][k], exchanged.forces[i][k], 1e-11 * scale);
    }
  }
}

TYPED_TEST(Engine, ReusesItsBuffersWhenSizesDoNotGrow) {
  const auto hyper = hyperparameter_sets()[1];
  StructureEvaluator<typename TypeParam::device_type> evaluator(test_model(hyper));
  const Structure large = test_structures()[0].second;
  Structure small = large;  // fewer atoms, ghosts and edges
  small.positions.pop_back();
  small.species.pop_back();
  evaluator.evaluate(large);
  const int allocations = evaluator.engine().allocation_count();
  const double* forces = evaluator.engine().forces().data();
  evaluator.evaluate(large);
  EXPECT_EQ(evaluator.engine().allocation_count(), allocations);
  EXPECT_EQ(evaluator.engine().forces().data(), forces);
  const size_t bytes = evaluator.engine().buffer_bytes();
  evaluator.evaluate(small);
  EXPECT_EQ(evaluator.engine().allocation_count(), allocations);
  EXPECT_EQ(evaluator.engine().forces().data(), forces);
  EXPECT_EQ(evaluator.engine().buffer_bytes(), bytes);
}

// A call of the same size as the last touches no new memory: the buffers are kept, and nothing
// else is allocated and first-touched per call (the page faults of the first engine, 190 MB
// per MD step for 3072 water atoms, docs/engine.md). Counted with getrusage around the third
// call, against the pages the buffers span, with radial tables and with the exact MLP.
TYPED_TEST(Engine, RepeatedCallsOfOneSizeCauseNoPageFaults) {
  using Device = typename TypeParam::device_type;
  const Model model = test_model(hyperparameter_sets()[3]);
  const std::array<Vec3, 3> box{{{16.0, 0.0, 0.0}, {0.0, 16.0, 0.0}, {0.0, 0.0, 16.0}}};
  const Structure structure = random_structure(400, box, {true, true, true}, 11);
  const NeighborGraph graph = build_neighbor_graph(structure, model.hyper.r_cut);
  const DeviceGraph<Device> input(graph);
  for (const RadialEvaluation radial : {RadialEvaluation::table, RadialEvaluation::exact}) {
    equipot::Engine<Device> engine(model, EngineTuning::defaults<TypeParam>().with(radial));
    LocalImageExchange<Device> exchange(graph.owner, graph.n_local);
    const auto call = [&] {
      engine.compute({input.x, input.species, graph.n_local, input.first_edge, input.source, -1, true},
                     StructureEvaluator<Device>::all(), exchange);
    };
    call();
    call();
    rusage before{}, after{};
    getrusage(RUSAGE_SELF, &before);
    call();
    getrusage(RUSAGE_SELF, &after);
    const long faults = after.ru_minflt - before.ru_minflt, pages = static_cast<long>(engine.buffer_bytes() / 4096);
    std::printf("%s: %ld page faults in a repeated call; the buffers span %ld pages\n",
                radial == RadialEvaluation::table ? "tables" : "exact", faults, pages);
    ASSERT_GT(pages, 200) << "too small a structure to tell";
    EXPECT_LT(faults, pages / 20);
  }
}

// MD changes the atom and edge counts by a few from step to step: a few more edges than the
// largest call so far fit in the buffers' headroom, so they are not reallocated (and faulted in
// again) at every new maximum.
TYPED_TEST(Engine, GrowsWithHeadroomForAFewMoreEdges) {
  const auto hyper = hyperparameter_sets()[1];
  StructureEvaluator<typename TypeParam::device_type> evaluator(test_model(hyper));
  Structure cluster;  // 4 x 4 x 4 atoms 2 A apart, open boundaries: no ghosts
  cluster.cell = {{{40.0, 0.0, 0.0}, {0.0, 40.0, 0.0}, {0.0, 0.0, 40.0}}};
  cluster.pbc = {false, false, false};
  for (int a = 0; a < 64; ++a) {
    cluster.positions.push_back({2.0 * (a % 4), 2.0 * (a / 4 % 4), 2.0 * (a / 16)});
    cluster.species.push_back(a % 2);
  }
  Structure grown = cluster;  // one more atom beyond a corner: a few more edges
  grown.positions.push_back({-1.5, -0.5, -0.5});
  grown.species.push_back(0);
  const int edges = build_neighbor_graph(cluster, hyper.r_cut).num_edges();
  const int more_edges = build_neighbor_graph(grown, hyper.r_cut).num_edges();
  ASSERT_GT(more_edges, edges);
  ASSERT_LE(more_edges, edges + edges / 8);
  evaluator.evaluate(cluster);
  const int allocations = evaluator.engine().allocation_count();
  evaluator.evaluate(grown);
  EXPECT_EQ(evaluator.engine().allocation_count(), allocations);
}

// buffer_bytes (LAMMPS's memory_usage) is zero before the first call, at least the features of
// every layer and the forces after it, and twice that (to the buffers' headroom of one row and
// 1/8 rounded down) for two copies of an open cluster far apart (twice the atoms and edges, no
// ghosts); every buffer carries its own label for Kokkos' tools.
TYPED_TEST(Engine, CountsAndLabelsItsBuffers) {
  const auto hyper = hyperparameter_sets()[1];
  const Structure cluster = test_structures()[3].second;
  ASSERT_FALSE(cluster.pbc[0] || cluster.pbc[1] || cluster.pbc[2]);
  Structure two_clusters = cluster;
  for (int i = 0; i < cluster.num_atoms(); ++i) {
    two_clusters.positions.push_back({cluster.positions[i][0] + 100.0, cluster.positions[i][1], cluster.positions[i][2]});
    two_clusters.species.push_back(cluster.species[i]);
  }
  StructureEvaluator<typename TypeParam::device_type> evaluator(test_model(hyper));
  EXPECT_EQ(evaluator.engine().buffer_bytes(), 0u);
  evaluator.evaluate(cluster);
  const size_t one = evaluator.engine().buffer_bytes();
  const size_t n_atoms = cluster.num_atoms();
  EXPECT_GE(one, n_atoms * sizeof(double) * ((hyper.num_layers + 1) * hyper.feature_size() + 3));
  evaluator.evaluate(two_clusters);
  EXPECT_NEAR(double(evaluator.engine().buffer_bytes()) / double(one), 2.0, 0.25);
  EXPECT_EQ(evaluator.engine().forces().label(), "equipot::forces");
  EXPECT_EQ(evaluator.engine().atom_virial().label(), "equipot::atom_virial");
}

TYPED_TEST(Engine, ComputesOnlyWhatIsRequested) {
  const auto hyper = hyperparameter_sets()[1];
  StructureEvaluator<typename TypeParam::device_type> evaluator(test_model(hyper));
  const Structure structure = test_structures()[0].second;
  const EngineResult all = evaluator.evaluate(structure);
  const EngineResult forces_only = evaluator.evaluate(structure, {false, false, true, false, false});
  EXPECT_EQ(forces_only.energy, 0.0);
  EXPECT_TRUE(forces_only.atom_energies.empty());
  EXPECT_EQ(forces_only.virial, (std::array<double, 6>{}));
  for (int i = 0; i < structure.num_atoms(); ++i)
    for (int k = 0; k < 3; ++k) EXPECT_EQ(forces_only.forces[i][k], all.forces[i][k]);
  const EngineResult energy_only = evaluator.evaluate(structure, {true, false, false, false, false});
  EXPECT_EQ(energy_only.energy, all.energy);
  EXPECT_TRUE(energy_only.forces.empty());
}

TYPED_TEST(Engine, IsolatedAtomHasItsSpeciesEnergyAndNoForce) {
  StructureEvaluator<typename TypeParam::device_type> evaluator(test_model(hyperparameter_sets()[2]));
  Structure atom;
  atom.positions = {{1.0, 2.0, 3.0}};
  atom.species = {0};
  const EngineResult a = evaluator.evaluate(atom);
  atom.positions = {{-4.0, 0.5, 7.0}};
  const EngineResult b = evaluator.evaluate(atom);
  EXPECT_EQ(a.energy, b.energy);
  EXPECT_EQ(a.atom_energies[0], a.energy);
  for (int k = 0; k < 3; ++k) EXPECT_EQ(a.forces[0][k], 0.0);
  for (double w : a.virial) EXPECT_EQ(w, 0.0);
}

// Three atoms on a line, A at 0, B at 1.0 and A at 2.6 (no periodicity): the data range says
// A-B pairs were never closer than 1.2 in the training data, A-A never closer than 0.5.
TYPED_TEST(Engine, CountsEdgesBelowTheDataRangeAndNamesTheFurthestBelow) {
  Model model = test_model(hyperparameter_sets()[0]);  // r_cut 3
  Structure line;
  line.positions = {{0, 0, 0}, {1.0, 0, 0}, {2.6, 0, 0}};
  line.species = {0, 1, 0};
  StructureEvaluator<typename TypeParam::device_type> without_range(model);
  without_range.evaluate(line);
  EXPECT_EQ(without_range.engine().short_edges().count, 0);

  model.data_range.shortest = {0.5, 1.2, 1.2, 3.0};
  model.data_range.atoms = {10, 5};
  StructureEvaluator<typename TypeParam::device_type> evaluator(model);
  evaluator.evaluate(line);
  const ShortEdges& edges = evaluator.engine().short_edges();
  EXPECT_EQ(edges.count, 2);  // 0-1 both ways; 1-2 (1.6) and 0-2 (2.6) are within the data
  EXPECT_EQ(std::min(edges.destination, edges.source), 0);
  EXPECT_EQ(std::max(edges.destination, edges.source), 1);
  EXPECT_NEAR(edges.distance, 1.0, 1e-15);
  EXPECT_NEAR(edges.shortest, 1.2, 1e-15);

  line.positions[1] = {1.3, 0, 0};  // now within: nothing left over from the last call
  evaluator.evaluate(line);
  EXPECT_EQ(evaluator.engine().short_edges().count, 0);
}

TYPED_TEST(Engine, RejectsSpeciesOutsideTheModel) {
  StructureEvaluator<typename TypeParam::device_type> evaluator(test_model(hyperparameter_sets()[0]));
  Structure s = test_structures()[3].second;
  s.species[1] = 2;
  try {
    evaluator.evaluate(s);
    FAIL() << "expected ModelError";
  } catch (const ModelError& e) {
    EXPECT_NE(std::string(e.what()).find("species outside 0..1"), std::string::npos) << e.what();
  }
}

// Mixed precision (fp32 features and weights, fp64 geometry and accumulation) against fp64 on
// every fixture model and structure. Worst measured (Serial and OpenMP, GCC, x86-64): energy
// 2.2e-7 relative, forces 1.05e-6 and virial 5.3e-7 relative to their largest component; the
// bounds are about 10x that. The test prints the worst errors it saw.
TYPED_TEST(Engine, MixedPrecisionMatchesDouble) {
  using Device = typename TypeParam::device_type;
  double worst_energy = 0, worst_force = 0, worst_virial = 0;
  for (const auto& hyper : hyperparameter_sets()) {
    const Model model = test_model(hyper);
    StructureEvaluator<Device> fp64(model);
    StructureEvaluator<Device, float> mixed(model);
    for (const auto& [name, structure] : test_structures()) {
      SCOPED_TRACE("T = " + std::to_string(hyper.num_layers) + ", l_max = " + std::to_string(hyper.l_max) + ", " +
                   name);
      const EngineResult a = fp64.evaluate(structure), b = mixed.evaluate(structure);
      const double energy_error = std::abs(b.energy - a.energy) / std::abs(a.energy);
      EXPECT_LT(energy_error, 3e-6);
      const double force_scale = std::max(max_abs(a.forces), 1e-3);
      double force_error = 0;
      for (int i = 0; i < structure.num_atoms(); ++i)
        for (int k = 0; k < 3; ++k)
          force_error = std::max(force_error, std::abs(b.forces[i][k] - a.forces[i][k]) / force_scale);
      EXPECT_LT(force_error, 1.5e-5);
      double virial_scale = 1e-3, virial_error = 0;
      for (double w : a.virial) virial_scale = std::max(virial_scale, std::abs(w));
      for (int v = 0; v < 6; ++v)
        virial_error = std::max(virial_error, std::abs(b.virial[v] - a.virial[v]) / virial_scale);
      EXPECT_LT(virial_error, 1e-5);
      worst_energy = std::max(worst_energy, energy_error);
      worst_force = std::max(worst_force, force_error);
      worst_virial = std::max(worst_virial, virial_error);
    }
  }
  std::printf("worst mixed vs fp64: energy %.2e, forces %.2e, virial %.2e (relative)\n", worst_energy, worst_force,
              worst_virial);
}

TEST(EngineEvaluate, MixedPrecisionOnTheDefaultSpaceMatchesTheEvaluator) {
  const Model model = test_model(hyperparameter_sets()[1]);
  const Structure structure = test_structures()[0].second;
  const EngineResult a = evaluate(model, structure, Precision::Mixed);
  StructureEvaluator<Kokkos::DefaultExecutionSpace::device_type, float> evaluator(model);
  const EngineResult b = evaluator.evaluate(structure);
  EXPECT_EQ(a.energy, b.energy);
  EXPECT_EQ(a.virial, b.virial);
  EXPECT_NE(a.energy, evaluate(model, structure, Precision::Double).energy);  // it did run in fp32
}

// One evaluator across structures of different sizes, in an order that grows and shrinks its
// buffers, gives what a fresh evaluator gives on each (nothing stale survives a resize).
TEST(EngineEvaluate, AReusedEvaluatorMatchesFreshOnes) {
  const Model model = test_model(hyperparameter_sets()[1]);
  StructureEvaluator<Kokkos::DefaultExecutionSpace::device_type> reused(model);
  for (int pass = 0; pass < 2; ++pass)
    for (const auto& [name, structure] : test_structures()) {
      SCOPED_TRACE(name);
      expect_same_evaluation<Kokkos::DefaultExecutionSpace>(reused.evaluate(structure), evaluate(model, structure));
    }
}

}  // namespace
}  // namespace equipot
