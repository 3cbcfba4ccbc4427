#pragma once
// The couplings of the uvu tensor product (core/tensor_product.hpp) regrouped for the message
// kernels (message_stage.hpp). A path's couplings W[m1][m2][m3] with the same (m3, m1) form a
// pair; per edge, the kernels first form each pair's coefficient
//
//   M_k = sum over the pair's couplings of W y[m2]        (scalars, once per edge)
//
// so that the loops over channels run one multiply-add per pair, out[m3] += M_k h[m1], with the
// accumulator in a register, instead of a load, a multiply-add and a store of out[m3] per
// coupling. The reference model has 137 couplings in 129 pairs (l_max = 2), 611 in 541
// (l_max = 3). The kernels keep the coefficients of a path as one block (PathBlock): dense,
// 153 entries for those 129 pairs (l_max = 2), so that their loops have a fixed length.
//
// Orders: pairs are stored path by path, within a path by (m3, m1); by_y lists every coupling
// by its component of Y, for dE/dy[m2] = sum W dE/dM_k (y_begin). Row offsets are premultiplied
// by the channel count C: a feature row (l, m) starts at (l^2 + m) C.
#include <Kokkos_Core.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "core/tensor_product.hpp"

namespace equipot::engine {

template <class Scalar>
struct CouplingTerm {
  int y_index;  // l_f^2 + m2: the component of Y
  Scalar value;  // W[m1][m2][m3]
};

// A coupling as seen from Y: its pair and coefficient.
template <class Scalar>
struct PairTerm {
  int pair;
  Scalar value;
};

// A coupling of a pair after its first (pairs with more than one coupling).
template <class Scalar>
struct ExtraTerm {
  int pair, y_index;
  Scalar value;
};

struct CouplingPair {
  int in_offset;   // (l_in^2 + m1) C: the input row of h (and of dE/dh)
  int out_offset;  // (l_out^2 + m3) C: the output row of the message (and of dE/dm)
  int term_begin, term_end;  // its couplings in CouplingPairs::terms
};

struct PathPairs {
  int pair_begin, pair_end;  // CouplingPairs::pairs
};

// A path's pairs as one block of coefficients for the message kernels (message_stage.hpp):
// n_out x n_in values M[m3][m1], dense (zeros where (m3, m1) is no pair), at `begin` of the
// per-edge block coefficients; or, for a diagonal path (each output row m3 coupled to input row
// m3 alone, as every path with l_f = 0 is), n_out values. Dense blocks let the kernels run
// loops of fixed length over a block's rows, held in registers, instead of a data-dependent
// loop over each row's pairs. mirror_sign = (-1)^l_f: Y of degree l_f at -r is mirror_sign
// times Y at r, so the block of the reversed edge is mirror_sign M (message_stage.hpp, gathered
// source gradients).
struct PathBlock {
  int in_offset, out_offset;  // (l_in^2) C and (l_out^2) C: the block's first input and output rows
  int n_in, n_out, begin;
  bool diagonal;
  int mirror_sign;
};

template <class MemorySpace, class Scalar>
struct CouplingPairs {
  int channels = 0, n_paths = 0, n_pairs = 0;
  int input_size = 0, output_size = 0;  // values per row of h and of the message
  int n_y = 0;                          // components of Y
  Kokkos::View<PathPairs*, MemorySpace> paths;
  Kokkos::View<CouplingPair*, MemorySpace> pairs;
  Kokkos::View<CouplingTerm<Scalar>*, MemorySpace> terms;
  Kokkos::View<PairTerm<Scalar>*, MemorySpace> by_y;  // by component of Y
  Kokkos::View<int*, MemorySpace> y_begin;            // n_y + 1 offsets into by_y
  // The same couplings for M_k: each pair's first (one per pair, a loop without branches), then
  // the few others.
  Kokkos::View<CouplingTerm<Scalar>*, MemorySpace> first_terms;
  Kokkos::View<ExtraTerm<Scalar>*, MemorySpace> extra_terms;
  // The pairs as blocks: one per path, and each pair's entry in the block coefficients.
  Kokkos::View<PathBlock*, MemorySpace> blocks;
  Kokkos::View<int*, MemorySpace> block_entry;
  Kokkos::View<int*, MemorySpace> entry_pair;  // per block entry: its pair, -1 for the zeros of dense blocks
  int block_size = 0;  // block coefficients per edge

