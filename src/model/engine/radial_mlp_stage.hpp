#pragma once
// Radial MLP stage: per edge, a_0 = basis, a_k = SiLU(a_{k-1} radial_k) for the
// hidden layers, w = a_K radial_{K+1}: one weight per (path, channel), index p
// * C + c, with the 1/sqrt(fan-in) factors and alpha_p already folded into the
// matrices (device_weights.hpp). There are no biases, so an edge at or beyond
// the cutoff (basis 0) gets w = 0 exactly.
//
// The forward is one kernel over tiles of DenseTiling::edges edges (one team
// per tile): the hidden activations live in team scratch and never reach
// memory; it keeps only SiLU'(pre-activation) per hidden unit for the reverse
// pass, which needs no weight gradient (inference) and so is the chain of
// products dE/dw radial_{K+1}^T, times SiLU', ..., radial_1^T = dE/dbasis
// (dense.hpp): detail::reverse_radial_tile, which the message stage's reverse
// kernel calls on each tile of edges as soon as it has their dE/dw.
#include <Kokkos_Core.hpp>
#include <algorithm>
#include <vector>

#include "model/engine/activations.hpp"
#include "model/engine/channel_loops.hpp"
#include "model/engine/dense.hpp"
#include "model/engine/device_weights.hpp"
#include "model/engine/team_scratch.hpp"
#include "model/engine/tuning.hpp"
#include "model/model_error.hpp"

namespace equipot::engine {

// What the reverse pass needs of one layer's radial MLP: per hidden layer k,
// SiLU'(pre-activation) as (edge, unit).
template <class Device, class Scalar>
struct RadialActivations {
  std::vector<Matrix<Scalar, Device>> slope;
};

// The most matrices (hidden layers + 1) the fused kernels take.
constexpr int kMaxRadialMatrices = 8;

namespace detail {

template <class Device, class Scalar>
struct RadialChain {
  Matrix<Scalar, Device> matrix[kMaxRadialMatrices];  // forward (in, out) or transposed, by use
  Matrix<Scalar, Device> slope[kMaxRadialMatrices - 1];
  int n_hidden = 0, max_width = 1;
};

template <class Device, class Scalar>
RadialChain<Device, Scalar> radial_chain(const std::vector<Matrix<Scalar, Device>>& matrices,
                                         const RadialActivations<Device, Scalar>& hidden) {
  const int n_hidden = static_cast<int>(hidden.slope.size());
  if (n_hidden + 1 > kMaxRadialMatrices || static_cast<int>(matrices.size()) != n_hidden + 1)
    throw ModelError("engine: the radial MLP may have at most " + std::to_string(kMaxRadialMatrices - 1) +
                     " hidden layers");
  RadialChain<Device, Scalar> chain;
  chain.n_hidden = n_hidden;
  for (int k = 0; k <= n_hidden; ++k) chain.matrix[k] = matrices[k];
  for (int k = 0; k < n_hidden; ++k) {
    chain.slope[k] = hidden.slope[k];
    chain.max_width = std::max(chain.max_width, static_cast<int>(hidden.slope[k].extent(1)));
  }
  return chain;
}

// The variant's team policy over tiles of kEdges edges with two scratch blocks
// of kEdges x max_width, at scratch_level of their bytes.
template <class Scalar, class ExecSpace, class KernelsT>
engine::TeamPolicy<ExecSpace> tile_policy(const ExecSpace& exec, const KernelsT& kernels, int n_tiles, int block,
                                          int& level) {
  const size_t bytes = 2 * scratch_bytes<Scalar>(block);
  level = scratch_level<ExecSpace>(bytes);
  return kernels.teams(exec, n_tiles).set_scratch_size(level, Kokkos::PerTeam(bytes));
}

// The reverse pass of one tile of edges e0 .. e0 + in.n_valid - 1 (kEdges rows,
// the extra ones padding): grad_basis(e) += dE/dbasis given in = dE/dw (n_in
// columns); scratch0/1 hold kEdges x chain.max_width values each.
template <int kEdges, int kColumns, class Team, class Device, class Scalar>
KOKKOS_INLINE_FUNCTION void reverse_radial_tile(const Team& team, const RadialChain<Device, Scalar>& chain, int e0,
                                                TileRows<const Scalar> in, int n_in, Scalar* scratch0, Scalar* scratch1,
                                                const Matrix<Scalar, Device>& grad_basis) {
  const int n_valid = in.n_valid;
  for (int k = chain.n_hidden; k-- > 0;) {
    Scalar* out = k % 2 == 0 ? scratch0 : scratch1;
    const auto& slope = chain.slope[k];
    const int H = static_cast<int>(chain.matrix[k + 1].extent(1));
    tile_product<kEdges, kColumns>(team, in, n_in, chain.matrix[k + 1], TileRows<Scalar>{out, H, kEdges},
                                   Accumulate::no);
    team.team_barrier();
    Kokkos::parallel_for(Kokkos::TeamThreadRange(team, kEdges), [&](int e) {
      Scalar* out_e = out + e * H;
      if (e < n_valid) {
        const Scalar* slope_e = &slope(e0 + e, 0);
        Kokkos::parallel_for(Kokkos::ThreadVectorRange(team, H), [&](int unit) { out_e[unit] *= slope_e[unit]; });
      } else {
        Kokkos::parallel_for(Kokkos::ThreadVectorRange(team, H), [&](int unit) { out_e[unit] = 0; });
      }
    });
    team.team_barrier();
    in = TileRows<const Scalar>{out, H, kEdges};
    n_in = H;
  }
  tile_product<kEdges, kColumns>(team, in, n_in, chain.matrix[0],
                                 TileRows<Scalar>{&grad_basis(e0, 0), static_cast<int>(grad_basis.stride(0)), n_valid},
                                 Accumulate::yes);
}

}  // namespace detail

// The message kernels' view of a layer whose w the radial MLP stage has stored
// (message_stage.hpp; the other kind is TabulatedEdgeWeights, radial_table.hpp):
// weights() is w's row, reverse_tile() runs the MLP's reverse on a tile of edges
// into grad_basis. chain and grad_basis are needed by the reverse pass only.
template <class Device, class Scalar>
struct StoredEdgeWeights {
  Matrix<Scalar, Device> w;
  detail::RadialChain<Device, Scalar> chain;  // transposed matrices and slopes
  Matrix<Scalar, Device> grad_basis;
  int block = 0;                              // values per reverse scratch block

