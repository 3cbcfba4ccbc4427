#pragma once
// Radial part of an edge: Bessel basis and NequIP's polynomial cutoff envelope (docs/model.md,
// "Forward pass"). All derivatives are w.r.t. the distance d.
#include <Kokkos_Core.hpp>

#include "core/math.hpp"

namespace equipot::core {
namespace detail {

// j(x) = sin(x)/x and j'(x), exact at x = 0. Below x = 0.1 a Taylor series replaces the closed
// form, whose derivative (x cos x - sin x)/x^2 loses digits to cancellation as x -> 0; the
// first dropped terms are below 1e-14 relative there.
template <class Scalar>
KOKKOS_INLINE_FUNCTION void sinc_and_derivative(Scalar x, Scalar& value, Scalar& derivative) {
  if (x < Scalar(0.1)) {
    const Scalar x2 = x * x;
    value = Scalar(1) - x2 / 6 * (Scalar(1) - x2 / 20 * (Scalar(1) - x2 / 42 * (Scalar(1) - x2 / 72)));
    derivative = -x / 3 * (Scalar(1) - x2 / 10 * (Scalar(1) - x2 / 28 * (Scalar(1) - x2 / 54)));
  } else {
    const Scalar s = math::sin(x), c = math::cos(x);
    value = s / x;
    derivative = (x * c - s) / (x * x);
  }
}

// j''(x), exact at x = 0: ((2 - x^2) sin x - 2 x cos x) / x^3, a Taylor series below x = 0.1
// (first dropped term below 1e-17 relative; the closed form loses about 3 digits at x = 0.1).
template <class Scalar>
KOKKOS_INLINE_FUNCTION Scalar sinc_second_derivative(Scalar x) {
  if (x < Scalar(0.1)) {
    const Scalar x2 = x * x;
    return -Scalar(1) / 3 + x2 / 10 * (Scalar(1) - x2 / Scalar(16.8) * (Scalar(1) - x2 / Scalar(38.571428571428571) *
                                                                (Scalar(1) - x2 / Scalar(68.444444444444444))));
  }
  const Scalar s = math::sin(x), c = math::cos(x);
  return ((Scalar(2) - x * x) * s - Scalar(2) * x * c) / (x * x * x);
}

}  // namespace detail

// B_n(d) = sqrt(2/r_c) sin(n pi d / r_c) / d, n = 1..n_basis, written to B[n-1], dB[n-1] = dB_n/dd.
// At d = 0 the limits are B_n = sqrt(2/r_c) n pi / r_c and dB_n/dd = 0.
template <class Scalar>
KOKKOS_INLINE_FUNCTION void bessel_basis(int n_basis, Scalar r_cut, Scalar d, Scalar* B, Scalar* dB) {
  const Scalar pi = Scalar(3.14159265358979323846264338327950288);
  const Scalar prefactor = math::sqrt(Scalar(2) / r_cut);
  for (int n = 1; n <= n_basis; ++n) {
    const Scalar k = Scalar(n) * pi / r_cut;
    Scalar j, dj;
    detail::sinc_and_derivative(k * d, j, dj);
    B[n - 1] = prefactor * k * j;
    dB[n - 1] = prefactor * k * k * dj;
  }
}

// d^2 B_n / dd^2 at d, n = 1..n_basis, written to ddB[n-1] (for tabulating the radial MLP,
// model/engine/radial_table_build.cpp).
template <class Scalar>
KOKKOS_INLINE_FUNCTION void bessel_basis_second_derivative(int n_basis, Scalar r_cut, Scalar d, Scalar* ddB) {
  const Scalar pi = Scalar(3.14159265358979323846264338327950288);
  const Scalar prefactor = math::sqrt(Scalar(2) / r_cut);
  for (int n = 1; n <= n_basis; ++n) {
    const Scalar k = Scalar(n) * pi / r_cut;
    ddB[n - 1] = prefactor * k * k * k * detail::sinc_second_derivative(k * d);
  }
}

// Polynomial envelope of order p (NequIP uses p = 6), x = d / r_cut:
//   u(x) = 1 - (p+1)(p+2)/2 x^p + p(p+2) x^(p+1) - p(p+1)/2 x^(p+2)   for x < 1, else 0.
// u(0) = 1 and u, u', u'' vanish at x = 1. Returns u and writes du/dd and d^2u/dd^2 (for
// tabulating the radial MLP, model/engine/radial_table_build.cpp):
//   du/dx     = -p(p+1)(p+2)/2 x^(p-1) (1 - x)^2
//   d^2u/dx^2 = -p(p+1)(p+2)/2 x^(p-2) (1 - x) ((p-1)(1 - x) - 2x).
template <class Scalar>
KOKKOS_INLINE_FUNCTION Scalar polynomial_cutoff_with_second_derivative(int p, Scalar d, Scalar r_cut, Scalar& du_dd,
                                                                       Scalar& d2u_dd2) {
  const Scalar x = d / r_cut;
  if (!(x < Scalar(1))) {
    du_dd = d2u_dd2 = Scalar(0);
    return Scalar(0);
  }
  Scalar x_pm2 = 1;  // x^(p-2)
  for (int k = 0; k < p - 2; ++k) x_pm2 *= x;
  const Scalar x_pm1 = x_pm2 * x, x_p = x_pm1 * x;
  const Scalar a = Scalar((p + 1) * (p + 2)) / 2, b = Scalar(p * (p + 2)), c = Scalar(p * (p + 1)) / 2;
  const Scalar one_minus_x = Scalar(1) - x;
  du_dd = -a * Scalar(p) * x_pm1 * one_minus_x * one_minus_x / r_cut;
  d2u_dd2 = -a * Scalar(p) * x_pm2 * one_minus_x * (Scalar(p - 1) * one_minus_x - Scalar(2) * x) / (r_cut * r_cut);
  return Scalar(1) - x_p * (a - x * (b - c * x));
}

// The envelope and du/dd with p fixed at compile time (the edge-geometry kernel's: the
// compiler unrolls the power and drops the unused second derivative).
template <int P = 6, class Scalar>
KOKKOS_INLINE_FUNCTION Scalar polynomial_cutoff(Scalar d, Scalar r_cut, Scalar& du_dd) {
  Scalar d2u_dd2;
  return polynomial_cutoff_with_second_derivative(P, d, r_cut, du_dd, d2u_dd2);
}

}  // namespace equipot::core
