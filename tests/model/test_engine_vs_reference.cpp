// The Kokkos engine against the LibTorch reference model (autograd forces, strain virial) on the
// same weights: energy, per-atom energies, forces and virial agree to 1e-10 relative, for
// several hyperparameter sets and structures, on every enabled backend.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include "../unit/backends.hpp"
#include "model/engine/evaluate.hpp"
#include "model_fixtures.hpp"
#include "torch/reference_model.hpp"

namespace equipot {
namespace {

using namespace equipot::test;

constexpr double kTolerance = 1e-10;
// Forces and virials that vanish by symmetry (one atom among its own images) are compared
// against this scale instead of their own round-off.
constexpr double kSmallestScale = 1e-6;

template <class ExecSpace>
class EngineVsReference : public ::testing::Test {};
TYPED_TEST_SUITE(EngineVsReference, equipot::test::Backends, equipot::test::BackendName);

double relative(double a, double b, double scale) { return std::abs(a - b) / std::max(scale, kSmallestScale); }

TYPED_TEST(EngineVsReference, AgreeOnEnergiesForcesAndVirials) {
  using Device = Kokkos::Device<TypeParam, typename TypeParam::memory_space>;
  torch::set_num_threads(1);
  for (const auto& hyper : hyperparameter_sets()) {
    const Model model = test_model(hyper);
    StructureEvaluator<Device> engine(model);
    const ReferenceModel reference(model);
    for (const auto& [name, structure] : test_structures()) {
      SCOPED_TRACE("T=" + std::to_string(hyper.num_layers) + " l_max=" + std::to_string(hyper.l_max) + ", " + name);
      const EngineResult e = engine.evaluate(structure);
      const ReferenceResult r = reference.evaluate(structure);
      EXPECT_LT(relative(e.energy, r.energy, std::abs(r.energy)), kTolerance);
      double energy_scale = 0;
      for (double x : r.atom_energies) energy_scale = std::max(energy_scale, std::abs(x));
      for (int i = 0; i < structure.num_atoms(); ++i) {
        EXPECT_LT(relative(e.atom_energies[i], r.atom_energies[i], energy_scale), kTolerance) << "atom " << i;
        for (int k = 0; k < 3; ++k)
          EXPECT_LT(relative(e.forces[i][k], r.forces[i][k], max_abs(r.forces)), kTolerance) << "atom " << i;
      }
      // Voigt xx yy zz xy xz yz against the reference's row-major 3x3 (-dE/d strain).
      const int row_major[6] = {0, 4, 8, 1, 2, 5};
      double virial_scale = 0;
      for (double w : r.virial) virial_scale = std::max(virial_scale, std::abs(w));
      for (int k = 0; k < 6; ++k)
        EXPECT_LT(relative(e.virial[k], r.virial[row_major[k]], virial_scale), kTolerance) << "virial " << k;
    }
  }
}

}  // namespace
}  // namespace equipot
