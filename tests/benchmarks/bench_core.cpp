// Per-edge cost of the math core: spherical harmonics with gradients, and the uvu tensor
// product forward and backward (C = 32), on a synthetic graph of 256 atoms x 40 neighbours.
// Reported: time_per_edge (seconds, SI prefix) and FLOP/s, from the FLOP counts per edge defined below (counted from
// the code, a division or square root counts as one FLOP). See docs/core.md for results.
#include <benchmark/benchmark.h>

#include <Kokkos_Core.hpp>
#include <random>
#include <string>

#include "core/spherical_harmonics_batch.hpp"
#include "core/tensor_product_batch.hpp"

namespace {

using equipot::core::num_lm;

constexpr int kAtoms = 256, kNeighbours = 40, kEdges = kAtoms * kNeighbours, kChannels = 32;

// Spherical harmonics + gradient, per edge: 14 to normalize the vector; per m: 12 for
// (X + iY)^m, (2m-1)!!, the factorial ratio and the derivative factors; per (l, m): 11 for the
// Legendre recursion and its derivative (fewer at l = m, m+1), 4 for the normalization, and
// 22 per output harmonic (2 for Y, 20 for its projected gradient), with two harmonics for m > 0.
double sh_flops_per_edge(int l_max) {
  double flops = 14;
  for (int m = 0; m <= l_max; ++m) {
    flops += m > 0 ? 12 : 4;
    for (int l = m; l <= l_max; ++l) {
      flops += l == m ? 0 : (l == m + 1 ? 3 : 11);
      flops += (l > m ? 2 : 0) + 2;
      flops += m > 0 ? 44 : 22;
    }
  }
  return flops;
}

// Tensor product per edge, for each nonzero coupling coefficient (n_cg of them over all
// paths): forward 1 (c * Y) + 3 per channel (out += w * cY * h); backward 1 (adding into dY)
// + 10 per channel (c * g, then three products of three factors accumulated into dh, dw, dY).
double tp_forward_flops_per_edge(int n_coefficients) { return n_coefficients * (3.0 * kChannels + 1); }
double tp_backward_flops_per_edge(int n_coefficients) { return n_coefficients * (10.0 * kChannels + 1); }

template <class ExecSpace>
using Matrix = Kokkos::View<double**, Kokkos::LayoutRight, typename ExecSpace::memory_space>;

template <class ExecSpace>
Matrix<ExecSpace> random_matrix(const char* name, int rows, int cols, unsigned seed) {
  Matrix<ExecSpace> m(std::string(name), rows, cols);
  auto h = Kokkos::create_mirror_view(m);
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> uniform(-1, 1);
  for (size_t k = 0; k < h.size(); ++k) h.data()[k] = uniform(rng);
  Kokkos::deep_copy(m, h);
  return m;
}

template <class ExecSpace>
equipot::core::EdgeGraph<typename ExecSpace::memory_space> random_graph() {
  using Memory = typename ExecSpace::memory_space;
  equipot::core::EdgeGraph<Memory> graph{Kokkos::View<int*, Memory>("first_edge", kAtoms + 1),
                                         Kokkos::View<int*, Memory>("source", kEdges),
                                         Kokkos::View<int*, Memory>("destination", kEdges)};
  auto first = Kokkos::create_mirror_view(graph.first_edge);
  auto source = Kokkos::create_mirror_view(graph.source);
  auto destination = Kokkos::create_mirror_view(graph.destination);
  std::mt19937_64 rng(1);
  std::uniform_int_distribution<int> atom(0, kAtoms - 1);
  for (int i = 0; i <= kAtoms; ++i) first(i) = i * kNeighbours;
  for (int e = 0; e < kEdges; ++e) {
    source(e) = atom(rng);
    destination(e) = e / kNeighbours;
  }
  Kokkos::deep_copy(graph.first_edge, first);
  Kokkos::deep_copy(graph.source, source);
  Kokkos::deep_copy(graph.destination, destination);
  return graph;
}

void set_counters(benchmark::State& state, double flops_per_edge) {
  state.counters["time_per_edge"] =
      benchmark::Counter(kEdges, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
  state.counters["FLOP/s"] = benchmark::Counter(kEdges * flops_per_edge, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["FLOP_per_edge"] = flops_per_edge;
}

template <class ExecSpace>
void SphericalHarmonicsWithGradient(benchmark::State& state) {
  const int l_max = static_cast<int>(state.range(0));
  const auto r = random_matrix<ExecSpace>("r", kEdges, 3, 2);
  Matrix<ExecSpace> Y("Y", kEdges, num_lm(l_max));
  Kokkos::View<double***, Kokkos::LayoutRight, typename ExecSpace::memory_space> dY("dY", kEdges, num_lm(l_max), 3);
  for (auto _ : state) {
    benchmark::DoNotOptimize(equipot::core::compute_spherical_harmonics(ExecSpace(), l_max, r, Y, dY));
    ExecSpace().fence();
  }
  set_counters(state, sh_flops_per_edge(l_max));
}

template <class ExecSpace>
void TensorProductForward(benchmark::State& state) {
  const int l_max = static_cast<int>(state.range(0));
  const equipot::core::UvuTensorProduct<typename ExecSpace::memory_space> tp(l_max, l_max, l_max, kChannels);
  const auto graph = random_graph<ExecSpace>();
  const auto h = random_matrix<ExecSpace>("h", kAtoms, tp.input_size(), 3);
  const auto Y = random_matrix<ExecSpace>("Y", kEdges, num_lm(l_max), 4);
  const auto w = random_matrix<ExecSpace>("w", kEdges, tp.weights_per_edge(), 5);
  Matrix<ExecSpace> out("out", kAtoms, tp.output_size());
  for (auto _ : state) {
    equipot::core::uvu_forward(ExecSpace(), tp, graph, h, Y, w, out);
    ExecSpace().fence();
  }
  set_counters(state, tp_forward_flops_per_edge(tp.num_coefficients()));
}

template <class ExecSpace>
void TensorProductBackward(benchmark::State& state) {
  const int l_max = static_cast<int>(state.range(0));
  const equipot::core::UvuTensorProduct<typename ExecSpace::memory_space> tp(l_max, l_max, l_max, kChannels);
  const auto graph = random_graph<ExecSpace>();
  const auto g = random_matrix<ExecSpace>("g", kAtoms, tp.output_size(), 6);
  const auto h = random_matrix<ExecSpace>("h", kAtoms, tp.input_size(), 3);
  const auto Y = random_matrix<ExecSpace>("Y", kEdges, num_lm(l_max), 4);
  const auto w = random_matrix<ExecSpace>("w", kEdges, tp.weights_per_edge(), 5);
  Matrix<ExecSpace> grad_h("grad_h", kAtoms, tp.input_size());
  Matrix<ExecSpace> grad_Y("grad_Y", kEdges, num_lm(l_max));
  Matrix<ExecSpace> grad_w("grad_w", kEdges, tp.weights_per_edge());
  for (auto _ : state) {
    equipot::core::uvu_backward(ExecSpace(), tp, graph, g, h, Y, w, grad_h, grad_Y, grad_w);
    ExecSpace().fence();
  }
  set_counters(state, tp_backward_flops_per_edge(tp.num_coefficients()));
}

#define EQUIPOT_CORE_BENCHMARKS(Space)                                                                         \
  BENCHMARK_TEMPLATE(SphericalHarmonicsWithGradient, Space)->ArgName("l_max")->DenseRange(1, 3)->UseRealTime(); \
  BENCHMARK_TEMPLATE(TensorProductForward, Space)->ArgName("l_max")->DenseRange(1, 3)->UseRealTime();           \
  BENCHMARK_TEMPLATE(TensorProductBackward, Space)->ArgName("l_max")->DenseRange(1, 3)->UseRealTime();

#ifdef KOKKOS_ENABLE_SERIAL
EQUIPOT_CORE_BENCHMARKS(Kokkos::Serial)
#endif
#ifdef KOKKOS_ENABLE_OPENMP
EQUIPOT_CORE_BENCHMARKS(Kokkos::OpenMP)
#endif

}  // namespace
