#pragma once
// Quintic Hermite interpolation on [0, 1]: the polynomial p(t) = sum_k c_k t^k of degree 5 that
// takes the values f, f', f'' given at both ends. With nodes h apart and the derivatives scaled
// to the unit interval (h f', h^2 f''), it is C2 across nodes and its error is O(h^6)
// (docs/engine.md, "Radial tables"). The monomial coefficients keep the precision of the
// derivative in float as well: c_1.. are of the size of h f', where a sum over the end values
// would cancel to it.
#include <Kokkos_Core.hpp>

namespace equipot::core {

// c[0..5] from f0, h f0', h^2 f0'' at t = 0 and f1, h f1', h^2 f1'' at t = 1.
template <class Scalar>
KOKKOS_INLINE_FUNCTION void quintic_hermite_coefficients(Scalar f0, Scalar m0, Scalar a0, Scalar f1, Scalar m1,
                                                         Scalar a1, Scalar c[6]) {
  c[0] = f0;
  c[1] = m0;
  c[2] = a0 / 2;
  c[3] = 10 * (f1 - f0) - 6 * m0 - 4 * m1 + (a1 - 3 * a0) / 2;
  c[4] = 15 * (f0 - f1) + 8 * m0 + 7 * m1 + (3 * a0 - 2 * a1) / 2;
  c[5] = 6 * (f1 - f0) - 3 * (m0 + m1) + (a1 - a0) / 2;
}

// The weights of c[0..5] at t: value[k] = t^k, slope[k] = d(t^k)/dt = k t^(k-1).
template <class Scalar>
KOKKOS_INLINE_FUNCTION void monomial_weights(Scalar t, Scalar value[6], Scalar slope[6]) {
  value[0] = 1;
  slope[0] = 0;
  for (int k = 1; k < 6; ++k) {
    value[k] = value[k - 1] * t;
    slope[k] = Scalar(k) * value[k - 1];
  }
}

}  // namespace equipot::core
