// Computes the real coupling tensors documented in clebsch_gordan.hpp.
#include "core/clebsch_gordan.hpp"

#include <cmath>
#include <complex>
#include <stdexcept>
#include <string>

namespace equipot::core {
namespace {

using Complex = std::complex<long double>;

long double factorial(int n) {
  long double f = 1;
  for (int k = 2; k <= n; ++k) f *= k;
  return f;
}

// <l1 m1 l2 m2 | l3 m3> with the Condon-Shortley phase (Racah's formula).
long double complex_clebsch_gordan(int l1, int m1, int l2, int m2, int l3, int m3) {
  if (m1 + m2 != m3 || !satisfies_triangle(l1, l2, l3)) return 0;
  const long double prefactor =
      std::sqrt((2 * l3 + 1) * factorial(l3 + l1 - l2) * factorial(l3 - l1 + l2) * factorial(l1 + l2 - l3) /
                factorial(l1 + l2 + l3 + 1) * factorial(l3 + m3) * factorial(l3 - m3) * factorial(l1 - m1) *
                factorial(l1 + m1) * factorial(l2 - m2) * factorial(l2 + m2));
  long double sum = 0;
  for (int k = 0; k <= l1 + l2 - l3; ++k) {
    const int args[6] = {k, l1 + l2 - l3 - k, l1 - m1 - k, l2 + m2 - k, l3 - l2 + m1 + k, l3 - l1 - m2 + k};
    long double denominator = 1;
    bool in_range = true;
    for (int a : args) {
      if (a < 0) in_range = false;
      else denominator *= factorial(a);
    }
    if (in_range) sum += (k % 2 == 0 ? 1 : -1) / denominator;
  }
  return prefactor * sum;
}

// U_l[m][m'] (indices shifted by l): real harmonic m as a combination of complex ones m'.
Complex real_from_complex(int m, int mc) {
  const long double h = 1 / std::sqrt(2.0L);
  const long double sign = (m % 2 == 0) ? 1 : -1;  // (-1)^m, also for negative m
  if (m == 0) return mc == 0 ? 1 : 0;
  if (m > 0) {
    if (mc == m) return sign * h;
    if (mc == -m) return h;
    return 0;
  }
  if (mc == m) return Complex(0, h);
  if (mc == -m) return Complex(0, -sign * h);
  return 0;
}

}  // namespace

std::vector<double> wigner_3j(int l1, int l2, int l3) {
  if (l1 < 0 || l2 < 0 || l3 < 0)
    throw std::invalid_argument("wigner_3j: negative degree (" + std::to_string(l1) + ", " + std::to_string(l2) +
                                ", " + std::to_string(l3) + ")");
  const int n1 = 2 * l1 + 1, n2 = 2 * l2 + 1, n3 = 2 * l3 + 1;
  std::vector<double> w(static_cast<size_t>(n1) * n2 * n3, 0.0);
  if (!satisfies_triangle(l1, l2, l3)) return w;

  // i^(l3 - l1 - l2): the phase that makes the tensor real with e3nn's sign.
  const int quarter_turns = ((l3 - l1 - l2) % 4 + 4) % 4;
  const Complex phases[4] = {Complex(1, 0), Complex(0, 1), Complex(-1, 0), Complex(0, -1)};
  const Complex phase = phases[quarter_turns] / std::sqrt(static_cast<long double>(n3));

  for (int m1 = -l1; m1 <= l1; ++m1)
    for (int m2 = -l2; m2 <= l2; ++m2)
      for (int m3 = -l3; m3 <= l3; ++m3) {
        Complex sum = 0;
        // Each real index couples to complex +-m only, and m1' + m2' = m3' is required.
        for (int sa = 0; sa < (m1 == 0 ? 1 : 2); ++sa)
          for (int sb = 0; sb < (m2 == 0 ? 1 : 2); ++sb) {
            const int a = sa ? -m1 : m1, b = sb ? -m2 : m2, c = a + b;
            if (c != m3 && c != -m3) continue;
            sum += std::conj(real_from_complex(m1, a)) * std::conj(real_from_complex(m2, b)) *
                   real_from_complex(m3, c) * complex_clebsch_gordan(l1, a, l2, b, l3, c);
          }
        const Complex value = sum * phase;
        w[(static_cast<size_t>(m1 + l1) * n2 + (m2 + l2)) * n3 + (m3 + l3)] = static_cast<double>(value.real());
      }
  return w;
}

std::vector<CGEntry<double>> wigner_3j_nonzeros(int l1, int l2, int l3) {
  const std::vector<double> w = wigner_3j(l1, l2, l3);
  const int n2 = 2 * l2 + 1, n3 = 2 * l3 + 1;
  // Exact zeros come out as tiny round-off of cancelling terms; 1e-14 is far below the
  // smallest true coefficient for l <= kMaxL.
  const double zero_tolerance = 1e-14;
  std::vector<CGEntry<double>> nonzeros;
  for (size_t k = 0; k < w.size(); ++k)
    if (std::abs(w[k]) > zero_tolerance) {
      const int m3 = static_cast<int>(k % n3), m2 = static_cast<int>((k / n3) % n2), m1 = static_cast<int>(k / n3 / n2);
      nonzeros.push_back({m1, m2, m3, w[k]});
    }
  return nonzeros;
}

}  // namespace equipot::core
