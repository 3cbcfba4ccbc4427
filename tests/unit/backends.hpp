#pragma once
// The Kokkos execution spaces every unit test runs on: one test body, instantiated per
// enabled backend (the way Kokkos' own tests do it). Use with
//   TYPED_TEST_SUITE(MySuite, equipot::test::Backends, equipot::test::BackendName);
#include <gtest/gtest.h>

#include <Kokkos_Core.hpp>
#include <string>

namespace equipot::test {
namespace detail {

template <class... Spaces>
struct SpaceList {
  using gtest_types = ::testing::Types<Spaces...>;
};

// Appends Space to the list when its backend is compiled in.
template <class List, class Space, bool enabled>
struct Append {
  using type = List;
};
template <class... Spaces, class Space>
struct Append<SpaceList<Spaces...>, Space, true> {
  using type = SpaceList<Spaces..., Space>;
};

#ifdef KOKKOS_ENABLE_SERIAL
using WithSerial = Append<SpaceList<>, Kokkos::Serial, true>::type;
#else
using WithSerial = SpaceList<>;
#endif
#ifdef KOKKOS_ENABLE_OPENMP
using WithOpenMP = Append<WithSerial, Kokkos::OpenMP, true>::type;
#else
using WithOpenMP = WithSerial;
#endif
#ifdef KOKKOS_ENABLE_CUDA
using WithCuda = Append<WithOpenMP, Kokkos::Cuda, true>::type;
#else
using WithCuda = WithOpenMP;
#endif
#ifdef KOKKOS_ENABLE_HIP
using WithHIP = Append<WithCuda, Kokkos::Experimental::HIP, true>::type;
#else
using WithHIP = WithCuda;
#endif

}  // namespace detail

using Backends = detail::WithHIP::gtest_types;

// Names the backend in test names, e.g. "SphericalHarmonics/OpenMP.MatchesE3nn".
struct BackendName {
  template <class ExecSpace>
  static std::string GetName(int) {
    return ExecSpace::name();
  }
};

}  // namespace equipot::test
