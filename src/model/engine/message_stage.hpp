#pragma once
// Message stage (docs/model.md step 3): m_i = sum over edges i <- j of the uvu
// tensor product of g_j with Y(r_e), weighted by w_e (alpha_p folded into w by
// the radial stage). Both directions compute the sums of core::uvu_forward /
// core::uvu_backward_edge (the tested reference) with the couplings grouped in
// pairs and the pairs of a path in one block (coupling_pairs.hpp): per edge one
// coefficient per pair, then per path loops of fixed length over the block's rows
// for each pack of channels, with rows and sums in registers; one team per
// destination (no atomics in the forward; dE/dg of sources gathered per
// destination, or through a ScatterView that lives across calls), dE/dY
// accumulated over layers into one buffer.
#include <Kokkos_Core.hpp>
#include <Kokkos_ScatterView.hpp>

#include "core/irreps.hpp"
#include "model/engine/channel_loops.hpp"
#include "model/engine/coupling_pairs.hpp"
#include "model/engine/radial_mlp_stage.hpp"
#include "model/engine/team_scratch.hpp"
#include "model/engine/tuning.hpp"
#include "model/engine/views.hpp"

namespace equipot::engine {

namespace detail {

// One team per destination atom: a single thread for host kernels (channel_loops.hpp), the
// variant's teams for device kernels. Team scratch of bytes at
// scratch_level(bytes).
template <class ExecSpace, class KernelsT>
engine::TeamPolicy<ExecSpace> destination_policy(const ExecSpace& exec, const KernelsT& kernels, int n_destinations,
                                                 size_t bytes, int& level) {
  level = scratch_level<ExecSpace>(bytes);
  return kernels.teams(exec, n_destinations).set_scratch_size(level, Kokkos::PerTeam(bytes));
}

// coef[block_entry(k)] = M_k = sum over the couplings of pair k of W y[m2], for every pair, at
// its entry of the path blocks (coupling_pairs.hpp): the first coupling of each over the lanes,
// then the others in one thread; then a team barrier (all lanes read every coefficient). The
// blocks' other entries are zero, set once per team (clear_blocks).
template <class Team, class Pairs, class Scalar>
KOKKOS_INLINE_FUNCTION void clear_blocks(const Team& team, const Pairs& cp, Scalar* coef) {
  Kokkos::parallel_for(Kokkos::TeamVectorRange(team, cp.block_size), [&](int k) { coef[k] = 0; });
  team.team_barrier();
}
template <class Team, class Pairs, class Scalar>
KOKKOS_INLINE_FUNCTION void block_coefficients(const Team& team, const Pairs& cp, const double* y, Scalar* coef) {
  Kokkos::parallel_for(Kokkos::TeamVectorRange(team, cp.n_pairs), [&](int k) {
    coef[cp.block_entry(k)] = cp.first_terms(k).value * Scalar(y[cp.first_terms(k).y_index]);
  });
  team.team_barrier();
  Kokkos::single(Kokkos::PerTeam(team), [&]() {
    for (int t = 0; t < static_cast<int>(cp.extra_terms.extent(0)); ++t)
      coef[cp.block_entry(cp.extra_terms(t).pair)] += cp.extra_terms(t).value * Scalar(y[cp.extra_terms(t).y_index]);
  });
  team.team_barrier();
}

// Rows a block can have: 2 l + 1 for l <= core::kMaxL.
constexpr int kMaxBlockRows = 2 * core::kMaxL + 1;

// out[m3] += w sum_m1 M[m3][m1] h[m1] for the rows of a block with n_out output rows and kIn
// input rows, held in registers: a fixed count for l_in <= 3 (the sums unrolled), or 0 for
// n_in given at run time. Rows are C apart.
template <int kIn, class P, class Scalar>
KOKKOS_FORCEINLINE_FUNCTION void add_dense_block(const Scalar* M, int n_in_at_run_time, int n_out, const Scalar* h,
                                                 Scalar* out, int C, const typename P::type& w) {
  const int n_in = kIn > 0 ? kIn : n_in_at_run_time;
  typename P::type in[kIn > 0 ? kIn : kMaxBlockRows];
  for (int m1 = 0; m1 < n_in; ++m1) in[m1] = P::load(h + m1 * C);
  for (int m3 = 0; m3 < n_out; ++m3) {
    typename P::type sum = M[m3 * n_in] * in[0];
    for (int m1 = 1; m1 < n_in; ++m1) sum += M[m3 * n_in + m1] * in[m1];
    P::store(out + m3 * C, P::load(out + m3 * C) + w * sum);
  }
}

// One path's block applied to one pack of channels (h and out already offset by the pack's
// first channel): diagonal blocks one product per row; dense blocks by add_dense_block, with
// the count of input rows fixed at compile time for 1, 3, 5 or 7 (l_in <= 3).
template <class P, class Scalar>
KOKKOS_FORCEINLINE_FUNCTION void add_block(const PathBlock& b, const Scalar* M, const Scalar* h, Scalar* out, int C,
                                           const typename P::type& w) {
  if (b.diagonal) {
    for (int m = 0; m < b.n_out; ++m) P::store(out + m * C, P::load(out + m * C) + w * (M[m] * P::load(h + m * C)));
    return;
  }
  switch (b.n_in) {
    case 1: return add_dense_block<1, P>(M, 1, b.n_out, h, out, C, w);
    case 3: return add_dense_block<3, P>(M, 3, b.n_out, h, out, C, w);
    case 5: return add_dense_block<5, P>(M, 5, b.n_out, h, out, C, w);
    case 7: return add_dense_block<7, P>(M, 7, b.n_out, h, out, C, w);
    default: return add_dense_block<0, P>(M, b.n_in, b.n_out, h, out, C, w);
  }
}

// The adjoint of add_dense_block for one pack of channels, with g the rows of dE/dout and
// a[m1] = sum_m3 M[m3][m1] g[m3]: gh[m1] += w a[m1] (dE/dh, when kGradH), add_entry(m3 n_in + m1, w h[m1] g[m3])
// for every entry (dE/dM per channel; zero entries included, their sums never read), and the
// return value sum_m1 h[m1] a[m1] (dE/dw). kOut output rows held in registers: a fixed count,
// or 0 for n_out given at run time.
template <int kOut, bool kGradH, class P, class Scalar, class AddEntry>
KOKKOS_FORCEINLINE_FUNCTION typename P::type reverse_dense_block(const Scalar* M, int n_in, int n_out_at_run_time,
                                                                 const Scalar* h, const Scalar* g, Scalar* gh, int C,
                                                                 const typename P::type& w, const AddEntry& add_entry) {
  const int n_out = kOut > 0 ? kOut : n_out_at_run_time;
  typename P::type out[kOut > 0 ? kOut : kMaxBlockRows];
  for (int m3 = 0; m3 < n_out; ++m3) out[m3] = P::load(g + m3 * C);
  typename P::type grad_w{};
  for (int m1 = 0; m1 < n_in; ++m1) {
    const auto h_1 = P::load(h + m1 * C), wh = w * h_1;
    typename P::type a = M[m1] * out[0];
    add_entry(m1, wh * out[0]);
    for (int m3 = 1; m3 < n_out; ++m3) {
      a += M[m3 * n_in + m1] * out[m3];
      add_entry(m3 * n_in + m1, wh * out[m3]);
    }
    if (kGradH) P::store(gh + m1 * C, P::load(gh + m1 * C) + w * a);
    grad_w += h_1 * a;
  }
  return grad_w;
}

// The adjoint of add_block: diagonal blocks row by row, dense ones by reverse_dense_block, with
// the count of output rows fixed at compile time for 1, 3, 5 or 7 (l_out <= 3); gh only when
// kGradH (scattered source gradients).
template <bool kGradH, class P, class Scalar, class AddEntry>
KOKKOS_FORCEINLINE_FUNCTION typename P::type reverse_block(const PathBlock& b, const Scalar* M, const Scalar* h,
                                                           const Scalar* g, Scalar* gh, int C,
                                                           const typename P::type& w, const AddEntry& add_entry) {
  if (b.diagonal) {
    typename P::type grad_w{};
    for (int m = 0; m < b.n_out; ++m) {
      const auto h_1 = P::load(h + m * C), g_3 = P::load(g + m * C), a = M[m] * g_3;
      add_entry(m, (w * h_1) * g_3);
      if (kGradH) P::store(gh + m * C, P::load(gh + m * C) + w * a);
      grad_w += h_1 * a;
    }
    return grad_w;
  }
  switch (b.n_out) {
    case 1: return reverse_dense_block<1, kGradH, P>(M, b.n_in, 1, h, g, gh, C, w, add_entry);
    case 3: return reverse_dense_block<3, kGradH, P>(M, b.n_in, 3, h, g, gh, C, w, add_entry);
    case 5: return reverse_dense_block<5, kGradH, P>(M, b.n_in, 5, h, g, gh, C, w, add_entry);
    case 7: return reverse_dense_block<7, kGradH, P>(M, b.n_in, 7, h, g, gh, C, w, add_entry);
    default: return reverse_dense_block<0, kGradH, P>(M, b.n_in, b.n_out, h, g, gh, C, w, add_entry);
  }
}

// out[m1] += w sum_m3 M[m3][m1] g[m3] for one pack of channels: add_block's adjoint with respect
// to its input rows, which the gathered source gradients apply with the block of the reversed
// edge. kOut rows of g held in registers: a fixed count, or 0 for n_out given at run time.
template <int kOut, class P, class Scalar>
KOKKOS_FORCEINLINE_FUNCTION void add_transposed_dense_block(const Scalar* M, int n_in, int n_out_at_run_time,
                                                            const Scalar* g, Scalar* out, int C,
                                                            const typename P::type& w) {
  const int n_out = kOut > 0 ? kOut : n_out_at_run_time;
  typename P::type in[kOut > 0 ? kOut : kMaxBlockRows];
  for (int m3 = 0; m3 < n_out; ++m3) in[m3] = P::load(g + m3 * C);
  for (int m1 = 0; m1 < n_in; ++m1) {
    typename P::type sum = M[m1] * in[0];
    for (int m3 = 1; m3 < n_out; ++m3) sum += M[m3 * n_in + m1] * in[m3];
    P::store(out + m1 * C, P::load(out + m1 * C) + w * sum);
  }
}

// add_transposed_dense_block for any block; a diagonal block is its own transpose.
template <class P, class Scalar>
KOKKOS_FORCEINLINE_FUNCTION void add_transposed_block(const PathBlock& b, const Scalar* M, const Scalar* g,
                                                      Scalar* out, int C, const typename P::type& w) {
  if (b.diagonal) return add_block<P>(b, M, g, out, C, w);
  switch (b.n_out) {
    case 1: return add_transposed_dense_block<1, P>(M, b.n_in, 1, g, out, C, w);
    case 3: return add_transposed_dense_block<3, P>(M, b.n_in, 3, g, out, C, w);
    case 5: return add_transposed_dense_block<5, P>(M, b.n_in, 5, g, out, C, w);
    case 7: return add_transposed_dense_block<7, P>(M, b.n_in, 7, g, out, C, w);
    default: return add_transposed_dense_block<0, P>(M, b.n_in, b.n_out, g, out, C, w);
  }
}

// dE/dM of one entry of a path's block for one pack P of channels (reverse_block's add_entry):
// host kernels sum it in the entry's slot of dm, a SIMD pack (the pack of channel 0 stores);
// device kernels add it, times each coupling W of the entry's pair, to the rows dy of Y's
// components (zero entries: none).
// A force-inlined functor rather than a lambda: GCC left a lambda here out of line when its
// body grew by one branch, which made the step 1.5x slower.
template <class KernelsT, class P, class Wide, class Pairs, class Scalar>
struct EntryAdjoint {
  const Pairs& cp;
  Scalar *dm, *dy;
  int begin, C, u;

