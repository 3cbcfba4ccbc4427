// Training throughput of the benchmark model (reference_system.hpp) (T = 2, l_max = 2, C = 32,
// r_cut = 5, n_b = 8, radial MLP 64x64): one optimizer step (forces and virial differentiable,
// energy + force + stress loss, Adam) per iteration on a batch of 4 random periodic structures
// of 64 atoms at a density of ~40 neighbours within r_cut. Batches are built, and two steps
// taken, before timing.
// Reports structures/s and atoms/s; the argument is the number of LibTorch threads. Under
// mpirun the ranks share the batch as `equipot train` does (src/train/rank_group.hpp) and rank 0
// reports; every rank then runs the same fixed number of steps.
// With EQUIPOT_BENCH_BATCH_XYZ=FILE the batch is also written to FILE (extended XYZ), for the
// side-by-side run of a peer on the same structures (train_side_by_side.sh).
#include <benchmark/benchmark.h>
#include <mpi.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>

#include "data/extxyz_writer.hpp"

#include "model/initialise.hpp"
#include "reference_system.hpp"
#include "torch/reference_model.hpp"
#include "train/training_batch.hpp"

namespace equipot {
namespace {

constexpr int kAtoms = 64, kBatch = 4;
using bench::kCutoff;
using bench::reference_hyperparameters;

// A dense random structure with placeholder labels: the values do not change the cost of a step.
LabelledStructure dense_structure(std::mt19937_64& random) {
  LabelledStructure item;
  item.structure = bench::dense_structure(kAtoms, random);
  item.forces.assign(kAtoms, Vec3{0.1, -0.2, 0.3});
  item.stress = std::array<double, 9>{0.01, 0, 0, 0, 0.01, 0, 0, 0, 0.01};
  return item;
}

void write_batch(const std::vector<LabelledStructure>& data, const char* path) {
  std::ofstream out(path);
  for (const auto& item : data) {
    Frame frame;
    for (int species : item.structure.species) frame.symbols.push_back(reference_hyperparameters().species[species]);
    frame.positions = item.structure.positions;
    frame.cell = item.structure.cell;
    frame.pbc = item.structure.pbc;
    frame.energy = item.energy;
    frame.forces = item.forces;
    std::array<double, 9> virial{};
    for (int k = 0; k < 9; ++k) virial[k] = -cell_volume(item.structure) * (*item.stress)[k];
    frame.virial = virial;
    write_extxyz(out, frame);
  }
  if (!out) throw std::runtime_error(std::string("cannot write the batch to ") + path);
}

void BM_TrainingStep(benchmark::State& state) {
  torch::set_num_threads(static_cast<int>(state.range(0)));
  std::mt19937_64 random(5);
  std::vector<LabelledStructure> data;
  for (int k = 0; k < kBatch; ++k) data.push_back(dense_structure(random));
  if (const char* path = std::getenv("EQUIPOT_BENCH_BATCH_XYZ")) write_batch(data, path);
  std::vector<const LabelledStructure*> items;
  for (const auto& item : data) items.push_back(&item);
  const RankGroup ranks;
  if (ranks.size() > kBatch) {
    state.SkipWithError("more ranks than structures in the batch");
    return;
  }
  const TrainingBatch batch = make_training_batch(ranks.share(items), kCutoff);

  const ReferenceModel model(initialise_model(reference_hyperparameters(), 1), /*requires_grad=*/true);
  const auto parameters = model.parameters();
  torch::optim::Adam optimizer(parameters, torch::optim::AdamOptions(1e-3));
  const LossWeights weights{1.0, 10.0, 1.0};
  const LossScale scale = loss_scale(items);
  double loss = 0;
  // Two untimed steps first: the first faults in every buffer and Adam's moments, which is not
  // what a step of a training run costs.
  for (int k = 0; k < 2; ++k) training_step(model, optimizer, parameters, &batch, weights, scale, 0.0, ranks, loss);
  for (auto _ : state) {
    training_step(model, optimizer, parameters, &batch, weights, scale, 0.0, ranks, loss);
    benchmark::DoNotOptimize(loss);
  }
  state.counters["structures/s"] = benchmark::Counter(double(kBatch), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["atoms/s"] = benchmark::Counter(double(kBatch * kAtoms), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["edges/atom"] = double(batch.graph.edge_source.size(0)) / batch.graph.positions.size(0);
  state.counters["ranks"] = ranks.size();
}
BENCHMARK(BM_TrainingStep)->ArgName("threads")->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

}  // namespace
}  // namespace equipot

int main(int argc, char** argv) {
  int provided = 0;
  MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  if (rank != 0 && !std::freopen("/dev/null", "w", stdout)) return 1;
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  MPI_Finalize();
  return 0;
}
