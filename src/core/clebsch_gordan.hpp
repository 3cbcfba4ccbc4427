#pragma once
// Real Clebsch-Gordan coupling tensors in e3nn's basis (docs/core.md, "Conventions").
//
// W(l1, l2, l3)[m1][m2][m3] (m_i = 0..2l_i, i.e. m = -l..l shifted by l) is the unique (up to
// sign) tensor invariant under rotations of the three real spherical-harmonic bases of
// spherical_harmonics.hpp, with Frobenius norm 1; it is equal, sign included, to e3nn's
// wigner_3j(l1, l2, l3). It is nonzero only if |l1 - l2| <= l3 <= l1 + l2.
//
// Construction, all computed here (clebsch_gordan.cpp):
//  1. complex Clebsch-Gordan coefficients <l1 m1 l2 m2 | l3 m3> (Condon-Shortley phase) from
//     Racah's closed formula;
//  2. change to the real basis, real_lm = sum_m' U_l[m][m'] complex_lm' with
//       U[0][0] = 1,  U[m][m] = (-1)^m/sqrt2, U[m][-m] = 1/sqrt2            (m > 0),
//       U[-m][-m] = i/sqrt2, U[-m][m] = -i (-1)^m/sqrt2                      (m > 0),
//     W ~ sum conj(U_l1) conj(U_l2) U_l3 <..|..>, which is real or purely imaginary;
//  3. sign/phase rule: multiply by i^(l3 - l1 - l2), take the (now real) result, divide by
//     sqrt(2 l3 + 1) for unit Frobenius norm.
// Step 3 is the phase e3nn applies; it was checked against every e3nn wigner_3j with
// l1, l2, l3 <= 3 (tests/unit/test_clebsch_gordan.cpp). No simpler rule (such as "first nonzero
// element positive") reproduces e3nn's signs. The basis permutation (x, y, z) -> (z, x, y) that
// relates e3nn's harmonics to the standard ones does not enter: it is a rotation, so the
// invariant tensor of the permuted basis is the same.
#include <Kokkos_Core.hpp>

#include <vector>

namespace equipot::core {

// Dense W(l1, l2, l3), row-major [m1][m2][m3]; all zeros outside the selection rules.
std::vector<double> wigner_3j(int l1, int l2, int l3);

// True when |l1 - l2| <= l3 <= l1 + l2 (parity is not a constraint in SE(3)).
KOKKOS_INLINE_FUNCTION constexpr bool satisfies_triangle(int l1, int l2, int l3) {
  return l1 >= 0 && l2 >= 0 && l3 >= 0 && l3 >= (l1 > l2 ? l1 - l2 : l2 - l1) && l3 <= l1 + l2;
}

// One nonzero coefficient of W(l1, l2, l3); m indices run over 0..2l.
template <class Scalar>
struct CGEntry {
  int m1, m2, m3;
  Scalar value;
};

// Nonzero entries of W(l1, l2, l3) in row-major order (empty outside the selection rules).
std::vector<CGEntry<double>> wigner_3j_nonzeros(int l1, int l2, int l3);

// Every W(l1, l2, l3) with l1, l2, l3 <= l_max that satisfies the triangle rule, stored
// sparsely on MemorySpace: entries(begin(l1,l2,l3) .. begin(l1,l2,l3) + count(l1,l2,l3)).
// The index tables are LayoutRight on every space (the host tables they are copied from).
template <class MemorySpace, class Scalar = double>
struct ClebschGordanTable {
  using IndexTable = Kokkos::View<int***, Kokkos::LayoutRight, MemorySpace>;
  int l_max = 0;
  IndexTable begin;
  IndexTable count;
  Kokkos::View<CGEntry<Scalar>*, MemorySpace> entries;

  explicit ClebschGordanTable(int l_max_) : l_max(l_max_) {
    const int n = l_max + 1;
    auto h_begin = Kokkos::View<int***, Kokkos::LayoutRight, Kokkos::HostSpace>("equipot::cg_begin", n, n, n);
    auto h_count = Kokkos::View<int***, Kokkos::LayoutRight, Kokkos::HostSpace>("equipot::cg_count", n, n, n);
    std::vector<CGEntry<Scalar>> all;
    for (int l1 = 0; l1 <= l_max; ++l1)
      for (int l2 = 0; l2 <= l_max; ++l2)
        for (int l3 = 0; l3 <= l_max; ++l3) {
          h_begin(l1, l2, l3) = static_cast<int>(all.size());
          for (const auto& e : wigner_3j_nonzeros(l1, l2, l3))
            all.push_back({e.m1, e.m2, e.m3, static_cast<Scalar>(e.value)});
          h_count(l1, l2, l3) = static_cast<int>(all.size()) - h_begin(l1, l2, l3);
        }
    Kokkos::View<CGEntry<Scalar>*, Kokkos::HostSpace, Kokkos::MemoryTraits<Kokkos::Unmanaged>> h_entries(
        all.data(), all.size());
    begin = Kokkos::create_mirror_view_and_copy(MemorySpace(), h_begin);
    count = Kokkos::create_mirror_view_and_copy(MemorySpace(), h_count);
    entries = Kokkos::View<CGEntry<Scalar>*, MemorySpace>("equipot::cg_entries", all.size());
    Kokkos::deep_copy(entries, h_entries);
  }
};

}  // namespace equipot::core
