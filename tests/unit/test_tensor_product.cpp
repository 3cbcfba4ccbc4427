// uvu tensor product: forward against a dense reference, adjoints against finite differences,
// the chain through the harmonics, and equivariance (core/tensor_product*.hpp).
#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "backends.hpp"
#include "core/clebsch_gordan.hpp"
#include "core/spherical_harmonics.hpp"
#include "core/tensor_product_batch.hpp"
#include "rotations.hpp"

namespace {

using equipot::core::lm_index;
using equipot::core::num_lm;
using equipot::test::Vec3;

// A small message-passing problem, host side: 4 destination atoms with 3 edges each, from
// 6 source atoms (the last two play ghosts), l = 2 features and harmonics, 3 channels.
struct Problem {
  int l_max = 2, C = 3, n_atoms = 6, n_dst = 4;
  std::vector<int> first_edge, source, destination;
  std::vector<Vec3> r;
  std::vector<double> h, Y, w, g;  // row-major like the device views

  explicit Problem(unsigned seed) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> uniform(-1, 1);
    std::uniform_int_distribution<int> atom(0, n_atoms - 1);
    const equipot::core::UvuTensorProduct<Kokkos::HostSpace> tp(l_max, l_max, l_max, C);
    for (int i = 0; i < n_dst; ++i) {
      first_edge.push_back(static_cast<int>(source.size()));
      for (int k = 0; k < 3; ++k) {
        source.push_back(atom(rng));
        destination.push_back(i);
        const Vec3 u = equipot::test::random_unit_vector(rng);
        const double length = k == 0 ? 0.05 : 1.0 + 3.5 * std::abs(uniform(rng));  // one short bond per atom
        r.push_back({u[0] * length, u[1] * length, u[2] * length});
      }
    }
    first_edge.push_back(static_cast<int>(source.size()));
    for (int k = 0; k < n_atoms * num_lm(l_max) * C; ++k) h.push_back(uniform(rng));
    for (int k = 0; k < num_edges() * tp.weights_per_edge(); ++k) w.push_back(uniform(rng));
    for (int k = 0; k < n_dst * num_lm(l_max) * C; ++k) g.push_back(uniform(rng));
    update_harmonics();
  }
  int num_edges() const { return static_cast<int>(source.size()); }
  void update_harmonics() {
    Y.assign(num_edges() * num_lm(l_max), 0.0);
    for (int e = 0; e < num_edges(); ++e)
      equipot::core::spherical_harmonics(l_max, r[e][0], r[e][1], r[e][2], &Y[e * num_lm(l_max)]);
  }
};

template <class Memory>
Kokkos::View<double**, Kokkos::LayoutRight, Memory> to_device(const std::vector<double>& values, int rows) {
  Kokkos::View<double**, Kokkos::LayoutRight, Memory> view("v", rows, values.size() / rows);
  Kokkos::View<const double**, Kokkos::LayoutRight, Kokkos::HostSpace, Kokkos::MemoryTraits<Kokkos::Unmanaged>> host(
      values.data(), rows, values.size() / rows);
  Kokkos::deep_copy(view, host);
  return view;
}

template <class Memory>
Kokkos::View<int*, Memory> to_device(const std::vector<int>& values) {
  Kokkos::View<int*, Memory> view("i", values.size());
  Kokkos::deep_copy(view, Kokkos::View<const int*, Kokkos::HostSpace, Kokkos::MemoryTraits<Kokkos::Unmanaged>>(
                              values.data(), values.size()));
  return view;
}

template <class View>
std::vector<double> to_host(const View& view) {
  const auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), view);
  return std::vector<double>(h.data(), h.data() + h.size());
}

template <class ExecSpace>
struct Gradients {
  std::vector<double> h, Y, w;
};

template <class ExecSpace>
class TensorProductRunner {
  using Memory = typename ExecSpace::memory_space;

 public:
  explicit TensorProductRunner(const Problem& p) : problem(p), tp(p.l_max, p.l_max, p.l_max, p.C) {
    graph.first_edge = to_device<Memory>(p.first_edge);
    graph.source = to_device<Memory>(p.source);
    graph.destination = to_device<Memory>(p.destination);
  }

  std::vector<double> forward(const std::vector<double>& h, const std::vector<double>& Y,
                              const std::vector<double>& w) const {
    Kokkos::View<double**, Kokkos::LayoutRight, Memory> out("out", problem.n_dst, tp.output_size());
    equipot::core::uvu_forward(ExecSpace(), tp, graph, to_device<Memory>(h, problem.n_atoms),
                               to_device<Memory>(Y, problem.num_edges()), to_device<Memory>(w, problem.num_edges()),
                               out);
    return to_host(out);
  }

