// The reference model's own spherical harmonics and radial basis: e3nn's values, the addition
// theorem up to l = 6, and the closed-form edge basis.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "../unit/e3nn_reference.hpp"
#include "torch/reference_harmonics.hpp"
#include "torch/reference_radial.hpp"

namespace equipot::reference {
namespace {

const auto kFloat64 = torch::TensorOptions().dtype(torch::kDouble);

TEST(ReferenceHarmonics, MatchesE3nnReference) {
  int checked = 0;
  for (const auto& sample : test::e3nn_reference().at("spherical_harmonics")) {
    const auto vector = torch::tensor(sample.at("vector").get<std::vector<double>>(), kFloat64).reshape({1, 3});
    const auto y = spherical_harmonics(vector, 4);
    for (int l = 0; l <= 4; ++l) {
      const auto expected = sample.at("l" + std::to_string(l)).get<std::vector<double>>();
      ASSERT_EQ(static_cast<int>(expected.size()), 2 * l + 1);
      for (int m = 0; m < 2 * l + 1; ++m, ++checked)
        EXPECT_NEAR(y[0][l * l + m].item<double>(), expected[m], 1e-12) << "l=" << l << " m=" << m - l;
    }
  }
  EXPECT_GT(checked, 0);
}

// sum_m Y_lm(u) Y_lm(v) = (2l + 1) P_l(u . v) for component-normalized real harmonics: this
// holds only for an orthogonal basis of the degree-l harmonics, so it checks every l <= 6.
TEST(ReferenceHarmonics, SatisfyTheAdditionTheoremUpToDegreeSix) {
  const int l_max = 6;
  torch::manual_seed(3);
  const auto u = torch::randn({20, 3}, kFloat64), v = torch::randn({20, 3}, kFloat64) * 7.0;
  const auto yu = spherical_harmonics(u, l_max), yv = spherical_harmonics(v, l_max);
  const auto cosine = ((u * v).sum(1) / (u.norm(2, 1) * v.norm(2, 1)));
  for (int k = 0; k < 20; ++k) {
    const double c = cosine[k].item<double>();
    double p_prev = 1, p = c;  // Bonnet: (l+1) P_{l+1} = (2l+1) c P_l - l P_{l-1}
    for (int l = 0; l <= l_max; ++l) {
      const double legendre = l == 0 ? 1.0 : p;
      const auto block = torch::indexing::Slice(l * l, (l + 1) * (l + 1));
      const double sum = (yu.index({k, block}) * yv.index({k, block})).sum().item<double>();
      EXPECT_NEAR(sum, (2 * l + 1) * legendre, 1e-11) << "l=" << l;
      if (l >= 1) {
        const double next = ((2 * l + 1) * c * p - l * p_prev) / (l + 1);
        p_prev = p;
        p = next;
      }
    }
  }
}

TEST(ReferenceRadialBasis, MatchesTheClosedFormAndVanishesBeyondTheCutoff) {
  const double r_cut = 4.0;
  const int num_basis = 5, p = 6;
  const std::vector<double> lengths{0.01, 0.7, 2.0, 3.99, 4.0, 5.5};
  const auto basis = radial_basis(torch::tensor(lengths, kFloat64), r_cut, num_basis, p);
  for (size_t e = 0; e < lengths.size(); ++e) {
    const double d = lengths[e], x = d / r_cut;
    const double envelope =
        x < 1 ? 1 - 28.0 * std::pow(x, 6) + 48.0 * std::pow(x, 7) - 21.0 * std::pow(x, 8) : 0.0;
    for (int n = 1; n <= num_basis; ++n) {
      const double expected = std::sqrt(2 / r_cut) * std::sin(n * M_PI * d / r_cut) / d * envelope;
      EXPECT_NEAR(basis[e][n - 1].item<double>(), expected, 1e-13) << "d=" << d << " n=" << n;
    }
  }
}

}  // namespace
}  // namespace equipot::reference
