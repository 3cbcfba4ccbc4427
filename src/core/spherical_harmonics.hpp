#pragma once
// Real spherical harmonics Y_lm(r), l = 0..l_max, and their gradients w.r.t. the raw vector r.
//
// Conventions (docs/core.md), matching e3nn's
// spherical_harmonics(l, r, normalize=True, normalization="component"):
//  * "component" normalization: sum_m Y_lm(r)^2 = 2l+1 for every direction; Y_0 = 1.
//  * e3nn's basis: Y_l(x, y, z) = S_l(X, Y, Z) with (X, Y, Z) = (z, x, y), where S_l are the
//    standard real harmonics, m = -l..l, without Condon-Shortley phase in the real form:
//      S_lm  = N_lm P_l^m(Z) Re[(X + iY)^m]   for m > 0
//      S_l-m = N_lm P_l^m(Z) Im[(X + iY)^m]   for m > 0
//      S_l0  = sqrt(2l+1) P_l(Z)
//    with P_l^m(Z) the associated Legendre polynomial divided by sin^m(theta) (a polynomial in
//    Z), and N_lm = sqrt((2l+1) * 2 (l-m)! / (l+m)!). Hence Y_1 = sqrt(3) (x, y, z) / |r|.
//  * Output order: flattened lm = l*l + l + m (see lm_index), length num_lm(l_max).
//  * Gradient layout: dY[3 * lm + k] = dY_lm / dr_k, k = x, y, z, w.r.t. the raw (unnormalized)
//    vector, i.e. including the Jacobian (I - u u^T) / |r| of the normalization u = r / |r|.
//
// The direction is normalized first (with a rescaling that keeps |r| = 1e-300 or 1e300 exact),
// and the harmonics are evaluated on the unit sphere, so there is no r^l growth.
//
// A zero-length (or non-finite) vector has no direction. The caller must reject it: these
// functions then return false and write Y = (1, 0, 0, ...) and zero gradients instead of NaN,
// and the batch kernel counts such edges. Host code should call require_valid_edge_vectors()
// (edge_vectors.hpp) on its edges before trusting the result.
#include <Kokkos_Core.hpp>

#include "core/edge_vectors.hpp"
#include "core/irreps.hpp"
#include "core/math.hpp"

