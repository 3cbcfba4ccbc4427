#include "torch/reference_harmonics.hpp"

#include <cmath>
#include <vector>

namespace equipot::reference {
namespace {

double factorial(int n) {
  double f = 1;
  for (int k = 2; k <= n; ++k) f *= k;
  return f;
}

double binomial(int n, int k) { return factorial(n) / (factorial(k) * factorial(n - k)); }

// Coefficient of z^(l - 2k - m) in Pi_l^m(z), normalization factor included.
double legendre_coefficient(int l, int m, int k) {
  const double sign = k % 2 ? -1.0 : 1.0;
  return std::sqrt(factorial(l - m) / factorial(l + m)) * sign * std::ldexp(1.0, -l) * binomial(l, k) *
         binomial(2 * l - 2 * k, l) * factorial(l - 2 * k) / factorial(l - 2 * k - m);
}

}  // namespace

torch::Tensor spherical_harmonics(const torch::Tensor& vectors, int l_max) {
  const auto unit = vectors / vectors.norm(2, 1, true);
  // e3nn's permutation: the standard harmonics see (x', y', z') = (z, x, y).
  const auto x = unit.select(1, 2), y = unit.select(1, 0), z = unit.select(1, 1);
  std::vector<torch::Tensor> z_power{torch::ones_like(z)}, a{torch::ones_like(x)}, b{torch::zeros_like(x)};
  for (int k = 1; k <= l_max; ++k) {
    z_power.push_back(z_power.back() * z);
    a.push_back(x * a[k - 1] - y * b[k - 1]);  // (x + i y)^k = (x + i y) (x + i y)^(k-1)
    b.push_back(x * b[k - 1] + y * a[k - 1]);
  }
  std::vector<torch::Tensor> columns;
  for (int l = 0; l <= l_max; ++l) {
    std::vector<torch::Tensor> pi(l + 1);
    for (int m = 0; m <= l; ++m) {
      pi[m] = torch::zeros_like(z);
      for (int k = 0; 2 * k <= l - m; ++k) pi[m] = pi[m] + legendre_coefficient(l, m, k) * z_power[l - 2 * k - m];
    }
    const double norm = std::sqrt(2.0 * l + 1.0), norm_m = norm * std::sqrt(2.0);
    for (int m = -l; m <= l; ++m) {
      if (m < 0) columns.push_back(norm_m * pi[-m] * b[-m]);
      else if (m == 0) columns.push_back(norm * pi[0]);
      else columns.push_back(norm_m * pi[m] * a[m]);
    }
  }
  return torch::stack(columns, 1);
}

}  // namespace equipot::reference
