// The message kernels' view of the tensor product (model/engine/coupling_pairs.hpp): every
// coupling of core's UvuTensorProduct appears exactly once in each order the kernels read
// (by pair, by component of Y, first and extra terms), with the row offsets
// of its path, for l_max = 1, 2, 3; the forward's blocks; and the pair counts docs/engine.md
// quotes. The FLOP count of model/step_flops.hpp counts the same couplings, pairs, block entries
// and rows as the kernels read.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>

#include "core/spherical_harmonics.hpp"
#include "model/engine/coupling_pairs.hpp"
#include "model/step_flops.hpp"

namespace equipot {
namespace {

using Coupling = std::tuple<int, int, int, double>;  // in offset, out offset, y index, value

TEST(CouplingPairs, HoldEveryCouplingOnceInEveryOrder) {
  const int C = 3;
  const std::map<int, std::pair<int, int>> counts{{1, {16, 16}}, {2, {137, 129}}, {3, {611, 541}}};
  for (const auto& [l_max, expected] : counts) {
    SCOPED_TRACE("l_max " + std::to_string(l_max));
    const core::UvuTensorProduct<Kokkos::HostSpace, double> tp(l_max, l_max, l_max, C);
    const engine::CouplingPairs<Kokkos::HostSpace, double> cp(tp);
    std::multiset<Coupling> from_tp;
    for (int p = 0; p < tp.n_paths; ++p) {
      const core::UvuPath path = tp.h_paths(p);
      for (int k = path.cg_begin; k < path.cg_begin + path.cg_count; ++k)
        from_tp.insert({(path.l_in * path.l_in + tp.cg(k).m1) * C, (path.l_out * path.l_out + tp.cg(k).m3) * C,
                        path.l_f * path.l_f + tp.cg(k).m2, tp.cg(k).value});
    }
    EXPECT_EQ(static_cast<int>(from_tp.size()), expected.first);
    EXPECT_EQ(cp.n_pairs, expected.second);

    std::multiset<Coupling> by_pair, by_y, first_and_extra;
    for (int p = 0; p < cp.n_paths; ++p)
      for (int k = cp.paths(p).pair_begin; k < cp.paths(p).pair_end; ++k) {
        if (k > cp.paths(p).pair_begin) {  // by (m3, m1) within the path
          ASSERT_LT(std::make_pair(cp.pairs(k - 1).out_offset, cp.pairs(k - 1).in_offset),
                    std::make_pair(cp.pairs(k).out_offset, cp.pairs(k).in_offset));
        }
        for (int t = cp.pairs(k).term_begin; t < cp.pairs(k).term_end; ++t)
          by_pair.insert({cp.pairs(k).in_offset, cp.pairs(k).out_offset, cp.terms(t).y_index, cp.terms(t).value});
      }
    for (int y = 0; y < cp.n_y; ++y)
      for (int a = cp.y_begin(y); a < cp.y_begin(y + 1); ++a) {
        const engine::CouplingPair pair = cp.pairs(cp.by_y(a).pair);
        by_y.insert({pair.in_offset, pair.out_offset, y, cp.by_y(a).value});
      }
    for (int k = 0; k < cp.n_pairs; ++k) {
      const engine::CouplingTerm<double> first = cp.first_terms(k);
      first_and_extra.insert({cp.pairs(k).in_offset, cp.pairs(k).out_offset, first.y_index, first.value});
    }
    for (size_t t = 0; t < cp.extra_terms.extent(0); ++t) {
      const engine::CouplingPair pair = cp.pairs(cp.extra_terms(t).pair);
      first_and_extra.insert({pair.in_offset, pair.out_offset, cp.extra_terms(t).y_index, cp.extra_terms(t).value});
    }
    EXPECT_EQ(by_pair, from_tp);
    EXPECT_EQ(by_y, from_tp);
    EXPECT_EQ(first_and_extra, from_tp);
  }
}

// The forward's blocks: each pair at the entry of its (m3, m1) in its path's block, no two
// pairs at one entry, blocks side by side; the diagonal blocks are the paths with l_f = 0.
TEST(CouplingPairs, BlocksHoldEachPairAtItsRowAndColumn) {
  const int C = 3;
  for (int l_max = 1; l_max <= 3; ++l_max) {
    SCOPED_TRACE("l_max " + std::to_string(l_max));
    const core::UvuTensorProduct<Kokkos::HostSpace, double> tp(l_max, l_max, l_max, C);
    const engine::CouplingPairs<Kokkos::HostSpace, double> cp(tp);
    std::set<int> entries;
    int next_begin = 0;
    for (int p = 0; p < cp.n_paths; ++p) {
      const core::UvuPath path = tp.h_paths(p);
      const engine::PathBlock block = cp.blocks(p);
      EXPECT_EQ(block.begin, next_begin);
      EXPECT_EQ(block.in_offset, path.l_in * path.l_in * C);
      EXPECT_EQ(block.out_offset, path.l_out * path.l_out * C);
      EXPECT_EQ(block.n_in, 2 * path.l_in + 1);
      EXPECT_EQ(block.n_out, 2 * path.l_out + 1);
      EXPECT_EQ(block.diagonal, path.l_f == 0);
      const int size = block.diagonal ? block.n_out : block.n_out * block.n_in;
      next_begin += size;
      for (int k = cp.paths(p).pair_begin; k < cp.paths(p).pair_end; ++k) {
        const int m1 = (cp.pairs(k).in_offset - block.in_offset) / C, m3 = (cp.pairs(k).out_offset - block.out_offset) / C;
        const int entry = cp.block_entry(k) - block.begin;
        if (block.diagonal) {
          EXPECT_EQ(m1, m3);
          EXPECT_EQ(entry, m3);
        } else {
          EXPECT_EQ(entry, m3 * block.n_in + m1);
        }
        EXPECT_TRUE(entries.insert(cp.block_entry(k)).second) << "two pairs at entry " << cp.block_entry(k);
      }
    }
    EXPECT_EQ(cp.block_size, next_begin);
  }
}

// The gathered source gradients (message_stage.hpp) read the block of the reversed edge as
// mirror_sign times the block of the edge: every pair's coefficient M_k = sum W y[m2] at -r is
// mirror_sign of its path times M_k at r.
TEST(CouplingPairs, MirrorSignIsTheBlockOfTheReversedEdge) {
  const int l_max = 3;
  const core::UvuTensorProduct<Kokkos::HostSpace, double> tp(l_max, l_max, l_max, 2);
  const engine::CouplingPairs<Kokkos::HostSpace, double> cp(tp);
  double y[16], y_reversed[16];
  ASSERT_TRUE(core::spherical_harmonics(l_max, 0.3, -1.1, 0.7, y));
  ASSERT_TRUE(core::spherical_harmonics(l_max, -0.3, 1.1, -0.7, y_reversed));
  int odd_paths = 0;
  for (int p = 0; p < cp.n_paths; ++p) {
    const engine::PathBlock block = cp.blocks(p);
    odd_paths += block.mirror_sign < 0;
    for (int k = cp.paths(p).pair_begin; k < cp.paths(p).pair_end; ++k) {
      double m = 0, m_reversed = 0;
      for (int t = cp.pairs(k).term_begin; t < cp.pairs(k).term_end; ++t) {
        m += cp.terms(t).value * y[cp.terms(t).y_index];
        m_reversed += cp.terms(t).value * y_reversed[cp.terms(t).y_index];
      }
      EXPECT_NEAR(m_reversed, block.mirror_sign * m, 1e-14) << "path " << p << ", pair " << k;
    }
  }
  EXPECT_GT(odd_paths, 0);
}

TEST(CouplingPairs, AreWhatTheFlopCountCounts) {
  for (int l_max = 1; l_max <= 3; ++l_max)
    for (const auto& [l_in_max, l_out_max] : {std::pair{l_max, l_max}, std::pair{0, l_max}, std::pair{l_max, 0}}) {
      // every degree, and the first and last layers' paths (layer_degrees.hpp)
      SCOPED_TRACE("l_max " + std::to_string(l_max) + ", l_in <= " + std::to_string(l_in_max) + ", l_out <= " +
                   std::to_string(l_out_max));
      const core::UvuTensorProduct<Kokkos::HostSpace, double> tp(l_in_max, l_max, l_out_max, 2);
      const engine::CouplingPairs<Kokkos::HostSpace, double> cp(tp);
      const TensorProductCounts counts = tensor_product_counts(l_in_max, l_max, l_out_max);
      EXPECT_EQ(counts.paths, tp.n_paths);
      EXPECT_EQ(counts.couplings, tp.num_coefficients());
      EXPECT_EQ(counts.pairs, cp.n_pairs);
      EXPECT_EQ(counts.block_entries, cp.block_size);
      int input_rows = 0, output_rows = 0;
      for (int p = 0; p < cp.n_paths; ++p) {
        input_rows += cp.blocks(p).n_in;
        output_rows += cp.blocks(p).n_out;
      }
      EXPECT_EQ(counts.input_rows, input_rows);
      EXPECT_EQ(counts.output_rows, output_rows);
    }
}

}  // namespace
}  // namespace equipot
