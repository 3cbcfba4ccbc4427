#include "model/engine/radial_table_build.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "core/quintic_hermite.hpp"
#include "core/radial_basis.hpp"
#include "model/engine/activations.hpp"

namespace equipot::engine {

ExactRadialMap::ExactRadialMap(const Hyperparameters& hyper, std::vector<FoldedMatrix> matrices)
    : r_cut_(hyper.r_cut), n_basis_(hyper.num_basis), cutoff_p_(hyper.cutoff_p), matrices_(std::move(matrices)) {}

void ExactRadialMap::evaluate(double d, double* w, double* dw, double* d2w) const {
  // a, a', a'' of the current layer's input; basis B u: (B u)' = B'u + B u', (B u)'' = B''u + 2B'u' + B u''.
  std::vector<double> a(n_basis_), da(n_basis_), d2a(n_basis_), dB(n_basis_), d2B(n_basis_);
  core::bessel_basis(n_basis_, r_cut_, d, a.data(), dB.data());
  core::bessel_basis_second_derivative(n_basis_, r_cut_, d, d2B.data());
  double du = 0, d2u = 0;
  const double u = core::polynomial_cutoff_with_second_derivative(cutoff_p_, d, r_cut_, du, d2u);
  for (int n = 0; n < n_basis_; ++n) {
    d2a[n] = d2B[n] * u + 2 * dB[n] * du + a[n] * d2u;
    da[n] = dB[n] * u + a[n] * du;
    a[n] *= u;
  }
  for (size_t k = 0; k < matrices_.size(); ++k) {
    const FoldedMatrix& m = matrices_[k];
    std::vector<double> z(m.fan_out, 0.0), dz(m.fan_out, 0.0), d2z(m.fan_out, 0.0);
    for (int i = 0; i < m.fan_in; ++i)
      for (int o = 0; o < m.fan_out; ++o) {
        const double weight = m.values[i * m.fan_out + o];
        z[o] += a[i] * weight;
        dz[o] += da[i] * weight;
        d2z[o] += d2a[i] * weight;
      }
    if (k + 1 == matrices_.size()) {
      std::copy(z.begin(), z.end(), w);
      std::copy(dz.begin(), dz.end(), dw);
      std::copy(d2z.begin(), d2z.end(), d2w);
      return;
    }
    // SiLU(z)' = s (1 + z (1 - s)), SiLU(z)'' = s (1 - s) (2 + z (1 - 2 s)), s = sigmoid(z).
    for (int o = 0; o < m.fan_out; ++o) {
      const double s = sigmoid(z[o]);
      const double first = s * (1 + z[o] * (1 - s)), second = s * (1 - s) * (2 + z[o] * (1 - 2 * s));
      d2z[o] = second * dz[o] * dz[o] + first * d2z[o];
      dz[o] = first * dz[o];
      z[o] = z[o] * s;
    }
    a = std::move(z);
    da = std::move(dz);
    d2a = std::move(d2z);
  }
}

HostRadialTable tabulate(const ExactRadialMap& map, int n_intervals) {
  HostRadialTable table;
  const int n = map.outputs();
  table.n_intervals = n_intervals;
  table.n_outputs = n;
  table.spacing = map.r_cut() / n_intervals;
  const double h = table.spacing;
  // (node, k, output): w, h dw/dd, h^2 d^2w/dd^2; all zero at r_cut, where the envelope is.
  std::vector<double> nodes(static_cast<size_t>(n_intervals + 1) * 3 * n, 0.0);
  double largest_value = 0, largest_slope = 0;
  for (int node = 0; node < n_intervals; ++node) {
    double* w = &nodes[static_cast<size_t>(node) * 3 * n];
    map.evaluate(node * h, w, w + n, w + 2 * n);
    for (int o = 0; o < n; ++o) {
      largest_value = std::max(largest_value, std::abs(w[o]));
      largest_slope = std::max(largest_slope, std::abs(w[n + o]));
      w[n + o] *= h;
      w[2 * n + o] *= h * h;
    }
  }
  table.coefficients.resize(static_cast<size_t>(n_intervals) * 6 * n);
  for (int interval = 0; interval < n_intervals; ++interval) {
    const double* a = &nodes[static_cast<size_t>(interval) * 3 * n];  // this node, then the next
    double* c = &table.coefficients[static_cast<size_t>(interval) * 6 * n];
    for (int o = 0; o < n; ++o) {
      double c_o[6];
      core::quintic_hermite_coefficients(a[o], a[n + o], a[2 * n + o], a[3 * n + o], a[4 * n + o], a[5 * n + o], c_o);
      for (int k = 0; k < 6; ++k) c[k * n + o] = c_o[k];
    }
  }
  std::vector<double> w(n), dw(n), d2w(n);
  double value[6], slope[6];
  core::monomial_weights(0.5, value, slope);
  double value_error = 0, slope_error = 0;
  for (int interval = 0; interval < n_intervals; ++interval) {
    map.evaluate((interval + 0.5) * h, w.data(), dw.data(), d2w.data());
    const double* c = &table.coefficients[static_cast<size_t>(interval) * 6 * n];
    for (int o = 0; o < n; ++o) {
      double tabulated = 0, tabulated_slope = 0;
      for (int k = 0; k < 6; ++k) {
        tabulated += value[k] * c[k * n + o];
        tabulated_slope += slope[k] * c[k * n + o];
      }
      value_error = std::max(value_error, std::abs(tabulated - w[o]));
      slope_error = std::max(slope_error, std::abs(tabulated_slope / h - dw[o]));
    }
  }
  table.value_error = largest_value > 0 ? value_error / largest_value : value_error;
  table.slope_error = largest_slope > 0 ? slope_error / largest_slope : slope_error;
  return table;
}

HostRadialTable tabulate_within(const ExactRadialMap& map, double bound, int max_intervals) {
  for (int n_intervals = 64;; n_intervals *= 2) {
    HostRadialTable table = tabulate(map, n_intervals);
    if (table.within(bound) || 2 * n_intervals > max_intervals) return table;
  }
}

}  // namespace equipot::engine
