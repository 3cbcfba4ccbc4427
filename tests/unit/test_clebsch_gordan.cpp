// Real Clebsch-Gordan tensors: e3nn values and signs, invariance, orthogonality, selection
// rules and the sparse device table (core/clebsch_gordan.hpp).
#include <cmath>
#include <random>
#include <vector>

#include "backends.hpp"
#include "core/clebsch_gordan.hpp"
#include "e3nn_reference.hpp"
#include "rotations.hpp"

using equipot::core::satisfies_triangle;
using equipot::core::wigner_3j;

TEST(ClebschGordan, MatchesE3nnWigner3jIncludingSigns) {
  const auto& cases = equipot::test::e3nn_reference().at("wigner_3j");
  int checked = 0;
  for (const auto& c : cases) {
    const int l1 = c.at("l1"), l2 = c.at("l2"), l3 = c.at("l3");
    const auto& values = c.at("values");
    const std::vector<double> w = wigner_3j(l1, l2, l3);
    ASSERT_EQ(w.size(), values.size()) << l1 << l2 << l3;
    for (size_t k = 0; k < w.size(); ++k)
      EXPECT_NEAR(w[k], values[k].get<double>(), 1e-12) << "(" << l1 << "," << l2 << "," << l3 << ") entry " << k;
    ++checked;
  }
  // Every triple with l1, l2, l3 <= 3 allowed by the triangle rule is in the reference.
  int expected = 0;
  for (int l1 = 0; l1 <= 3; ++l1)
    for (int l2 = 0; l2 <= 3; ++l2)
      for (int l3 = 0; l3 <= 3; ++l3) expected += satisfies_triangle(l1, l2, l3);
  EXPECT_EQ(checked, expected);
}

TEST(ClebschGordan, TensorsAreInvariantUnderRandomRotations) {
  std::mt19937_64 rng(7);
  const int l_max = 4;
  for (int trial = 0; trial < 3; ++trial) {
    const auto R = equipot::test::random_rotation(rng);
    std::vector<equipot::test::Matrix> D;
    for (int l = 0; l <= l_max; ++l) D.push_back(equipot::test::wigner_d(l, R, rng));
    for (int l1 = 0; l1 <= l_max; ++l1)
      for (int l2 = 0; l2 <= l_max; ++l2)
        for (int l3 = std::abs(l1 - l2); l3 <= std::min(l1 + l2, l_max); ++l3) {
          const auto w = wigner_3j(l1, l2, l3);
          const int n1 = 2 * l1 + 1, n2 = 2 * l2 + 1, n3 = 2 * l3 + 1;
          auto at = [&](int a, int b, int c) { return w[(a * n2 + b) * n3 + c]; };
          for (int a = 0; a < n1; ++a)
            for (int b = 0; b < n2; ++b)
              for (int c = 0; c < n3; ++c) {
                double rotated = 0;
                for (int i = 0; i < n1; ++i)
                  for (int j = 0; j < n2; ++j)
                    for (int k = 0; k < n3; ++k) rotated += D[l1][a][i] * D[l2][b][j] * D[l3][c][k] * at(i, j, k);
                EXPECT_NEAR(rotated, at(a, b, c), 1e-12) << l1 << l2 << l3;
              }
        }
  }
}

TEST(ClebschGordan, AreOrthogonalOverM1M2) {
  const int l_max = 5;
  for (int l1 = 0; l1 <= l_max; ++l1)
    for (int l2 = 0; l2 <= l_max; ++l2)
      for (int l3 = std::abs(l1 - l2); l3 <= l1 + l2; ++l3)
        for (int l3b = std::abs(l1 - l2); l3b <= l1 + l2; ++l3b) {
          const auto w = wigner_3j(l1, l2, l3), wb = wigner_3j(l1, l2, l3b);
          const int n12 = (2 * l1 + 1) * (2 * l2 + 1), n3 = 2 * l3 + 1, n3b = 2 * l3b + 1;
          for (int c = 0; c < n3; ++c)
            for (int cb = 0; cb < n3b; ++cb) {
              double dot = 0;
              for (int ab = 0; ab < n12; ++ab) dot += w[ab * n3 + c] * wb[ab * n3b + cb];
              const double expected = (l3 == l3b && c == cb) ? 1.0 / n3 : 0.0;
              EXPECT_NEAR(dot, expected, 1e-13) << l1 << l2 << l3 << l3b;
            }
        }
}

