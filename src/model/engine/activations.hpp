#pragma once
// Scalar activations of the model (docs/model.md) and their derivatives, device-callable.
#include <Kokkos_Core.hpp>

#include "core/exp_nonpositive.hpp"

namespace equipot::engine {

// Branch-free, so that loops over it vectorise; exp of -|x| only: no overflow for large |x|.
template <class Scalar>
KOKKOS_INLINE_FUNCTION Scalar sigmoid(Scalar x) {
  const Scalar e = core::exp_nonpositive(x < Scalar(0) ? x : -x);
  const Scalar s_of_abs = Scalar(1) / (Scalar(1) + e);  // sigmoid(|x|); sigmoid(-|x|) = e sigmoid(|x|)
  return x < Scalar(0) ? e * s_of_abs : s_of_abs;
}

// SiLU(x) = x sigmoid(x).
template <class Scalar>
KOKKOS_INLINE_FUNCTION Scalar silu(Scalar x) {
  return x * sigmoid(x);
}

// d SiLU / dx = s (1 + x (1 - s)), s = sigmoid(x).
template <class Scalar>
KOKKOS_INLINE_FUNCTION Scalar silu_derivative(Scalar x) {
  const Scalar s = sigmoid(x);
  return s * (Scalar(1) + x * (Scalar(1) - s));
}

}  // namespace equipot::engine