  KOKKOS_FORCEINLINE_FUNCTION void operator()(int entry, const typename P::type& product) const {
    if constexpr (KernelsT::host) {
      if (u == 0)
        P::store_folded(dm + (begin + entry) * Wide::lanes, product);
      else
        P::add_folded(dm + (begin + entry) * Wide::lanes, product);
    } else {
      const int k = cp.entry_pair(begin + entry);
      if (k < 0) return;
      for (int t = cp.pairs(k).term_begin; t < cp.pairs(k).term_end; ++t) {
        Scalar* dy_2 = dy + cp.terms(t).y_index * C + u;
        P::store(dy_2, P::load(dy_2) + cp.terms(t).value * product);
      }
    }
  }
};

// grad_Y(e, lm) += dE/dy[lm] of edge e: from the pairs' dE/dM_k, one SIMD pack each (host
// kernels), or from the per-channel rows dy (device kernels). A function rather than a block of
// the kernel: nvcc refuses an extended lambda's first capture inside `if constexpr`.
template <class KernelsT, class Team, class Pairs, class Scalar, class GradY>
KOKKOS_INLINE_FUNCTION void add_edge_grad_y(const Team& team, const Pairs& cp, const Scalar* dm, const Scalar* dy,
                                            int C, const GradY& grad_Y, int e) {
  const int n_lm = static_cast<int>(grad_Y.extent(1));
  if constexpr (KernelsT::host) {
    using Wide = typename WidestPack<KernelsT, Scalar>::type;
    for (int lm = 0; lm < n_lm; ++lm) {
      typename Wide::type sum{};
      for (int a = cp.y_begin(lm); a < cp.y_begin(lm + 1); ++a)
        sum += cp.by_y(a).value * Wide::load(dm + cp.block_entry(cp.by_y(a).pair) * Wide::lanes);
      grad_Y(e, lm) += lane_sum<Wide>(sum);
    }
  } else {
    (void)cp;
    (void)dm;
    for (int lm = 0; lm < n_lm; ++lm) {
      Scalar sum = 0;
      Kokkos::parallel_reduce(
          Kokkos::TeamVectorRange(team, C), [&](int u, Scalar& part) { part += dy[lm * C + u]; }, sum);
      Kokkos::single(Kokkos::PerTeam(team), [&]() { grad_Y(e, lm) += sum; });
    }
  }
}

// dE/dh_j row += gh (F values): host kernels by SIMD packs into row j of grad_g itself when
// direct (one thread), else into the thread's own row of the ScatterView; device kernels
// through the ScatterView's access, one value per lane.
template <class KernelsT, class Scalar, class Team, class Access, class Rows>
KOKKOS_INLINE_FUNCTION void add_source_gradient(const Team& team, const Access& access, const Rows& grad_g,
                                                bool direct, int j, const Scalar* gh, int F) {
  if constexpr (KernelsT::host) {
    Scalar* row = direct ? &grad_g(j, 0) : &access(j, 0).value;  // value: public in every ScatterValue
    channel_packs<KernelsT, Scalar>(team, F, [&](int k, auto pack) {
      using P = decltype(pack);
      P::store(row + k, P::load(row + k) + P::load(gh + k));
    });
  } else {
    Kokkos::parallel_for(Kokkos::TeamVectorRange(team, F), [&](int k) { access(j, k) += gh[k]; });
  }
}

}  // namespace detail

// m(i) for every destination i of graph (overwritten): the sums of core::uvu_forward, by
// blocks: per edge and path p, m_i[m3] += w_p sum over the block's input rows of M[m3][m1]
// h_j[m1] (add_block; 2 FLOPs per block entry and channel, plus 1 per output row). radial
// gives w_e: StoredEdgeWeights (radial_mlp_stage.hpp) or TabulatedEdgeWeights
// (radial_table.hpp).
template <class ExecSpace, class KernelsT, class Pairs, class Graph, class Device, class Scalar, class Radial>
void compute_message(const ExecSpace& exec, const KernelsT& kernels, const Pairs& cp, const Graph& graph,
                     const Matrix<Scalar, Device>& g, const Matrix<double, Device>& Y, const Radial& radial,
                     const Matrix<Scalar, Device>& m) {
  using Team = typename Kokkos::TeamPolicy<ExecSpace>::member_type;
  const int C = cp.channels, n_paths = cp.n_paths, out_size = cp.output_size, F = cp.input_size;
  const int n_edges = graph.num_edges();
  int level = 0;
  const auto policy = detail::destination_policy(
      exec, kernels, graph.num_destinations(), detail::scratch_bytes<Scalar>(cp.block_size) + radial.scratch_bytes(),
      level);
  Kokkos::parallel_for(
      "equipot::compute_message", policy, KOKKOS_LAMBDA(const Team& team) {
        const int i = team.league_rank();
        Scalar* coef = detail::scratch_array<Scalar>(team, level, cp.block_size);
        const auto radial_scratch = radial.take_scratch(team, level);
        Scalar* m_i = &m(i, 0);
        Kokkos::parallel_for(Kokkos::TeamVectorRange(team, out_size), [&](int k) { m_i[k] = 0; });
        detail::clear_blocks(team, cp, coef);
        for (int e = graph.first_edge(i); e < graph.first_edge(i + 1); ++e) {
          const Scalar* h = &g(graph.source(e), 0);
          if (e + 1 < n_edges) {
            detail::prefetch_row<KernelsT>(&g(graph.source(e + 1), 0), F);
            radial.template prefetch<KernelsT>(e + 1);
          }
          const Scalar* w_e = radial.template weights<KernelsT>(team, e, n_paths, C, radial_scratch);
          detail::block_coefficients(team, cp, &Y(e, 0), coef);
          for (int p = 0; p < n_paths; ++p) {
            const PathBlock block = cp.blocks(p);
            const Scalar* w_p = w_e + p * C;
            detail::channel_packs<KernelsT, Scalar>(team, C, [&](int u, auto pack) {
              using P = decltype(pack);
              detail::add_block<P>(block, coef + block.begin, h + block.in_offset + u, m_i + block.out_offset + u, C,
                                   P::load(w_p + u));
            });
          }
          team.team_barrier();  // before the next edge's coefficients
        }
      });
}

// What reverse_message does with dE/dg of the sources (docs/lammps.md, "How it runs in
// parallel"):
//   none:    nothing (layer 0, whose features depend on species alone);
//   scatter: each edge adds its term to its source's row of grad_g, ghost rows included, which
//            the reverse exchange then sums into their owners;
//   gather:  each destination i sums, over its own edges i <- j, the term of the reversed edge
//            j <- i, from dE/dm_j (grad_m has every row, its ghost rows forward-exchanged) and
//            the edge's block times mirror_sign (coupling_pairs.hpp), and writes its own row of
//            grad_g once: no scatter, no ghost rows. Needs a symmetric edge set (EngineInput).
enum class SourceGradient { none, scatter, gather };

// Given grad_m = dE/dm (destination rows; every row when gathering): grad_g = dE/dg (rows by
// source_gradient, above; overwritten), grad_Y += dE/dY, and the radial map's own adjoint:
// through the radial MLP, grad_basis += dE/dbasis (StoredEdgeWeights::for_reverse), or through
// the table, grad_distance += dE/dd (TabulatedEdgeWeights). dE/dw is never stored: the edges of
// a destination go by tiles of DenseTiling::edges, whose dE/dw (team scratch)
// radial.reverse_tile consumes at once.
//
// One team per destination i (g_i = grad_m(i) read once for all its edges). For an edge and a
// path p with block M (coupling_pairs.hpp), h = g_j, per channel u and input row m1, with
// a[m1] = sum_m3 M[m3][m1] g_i[m3] (reverse_block):
//
//   gh[m1]  += w_p a[m1]                           dE/dh_j (scatter)
//   dE/dw_p += h[m1] a[m1]                         = sum_m3 g_i[m3] (the forward's sum_m1 M h[m1])
//   dE/dM[m3][m1] = sum_u w_p h[m1] g_i[m3]        then dE/dy[m2] = sum W dE/dM of its pairs
//
// so that every block entry costs one multiply-add, one product and one sum per channel;
// gathering adds dE/dh_i[m1] += mirror_sign w_p sum_m3 M[m3][m1] grad_m_j[m3] (one multiply-add).
// Host kernels sum dE/dM per entry in one pack of channels (dm; an edge's first pack of
// channels stores its slot, so dm is cleared per edge only when C is narrower than a pack;
// clearing it cost 5 % of a step) and form dE/dy from the packs
// of the pairs once per edge; device kernels, whose lanes each own a channel, add W w_p h[m1]
// g_i[m3] of each pair to a row per component of Y and channel (dy), summed over channels once
// per edge. dE/dh of a row collects in team scratch (gh) and is added to, or written into,
// grad_g once.
template <SourceGradient kMode, class ExecSpace, class KernelsT, class Pairs, class Graph, class Device, class Scalar,
          class Radial, class Scatter>
void reverse_message_with(const ExecSpace& exec, const KernelsT& kernels, const Pairs& cp, const Graph& graph,
                          const Matrix<Scalar, Device>& grad_m, const Matrix<Scalar, Device>& g,
                          const Matrix<double, Device>& Y, const Radial& radial, const Scatter& scatter_g,
                          const Matrix<Scalar, Device>& grad_g, const Matrix<double, Device>& grad_Y) {
  using Team = typename Kokkos::TeamPolicy<ExecSpace>::member_type;
  using Wide = typename detail::WidestPack<KernelsT, Scalar>::type;
  constexpr int TE = DenseTiling<KernelsT, Scalar>::edges, NB = DenseTiling<KernelsT, Scalar>::columns;
  constexpr bool kScatter = kMode == SourceGradient::scatter, kGather = kMode == SourceGradient::gather;
  auto scatter = scatter_g;  // reset_except and contribute_into are non-const
  // One host thread (as with one MPI rank per core): rows of grad_g written directly, without
  // a per-thread copy to clear and sum (6 % of a step, docs/engine.md).
  const bool direct = KernelsT::host && exec.concurrency() == 1;
  if (kScatter) {
    Kokkos::deep_copy(exec, grad_g, Scalar(0));
    if (!direct) scatter.reset_except(exec, grad_g);
  }
  const int C = cp.channels, n_paths = cp.n_paths, F = cp.input_size, out_size = cp.output_size;
  const int n_lm = static_cast<int>(Y.extent(1)), n_w = cp.weights_per_edge(), n_edges = graph.num_edges();
  // Host kernels sum dE/dM_k in dm, device kernels dE/dY in dy.
  const int n_dm = KernelsT::host ? cp.block_size * Wide::lanes : 0, n_dy = KernelsT::host ? 0 : n_lm * C;
  const size_t bytes = detail::scratch_bytes<Scalar>(cp.block_size) +
                       detail::scratch_bytes<Scalar>(n_dm) + detail::scratch_bytes<Scalar>(n_dy) +
                       detail::scratch_bytes<Scalar>(F) + detail::scratch_bytes<Scalar>(TE * n_w) +
                       radial.template reverse_scratch_bytes<TE>();
  int level = 0;
  const auto policy = detail::destination_policy(exec, kernels, graph.num_destinations(), bytes, level);
  Kokkos::parallel_for(
      "equipot::reverse_message", policy, KOKKOS_LAMBDA(const Team& team) {
        const int i = team.league_rank();
        Scalar* coef = detail::scratch_array<Scalar>(team, level, cp.block_size);
        Scalar* dm = detail::scratch_array<Scalar>(team, level, n_dm);
        Scalar* dy = detail::scratch_array<Scalar>(team, level, n_dy);
        Scalar* gh = detail::scratch_array<Scalar>(team, level, F);  // dE/dh of the source, or of i (gather)
        Scalar* grad_w_tile = detail::scratch_array<Scalar>(team, level, TE * n_w);
        const auto radial_scratch = radial.template take_reverse_scratch<TE>(team, level);
        const Scalar* g_i = &grad_m(i, 0);
        auto access = scatter.access();
        if (kGather) Kokkos::parallel_for(Kokkos::TeamVectorRange(team, F), [&](int k) { gh[k] = 0; });
        detail::clear_blocks(team, cp, coef);  // its barrier also orders gh's zeroing before the lanes' sums
        const int end = graph.first_edge(i + 1);
        for (int e0 = graph.first_edge(i); e0 < end; e0 += TE) {
          const int n_tile = end - e0 < TE ? end - e0 : TE;
          for (int e = e0; e < e0 + n_tile; ++e) {
            const int j = graph.source(e);
            const Scalar* h = &g(j, 0);
            const Scalar* grad_m_j = kGather ? &grad_m(j, 0) : nullptr;
            Scalar* grad_w_e = grad_w_tile + (e - e0) * n_w;
            if (e + 1 < n_edges) {
              if (kScatter && direct) detail::prefetch_row<KernelsT>(&grad_g(graph.source(e + 1), 0), F);
              if (kGather) detail::prefetch_row<KernelsT>(&grad_m(graph.source(e + 1), 0), out_size);
              detail::prefetch_row<KernelsT>(&g(graph.source(e + 1), 0), F);
              radial.template prefetch<KernelsT>(e + 1);
            }
            const Scalar* w_e =
                radial.template reverse_weights<KernelsT>(team, e, e - e0, n_paths, C, radial_scratch);
            // Lane u owns channel u of dy and gh below; the whole-row loops (zeroing, the
            // coefficients, the sums over channels, the scatter) map indices differently, hence
            // the barriers.
            if (kScatter) Kokkos::parallel_for(Kokkos::TeamVectorRange(team, F), [&](int k) { gh[k] = 0; });
            if (C < Wide::lanes)  // else the first pack of channels is a whole SIMD pack and stores
              Kokkos::parallel_for(Kokkos::TeamVectorRange(team, n_dm), [&](int k) { dm[k] = 0; });
            Kokkos::parallel_for(Kokkos::TeamVectorRange(team, n_dy), [&](int k) { dy[k] = 0; });
            detail::block_coefficients(team, cp, &Y(e, 0), coef);
            for (int p = 0; p < n_paths; ++p) {
              const PathBlock block = cp.blocks(p);
              const Scalar* w_p = w_e + p * C;
              Scalar* grad_w_p = grad_w_e + p * C;
              detail::channel_packs<KernelsT, Scalar>(team, C, [&](int u, auto pack) {
                using P = decltype(pack);
                const detail::EntryAdjoint<KernelsT, P, Wide, Pairs, Scalar> add_entry{cp, dm, dy, block.begin, C, u};
                const auto w = P::load(w_p + u);
                P::store(grad_w_p + u,
                         detail::reverse_block<kScatter, P>(block, coef + block.begin, h + block.in_offset + u,
                                                            g_i + block.out_offset + u, gh + block.in_offset + u, C,
                                                            w, add_entry));
                if (kGather)
                  detail::add_transposed_block<P>(block, coef + block.begin, grad_m_j + block.out_offset + u,
                                                  gh + block.in_offset + u, C, Scalar(block.mirror_sign) * w);
              });
            }
            team.team_barrier();
            detail::add_edge_grad_y<KernelsT>(team, cp, dm, dy, C, grad_Y, e);
            if (kScatter) detail::add_source_gradient<KernelsT, Scalar>(team, access, grad_g, direct, j, gh, F);
            team.team_barrier();
          }
          radial.template reverse_tile<KernelsT, TE, NB>(team, e0, TileRows<const Scalar>{grad_w_tile, n_w, n_tile},
                                               radial_scratch);
          team.team_barrier();
        }
        if (kGather) Kokkos::parallel_for(Kokkos::TeamVectorRange(team, F), [&](int k) { grad_g(i, k) = gh[k]; });
      });
  if (kScatter && !direct) scatter.contribute_into(exec, grad_g);
}

// reverse_message_with for the mode source_gradient.
template <class ExecSpace, class KernelsT, class Pairs, class Graph, class Device, class Scalar, class Radial,
          class Scatter>
void reverse_message(const ExecSpace& exec, const KernelsT& kernels, const Pairs& cp, const Graph& graph,
                     const Matrix<Scalar, Device>& grad_m, const Matrix<Scalar, Device>& g,
                     const Matrix<double, Device>& Y, const Radial& radial, const Scatter& scatter_g,
                     const Matrix<Scalar, Device>& grad_g, const Matrix<double, Device>& grad_Y,
                     SourceGradient source_gradient) {
  switch (source_gradient) {
    case SourceGradient::none:
      return reverse_message_with<SourceGradient::none>(exec, kernels, cp, graph, grad_m, g, Y, radial, scatter_g,
                                                        grad_g, grad_Y);
    case SourceGradient::scatter:
      return reverse_message_with<SourceGradient::scatter>(exec, kernels, cp, graph, grad_m, g, Y, radial,
                                                           scatter_g, grad_g, grad_Y);
    case SourceGradient::gather:
      return reverse_message_with<SourceGradient::gather>(exec, kernels, cp, graph, grad_m, g, Y, radial,
                                                          scatter_g, grad_g, grad_Y);
  }
}

}  // namespace equipot::engine