  struct Scratch {
    Scalar* block[2];
  };
  // For the reverse pass of tiles of kEdges edges.
  template <int kEdges>
  static StoredEdgeWeights for_reverse(const Matrix<Scalar, Device>& w, const LayerWeights<Device, Scalar>& weights,
                                       const RadialActivations<Device, Scalar>& hidden,
                                       const Matrix<Scalar, Device>& grad_basis) {
    StoredEdgeWeights stored{w, detail::radial_chain(weights.radial_transposed, hidden), grad_basis, 0};
    stored.block = kEdges * stored.chain.max_width;
    return stored;
  }

  size_t scratch_bytes() const { return 0; }
  template <class Team>
  KOKKOS_INLINE_FUNCTION Scratch take_scratch(const Team&, int) const {
    return {{nullptr, nullptr}};
  }
  template <int kEdges>
  size_t reverse_scratch_bytes() const {
    return 2 * detail::scratch_bytes<Scalar>(block);
  }
  template <int kEdges, class Team>
  KOKKOS_INLINE_FUNCTION Scratch take_reverse_scratch(const Team& team, int level) const {
    return {{detail::scratch_array<Scalar>(team, level, block), detail::scratch_array<Scalar>(team, level, block)}};
  }

  template <class KernelsT, class Team>
  KOKKOS_INLINE_FUNCTION const Scalar* weights(const Team&, int e, int, int, const Scratch&) const {
    return &w(e, 0);
  }
  template <class KernelsT, class Team>
  KOKKOS_INLINE_FUNCTION const Scalar* reverse_weights(const Team&, int e, int, int, int, const Scratch&) const {
    return &w(e, 0);
  }
  template <class KernelsT>
  KOKKOS_INLINE_FUNCTION void prefetch(int e) const {
    detail::prefetch_row<KernelsT>(&w(e, 0), static_cast<int>(w.extent(1)));
  }
  template <class KernelsT, int kEdges, int kColumns, class Team>
  KOKKOS_INLINE_FUNCTION void reverse_tile(const Team& team, int e0, TileRows<const Scalar> grad_w,
                                           const Scratch& scratch) const {
    detail::reverse_radial_tile<kEdges, kColumns>(team, chain, e0, grad_w, static_cast<int>(w.extent(1)),
                                                  scratch.block[0], scratch.block[1], grad_basis);
  }
};

// edge_weights(e) = w of edge e; hidden.slope[k](e) = SiLU'(pre-activation of
// hidden layer k).
template <class ExecSpace, class KernelsT, class Device, class Scalar>
void compute_radial_mlp(const ExecSpace& exec, const KernelsT& kernels, int n_edges,
                        const LayerWeights<Device, Scalar>& weights,
                        const Matrix<Scalar, Device>& basis, const RadialActivations<Device, Scalar>& hidden,
                        const Matrix<Scalar, Device>& edge_weights) {
  using Team = typename Kokkos::TeamPolicy<ExecSpace>::member_type;
  constexpr int TE = DenseTiling<KernelsT, Scalar>::edges, NB = DenseTiling<KernelsT, Scalar>::columns;
  const auto chain = detail::radial_chain(weights.radial, hidden);
  const int n_tiles = (n_edges + TE - 1) / TE, block = TE * chain.max_width;
  if (n_tiles == 0) return;
  const int n_basis = static_cast<int>(basis.extent(1));
  int level = 0;
  const auto policy = detail::tile_policy<Scalar>(exec, kernels, n_tiles, block, level);
  Kokkos::parallel_for(
      "equipot::compute_radial_mlp", policy, KOKKOS_LAMBDA(const Team& team) {
        const int e0 = team.league_rank() * TE, n_valid = n_edges - e0 < TE ? n_edges - e0 : TE;
        Scalar* scratch[2] = {detail::scratch_array<Scalar>(team, level, block),
                              detail::scratch_array<Scalar>(team, level, block)};
        TileRows<const Scalar> in{&basis(e0, 0), static_cast<int>(basis.stride(0)), n_valid};
        int n_in = n_basis;
        for (int k = 0; k < chain.n_hidden; ++k) {
          Scalar* out = scratch[k % 2];
          const auto& slope = chain.slope[k];
          const int H = static_cast<int>(chain.matrix[k].extent(1));
          tile_product<TE, NB>(team, in, n_in, chain.matrix[k], TileRows<Scalar>{out, H, TE}, Accumulate::no);
          team.team_barrier();
          // Per edge, a contiguous loop over units that the compiler vectorises (sigmoid has
          // no branches); padding edges get activations but no slope.
          Kokkos::parallel_for(Kokkos::TeamThreadRange(team, TE), [&](int e) {
            Scalar* out_e = out + e * H;
            Scalar* slope_e = e < n_valid ? &slope(e0 + e, 0) : nullptr;
            Kokkos::parallel_for(Kokkos::ThreadVectorRange(team, H), [&](int unit) {
              const Scalar x = out_e[unit], s = sigmoid(x);
              if (slope_e) slope_e[unit] = s * (Scalar(1) + x * (Scalar(1) - s));  // SiLU'(x)
              out_e[unit] = x * s;                                                 // SiLU(x)
            });
          });
          team.team_barrier();
          in = TileRows<const Scalar>{out, H, TE};
          n_in = H;
        }
        tile_product<TE, NB>(team, in, n_in, chain.matrix[chain.n_hidden],
                             TileRows<Scalar>{&edge_weights(e0, 0), static_cast<int>(edge_weights.stride(0)), n_valid},
                             Accumulate::no);
      });
}

}  // namespace equipot::engine