  template <class TPMemorySpace>
  explicit CouplingPairs(const core::UvuTensorProduct<TPMemorySpace, Scalar>& tp)
      : channels(tp.channels),
        n_paths(tp.n_paths),
        input_size(tp.input_size()),
        output_size(tp.output_size()),
        n_y(core::num_lm(tp.l_sh_max)) {
    const int C = channels;
    const auto cg = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), tp.cg);
    std::vector<PathPairs> h_paths;
    std::vector<CouplingPair> h_pairs;
    std::vector<CouplingTerm<Scalar>> h_terms;
    for (int p = 0; p < n_paths; ++p) {
      const core::UvuPath path = tp.h_paths(p);
      std::vector<core::CGEntry<Scalar>> couplings(cg.data() + path.cg_begin,
                                                   cg.data() + path.cg_begin + path.cg_count);
      std::stable_sort(couplings.begin(), couplings.end(), [](const auto& a, const auto& b) {
        return a.m3 != b.m3 ? a.m3 < b.m3 : a.m1 < b.m1;
      });
      PathPairs pp{};
      pp.pair_begin = static_cast<int>(h_pairs.size());
      const int out0 = path.l_out * path.l_out, in0 = path.l_in * path.l_in, f0 = path.l_f * path.l_f;
      for (const auto& c : couplings) {
        const bool new_pair = static_cast<int>(h_pairs.size()) == pp.pair_begin ||
                              h_pairs.back().in_offset != (in0 + c.m1) * C ||
                              h_pairs.back().out_offset != (out0 + c.m3) * C;
        if (new_pair) {
          const int t = static_cast<int>(h_terms.size());
          h_pairs.push_back({(in0 + c.m1) * C, (out0 + c.m3) * C, t, t});
        }
        h_terms.push_back({f0 + c.m2, c.value});
        h_pairs.back().term_end = static_cast<int>(h_terms.size());
      }
      pp.pair_end = static_cast<int>(h_pairs.size());
      h_paths.push_back(pp);
    }
    n_pairs = static_cast<int>(h_pairs.size());
    std::vector<PairTerm<Scalar>> h_by_y;
    std::vector<int> h_y_begin;
    for (int y = 0; y < n_y; ++y) {
      h_y_begin.push_back(static_cast<int>(h_by_y.size()));
      for (int k = 0; k < n_pairs; ++k)
        for (int t = h_pairs[k].term_begin; t < h_pairs[k].term_end; ++t)
          if (h_terms[t].y_index == y) h_by_y.push_back({k, h_terms[t].value});
    }
    h_y_begin.push_back(static_cast<int>(h_by_y.size()));
    std::vector<CouplingTerm<Scalar>> h_first_terms;
    std::vector<ExtraTerm<Scalar>> h_extra_terms;
    for (int k = 0; k < n_pairs; ++k) {
      h_first_terms.push_back(h_terms[h_pairs[k].term_begin]);
      for (int t = h_pairs[k].term_begin + 1; t < h_pairs[k].term_end; ++t)
        h_extra_terms.push_back({k, h_terms[t].y_index, h_terms[t].value});
    }
    std::vector<PathBlock> h_blocks;
    std::vector<int> h_block_entry(h_pairs.size());
    for (int p = 0; p < n_paths; ++p) {
      const core::UvuPath path = tp.h_paths(p);
      PathBlock block{path.l_in * path.l_in * C, path.l_out * path.l_out * C, 2 * path.l_in + 1, 2 * path.l_out + 1,
                      block_size, false, path.l_f % 2 == 0 ? 1 : -1};
      const auto m1_of = [&](int k) { return h_pairs[k].in_offset / C - path.l_in * path.l_in; };
      const auto m3_of = [&](int k) { return h_pairs[k].out_offset / C - path.l_out * path.l_out; };
      const int begin = h_paths[p].pair_begin, end = h_paths[p].pair_end;
      block.diagonal = block.n_in == block.n_out && end - begin == block.n_out;
      for (int k = begin; k < end; ++k) block.diagonal = block.diagonal && m1_of(k) == m3_of(k);
      for (int k = begin; k < end; ++k)
        h_block_entry[k] = block.begin + (block.diagonal ? m3_of(k) : m3_of(k) * block.n_in + m1_of(k));
      block_size += block.diagonal ? block.n_out : block.n_out * block.n_in;
      h_blocks.push_back(block);
    }
    paths = to_space("equipot::coupling_paths", h_paths);
    pairs = to_space("equipot::coupling_pairs", h_pairs);
    terms = to_space("equipot::coupling_terms", h_terms);
    by_y = to_space("equipot::coupling_by_y", h_by_y);
    y_begin = to_space("equipot::coupling_y_begin", h_y_begin);
    first_terms = to_space("equipot::coupling_first_terms", h_first_terms);
    extra_terms = to_space("equipot::coupling_extra_terms", h_extra_terms);
    std::vector<int> h_entry_pair(block_size, -1);
    for (int k = 0; k < n_pairs; ++k) h_entry_pair[h_block_entry[k]] = k;
    blocks = to_space("equipot::coupling_blocks", h_blocks);
    entry_pair = to_space("equipot::coupling_entry_pairs", h_entry_pair);
    block_entry = to_space("equipot::coupling_block_entries", h_block_entry);
  }

  int weights_per_edge() const { return n_paths * channels; }

 private:
  template <class T>
  static Kokkos::View<T*, MemorySpace> to_space(const char* label, const std::vector<T>& values) {
    Kokkos::View<T*, Kokkos::HostSpace> host(std::string(label), values.size());
    std::copy(values.begin(), values.end(), host.data());
    return Kokkos::create_mirror_view_and_copy(MemorySpace(), host);
  }
};

}  // namespace equipot::engine
