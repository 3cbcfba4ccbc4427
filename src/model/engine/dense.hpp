#pragma once
// Row-wise matrix products for per-edge MLPs: out(e, :) = in(e, :) W, one team per row. The
// loop over the input index is outside and the team's lanes run over output columns, so the
// inner loop reads W and writes out contiguously (vectorizes on CPUs, coalesces on GPUs).
// The adjoint dL/din = dL/dout W^T uses the same kernel with a stored transpose of W.
#include <Kokkos_Core.hpp>

#include "model/engine/views.hpp"

namespace equipot::engine {

enum class Accumulate { no, yes };

template <class ExecSpace, class Device, class Scalar>
void multiply_rows(const ExecSpace& exec, const char* label, int n_rows, const Matrix<Scalar, Device>& in,
                   const Matrix<Scalar, Device>& W, const Matrix<Scalar, Device>& out, Accumulate accumulate) {
  using Team = typename Kokkos::TeamPolicy<ExecSpace>::member_type;
  const int n_in = static_cast<int>(W.extent(0)), n_out = static_cast<int>(W.extent(1));
  const bool add = accumulate == Accumulate::yes;
  Kokkos::parallel_for(
      label, Kokkos::TeamPolicy<ExecSpace>(exec, n_rows, Kokkos::AUTO), KOKKOS_LAMBDA(const Team& team) {
        const int e = team.league_rank();
        Scalar* out_e = &out(e, 0);
        const Scalar* in_e = &in(e, 0);
        if (!add) Kokkos::parallel_for(Kokkos::TeamVectorRange(team, n_out), [&](int b) { out_e[b] = 0; });
        for (int a = 0; a < n_in; ++a) {
          const Scalar in_a = in_e[a];
          const Scalar* W_a = &W(a, 0);
          Kokkos::parallel_for(Kokkos::TeamVectorRange(team, n_out), [&](int b) { out_e[b] += in_a * W_a[b]; });
        }
      });
}

}  // namespace equipot::engine
