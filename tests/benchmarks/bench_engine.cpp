// The engine on the reference model of design.md section 5 (T = 2, l_max = 2, C = 32,
// r_cut = 5, n_b = 8, radial MLP 64x64): energy and forces of a random periodic system of
// ~1000 atoms at a density that gives ~40 neighbours within r_cut. Reports microseconds per
// atom-step. The neighbour graph and device input are built once, outside the timed loop,
// as in an MD step where only the engine runs.
#include <benchmark/benchmark.h>

#include <Kokkos_Core.hpp>
#include <cmath>
#include <random>

#include "model/engine/engine.hpp"
#include "model/initialise.hpp"
#include "model/neighbor_graph.hpp"

namespace equipot {
namespace {

constexpr int kAtoms = 1000;
constexpr double kNeighbours = 40, kCutoff = 5.0, kMinDistance = 1.4;

Hyperparameters reference_hyperparameters() {
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

// Cubic cell with kAtoms random atoms (no two closer than kMinDistance) at the density
// kNeighbours / (4/3 pi r_cut^3).
Structure dense_structure() {
  const double pi = 3.14159265358979323846;
  const double side = std::cbrt(kAtoms * (4.0 / 3.0) * pi * std::pow(kCutoff, 3) / kNeighbours);
  std::mt19937 rng(42);
  std::uniform_real_distribution<double> u(0.0, side);
  Structure s;
  s.cell = {{{side, 0, 0}, {0, side, 0}, {0, 0, side}}};
  s.pbc = {true, true, true};
  while (s.num_atoms() < kAtoms) {
    const Vec3 x{u(rng), u(rng), u(rng)};
    bool far = true;
    for (const auto& y : s.positions) {
      double d2 = 0;
      for (int k = 0; k < 3; ++k) {
        double d = x[k] - y[k];
        d -= side * std::round(d / side);
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

template <class ExecSpace>
void EnergyAndForces(benchmark::State& state) {
  using Device = typename ExecSpace::device_type;
  const Hyperparameters hyper = reference_hyperparameters();
  Engine<Device> engine(initialise_model(hyper, 1));
  const NeighborGraph graph = build_neighbor_graph(dense_structure(), hyper.r_cut);
  const int n_atoms = graph.num_atoms(), n_local = graph.n_local, n_edges = graph.num_edges();

  Kokkos::View<double* [3], Kokkos::LayoutRight, Device> x("x", n_atoms);
  Kokkos::View<int*, Device> species("species", n_atoms), first_edge("first_edge", n_local + 1),
      source("source", n_edges);
  auto h_x = Kokkos::create_mirror_view(x);
  auto h_species = Kokkos::create_mirror_view(species);
  auto h_first = Kokkos::create_mirror_view(first_edge);
  auto h_source = Kokkos::create_mirror_view(source);
  for (int i = 0; i < n_atoms; ++i) {
    for (int k = 0; k < 3; ++k) h_x(i, k) = graph.positions[i][k];
    h_species(i) = graph.species[i];
  }
  for (int i = 0; i <= n_local; ++i) h_first(i) = graph.first_edge[i];
  for (int e = 0; e < n_edges; ++e) h_source(e) = graph.source[e];
  Kokkos::deep_copy(x, h_x);
  Kokkos::deep_copy(species, h_species);
  Kokkos::deep_copy(first_edge, h_first);
  Kokkos::deep_copy(source, h_source);

  LocalImageExchange<typename Engine<Device>::device_type> exchange(graph.owner, n_local);
  const EngineRequest request{true, false, true, false, false};
  for (auto _ : state) engine.compute({x, species, n_local, first_edge, source}, request, exchange);

  state.counters["atoms"] = n_local;
  state.counters["neighbours_per_atom"] = double(n_edges) / n_local;
  state.counters["us_per_atom_step"] =
      benchmark::Counter(n_local * 1e-6, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

#ifdef KOKKOS_ENABLE_SERIAL
BENCHMARK_TEMPLATE(EnergyAndForces, Kokkos::Serial)->Unit(benchmark::kMillisecond)->UseRealTime();
#endif
#ifdef KOKKOS_ENABLE_OPENMP
BENCHMARK_TEMPLATE(EnergyAndForces, Kokkos::OpenMP)->Unit(benchmark::kMillisecond)->UseRealTime();
#endif

}  // namespace
}  // namespace equipot

int main(int argc, char** argv) {
  Kokkos::ScopeGuard kokkos(argc, argv);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
