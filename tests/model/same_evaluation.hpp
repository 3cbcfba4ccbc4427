#pragma once
// Two evaluations of the same model and structure must agree: bit for bit where the engine adds
// in a fixed order (host spaces: plain adds, or per-thread copies summed in thread order), to
// rounding where a GPU adds forces and adjoints with atomics, whose order changes from run to
// run (the first GPU run found last digits differing): there each value within 1e-12 of the
// largest of its kind.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "model/engine/evaluate.hpp"
#include "model/engine/tuning.hpp"

namespace equipot::test {

template <class ExecSpace>
void expect_same_evaluation(const EngineResult& a, const EngineResult& b) {
  ASSERT_EQ(a.forces.size(), b.forces.size());
  ASSERT_EQ(a.atom_energies.size(), b.atom_energies.size());
  if constexpr (engine::is_host_space<ExecSpace>()) {
    EXPECT_EQ(a.energy, b.energy);
    EXPECT_EQ(a.atom_energies, b.atom_energies);
    EXPECT_EQ(a.virial, b.virial);
    for (std::size_t i = 0; i < a.forces.size(); ++i) EXPECT_EQ(a.forces[i], b.forces[i]) << "atom " << i;
  } else {
    constexpr double kRounding = 1e-12;
    double force_scale = 0, virial_scale = 0, energy_scale = std::abs(a.energy);
    for (const auto& f : a.forces)
      for (double component : f) force_scale = std::max(force_scale, std::abs(component));
    for (double w : a.virial) virial_scale = std::max(virial_scale, std::abs(w));
    for (double e : a.atom_energies) energy_scale = std::max(energy_scale, std::abs(e));
    EXPECT_NEAR(a.energy, b.energy, kRounding * energy_scale);
    for (std::size_t i = 0; i < a.atom_energies.size(); ++i)
      EXPECT_NEAR(a.atom_energies[i], b.atom_energies[i], kRounding * energy_scale) << "atom " << i;
    for (int k = 0; k < 6; ++k) EXPECT_NEAR(a.virial[k], b.virial[k], kRounding * virial_scale) << "virial " << k;
    for (std::size_t i = 0; i < a.forces.size(); ++i)
      for (int k = 0; k < 3; ++k)
        EXPECT_NEAR(a.forces[i][k], b.forces[i][k], kRounding * force_scale) << "atom " << i << ", component " << k;
  }
}

}  // namespace equipot::test
