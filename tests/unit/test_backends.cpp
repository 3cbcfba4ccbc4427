// Each enabled backend runs a kernel and a reduction: the per-backend harness itself works.
#include "backends.hpp"

template <class ExecSpace>
class Backend : public ::testing::Test {};
TYPED_TEST_SUITE(Backend, equipot::test::Backends, equipot::test::BackendName);

TYPED_TEST(Backend, ReducesOnItsOwnExecutionSpace) {
  using ExecSpace = TypeParam;
  const int n = 1000;
  Kokkos::View<double*, typename ExecSpace::memory_space> values("values", n);
  Kokkos::parallel_for(
      "fill", Kokkos::RangePolicy<ExecSpace>(0, n), KOKKOS_LAMBDA(int i) { values(i) = i; });
  double sum = 0;
  Kokkos::parallel_reduce(
      "sum", Kokkos::RangePolicy<ExecSpace>(0, n), KOKKOS_LAMBDA(int i, double& s) { s += values(i); },
      sum);
  EXPECT_EQ(sum, n * (n - 1) / 2.0);
}
