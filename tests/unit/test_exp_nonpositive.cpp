// exp for non-positive arguments (core/exp_nonpositive.hpp), evaluated in kernels on each
// backend, against std::exp in units in the last place, for double and float.
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

#include "backends.hpp"
#include "core/exp_nonpositive.hpp"

namespace {

template <class ExecSpace, class Scalar>
std::vector<Scalar> exp_on(const std::vector<Scalar>& arguments) {
  using Memory = typename ExecSpace::memory_space;
  const int n = static_cast<int>(arguments.size());
  Kokkos::View<Scalar*, Memory> x("x", n), y("y", n);
  Kokkos::deep_copy(x, Kokkos::View<const Scalar*, Kokkos::HostSpace, Kokkos::MemoryTraits<Kokkos::Unmanaged>>(
                           arguments.data(), n));
  Kokkos::parallel_for(
      "exp_nonpositive", Kokkos::RangePolicy<ExecSpace>(0, n),
      KOKKOS_LAMBDA(int i) { y(i) = equipot::core::exp_nonpositive(x(i)); });
  const auto host = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), y);
  return std::vector<Scalar>(host.data(), host.data() + n);
}

// Distance in representable numbers between two positive finite values.
template <class Scalar>
long long ulp_distance(Scalar a, Scalar b) {
  using Bits = std::conditional_t<sizeof(Scalar) == 8, std::int64_t, std::int32_t>;
  Bits ia, ib;
  std::memcpy(&ia, &a, sizeof(Scalar));
  std::memcpy(&ib, &b, sizeof(Scalar));
  return ia > ib ? static_cast<long long>(ia) - ib : static_cast<long long>(ib) - ia;
}

// A dense grid over [lowest, 0], the ends, and the points where the reduction's n changes.
template <class Scalar>
std::vector<Scalar> arguments_in_range() {
  const double lowest = equipot::core::detail::ExpConstants<Scalar>::lowest;
  std::vector<Scalar> x;
  const int n = 400000;
  for (int i = 0; i <= n; ++i) x.push_back(static_cast<Scalar>(lowest * i / n));
  for (int k = 0; k < 40; ++k) {
    const Scalar boundary = static_cast<Scalar>(-(k + 0.5) * std::log(2.0));
    x.push_back(boundary);
    x.push_back(std::nextafter(boundary, Scalar(0)));
    x.push_back(std::nextafter(boundary, Scalar(-1)));
  }
  x.push_back(Scalar(-0.0));
  x.push_back(-std::numeric_limits<Scalar>::denorm_min());
  return x;
}

template <class ExecSpace, class Scalar>
void expect_within_two_ulp() {
  const auto x = arguments_in_range<Scalar>();
  const auto y = exp_on<ExecSpace>(x);
  long long worst = 0;
  Scalar worst_x = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    const Scalar expected = static_cast<Scalar>(std::exp(static_cast<long double>(x[i])));
    const long long distance = ulp_distance(y[i], expected);
    if (distance > worst) {
      worst = distance;
      worst_x = x[i];
    }
  }
  EXPECT_LE(worst, 2) << "worst at x = " << worst_x;
}

template <class ExecSpace, class Scalar>
void expect_zero_below_lowest_and_nan_kept() {
  const Scalar lowest = equipot::core::detail::ExpConstants<Scalar>::lowest;
  const std::vector<Scalar> x = {std::nextafter(lowest, Scalar(-1000)), Scalar(-1000),
                                 -std::numeric_limits<Scalar>::infinity(), std::numeric_limits<Scalar>::quiet_NaN()};
  const auto y = exp_on<ExecSpace>(x);
  EXPECT_EQ(y[0], Scalar(0));
  EXPECT_EQ(y[1], Scalar(0));
  EXPECT_EQ(y[2], Scalar(0));
  EXPECT_TRUE(std::isnan(y[3]));
}

template <class ExecSpace>
class ExpNonpositive : public ::testing::Test {};
TYPED_TEST_SUITE(ExpNonpositive, equipot::test::Backends, equipot::test::BackendName);

TYPED_TEST(ExpNonpositive, DoubleIsWithinTwoUlpOfStdExp) { expect_within_two_ulp<TypeParam, double>(); }

TYPED_TEST(ExpNonpositive, FloatIsWithinTwoUlpOfStdExp) { expect_within_two_ulp<TypeParam, float>(); }

TYPED_TEST(ExpNonpositive, DoubleIsZeroBelowItsRangeAndKeepsNaN) {
  expect_zero_below_lowest_and_nan_kept<TypeParam, double>();
}

TYPED_TEST(ExpNonpositive, FloatIsZeroBelowItsRangeAndKeepsNaN) {
  expect_zero_below_lowest_and_nan_kept<TypeParam, float>();
}

}  // namespace
