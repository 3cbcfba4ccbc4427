// Training throughput of the reference model of design.md section 5 (T = 2, l_max = 2, C = 32,
// r_cut = 5, n_b = 8, radial MLP 64x64): one optimizer step (forces and virial differentiable,
// energy + force + stress loss, Adam) per iteration on a batch of 4 random periodic structures
// of 64 atoms at a density of ~40 neighbours within r_cut. Batches are built before timing.
// Reports structures/s and atoms/s; the argument is the number of LibTorch threads.
#include <benchmark/benchmark.h>

#include <cmath>
#include <random>

#include "model/initialise.hpp"
#include "torch/reference_model.hpp"
#include "train/training_batch.hpp"

namespace equipot {
namespace {

constexpr int kAtoms = 64, kBatch = 4;
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

// kAtoms random atoms in a cube (none closer than kMinDistance), with placeholder labels: the
// values do not change the cost of a step.
LabelledStructure dense_structure(std::mt19937_64& random) {
  const double pi = 3.14159265358979323846;
  const double side = std::cbrt(kAtoms * (4.0 / 3.0) * pi * std::pow(kCutoff, 3) / kNeighbours);
  std::uniform_real_distribution<double> uniform(0.0, side);
  LabelledStructure item;
  Structure& s = item.structure;
  s.pbc = {true, true, true};
  s.cell = {Vec3{side, 0, 0}, Vec3{0, side, 0}, Vec3{0, 0, side}};
  while (s.num_atoms() < kAtoms) {
    const Vec3 x{uniform(random), uniform(random), uniform(random)};
    bool clear = true;
    for (const auto& y : s.positions) {
      double d2 = 0;
      for (int k = 0; k < 3; ++k) {
        const double d = x[k] - y[k] - side * std::round((x[k] - y[k]) / side);
        d2 += d * d;
      }
      clear = clear && d2 > kMinDistance * kMinDistance;
    }
    if (!clear) continue;
    s.positions.push_back(x);
    s.species.push_back(s.num_atoms() % 2);
  }
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
