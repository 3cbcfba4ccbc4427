#pragma once
// Scalar activations of the model (docs/model.md) and their derivatives, device-callable.
#include <Kokkos_Core.hpp>

#include "core/math.hpp"

namespace equipot::engine {

template <class Scalar>
KOKKOS_INLINE_FUNCTION Scalar sigmoid(Scalar x) {
  // exp of a negative argument only: no overflow for large |x|.
  if (x >= Scalar(0)) return Scalar(1) / (Scalar(1) + core::math::exp(-x));
  const Scalar e = core::math::exp(x);
  return e / (Scalar(1) + e);
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
