#pragma once
// exp(x) for x <= 0 (sigmoid's argument, -|x|) in a form host compilers vectorise: no
// branches, no library call. glibc's scalar exp kept the radial MLP's SiLU loop scalar
// (about 4 % of an engine step, docs/engine.md); this one runs in SIMD registers.
//
// Method: x = n ln2 + r with n = round(x / ln2) and |r| <= ln2 / 2 (ln2 split in a high
// part exact in n ln2_hi and a low part), exp(r) by its Taylor polynomial (degree 12 for
// double, 7 for float: truncation below half an ulp), times 2^n built in the exponent bits.
// n is rounded by adding and subtracting 1.5 * 2^(mantissa bits), which also leaves n in
// the low bits of the sum. Accuracy: within 2 ulp of exp for x >= ExpConstants::lowest
// (tests/unit/test_exp_nonpositive.cpp); below it the result is 0 (exp is then under the
// smallest normal number, and sigmoid has long reached 0 or 1). NaN stays NaN.
// Device passes use the device's own exp above lowest, and 0 below it like the host (the first
// GPU run found exp(lowest - ulp) = 3.3e-308 there).
#include <Kokkos_Core.hpp>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "core/math.hpp"

namespace equipot::core {

namespace detail {

template <class Scalar>
struct ExpConstants;

template <>
struct ExpConstants<double> {
  using Bits = std::int64_t;
  static constexpr double lowest = -708.0;  // exp(-708) = 3.3e-308, just above the smallest normal
  static constexpr double log2e = 1.4426950408889634;
  static constexpr double ln2_hi = 6.93147180369123816490e-01;  // 32 significant bits: n ln2_hi is exact
  static constexpr double ln2_lo = 1.90821492927058770002e-10;
  static constexpr double shifter = 6755399441055744.0;  // 1.5 * 2^52
  static constexpr int mantissa_bits = 52, exponent_bias = 1023, degree = 12;
};

template <>
struct ExpConstants<float> {
  using Bits = std::int32_t;
  static constexpr float lowest = -87.0f;  // exp(-87) = 1.6e-38, just above the smallest normal
  static constexpr float log2e = 1.44269504f;
  static constexpr float ln2_hi = 0.693145751953125f;  // 16 significant bits: n ln2_hi is exact
  static constexpr float ln2_lo = 1.42860677e-06f;
  static constexpr float shifter = 12582912.0f;  // 1.5 * 2^23
  static constexpr int mantissa_bits = 23, exponent_bias = 127, degree = 7;
};

// 1 / k! for k = 0 .. kDegree, computed at compile time.
template <class Scalar, int kDegree>
struct TaylorCoefficients {
  Scalar c[kDegree + 1];
  constexpr TaylorCoefficients() : c() {
    double factorial = 1;
    for (int k = 0; k <= kDegree; ++k) {
      if (k > 1) factorial *= k;
      c[k] = static_cast<Scalar>(1.0 / factorial);
    }
  }
};

}  // namespace detail

template <class Scalar>
KOKKOS_INLINE_FUNCTION Scalar exp_nonpositive(Scalar x) {
#if defined(__CUDA_ARCH__) || defined(__HIP_DEVICE_COMPILE__) || defined(__SYCL_DEVICE_ONLY__)
  return x < detail::ExpConstants<Scalar>::lowest ? Scalar(0) : math::exp(x);
#else
  using K = detail::ExpConstants<Scalar>;
  using Bits = typename K::Bits;
  const Scalar clamped = x < K::lowest ? K::lowest : x;
  const Scalar shifted = clamped * K::log2e + K::shifter;
  const Scalar n = shifted - K::shifter;
  const Scalar r = (clamped - n * K::ln2_hi) - n * K::ln2_lo;
  constexpr detail::TaylorCoefficients<Scalar, K::degree> taylor;
  Scalar poly = taylor.c[K::degree];  // Horner: one multiply-add per degree
  for (int k = K::degree - 1; k >= 0; --k) poly = poly * r + taylor.c[k];
  Bits shifted_bits, shifter_bits;
  const Scalar shifter = K::shifter;
  std::memcpy(&shifted_bits, &shifted, sizeof(Scalar));
  std::memcpy(&shifter_bits, &shifter, sizeof(Scalar));
  // Shifted as unsigned: for a NaN input the exponent field is out of range, and a signed left
  // shift of it would be undefined (found by the sanitizer lane); the result is NaN either way.
  using UnsignedBits = std::make_unsigned_t<Bits>;
  const UnsignedBits scale_bits = static_cast<UnsignedBits>(shifted_bits - shifter_bits + K::exponent_bias)
                                  << K::mantissa_bits;
  Scalar scale;
  std::memcpy(&scale, &scale_bits, sizeof(Scalar));
  return x < K::lowest ? Scalar(0) : poly * scale;
#endif
}

}  // namespace equipot::core
