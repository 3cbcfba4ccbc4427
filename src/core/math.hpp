#pragma once
// Device-callable math functions under one name for every supported Kokkos version:
// Kokkos 3.4-3.6 provide them in Kokkos::Experimental, Kokkos >= 3.7 in Kokkos.
#include <Kokkos_Core.hpp>

namespace equipot::core::math {

#if KOKKOS_VERSION >= 30700
using Kokkos::cos;
using Kokkos::exp;
using Kokkos::sin;
using Kokkos::sqrt;
#else
using Kokkos::Experimental::cos;
using Kokkos::Experimental::exp;
using Kokkos::Experimental::sin;
using Kokkos::Experimental::sqrt;
#endif

// False for NaN and +-infinity; written without <cmath> so that it compiles for any device.
template <class Scalar>
KOKKOS_INLINE_FUNCTION bool is_finite(Scalar x) {
  return x - x == Scalar(0);
}

}  // namespace equipot::core::math
