// Each enabled backend runs a kernel and a reduction: the per-backend harness itself works.
#include "backends.hpp"

namespace {

// sum of i over 0..n-1, filled and summed in kernels on ExecSpace (a helper, as nvcc accepts no
// device lambda in a test body).
template <class ExecSpace>
double fill_and_sum_on(int n) {
  Kokkos::View<double*, typename ExecSpace::memory_space> values("values", n);
  Kokkos::parallel_for(
      "fill", Kokkos::RangePolicy<ExecSpace>(0, n), KOKKOS_LAMBDA(int i) { values(i) = i; });
  double sum = 0;
  Kokkos::parallel_reduce(
      "sum", Kokkos::RangePolicy<ExecSpace>(0, n), KOKKOS_LAMBDA(int i, double& s) { s += values(i); },
      sum);
  return sum;
}

}  // namespace

template <class ExecSpace>
class Backend : public ::testing::Test {};
TYPED_TEST_SUITE(Backend, equipot::test::Backends, equipot::test::BackendName);

TYPED_TEST(Backend, ReducesOnItsOwnExecutionSpace) {
  const int n = 1000;
  EXPECT_EQ(fill_and_sum_on<TypeParam>(n), n * (n - 1) / 2.0);
}
