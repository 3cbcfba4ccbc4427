// Radial tables (model/engine/radial_table.hpp): the exact radial map's derivatives against
// central differences, the tables' measured error and their convergence, and the engine with
// tables against the exact radial MLP on every fixture model and structure, in fp64 within
// the bounds docs/engine.md states (energy 1e-10 relative, forces 1e-8 of the largest force
// component), plus the fallback to the exact MLP when a table cannot meet its bound.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "../unit/backends.hpp"
#include "model_fixtures.hpp"
#include "same_evaluation.hpp"
#include "model/engine/evaluate.hpp"
#include "model/engine/radial_table_build.hpp"

namespace equipot {
namespace {

using namespace equipot::test;

engine::ExactRadialMap exact_map(const Model& model, int layer) {
  const core::UvuTensorProduct<Kokkos::HostSpace, double> tp(model.hyper.l_max, model.hyper.l_max,
                                                             model.hyper.l_max, model.hyper.channels);
  return engine::ExactRadialMap(model.hyper, engine::folded_radial_matrices(model, layer, tp.h_paths));
}

// A layer that runs some of the model's paths (layer_degrees.hpp: from l_in = 0 in the first
// layer, into l_out = 0 in the last) keeps their columns of the radial map, with the same alpha_p
// as in the full map: its outputs are those of the full map at the same paths, value for value.
TEST(ExactRadialMap, LayersKeepTheColumnsOfTheirPaths) {
  for (const auto& hyper : hyperparameter_sets()) {
    const Model model = test_model(hyper);
    const int L = hyper.l_max, C = hyper.channels;
    const core::UvuTensorProduct<Kokkos::HostSpace, double> all(L, L, L, C);
    for (const int l_in_max : {0, L}) {
      const int l_out_max = l_in_max == 0 ? L : 0;
      SCOPED_TRACE("l_max = " + std::to_string(L) + ", l_in <= " + std::to_string(l_in_max));
      const core::UvuTensorProduct<Kokkos::HostSpace, double> some(l_in_max, L, l_out_max, C);
      const engine::ExactRadialMap full = exact_map(model, 0);
      const engine::ExactRadialMap kept(hyper, engine::folded_radial_matrices(model, 0, some.h_paths));
      ASSERT_EQ(kept.outputs(), some.n_paths * C);
      std::vector<double> w(full.outputs()), dw(full.outputs()), d2w(full.outputs());
      std::vector<double> w_kept(kept.outputs()), dw_kept(kept.outputs()), d2w_kept(kept.outputs());
      full.evaluate(1.3, w.data(), dw.data(), d2w.data());
      kept.evaluate(1.3, w_kept.data(), dw_kept.data(), d2w_kept.data());
      int matched = 0;
      for (int q = 0; q < all.n_paths; ++q) {
        if (all.h_paths(q).l_in > l_in_max || all.h_paths(q).l_out > l_out_max) continue;
        for (int u = 0; u < C; ++u) {
          EXPECT_EQ(w_kept[matched * C + u], w[q * C + u]) << "path " << q << ", channel " << u;
          EXPECT_EQ(dw_kept[matched * C + u], dw[q * C + u]) << "path " << q << ", channel " << u;
        }
        ++matched;
      }
      EXPECT_EQ(matched, some.n_paths);
    }
  }
}

TEST(ExactRadialMap, DerivativesMatchCentralDifferences) {
  const std::vector<double> distances{0.02, 0.7, 1.9, 2.95};
  for (const auto& hyper : hyperparameter_sets()) {
    const Model model = test_model(hyper);
    const engine::ExactRadialMap map = exact_map(model, 0);
    const int n = map.outputs();
    std::vector<double> w(n), dw(n), d2w(n), w_plus(n), dw_plus(n), w_minus(n), dw_minus(n), unused(n);
    // Relative to the largest first and second derivative over the distances.
    double scale_1 = 0, scale_2 = 0, error_1 = 0, error_2 = 0;
    for (const double d : distances) {
      const double h = 1e-5;
      map.evaluate(d, w.data(), dw.data(), d2w.data());
      map.evaluate(d + h, w_plus.data(), dw_plus.data(), unused.data());
      map.evaluate(d - h, w_minus.data(), dw_minus.data(), unused.data());
      for (int o = 0; o < n; ++o) {
        scale_1 = std::max(scale_1, std::abs(dw[o]));
        scale_2 = std::max(scale_2, std::abs(d2w[o]));
        error_1 = std::max(error_1, std::abs((w_plus[o] - w_minus[o]) / (2 * h) - dw[o]));
        error_2 = std::max(error_2, std::abs((dw_plus[o] - dw_minus[o]) / (2 * h) - d2w[o]));
      }
    }
    EXPECT_LT(error_1 / scale_1, 1e-8) << "T = " << hyper.num_layers;
    EXPECT_LT(error_2 / scale_2, 1e-7) << "T = " << hyper.num_layers;
  }
}

// O(h^6): halving the spacing divides the error by about 2^6 = 64 once the spacing resolves
// the map, until rounding; the coarsest table of 64 * 2^k intervals within the bound is chosen.
TEST(RadialTable, ConvergesAtSixthOrderAndMeetsItsBound) {
  const Model model = test_model(hyperparameter_sets()[1]);
  const engine::ExactRadialMap map = exact_map(model, 1);
  std::vector<double> errors;
  for (int n_intervals = 16; n_intervals <= 1024; n_intervals *= 2) {
    const engine::HostRadialTable table = engine::tabulate(map, n_intervals);
    std::printf("%5d intervals: value error %.2e, slope error %.2e\n", n_intervals, table.value_error,
                table.slope_error);
    errors.push_back(table.value_error);
  }
  EXPECT_GT(errors[2] / errors[3], 50.0) << "64 -> 128 intervals";
  EXPECT_LT(errors[2] / errors[3], 80.0) << "64 -> 128 intervals";
  const engine::HostRadialTable table =
      engine::tabulate_within(map, RadialTableReport::kBound, RadialTableReport::kMaxIntervals);
  EXPECT_LE(table.value_error, RadialTableReport::kBound);
  EXPECT_LE(table.slope_error, RadialTableReport::kBound);
  if (table.n_intervals > 64) {
    const engine::HostRadialTable coarser = engine::tabulate(map, table.n_intervals / 2);
    EXPECT_GT(std::max(coarser.value_error, coarser.slope_error), RadialTableReport::kBound);
  }
}

template <class ExecSpace>
class RadialTables : public ::testing::Test {};
TYPED_TEST_SUITE(RadialTables, equipot::test::Backends, equipot::test::BackendName);

TYPED_TEST(RadialTables, MatchTheExactRadialMlpInDouble) {
  using Device = typename TypeParam::device_type;
  const EngineTuning table = EngineTuning::defaults<TypeParam>(), exact = table.with(RadialEvaluation::exact);
  double worst_energy = 0, worst_force = 0, worst_virial = 0;
  for (const auto& hyper : hyperparameter_sets()) {
    const Model model = test_model(hyper);
    StructureEvaluator<Device> tabulated(model, table), reference(model, exact);
    const RadialTableReport& report = tabulated.engine().radial_tables();
    ASSERT_TRUE(report.tabulated);
    ASSERT_FALSE(reference.engine().radial_tables().tabulated);
    EXPECT_GT(tabulated.engine().radial_table_bytes(), 0u);
    for (const auto& [name, structure] : test_structures()) {
      SCOPED_TRACE("T = " + std::to_string(hyper.num_layers) + ", l_max = " + std::to_string(hyper.l_max) + ", " +
                   name);
      const EngineResult a = reference.evaluate(structure), b = tabulated.evaluate(structure);
      const double force_scale = std::max(max_abs(a.forces), 1e-3);
      double virial_scale = 1e-3;
      for (double v : a.virial) virial_scale = std::max(virial_scale, std::abs(v));
      worst_energy = std::max(worst_energy, std::abs(b.energy - a.energy) / std::max(1.0, std::abs(a.energy)));
      for (int i = 0; i < structure.num_atoms(); ++i)
        for (int k = 0; k < 3; ++k)
          worst_force = std::max(worst_force, std::abs(b.forces[i][k] - a.forces[i][k]) / force_scale);
      for (int v = 0; v < 6; ++v)
        worst_virial = std::max(worst_virial, std::abs(b.virial[v] - a.virial[v]) / virial_scale);
    }
  }
  std::printf("worst tables vs exact: energy %.2e, forces %.2e, virial %.2e (relative)\n", worst_energy, worst_force,
              worst_virial);
  EXPECT_LT(worst_energy, 1e-10);
  EXPECT_LT(worst_force, 1e-8);
  EXPECT_LT(worst_virial, 1e-8);
  EXPECT_GT(worst_energy + worst_force, 0.0) << "the tables were not used";
}

// Radial weights 1e4 times larger: SiLU kinks far sharper than any table of kMaxIntervals
// resolves. The engine says so and runs the exact MLP, with the same results as asked for it.
TYPED_TEST(RadialTables, FallBackToTheExactMlpWhenTheBoundIsMissed) {
  using Device = typename TypeParam::device_type;
  Model model = test_model(hyperparameter_sets()[0]);
  for (double& w : model.weights.at("layers.0.radial.0").values) w *= 1e4;
  StructureEvaluator<Device> defaults(model),
      reference(model, EngineTuning::defaults<TypeParam>().with(RadialEvaluation::exact));
  const RadialTableReport& report = defaults.engine().radial_tables();
  EXPECT_TRUE(report.requested);
  EXPECT_FALSE(report.tabulated);
  ASSERT_EQ(report.n_intervals.size(), 1u);
  EXPECT_EQ(report.n_intervals[0], RadialTableReport::kMaxIntervals);
  EXPECT_GT(std::max(report.value_error[0], report.slope_error[0]), RadialTableReport::kBound);
  EXPECT_EQ(defaults.engine().radial_table_bytes(), 0u);
  const Structure structure = test_structures()[0].second;
  expect_same_evaluation<TypeParam>(reference.evaluate(structure), defaults.evaluate(structure));
}

}  // namespace
}  // namespace equipot
