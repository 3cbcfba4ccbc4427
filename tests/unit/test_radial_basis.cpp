// Bessel radial basis and polynomial cutoff: values, d -> 0 limits, derivatives
// (core/radial_basis.hpp). Every evaluation runs in a kernel on the backend under test.
#include <cmath>
#include <vector>

#include "backends.hpp"
#include "core/radial_basis.hpp"

namespace {

constexpr int kBasis = 8;
constexpr double kCutoff = 5.0;
const double kPi = std::acos(-1.0);

struct RadialValues {
  std::vector<double> B, dB, u, du;  // B[d * kBasis + n]
};

template <class ExecSpace>
RadialValues radial_on(const std::vector<double>& distances) {
  using Memory = typename ExecSpace::memory_space;
  const int n = static_cast<int>(distances.size());
  Kokkos::View<double*, Memory> d("d", n), u("u", n), du("du", n);
  Kokkos::View<double**, Kokkos::LayoutRight, Memory> B("B", n, kBasis), dB("dB", n, kBasis);
  Kokkos::deep_copy(d, Kokkos::View<const double*, Kokkos::HostSpace, Kokkos::MemoryTraits<Kokkos::Unmanaged>>(
                           distances.data(), n));
  Kokkos::parallel_for(
      "radial", Kokkos::RangePolicy<ExecSpace>(0, n), KOKKOS_LAMBDA(int i) {
        equipot::core::bessel_basis(kBasis, kCutoff, d(i), &B(i, 0), &dB(i, 0));
        u(i) = equipot::core::polynomial_cutoff<6>(d(i), kCutoff, du(i));
      });
  RadialValues out{std::vector<double>(n * kBasis), std::vector<double>(n * kBasis), std::vector<double>(n),
                   std::vector<double>(n)};
  const auto hB = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), B);
  const auto hdB = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), dB);
  const auto hu = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), u);
  const auto hdu = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), du);
  for (int i = 0; i < n; ++i) {
    out.u[i] = hu(i);
    out.du[i] = hdu(i);
    for (int k = 0; k < kBasis; ++k) {
      out.B[i * kBasis + k] = hB(i, k);
      out.dB[i * kBasis + k] = hdB(i, k);
    }
  }
  return out;
}

double relative_error(double approx, double exact, double scale) {
  return std::abs(approx - exact) / std::max(std::abs(exact), scale);
}

}  // namespace

template <class ExecSpace>
class RadialBasis : public ::testing::Test {};
TYPED_TEST_SUITE(RadialBasis, equipot::test::Backends, equipot::test::BackendName);

TYPED_TEST(RadialBasis, BesselMatchesClosedFormAwayFromZero) {
  const std::vector<double> d = {0.3, 1.0, 2.5, 4.2, 4.999};
  const auto r = radial_on<TypeParam>(d);
  for (size_t i = 0; i < d.size(); ++i)
    for (int n = 1; n <= kBasis; ++n) {
      const double expected = std::sqrt(2 / kCutoff) * std::sin(n * kPi * d[i] / kCutoff) / d[i];
      EXPECT_NEAR(r.B[i * kBasis + n - 1], expected, 1e-14 * std::sqrt(2 / kCutoff) * n * kPi / kCutoff);
    }
}

TYPED_TEST(RadialBasis, BesselHasExactLimitAtZeroDistance) {
  const auto r = radial_on<TypeParam>({0.0, 1e-300, 1e-9});
  for (int i = 0; i < 3; ++i)
    for (int n = 1; n <= kBasis; ++n) {
      const double limit = std::sqrt(2 / kCutoff) * n * kPi / kCutoff;
      EXPECT_NEAR(r.B[i * kBasis + n - 1], limit, 1e-15 * limit);
      EXPECT_NEAR(r.dB[i * kBasis + n - 1], 0.0, 1e-8 * limit);
    }
  EXPECT_EQ(r.dB[0], 0.0);
}

TYPED_TEST(RadialBasis, BesselIsSmoothAcrossTheSeriesSwitch) {
  // k d = 0.1 is where the series hands over to sin(x)/x; step a few ulps to either side, so
  // that the function itself changes by far less than the tolerance.
  const double d_switch = 0.1 * kCutoff / kPi;
  const auto r = radial_on<TypeParam>({d_switch * (1 - 1e-14), d_switch * (1 + 1e-14)});
  EXPECT_LT(relative_error(r.B[0], r.B[kBasis], 1e-300), 1e-14);
  EXPECT_LT(relative_error(r.dB[0], r.dB[kBasis], 1e-300), 1e-13);
}

TYPED_TEST(RadialBasis, DerivativesMatchCentralDifferences) {
  // Short distances (series branch), the series switch, mid range, and close to the cutoff.
  const std::vector<double> d = {1e-3, 0.02, 0.159, 0.16, 0.7, 2.0, 3.3, 4.5, 4.9, 4.99};
  const double h = 1e-6;
  std::vector<double> shifted;
  for (double x : d) {
    shifted.push_back(x + h);
    shifted.push_back(x - h);
  }
  const auto r = radial_on<TypeParam>(d), s = radial_on<TypeParam>(shifted);
  // The cutoff's derivative is ~x^5 at short range and ~(1-x)^2 near r_c: measure its error
  // against its largest magnitude, -du/dd <= 168 (5/7)^5 (2/7)^2 / r_c.
  const double max_cutoff_derivative = 168 * std::pow(5.0 / 7, 5) * std::pow(2.0 / 7, 2) / kCutoff;
  for (size_t i = 0; i < d.size(); ++i) {
    double max_error = 0, max_derivative = 0;
    for (int n = 0; n < kBasis; ++n) {
      const double fd = (s.B[2 * i * kBasis + n] - s.B[(2 * i + 1) * kBasis + n]) / (2 * h);
      max_error = std::max(max_error, std::abs(fd - r.dB[i * kBasis + n]));
      max_derivative = std::max(max_derivative, std::abs(r.dB[i * kBasis + n]));
    }
    EXPECT_LT(max_error / max_derivative, 1e-6) << "Bessel at d = " << d[i];
    const double fd_u = (s.u[2 * i] - s.u[2 * i + 1]) / (2 * h);
    EXPECT_LT(std::abs(r.du[i] - fd_u) / max_cutoff_derivative, 1e-6) << "cutoff at d = " << d[i];
  }
}

TYPED_TEST(RadialBasis, CutoffIsOneAtZeroAndVanishesSmoothlyAtTheCutoff) {
  const auto r = radial_on<TypeParam>({0.0, kCutoff, kCutoff * 1.5, kCutoff * (1 - 1e-4), 0.5 * kCutoff});
  EXPECT_EQ(r.u[0], 1.0);
  EXPECT_EQ(r.du[0], 0.0);
  EXPECT_EQ(r.u[1], 0.0);
  EXPECT_EQ(r.du[1], 0.0);
  EXPECT_EQ(r.u[2], 0.0);
  EXPECT_EQ(r.du[2], 0.0);
  // u vanishes like (1 - x)^3 at the cutoff: tiny but positive just inside it.
  EXPECT_GT(r.u[3], 0.0);
  EXPECT_LT(r.u[3], 1e-9);
  // x = 1/2, p = 6: 1 - 28/64 + 48/128 - 21/256.
  EXPECT_NEAR(r.u[4], 1 - 28.0 / 64 + 48.0 / 128 - 21.0 / 256, 1e-15);
}
