// Spherical harmonics: e3nn values, normalization, gradients, equivariance, extreme lengths and
// rejection of zero-length vectors (core/spherical_harmonics.hpp, edge_vectors.hpp).
#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "backends.hpp"
#include "core/edge_vectors.hpp"
#include "core/spherical_harmonics_batch.hpp"
#include "e3nn_reference.hpp"
#include "rotations.hpp"

namespace {

using equipot::core::num_lm;
using equipot::test::Vec3;

template <class ExecSpace>
struct HarmonicsOnBackend {
  Kokkos::View<double**, Kokkos::LayoutRight, Kokkos::HostSpace> Y;
  Kokkos::View<double***, Kokkos::LayoutRight, Kokkos::HostSpace> dY;
  int invalid = 0;
};

// Runs the batch kernel on ExecSpace for the given vectors and copies the results back.
template <class ExecSpace>
HarmonicsOnBackend<ExecSpace> harmonics_on(int l_max, const std::vector<Vec3>& vectors) {
  using Memory = typename ExecSpace::memory_space;
  const int n = static_cast<int>(vectors.size());
  Kokkos::View<double**, Kokkos::LayoutRight, Memory> r("r", n, 3);
  Kokkos::View<double**, Kokkos::LayoutRight, Memory> Y("Y", n, num_lm(l_max));
  Kokkos::View<double***, Kokkos::LayoutRight, Memory> dY("dY", n, num_lm(l_max), 3);
  auto h_r = Kokkos::create_mirror_view(r);
  for (int e = 0; e < n; ++e)
    for (int k = 0; k < 3; ++k) h_r(e, k) = vectors[e][k];
  Kokkos::deep_copy(r, h_r);
  HarmonicsOnBackend<ExecSpace> out;
  out.invalid = equipot::core::compute_spherical_harmonics(ExecSpace(), l_max, r, Y, dY);
  out.Y = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), Y);
  out.dY = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), dY);
  return out;
}

std::vector<Vec3> random_vectors(int n, double min_length, double max_length, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> length(min_length, max_length);
  std::vector<Vec3> out;
  for (int i = 0; i < n; ++i) {
    const Vec3 u = equipot::test::random_unit_vector(rng);
    const double s = length(rng);
    out.push_back({u[0] * s, u[1] * s, u[2] * s});
  }
  return out;
}

}  // namespace

template <class ExecSpace>
class SphericalHarmonics : public ::testing::Test {};
TYPED_TEST_SUITE(SphericalHarmonics, equipot::test::Backends, equipot::test::BackendName);

TYPED_TEST(SphericalHarmonics, MatchesE3nnReference) {
  const auto& cases = equipot::test::e3nn_reference().at("spherical_harmonics");
  ASSERT_FALSE(cases.empty());
  std::vector<Vec3> vectors;
  for (const auto& c : cases) vectors.push_back({c.at("vector")[0], c.at("vector")[1], c.at("vector")[2]});
  const auto result = harmonics_on<TypeParam>(4, vectors);
  EXPECT_EQ(result.invalid, 0);
  for (size_t e = 0; e < cases.size(); ++e)
    for (int l = 0; l <= 4; ++l) {
      const auto& expected = cases[e].at("l" + std::to_string(l));
      ASSERT_EQ(expected.size(), static_cast<size_t>(2 * l + 1));
      for (int m = -l; m <= l; ++m)
        EXPECT_NEAR(result.Y(e, equipot::core::lm_index(l, m)), expected[m + l].get<double>(), 1e-12)
            << "vector " << e << ", l = " << l << ", m = " << m;
    }
}

TYPED_TEST(SphericalHarmonics, ComponentNormalizationHoldsUpToMaxDegree) {
  const int l_max = equipot::core::kMaxL;
  const auto vectors = random_vectors(50, 0.1, 10.0, 1);
  const auto result = harmonics_on<TypeParam>(l_max, vectors);
  for (size_t e = 0; e < vectors.size(); ++e)
    for (int l = 0; l <= l_max; ++l) {
      double sum = 0;
      for (int m = -l; m <= l; ++m) sum += std::pow(result.Y(e, equipot::core::lm_index(l, m)), 2);
      EXPECT_NEAR(sum, 2 * l + 1, 1e-12 * (2 * l + 1)) << "l = " << l;
    }
}

TYPED_TEST(SphericalHarmonics, GradientMatchesCentralDifferences) {
  const int l_max = equipot::core::kMaxL;
  // Short, typical and long bonds, and directions close to the poles of every axis.
  auto vectors = random_vectors(20, 0.05, 8.0, 2);
  vectors.push_back({1e-3, 2e-3, -1.5e-3});
  vectors.push_back({0.0, 0.0, 2.0});
  vectors.push_back({1e-7, 3.0, 0.0});
  vectors.push_back({-4.0, 1e-6, 1e-6});
  const auto result = harmonics_on<TypeParam>(l_max, vectors);
  const int n = num_lm(l_max);
  for (size_t e = 0; e < vectors.size(); ++e) {
    const Vec3 r = vectors[e];
    const double length = std::sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
    const double h = 1e-5 * length;
    double max_error = 0, max_gradient = 0;
    for (int k = 0; k < 3; ++k) {
      Vec3 plus = r, minus = r;
      plus[k] += h;
      minus[k] -= h;
      std::vector<double> y_plus(n), y_minus(n);
      equipot::core::spherical_harmonics(l_max, plus[0], plus[1], plus[2], y_plus.data());
      equipot::core::spherical_harmonics(l_max, minus[0], minus[1], minus[2], y_minus.data());
      for (int lm = 0; lm < n; ++lm) {
        const double fd = (y_plus[lm] - y_minus[lm]) / (2 * h);
        max_error = std::max(max_error, std::abs(fd - result.dY(e, lm, k)));
        max_gradient = std::max(max_gradient, std::abs(result.dY(e, lm, k)));
      }
    }
    EXPECT_LT(max_error / max_gradient, 1e-6) << "edge " << e << " of length " << length;
  }
}