  Gradients<ExecSpace> backward() const {
    const int n_e = problem.num_edges();
    Kokkos::View<double**, Kokkos::LayoutRight, Memory> grad_h("grad_h", problem.n_atoms, tp.input_size());
    Kokkos::View<double**, Kokkos::LayoutRight, Memory> grad_Y("grad_Y", n_e, num_lm(problem.l_max));
    Kokkos::View<double**, Kokkos::LayoutRight, Memory> grad_w("grad_w", n_e, tp.weights_per_edge());
    equipot::core::uvu_backward(ExecSpace(), tp, graph, to_device<Memory>(problem.g, problem.n_dst),
                                to_device<Memory>(problem.h, problem.n_atoms), to_device<Memory>(problem.Y, n_e),
                                to_device<Memory>(problem.w, n_e), grad_h, grad_Y, grad_w);
    return {to_host(grad_h), to_host(grad_Y), to_host(grad_w)};
  }

  double loss(const std::vector<double>& h, const std::vector<double>& Y, const std::vector<double>& w) const {
    const auto out = forward(h, Y, w);
    double sum = 0;
    for (size_t k = 0; k < out.size(); ++k) sum += problem.g[k] * out[k];
    return sum;
  }

  const Problem& problem;
  equipot::core::UvuTensorProduct<Memory> tp;
  equipot::core::EdgeGraph<Memory> graph;
};

// Largest |analytic - finite difference| over all entries of x, relative to the largest |analytic|.
template <class Loss>
double max_relative_fd_error(std::vector<double> x, const std::vector<double>& analytic, Loss loss) {
  const double step = 1e-4;  // the loss is linear in each input: only round-off remains
  double max_error = 0, max_value = 0;
  for (size_t k = 0; k < x.size(); ++k) {
    const double saved = x[k];
    x[k] = saved + step;
    const double plus = loss(x);
    x[k] = saved - step;
    const double minus = loss(x);
    x[k] = saved;
    max_error = std::max(max_error, std::abs((plus - minus) / (2 * step) - analytic[k]));
    max_value = std::max(max_value, std::abs(analytic[k]));
  }
  return max_error / max_value;
}

}  // namespace

template <class ExecSpace>
class UvuTensorProduct : public ::testing::Test {};
TYPED_TEST_SUITE(UvuTensorProduct, equipot::test::Backends, equipot::test::BackendName);

TYPED_TEST(UvuTensorProduct, PathsFollowTheDocumentedOrder) {
  const equipot::core::UvuTensorProduct<typename TypeParam::memory_space> tp(2, 3, 2, 4);
  int p = 0;
  for (int l_in = 0; l_in <= 2; ++l_in)
    for (int l_f = 0; l_f <= 3; ++l_f)
      for (int l_out = std::abs(l_in - l_f); l_out <= std::min(l_in + l_f, 2); ++l_out, ++p) {
        ASSERT_LT(p, tp.n_paths);
        EXPECT_EQ(tp.h_paths(p).l_in, l_in);
        EXPECT_EQ(tp.h_paths(p).l_f, l_f);
        EXPECT_EQ(tp.h_paths(p).l_out, l_out);
        EXPECT_EQ(tp.h_paths(p).cg_count, static_cast<int>(equipot::core::wigner_3j_nonzeros(l_in, l_f, l_out).size()));
      }
  EXPECT_EQ(p, tp.n_paths);
  EXPECT_EQ(tp.weights_per_edge(), tp.n_paths * 4);
}

TYPED_TEST(UvuTensorProduct, ForwardMatchesDenseReference) {
  const Problem p(11);
  const TensorProductRunner<TypeParam> runner(p);
  const auto out = runner.forward(p.h, p.Y, p.w);
  // Straight from the definition, with dense coupling tensors and paths counted in order.
  std::vector<double> expected(p.n_dst * num_lm(p.l_max) * p.C, 0.0);
  for (int e = 0; e < p.num_edges(); ++e) {
    const int i = p.destination[e], j = p.source[e];
    int path = 0;
    for (int l1 = 0; l1 <= p.l_max; ++l1)
      for (int l2 = 0; l2 <= p.l_max; ++l2)
        for (int l3 = std::abs(l1 - l2); l3 <= std::min(l1 + l2, p.l_max); ++l3, ++path) {
          const auto W = equipot::core::wigner_3j(l1, l2, l3);
          for (int u = 0; u < p.C; ++u)
            for (int m1 = -l1; m1 <= l1; ++m1)
              for (int m2 = -l2; m2 <= l2; ++m2)
                for (int m3 = -l3; m3 <= l3; ++m3) {
                  const double cg = W[((m1 + l1) * (2 * l2 + 1) + m2 + l2) * (2 * l3 + 1) + m3 + l3];
                  expected[(i * num_lm(p.l_max) + lm_index(l3, m3)) * p.C + u] +=
                      p.w[(e * runner.tp.n_paths + path) * p.C + u] * cg *
                      p.h[(j * num_lm(p.l_max) + lm_index(l1, m1)) * p.C + u] * p.Y[e * num_lm(p.l_max) + lm_index(l2, m2)];
                }
        }
  }
  ASSERT_EQ(out.size(), expected.size());
  for (size_t k = 0; k < out.size(); ++k) EXPECT_NEAR(out[k], expected[k], 1e-13) << "entry " << k;
}