TEST(ClebschGordan, VanishOutsideSelectionRules) {
  for (int l1 = 0; l1 <= 4; ++l1)
    for (int l2 = 0; l2 <= 4; ++l2)
      for (int l3 = 0; l3 <= 9; ++l3) {
        const auto w = wigner_3j(l1, l2, l3);
        double norm2 = 0;
        for (double x : w) norm2 += x * x;
        if (satisfies_triangle(l1, l2, l3)) {
          EXPECT_NEAR(norm2, 1.0, 1e-13);
          EXPECT_FALSE(equipot::core::wigner_3j_nonzeros(l1, l2, l3).empty());
        } else {
          EXPECT_EQ(norm2, 0.0);
          EXPECT_TRUE(equipot::core::wigner_3j_nonzeros(l1, l2, l3).empty());
        }
        // Real-basis coupling still conserves |m|: m3 = +-m1 +- m2 for every nonzero entry.
        for (const auto& e : equipot::core::wigner_3j_nonzeros(l1, l2, l3)) {
          const int m1 = std::abs(e.m1 - l1), m2 = std::abs(e.m2 - l2), m3 = std::abs(e.m3 - l3);
          EXPECT_TRUE(m3 == m1 + m2 || m3 == std::abs(m1 - m2)) << l1 << l2 << l3;
        }
      }
  EXPECT_THROW(wigner_3j(-1, 0, 1), std::invalid_argument);
}

// Every dense tensor rebuilt from the sparse table inside a kernel on ExecSpace (a helper, as
// nvcc accepts no device lambda in a test body), indexed (l1, l2, l3, m1, m2, m3).
template <class ExecSpace, class Table>
Kokkos::View<double******, typename ExecSpace::memory_space> densify_on(const Table& table) {
  const int l_max = table.l_max, n = 2 * l_max + 1;
  Kokkos::View<double******, typename ExecSpace::memory_space> dense("dense", l_max + 1, l_max + 1, l_max + 1, n, n,
                                                                     n);
  Kokkos::parallel_for(
      "scatter_table", Kokkos::MDRangePolicy<ExecSpace, Kokkos::Rank<3>>({0, 0, 0}, {l_max + 1, l_max + 1, l_max + 1}),
      KOKKOS_LAMBDA(int l1, int l2, int l3) {
        const int begin = table.begin(l1, l2, l3);
        for (int k = begin; k < begin + table.count(l1, l2, l3); ++k) {
          const auto e = table.entries(k);
          dense(l1, l2, l3, e.m1, e.m2, e.m3) = e.value;
        }
      });
  return dense;
}

template <class ExecSpace>
class ClebschGordanTable : public ::testing::Test {};
TYPED_TEST_SUITE(ClebschGordanTable, equipot::test::Backends, equipot::test::BackendName);

TYPED_TEST(ClebschGordanTable, StoresExactlyTheNonzerosOnTheDevice) {
  using Memory = typename TypeParam::memory_space;
  const int l_max = 3;
  const equipot::core::ClebschGordanTable<Memory> table(l_max);
  const auto dense = densify_on<TypeParam>(table);
  const auto h_dense = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), dense);
  const auto h_count = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), table.count);
  for (int l1 = 0; l1 <= l_max; ++l1)
    for (int l2 = 0; l2 <= l_max; ++l2)
      for (int l3 = 0; l3 <= l_max; ++l3) {
        const auto w = wigner_3j(l1, l2, l3);
        int nonzeros = 0;
        for (int a = 0; a < 2 * l1 + 1; ++a)
          for (int b = 0; b < 2 * l2 + 1; ++b)
            for (int c = 0; c < 2 * l3 + 1; ++c) {
              const double expected = w[(a * (2 * l2 + 1) + b) * (2 * l3 + 1) + c];
              nonzeros += std::abs(expected) > 1e-14;
              EXPECT_EQ(h_dense(l1, l2, l3, a, b, c), expected);
            }
        EXPECT_EQ(h_count(l1, l2, l3), nonzeros);
      }
}
