#pragma once
// Channel-wise ("uvu") tensor product of node features with edge harmonics, the convolution of
// NequIP-class models (docs/model.md, "Forward pass"). For an edge i <- j and each channel u:
//
//   out_i[l_out, m3, u] += w[p, u] sum_{m1, m2} W(l_in, l_f, l_out)[m1][m2][m3] h_j[l_in, m1, u] Y[l_f, m2]
//
// with W the real Clebsch-Gordan tensor of clebsch_gordan.hpp (e3nn's wigner_3j). Path
// normalization factors (e3nn multiplies by constants such as sqrt(2 l_out + 1)) and the
// 1/sqrt(avg_num_neighbors) of the message are left to the caller: they fold into w.
//
// Path ordering ("instructions"): lexicographic in (l_in, l_f, l_out), i.e.
//   for l_in = 0..l_in_max, for l_f = 0..l_sh_max, for l_out = |l_in - l_f|..min(l_in + l_f, l_out_max)
// and path p owns weights w[p * C + u], u = 0..C-1 (channel fastest). SE(3) has no parity, so
// every l_out allowed by the triangle rule is a path.
//
// Layouts (see irreps.hpp): feature rows h_j and out_i are [lm][channel], index lm * C + u,
// with C channels for every degree; Y is [lm] (spherical_harmonics.hpp); w is [path][channel].
//
// Per-edge functions below take "rows": anything indexable with [k], i.e. raw pointers into
// LayoutRight Views (device memory), rank-1 Views, or the scatter rows of the batch kernels.
// All accumulate (+=) into their outputs.
//
// FLOPs per edge, with n_cg = num_coefficients() nonzero couplings over all paths: forward
// n_cg (3C + 1), backward n_cg (10C + 1) (see tests/benchmarks/bench_core.cpp).
#include <Kokkos_Core.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include "core/clebsch_gordan.hpp"
#include "core/irreps.hpp"

namespace equipot::core {

struct UvuPath {
  int l_in, l_f, l_out;
  int cg_begin, cg_count;  // this path's nonzeros in UvuTensorProduct::cg
};

// The path list and its sparse coupling coefficients, resident on MemorySpace.
template <class MemorySpace, class Scalar = double>
struct UvuTensorProduct {
  int l_in_max = 0, l_sh_max = 0, l_out_max = 0, channels = 0, n_paths = 0;
  Kokkos::View<UvuPath*, MemorySpace> paths;
  Kokkos::View<UvuPath*, Kokkos::HostSpace> h_paths;
  Kokkos::View<CGEntry<Scalar>*, MemorySpace> cg;

  UvuTensorProduct(int l_in_max_, int l_sh_max_, int l_out_max_, int channels_)
      : l_in_max(l_in_max_), l_sh_max(l_sh_max_), l_out_max(l_out_max_), channels(channels_) {
    for (int l : {l_in_max, l_sh_max, l_out_max})
      if (l < 0 || l > kMaxL)
        throw std::invalid_argument("UvuTensorProduct: degree " + std::to_string(l) + " outside 0.." +
                                    std::to_string(kMaxL));
    if (channels < 1) throw std::invalid_argument("UvuTensorProduct: channels must be positive");
    std::vector<UvuPath> path_list;
    std::vector<CGEntry<Scalar>> entries;
    for (int l_in = 0; l_in <= l_in_max; ++l_in)
      for (int l_f = 0; l_f <= l_sh_max; ++l_f)
        for (int l_out = l_in > l_f ? l_in - l_f : l_f - l_in; l_out <= l_in + l_f && l_out <= l_out_max; ++l_out) {
          UvuPath path{l_in, l_f, l_out, static_cast<int>(entries.size()), 0};
          for (const auto& e : wigner_3j_nonzeros(l_in, l_f, l_out))
            entries.push_back({e.m1, e.m2, e.m3, static_cast<Scalar>(e.value)});
          path.cg_count = static_cast<int>(entries.size()) - path.cg_begin;
          path_list.push_back(path);
        }
    n_paths = static_cast<int>(path_list.size());
    h_paths = Kokkos::View<UvuPath*, Kokkos::HostSpace>("equipot::uvu_paths_host", n_paths);
    for (int p = 0; p < n_paths; ++p) h_paths(p) = path_list[p];
    paths = Kokkos::create_mirror_view_and_copy(MemorySpace(), h_paths);
    Kokkos::View<CGEntry<Scalar>*, Kokkos::HostSpace> h_cg("equipot::uvu_cg_host", entries.size());
    for (size_t k = 0; k < entries.size(); ++k) h_cg(k) = entries[k];
    cg = Kokkos::create_mirror_view_and_copy(MemorySpace(), h_cg);
  }