TYPED_TEST(UvuTensorProduct, AdjointsMatchCentralDifferences) {
  const Problem p(12);
  const TensorProductRunner<TypeParam> runner(p);
  const auto grads = runner.backward();
  EXPECT_LT(max_relative_fd_error(p.h, grads.h, [&](const auto& h) { return runner.loss(h, p.Y, p.w); }), 1e-6);
  EXPECT_LT(max_relative_fd_error(p.Y, grads.Y, [&](const auto& Y) { return runner.loss(p.h, Y, p.w); }), 1e-6);
  EXPECT_LT(max_relative_fd_error(p.w, grads.w, [&](const auto& w) { return runner.loss(p.h, p.Y, w); }), 1e-6);
}

TYPED_TEST(UvuTensorProduct, EdgeVectorGradientChainsThroughHarmonics) {
  // dL/dr = sum_lm dL/dY_lm dY_lm/dr, checked against moving the edge vectors themselves
  // (every atom has one 0.05-long edge).
  const Problem p(13);
  const TensorProductRunner<TypeParam> runner(p);
  const auto grads = runner.backward();
  const int n_sh = num_lm(p.l_max);
  for (int e = 0; e < p.num_edges(); ++e) {
    std::vector<double> Y(n_sh), dY(3 * n_sh);
    equipot::core::spherical_harmonics_with_gradient(p.l_max, p.r[e][0], p.r[e][1], p.r[e][2], Y.data(), dY.data());
    std::vector<double> analytic(3, 0.0), x(p.r[e].begin(), p.r[e].end());
    for (int k = 0; k < 3; ++k)
      for (int lm = 0; lm < n_sh; ++lm) analytic[k] += grads.Y[e * n_sh + lm] * dY[3 * lm + k];
    const double length = std::sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]);
    double max_error = 0, max_value = 0;
    for (int k = 0; k < 3; ++k) {
      auto loss_at = [&](double shift) {
        Problem moved = p;
        moved.r[e][k] += shift;
        moved.update_harmonics();
        return runner.loss(moved.h, moved.Y, moved.w);
      };
      const double step = 1e-6 * length;
      max_error = std::max(max_error, std::abs((loss_at(step) - loss_at(-step)) / (2 * step) - analytic[k]));
      max_value = std::max(max_value, std::abs(analytic[k]));
    }
    EXPECT_LT(max_error / max_value, 1e-6) << "edge " << e << " of length " << length;
  }
}

TYPED_TEST(UvuTensorProduct, CommutesWithRotations) {
  std::mt19937_64 rng(14);
  const Problem p(15);
  const TensorProductRunner<TypeParam> runner(p);
  const int n_sh = num_lm(p.l_max);
  for (int trial = 0; trial < 3; ++trial) {
    const auto R = equipot::test::random_rotation(rng);
    std::vector<equipot::test::Matrix> D;
    for (int l = 0; l <= p.l_max; ++l) D.push_back(equipot::test::wigner_d(l, R, rng));
    // Rotates each degree-l block of a feature row, channel by channel.
    auto rotate_rows = [&](const std::vector<double>& x, int channels) {
      std::vector<double> y(x.size(), 0.0);
      const int row = n_sh * channels;
      for (size_t a = 0; a < x.size() / row; ++a)
        for (int l = 0; l <= p.l_max; ++l)
          for (int m = -l; m <= l; ++m)
            for (int m2 = -l; m2 <= l; ++m2)
              for (int c = 0; c < channels; ++c)
                y[a * row + lm_index(l, m) * channels + c] +=
                    D[l][m + l][m2 + l] * x[a * row + lm_index(l, m2) * channels + c];
      return y;
    };
    Problem rotated = p;
    for (auto& v : rotated.r) v = equipot::test::rotate(R, v);
    rotated.update_harmonics();
    const auto out_of_rotated = runner.forward(rotate_rows(p.h, p.C), rotated.Y, p.w);
    const auto rotated_out = rotate_rows(runner.forward(p.h, p.Y, p.w), p.C);
    for (size_t k = 0; k < rotated_out.size(); ++k) EXPECT_NEAR(out_of_rotated[k], rotated_out[k], 1e-12);
  }
}
