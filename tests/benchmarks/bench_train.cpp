// Training throughput of the benchmark model (reference_system.hpp) (T = 2, l_max = 2, C = 32,
// r_cut = 5, n_b = 8, radial MLP 64x64): one optimizer step (forces and virial differentiable,
// energy + force + stress loss, Adam) per iteration on a batch of 4 random periodic structures
// of 64 atoms at a density of ~40 neighbours within r_cut. Batches are built before timing.
// Reports structures/s and atoms/s; the argument is the number of LibTorch threads.
#include <benchmark/benchmark.h>

#include <cmath>
#include <random>

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

void BM_TrainingStep(benchmark::State& state) {
  torch::set_num_threads(static_cast<int>(state.range(0)));
  std::mt19937_64 random(5);
  std::vector<LabelledStructure> data;
  for (int k = 0; k < kBatch; ++k) data.push_back(dense_structure(random));
  std::vector<const LabelledStructure*> items;
  for (const auto& item : data) items.push_back(&item);
  const TrainingBatch batch = make_training_batch(items, kCutoff);

  const ReferenceModel model(initialise_model(reference_hyperparameters(), 1), /*requires_grad=*/true);
  const auto parameters = model.parameters();
  torch::optim::Adam optimizer(parameters, torch::optim::AdamOptions(1e-3));
  const LossWeights weights{1.0, 10.0, 1.0};
  double loss = 0;
  for (auto _ : state) {
    training_step(model, optimizer, parameters, batch, weights, 0.0, loss);
    benchmark::DoNotOptimize(loss);
  }
  state.counters["structures/s"] = benchmark::Counter(double(kBatch), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["atoms/s"] = benchmark::Counter(double(kBatch * kAtoms), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["edges/atom"] = double(batch.graph.edge_source.size(0)) / (kBatch * kAtoms);
}
BENCHMARK(BM_TrainingStep)->ArgName("threads")->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace equipot

BENCHMARK_MAIN();