  int weights_per_edge() const { return n_paths * channels; }
  int input_size() const { return num_lm(l_in_max) * channels; }
  int output_size() const { return num_lm(l_out_max) * channels; }
  int num_coefficients() const { return static_cast<int>(cg.extent(0)); }
};

// Per-edge functions take a Kokkos team handle and spread the channel loop over the team's
// threads and vector lanes (TeamVectorRange): on CPUs that is a contiguous, vectorizable inner
// loop; on GPUs consecutive lanes read consecutive channels. Lane u always owns channel u, so
// per-channel outputs need no atomics inside a team.

// out_i[lm * C + u] += the message of one edge.
template <class Team, class TP, class HRow, class YRow, class WRow, class OutRow>
KOKKOS_INLINE_FUNCTION void uvu_forward_edge(const Team& team, const TP& tp, const HRow& h_j, const YRow& Y,
                                             const WRow& w, const OutRow& out) {
  const int C = tp.channels;
  for (int p = 0; p < tp.n_paths; ++p) {
    const UvuPath path = tp.paths(p);
    const int in0 = path.l_in * path.l_in, f0 = path.l_f * path.l_f, out0 = path.l_out * path.l_out;
    for (int k = path.cg_begin; k < path.cg_begin + path.cg_count; ++k) {
      const auto e = tp.cg(k);
      const auto cg_y = e.value * Y[f0 + e.m2];
      const int in = (in0 + e.m1) * C, o = (out0 + e.m3) * C, wp = p * C;
      Kokkos::parallel_for(Kokkos::TeamVectorRange(team, C),
                           [&](int u) { out[o + u] += w[wp + u] * cg_y * h_j[in + u]; });
    }
  }
}

// Adjoints of one edge given g = dL/dout_i: accumulates dL/dh_j, dL/dY and dL/dw.
template <class Team, class TP, class GRow, class HRow, class YRow, class WRow, class GradHRow, class GradYRow,
          class GradWRow>
KOKKOS_INLINE_FUNCTION void uvu_backward_edge(const Team& team, const TP& tp, const GRow& g, const HRow& h_j,
                                              const YRow& Y, const WRow& w, const GradHRow& grad_h_j,
                                              const GradYRow& grad_Y, const GradWRow& grad_w) {
  using Scalar = decltype(tp.cg(0).value);
  const int C = tp.channels;
  for (int p = 0; p < tp.n_paths; ++p) {
    const UvuPath path = tp.paths(p);
    const int in0 = path.l_in * path.l_in, f0 = path.l_f * path.l_f, out0 = path.l_out * path.l_out;
    for (int k = path.cg_begin; k < path.cg_begin + path.cg_count; ++k) {
      const auto e = tp.cg(k);
      const Scalar y = Y[f0 + e.m2];
      const int in = (in0 + e.m1) * C, o = (out0 + e.m3) * C, wp = p * C;
      Scalar dY = 0;
      Kokkos::parallel_reduce(
          Kokkos::TeamVectorRange(team, C),
          [&](int u, Scalar& sum) {
            const Scalar cg_g = e.value * g[o + u];
            grad_h_j[in + u] += w[wp + u] * cg_g * y;
            grad_w[wp + u] += cg_g * h_j[in + u] * y;
            sum += w[wp + u] * cg_g * h_j[in + u];
          },
          dY);
      Kokkos::single(Kokkos::PerTeam(team), [&]() { grad_Y[f0 + e.m2] += dY; });
    }
  }
}

}  // namespace equipot::core
