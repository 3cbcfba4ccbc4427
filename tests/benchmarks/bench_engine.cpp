// The engine on the benchmark model (reference_system.hpp) (T = 2, l_max = 2, C = 32,
// r_cut = 5, n_b = 8, radial MLP 64x64): energy and forces of a random periodic system of
// ~1000 atoms at a density that gives ~40 neighbours within r_cut. Reports microseconds per
// atom-step. The neighbour graph and device input are built once, outside the timed loop,
// as in an MD step where only the engine runs.
//
// In one run, on the same structure and weights: the LibTorch reference model (autograd,
// torch::set_num_threads 1 and 2; it runs first), then the engine on Serial and on OpenMP with
// the threads Kokkos was started with (OMP_NUM_THREADS or --kokkos-num-threads). Each
// engine line reports us_per_atom_step, the nominal FLOPs per atom-step counted from the
// hyperparameters (flop_count below) and the FLOPs the kernels execute (model/step_flops.hpp),
// GFLOP/s of the nominal count, and ratio_vs_ref_1t / ratio_vs_ref_same_threads
// (engine time over reference time; below 0.1 means 10x faster).
// EQUIPOT_BENCH_DUMP=file writes the engine's energy and forces (Serial, %.17g) to file.
#include <benchmark/benchmark.h>
#include <torch/torch.h>

#include <Kokkos_Core.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <type_traits>

#include "core/tensor_product.hpp"
#include "model/engine/engine.hpp"
#include "model/initialise.hpp"
#include "model/neighbor_graph.hpp"
#include "model/step_flops.hpp"
#include "reference_system.hpp"
#include "torch/reference_model.hpp"

namespace equipot {
namespace {

constexpr int kAtoms = 1000;
using bench::kCutoff;
using bench::reference_hyperparameters;

Structure dense_structure() {
  std::mt19937 rng(42);
  return bench::dense_structure(kAtoms, rng);
}

const Structure& benchmark_structure() {
  static const Structure structure = dense_structure();
  return structure;
}

// Floating-point operations of one energy-and-forces step per local atom, counted from the
// hyperparameters (multiply-add = 2): per edge and layer the radial MLP forward and its input
// adjoint (no weight gradient), the uvu tensor product forward n_cg (3C + 1) and backward
// n_cg (10C + 1) (docs/core.md); per atom and layer the up, down and self linears forward and
// backward. Not counted: SiLU/sigmoid, edge geometry, gate, readout, scatter adds (all small).
// The nominal count: the one GFLOP/s is reported against, so that figures stay comparable with
// other implementations (the FLOPs the kernels execute are model/step_flops.hpp's).
double flop_count(const Hyperparameters& h, double edges_per_atom) {
  const double C = h.channels, L = h.l_max, n_lm = (L + 1) * (L + 1);
  const core::UvuTensorProduct<Kokkos::HostSpace> tp(h.l_max, h.l_max, h.l_max, h.channels);
  double radial = 0;
  double fan_in = h.num_basis;
  for (int width : h.radial_hidden) {
    radial += 2 * fan_in * width;
    fan_in = width;
  }
  radial += 2 * fan_in * tp.weights_per_edge();
  const double n_cg = tp.num_coefficients();
  const double tensor_product = n_cg * (3 * C + 1) + n_cg * (10 * C + 1);
  const double per_edge = 2 * radial + tensor_product;
  const double up = 2 * n_lm * C * C;
  const double down_self = 2 * 2 * (C * C * (1 + L) + (n_lm - 1) * C * C);
  const double per_atom = 2 * (up + down_self);
  return h.num_layers * (edges_per_atom * per_edge + per_atom);
}

// us per atom-step of the reference, by torch thread count (filled by the Reference runs).
std::map<int, double>& reference_us() {
  static std::map<int, double> us;
  return us;
}

void Reference(benchmark::State& state) {
  const int threads = static_cast<int>(state.range(0));
  torch::set_num_threads(threads);
  const Hyperparameters hyper = reference_hyperparameters();
  const ReferenceModel model(initialise_model(hyper, 1));
  const Structure& structure = benchmark_structure();
  double seconds = 0;
  int steps = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    benchmark::DoNotOptimize(model.evaluate(structure));
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ++steps;
  }
  const int n = structure.num_atoms();
  reference_us()[threads] = seconds / steps / n * 1e6;
  state.counters["atoms"] = n;
  state.counters["threads"] = threads;
  state.counters["us_per_atom_step"] =
      benchmark::Counter(n * 1e-6, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

// Scalar: the engine's feature precision (float: mixed precision).
template <class ExecSpace, class Scalar = double>
void EnergyAndForces(benchmark::State& state) {
  using Device = typename ExecSpace::device_type;
  // Host spaces: the threads Kokkos was started with (Kokkos 4 cannot restart one backend with
  // another count, so the OpenMP line for 1 thread is a run with OMP_NUM_THREADS=1); 1 on GPUs.
  const int threads = engine::is_host_space<ExecSpace>() ? ExecSpace().concurrency() : 1;
  const Hyperparameters hyper = reference_hyperparameters();
  Engine<Device, Scalar> engine(initialise_model(hyper, 1));
  const NeighborGraph graph = build_neighbor_graph(benchmark_structure(), hyper.r_cut);
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

  LocalImageExchange<typename Engine<Device, Scalar>::device_type, Scalar> exchange(graph.owner, n_local);
  const EngineRequest request{true, false, true, false, false};
  double seconds = 0;
  int steps = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    engine.compute({x, species, n_local, first_edge, source, -1, true}, request, exchange);
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ++steps;
  }
  if (const char* dump = std::getenv("EQUIPOT_BENCH_DUMP"); dump && std::is_same<ExecSpace, Kokkos::Serial>::value &&
                                                     std::is_same<Scalar, double>::value) {
    auto forces = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), engine.forces());
    if (FILE* file = std::fopen(dump, "w")) {
      std::fprintf(file, "%.17g\n", engine.energy());
      for (size_t i = 0; i < forces.extent(0); ++i)
        std::fprintf(file, "%.17g %.17g %.17g\n", forces(i, 0), forces(i, 1), forces(i, 2));
      std::fclose(file);
    }
  }

