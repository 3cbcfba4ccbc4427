// The GPU code paths on the CPU (label gpu_paths): the engine's device kernels (tuning.hpp:
// teams of several threads, channels on TeamVectorRange, radial tables or one radial-MLP column per thread,
// level-0 scratch, atomic sums) on Kokkos::OpenMP with 2, 3 and 4 threads per team, against
// the host kernels on the same space. A race or a missing team barrier of the GPU path shows
// here as a mismatch. Needs OpenMP with at least 4 threads (the test sets OMP_NUM_THREADS=4).
#include <gtest/gtest.h>

#include <Kokkos_Core.hpp>
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "model_fixtures.hpp"
#include "model/engine/evaluate.hpp"
#include "model/model_error.hpp"

#ifdef KOKKOS_ENABLE_OPENMP
namespace equipot {
namespace {

using namespace equipot::test;
using Device = Kokkos::OpenMP::device_type;

const EngineTuning kHostKernels{KernelVariant::host, 0};

// Largest difference of b from a over the largest |a|, at least floor.
double relative_difference(const std::vector<double>& a, const std::vector<double>& b, double floor = 1e-3) {
  double scale = floor, difference = 0;
  for (size_t k = 0; k < a.size(); ++k) {
    scale = std::max(scale, std::abs(a[k]));
    difference = std::max(difference, std::abs(b[k] - a[k]));
  }
  return difference / scale;
}

std::vector<double> flat(const std::vector<Vec3>& rows) {
  std::vector<double> values;
  for (const auto& row : rows) values.insert(values.end(), row.begin(), row.end());
  return values;
}

std::vector<double> flat(const std::vector<std::array<double, 6>>& rows) {
  std::vector<double> values;
  for (const auto& row : rows) values.insert(values.end(), row.begin(), row.end());
  return values;
}

// Every output of b matches a to tolerance, relative to the largest component of each.
void expect_same_results(const EngineResult& a, const EngineResult& b, double tolerance) {
  EXPECT_LT(std::abs(b.energy - a.energy) / std::max(1e-3, std::abs(a.energy)), tolerance) << "energy";
  ASSERT_EQ(a.forces.size(), b.forces.size());
  ASSERT_EQ(a.atom_energies.size(), b.atom_energies.size());
  ASSERT_EQ(a.atom_virials.size(), b.atom_virials.size());
  EXPECT_LT(relative_difference(flat(a.forces), flat(b.forces)), tolerance) << "forces";
  EXPECT_LT(relative_difference({a.virial.begin(), a.virial.end()}, {b.virial.begin(), b.virial.end()}), tolerance)
      << "virial";
  EXPECT_LT(relative_difference(a.atom_energies, b.atom_energies), tolerance) << "per-atom energies";
  EXPECT_LT(relative_difference(flat(a.atom_virials), flat(b.atom_virials)), tolerance) << "per-atom virials";
}

class DeviceKernelsOnOpenMP : public ::testing::TestWithParam<int> {
 protected:
  void SetUp() override {
    // ctest gives these tests 4 threads; with fewer the GPU path would go unchecked, so say so.
    if (Kokkos::OpenMP().concurrency() < GetParam())
      GTEST_FAIL() << "needs " << GetParam() << " OpenMP threads (OMP_NUM_THREADS), has "
                   << Kokkos::OpenMP().concurrency();
  }
  EngineTuning device_kernels() const { return EngineTuning::device_kernels(GetParam()); }
};

// Every fixture model on every fixture structure (periodic cells with ghosts filled by the halo
// exchange, a slab, a cluster, a single atom): energy, forces, virial and per-atom outputs,
// with radial tables and with the exact radial MLP.
template <class Scalar>
void expect_device_kernels_match_host_kernels(const EngineTuning& device_kernels, double tolerance) {
  for (const RadialEvaluation radial : {RadialEvaluation::table, RadialEvaluation::exact}) {
    for (const auto& hyper : hyperparameter_sets()) {
      const Model model = test_model(hyper);
      StructureEvaluator<Device, Scalar> host(model, kHostKernels.with(radial)), device(model, device_kernels.with(radial));
      ASSERT_EQ(device.engine().radial_tables().tabulated, radial == RadialEvaluation::table);
      for (const auto& [name, structure] : test_structures()) {
        SCOPED_TRACE(std::string(radial == RadialEvaluation::table ? "tables" : "exact") +
                     ", T = " + std::to_string(hyper.num_layers) + ", l_max = " + std::to_string(hyper.l_max) + ", " +
                     name);
        expect_same_results(host.evaluate(structure), device.evaluate(structure), tolerance);
      }
    }
  }
}

TEST_P(DeviceKernelsOnOpenMP, MatchTheHostKernelsInDouble) {
  expect_device_kernels_match_host_kernels<double>(device_kernels(), 1e-12);
}

// fp32 sums in another order (atomics): differences of float rounding, not of 1e-12.
TEST_P(DeviceKernelsOnOpenMP, MatchTheHostKernelsInMixedPrecision) {
  expect_device_kernels_match_host_kernels<float>(device_kernels(), 1e-5);
}

TEST_P(DeviceKernelsOnOpenMP, ComputeOnlyWhatIsRequested) {
  const Model model = test_model(hyperparameter_sets()[1]);
  const Structure structure = test_structures()[0].second;
  StructureEvaluator<Device> host(model, kHostKernels), device(model, device_kernels());
  const EngineRequest energy_only{true, false, false, false, false}, forces_only{false, false, true, false, false};
  const EngineResult a = host.evaluate(structure, energy_only), b = device.evaluate(structure, energy_only);
  EXPECT_NEAR(b.energy, a.energy, 1e-12 * std::abs(a.energy));
  EXPECT_TRUE(b.forces.empty());
  const EngineResult c = host.evaluate(structure, forces_only), d = device.evaluate(structure, forces_only);
  EXPECT_EQ(d.energy, 0.0);
  EXPECT_LT(relative_difference(flat(c.forces), flat(d.forces)), 1e-12);
}

// The halo hook: T-1 forward calls, T-2 more for the g_t the backward pass recomputes, and T-1
// reverse calls (forward with symmetric edges), and a cell of 4 atoms against the same cell doubled (most
// neighbours in the small cell are ghosts filled through the exchange).
TEST_P(DeviceKernelsOnOpenMP, CallTheHaloHookAndAgreeOnAReplicatedCell) {
  const auto [original, doubled] = cell_and_doubled_cell();
  for (const auto& hyper : hyperparameter_sets()) {
    SCOPED_TRACE("T = " + std::to_string(hyper.num_layers));
    const Model model = test_model(hyper);
    StructureEvaluator<Device> host(model, kHostKernels), device(model, device_kernels());
    expect_same_results(host.evaluate(original), device.evaluate(original), 1e-12);
    expect_same_results(host.evaluate(doubled), device.evaluate(doubled), 1e-12);

    const NeighborGraph graph = build_neighbor_graph(original, hyper.r_cut);
    ASSERT_GT(graph.num_atoms(), graph.n_local);
    Kokkos::View<double* [3], Kokkos::LayoutRight, Device> x("x", graph.num_atoms());
    Kokkos::View<int*, Device> species("species", graph.num_atoms()), first_edge("first_edge", graph.n_local + 1),
        source("source", graph.num_edges());
    for (int i = 0; i < graph.num_atoms(); ++i) {
      for (int k = 0; k < 3; ++k) x(i, k) = graph.positions[i][k];
      species(i) = graph.species[i];
    }
    for (int i = 0; i <= graph.n_local; ++i) first_edge(i) = graph.first_edge[i];
    for (int e = 0; e < graph.num_edges(); ++e) source(e) = graph.source[e];
    std::vector<double> forces[2];  // scattered, gathered source gradients
    for (const bool symmetric_edges : {false, true}) {
      LocalImageExchange<Device> exchange(graph.owner, graph.n_local);
      device.engine().compute({x, species, graph.n_local, first_edge, source, -1, symmetric_edges},
                              {true, false, true, false, false}, exchange);
      const int recomputed = std::max(0, hyper.num_layers - 2);  // g_1..g_{T-2} in the backward pass
      const int adjoints = symmetric_edges ? hyper.num_layers - 1 : 0;  // dE/dm, gathered source gradients
      EXPECT_EQ(exchange.forward_calls, hyper.num_layers - 1 + recomputed + adjoints);
      EXPECT_EQ(exchange.reverse_calls, symmetric_edges ? 0 : hyper.num_layers - 1);
      const auto f = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), device.engine().forces());
      forces[symmetric_edges].assign(f.data(), f.data() + f.size());
    }
    EXPECT_LT(relative_difference(forces[0], forces[1]), 1e-12);
  }
}

std::string team_size_name(const ::testing::TestParamInfo<int>& team_size) { return std::to_string(team_size.param); }
INSTANTIATE_TEST_SUITE_P(TeamSize, DeviceKernelsOnOpenMP, ::testing::Values(2, 3, 4), team_size_name);

TEST(EngineTuning, RefusesTeamsLargerThanTheSpace) {
  const Model model = test_model(hyperparameter_sets()[0]);
  const int too_many = Kokkos::OpenMP().concurrency() + 1;
  try {
    equipot::Engine<Device> engine(model, EngineTuning::device_kernels(too_many));
    FAIL() << "expected ModelError";
  } catch (const ModelError& e) {
    EXPECT_NE(std::string(e.what()).find("team_size " + std::to_string(too_many)), std::string::npos) << e.what();
  }
}

TEST(EngineTuning, DefaultsToHostKernelsOnHostSpaces) {
  const Model model = test_model(hyperparameter_sets()[0]);
  EXPECT_EQ(equipot::Engine<Device>(model).tuning().kernels, KernelVariant::host);
}

}  // namespace
}  // namespace equipot
#endif