TYPED_TEST(SphericalHarmonics, AreEquivariantUnderRandomRotations) {
  std::mt19937_64 rng(3);
  for (int trial = 0; trial < 5; ++trial) {
    const auto R = equipot::test::random_rotation(rng);
    std::vector<Vec3> vectors = random_vectors(20, 0.5, 3.0, 10 + trial), rotated;
    for (const auto& v : vectors) rotated.push_back(equipot::test::rotate(R, v));
    const auto y = harmonics_on<TypeParam>(4, vectors), y_rot = harmonics_on<TypeParam>(4, rotated);
    for (int l = 0; l <= 4; ++l) {
      const auto D = equipot::test::wigner_d(l, R, rng);
      for (size_t e = 0; e < vectors.size(); ++e)
        for (int i = 0; i < 2 * l + 1; ++i) {
          double dy = 0;
          for (int j = 0; j < 2 * l + 1; ++j) dy += D[i][j] * y.Y(e, l * l + j);
          EXPECT_NEAR(y_rot.Y(e, l * l + i), dy, 1e-12) << "l = " << l;
        }
      // A rotation of real harmonics with component normalization is an orthogonal matrix.
      for (int i = 0; i < 2 * l + 1; ++i)
        for (int j = 0; j < 2 * l + 1; ++j) {
          double dot = 0;
          for (int k = 0; k < 2 * l + 1; ++k) dot += D[i][k] * D[j][k];
          EXPECT_NEAR(dot, i == j ? 1.0 : 0.0, 1e-12);
        }
    }
  }
}

TYPED_TEST(SphericalHarmonics, DependOnlyOnDirectionFromTinyToHugeLengths) {
  const int l_max = 4, n = num_lm(l_max);
  const Vec3 u{0.3, -0.5, 0.8};
  std::vector<Vec3> vectors;
  for (double s : {1.0, 1e-150, 1e-300, 1e150, 1e300}) vectors.push_back({u[0] * s, u[1] * s, u[2] * s});
  const auto result = harmonics_on<TypeParam>(l_max, vectors);
  EXPECT_EQ(result.invalid, 0);
  const double scales[] = {1.0, 1e-150, 1e-300, 1e150, 1e300};
  for (size_t e = 1; e < vectors.size(); ++e)
    for (int lm = 0; lm < n; ++lm) {
      EXPECT_NEAR(result.Y(e, lm), result.Y(0, lm), 1e-13);
      for (int k = 0; k < 3; ++k)  // dY(s r) = dY(r) / s
        EXPECT_NEAR(result.dY(e, lm, k) * scales[e], result.dY(0, lm, k), 1e-12);
    }
}

TYPED_TEST(SphericalHarmonics, ZeroLengthAndNonFiniteVectorsAreRejected) {
  const double inf = std::numeric_limits<double>::infinity(), nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<Vec3> vectors = {{1.0, 0.0, 0.0}, {0.0, 0.0, 0.0}, {inf, 0.0, 1.0}, {nan, 1.0, 1.0}};
  const auto result = harmonics_on<TypeParam>(3, vectors);
  EXPECT_EQ(result.invalid, 3);
  for (size_t e = 1; e < vectors.size(); ++e)
    for (int lm = 0; lm < num_lm(3); ++lm) {
      EXPECT_EQ(result.Y(e, lm), lm == 0 ? 1.0 : 0.0) << "edge " << e;
      for (int k = 0; k < 3; ++k) EXPECT_EQ(result.dY(e, lm, k), 0.0) << "edge " << e;
    }

  using Memory = typename TypeParam::memory_space;
  Kokkos::View<double**, Kokkos::LayoutRight, Memory> r("r", 3, 3);
  auto h_r = Kokkos::create_mirror_view(r);
  Kokkos::deep_copy(h_r, 1.0);
  Kokkos::deep_copy(r, h_r);
  EXPECT_EQ(equipot::core::find_invalid_edge_vector(TypeParam(), r), -1);
  EXPECT_NO_THROW(equipot::core::require_valid_edge_vectors(TypeParam(), r));

  h_r(1, 0) = h_r(1, 1) = h_r(1, 2) = 0.0;
  h_r(2, 0) = h_r(2, 1) = h_r(2, 2) = 0.0;
  Kokkos::deep_copy(r, h_r);
  EXPECT_EQ(equipot::core::find_invalid_edge_vector(TypeParam(), r), 1);
  try {
    equipot::core::require_valid_edge_vectors(TypeParam(), r);
    ADD_FAILURE() << "a zero-length edge was accepted";
  } catch (const std::invalid_argument& error) {
    EXPECT_NE(std::string(error.what()).find("edge 1 has a zero-length"), std::string::npos) << error.what();
  }
}