namespace equipot::core {
namespace detail {

template <class Scalar>
KOKKOS_INLINE_FUNCTION Scalar max_abs3(Scalar x, Scalar y, Scalar z) {
  const Scalar ax = x < 0 ? -x : x, ay = y < 0 ? -y : y, az = z < 0 ? -z : z;
  const Scalar m = ax > ay ? ax : ay;
  return m > az ? m : az;
}

template <bool WithGradient, class Scalar>
KOKKOS_INLINE_FUNCTION bool evaluate_spherical_harmonics(int l_max, Scalar rx, Scalar ry, Scalar rz,
                                                         Scalar* Y, Scalar* dY) {
  const int n = num_lm(l_max);
  if (!is_valid_edge_vector(rx, ry, rz)) {
    for (int i = 0; i < n; ++i) Y[i] = i == 0 ? Scalar(1) : Scalar(0);
    if (WithGradient)
      for (int i = 0; i < 3 * n; ++i) dY[i] = Scalar(0);
    return false;
  }
  // Scale by the largest component first so that |r|^2 neither overflows nor underflows.
  const Scalar scale = max_abs3(rx, ry, rz);
  const Scalar sx = rx / scale, sy = ry / scale, sz = rz / scale;
  const Scalar norm = math::sqrt(sx * sx + sy * sy + sz * sz);
  const Scalar ux = sx / norm, uy = sy / norm, uz = sz / norm;
  const Scalar inv_r = Scalar(1) / (scale * norm);

  // e3nn's basis: standard real harmonics at the permuted direction (X, Y, Z) = (z, x, y).
  const Scalar X = uz, Yp = ux, Z = uy;

  // (X + iY)^m = c + i s, kept for the current m together with m - 1 for the gradients.
  Scalar c = 1, s = 0, c_prev = 0, s_prev = 0;
  Scalar p_mm = 1;          // P_m^m = (2m-1)!!
  Scalar ratio_mm = 1;      // 2 (l-m)!/(l+m)! at l = m (1 for m = 0: no factor 2)
  for (int m = 0; m <= l_max; ++m) {
    if (m > 0) {
      c_prev = c;
      s_prev = s;
      c = X * c_prev - Yp * s_prev;
      s = X * s_prev + Yp * c_prev;
      p_mm *= Scalar(2 * m - 1);
      ratio_mm = (m == 1 ? Scalar(2) : ratio_mm) / Scalar((2 * m - 1) * (2 * m));
    }
    // d(c, s)/dX and d(c, s)/dY: d(X + iY)^m = m (X + iY)^(m-1) (dX + i dY).
    const Scalar dc_dX = m * c_prev, dc_dY = -m * s_prev;
    const Scalar ds_dX = m * s_prev, ds_dY = m * c_prev;

    Scalar p = p_mm, dp = 0;         // P_l^m(Z) and its Z-derivative at l
    Scalar p1 = 0, dp1 = 0;          // at l - 1
    Scalar ratio = ratio_mm;         // 2 (l-m)!/(l+m)!
    for (int l = m; l <= l_max; ++l) {
      if (l == m + 1) {
        p1 = p;
        dp1 = dp;
        p = Scalar(2 * m + 1) * Z * p_mm;
        dp = Scalar(2 * m + 1) * p_mm;
      } else if (l > m + 1) {
        const Scalar p2 = p1, dp2 = dp1;
        p1 = p;
        dp1 = dp;
        p = (Scalar(2 * l - 1) * Z * p1 - Scalar(l + m - 1) * p2) / Scalar(l - m);
        dp = (Scalar(2 * l - 1) * (p1 + Z * dp1) - Scalar(l + m - 1) * dp2) / Scalar(l - m);
      }
      if (l > m) ratio *= Scalar(l - m) / Scalar(l + m);
      const Scalar norm_lm = math::sqrt(Scalar(2 * l + 1) * ratio);

      const int plus = lm_index(l, m), minus = lm_index(l, -m);
      Y[plus] = norm_lm * p * c;
      if (m > 0) Y[minus] = norm_lm * p * s;
      if (WithGradient) {
        // Gradient on the sphere w.r.t. (X, Y, Z), then mapped back to (x, y, z) = (Y, Z, X)
        // and projected with (I - u u^T) / |r|.
        const Scalar gp[3] = {norm_lm * p * dc_dY, norm_lm * dp * c, norm_lm * p * dc_dX};
        const Scalar gpu = gp[0] * ux + gp[1] * uy + gp[2] * uz;
        dY[3 * plus + 0] = (gp[0] - gpu * ux) * inv_r;
        dY[3 * plus + 1] = (gp[1] - gpu * uy) * inv_r;
        dY[3 * plus + 2] = (gp[2] - gpu * uz) * inv_r;
        if (m > 0) {
          const Scalar gm[3] = {norm_lm * p * ds_dY, norm_lm * dp * s, norm_lm * p * ds_dX};
          const Scalar gmu = gm[0] * ux + gm[1] * uy + gm[2] * uz;
          dY[3 * minus + 0] = (gm[0] - gmu * ux) * inv_r;
          dY[3 * minus + 1] = (gm[1] - gmu * uy) * inv_r;
          dY[3 * minus + 2] = (gm[2] - gmu * uz) * inv_r;
        }
      }
    }
  }
  return true;
}

}  // namespace detail

// Y[num_lm(l_max)] of the direction of (x, y, z). Returns false (and Y = (1, 0, ...)) for a
// zero-length or non-finite vector.
template <class Scalar>
KOKKOS_INLINE_FUNCTION bool spherical_harmonics(int l_max, Scalar x, Scalar y, Scalar z, Scalar* Y) {
  return detail::evaluate_spherical_harmonics<false>(l_max, x, y, z, Y, static_cast<Scalar*>(nullptr));
}

// Y as above and dY[3 * num_lm(l_max)], dY[3*lm + k] = dY_lm / dr_k.
template <class Scalar>
KOKKOS_INLINE_FUNCTION bool spherical_harmonics_with_gradient(int l_max, Scalar x, Scalar y, Scalar z,
                                                              Scalar* Y, Scalar* dY) {
  return detail::evaluate_spherical_harmonics<true>(l_max, x, y, z, Y, dY);
}

}  // namespace equipot::core