  const double us = seconds / steps / n_local * 1e6, flops = flop_count(hyper, double(n_edges) / n_local);
  state.counters["atoms"] = n_local;
  state.counters["threads"] = threads;
  state.counters["neighbours_per_atom"] = double(n_edges) / n_local;
  state.counters["us_per_atom_step"] =
      benchmark::Counter(n_local * 1e-6, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
  state.counters["MFLOP_per_atom_step"] = flops * 1e-6;
  state.counters["MFLOP_executed_per_atom_step"] =
      step_flops(hyper, double(n_edges) / n_local, engine.radial_tables().tabulated).total() * 1e-6;
  state.counters["GFLOP_per_s"] = flops / us * 1e-3;
  const auto& reference = reference_us();
  if (reference.count(1)) state.counters["ratio_vs_ref_1t"] = us / reference.at(1);
  if (reference.count(threads)) state.counters["ratio_vs_ref_same_threads"] = us / reference.at(threads);
}

BENCHMARK(Reference)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
#ifdef KOKKOS_ENABLE_SERIAL
BENCHMARK_TEMPLATE(EnergyAndForces, Kokkos::Serial)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_TEMPLATE(EnergyAndForces, Kokkos::Serial, float)->Unit(benchmark::kMillisecond)->UseRealTime();
#endif
#ifdef KOKKOS_ENABLE_OPENMP
BENCHMARK_TEMPLATE(EnergyAndForces, Kokkos::OpenMP)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_TEMPLATE(EnergyAndForces, Kokkos::OpenMP, float)->Unit(benchmark::kMillisecond)->UseRealTime();
#endif
#ifdef KOKKOS_ENABLE_CUDA  // the device kernels with Kokkos::AUTO teams (tuning.hpp)
BENCHMARK_TEMPLATE(EnergyAndForces, Kokkos::Cuda)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_TEMPLATE(EnergyAndForces, Kokkos::Cuda, float)->Unit(benchmark::kMillisecond)->UseRealTime();
#endif

}  // namespace
}  // namespace equipot
