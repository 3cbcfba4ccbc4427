// The neighbour graph against brute force over explicit periodic images.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <set>
#include <tuple>

#include "model/model_error.hpp"
#include "model/neighbor_graph.hpp"

namespace equipot {
namespace {

using Edge = std::tuple<int, int, long, long, long>;  // i, owner of j, rounded shift (1e-6)

// Every (i, j, image) pair within r_cut, for images up to `reach` cells away.
std::set<Edge> brute_force(const Structure& s, double r_cut, int reach) {
  std::set<Edge> edges;
  for (int i = 0; i < s.num_atoms(); ++i)
    for (int j = 0; j < s.num_atoms(); ++j)
      for (int n0 = -reach; n0 <= reach; ++n0)
        for (int n1 = -reach; n1 <= reach; ++n1)
          for (int n2 = -reach; n2 <= reach; ++n2) {
            const int n[3] = {n0, n1, n2};
            bool allowed = true;
            for (int a = 0; a < 3; ++a) allowed = allowed && (s.pbc[a] || n[a] == 0);
            if (!allowed || (i == j && n0 == 0 && n1 == 0 && n2 == 0)) continue;
            Vec3 shift{0, 0, 0};
            for (int a = 0; a < 3; ++a)
              for (int k = 0; k < 3; ++k) shift[k] += n[a] * s.cell[a][k];
            double d2 = 0;
            for (int k = 0; k < 3; ++k) d2 += std::pow(s.positions[j][k] + shift[k] - s.positions[i][k], 2);
            if (d2 < r_cut * r_cut)
              edges.insert({i, j, std::lround(shift[0] * 1e6), std::lround(shift[1] * 1e6), std::lround(shift[2] * 1e6)});
          }
  return edges;
}

std::set<Edge> graph_edges(const NeighborGraph& g) {
  std::set<Edge> edges;
  for (int i = 0; i < g.n_local; ++i)
    for (int e = g.first_edge[i]; e < g.first_edge[i + 1]; ++e) {
      const int j = g.source[e], o = g.owner[j];
      Vec3 shift;
      for (int k = 0; k < 3; ++k) shift[k] = g.positions[j][k] - g.positions[o][k];
      edges.insert({i, o, std::lround(shift[0] * 1e6), std::lround(shift[1] * 1e6), std::lround(shift[2] * 1e6)});
    }
  return edges;
}

Structure random_structure(int n, std::array<Vec3, 3> cell, std::array<bool, 3> pbc, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(-0.1, 1.1);  // some atoms outside the cell
  Structure s;
  s.cell = cell;
  s.pbc = pbc;
  for (int k = 0; k < n; ++k) {
    Vec3 x{0, 0, 0};
    const double f[3] = {u(rng), u(rng), u(rng)};
    for (int a = 0; a < 3; ++a)
      for (int c = 0; c < 3; ++c) x[c] += f[a] * cell[a][c];
    s.positions.push_back(x);
    s.species.push_back(k % 2);
  }
  return s;
}

TEST(NeighborGraph, TriclinicPeriodicCellMatchesBruteForce) {
  const Structure s = random_structure(30, {{{6.0, 0, 0}, {1.5, 5.5, 0}, {-1.0, 0.8, 6.2}}}, {true, true, true}, 1);
  const NeighborGraph g = build_neighbor_graph(s, 3.7);
  EXPECT_EQ(graph_edges(g), brute_force(s, 3.7, 3));
  for (int i = 0; i < g.n_local; ++i)
    for (int e = g.first_edge[i] + 1; e < g.first_edge[i + 1]; ++e) EXPECT_LT(g.source[e - 1], g.source[e]);
}

TEST(NeighborGraph, CellSmallerThanTwoCutoffsHasSelfImages) {
  const Structure s = random_structure(3, {{{2.5, 0, 0}, {0, 3.0, 0}, {0, 0, 2.2}}}, {true, true, true}, 2);
  const NeighborGraph g = build_neighbor_graph(s, 5.0);
  const auto edges = graph_edges(g);
  EXPECT_EQ(edges, brute_force(s, 5.0, 4));
  bool self_image = false;
  for (const auto& e : edges) self_image = self_image || std::get<0>(e) == std::get<1>(e);
  EXPECT_TRUE(self_image);
}

TEST(NeighborGraph, MixedAndOpenBoundariesMatchBruteForce) {
  const std::array<Vec3, 3> cell{{{7.0, 0, 0}, {0, 7.0, 0}, {0, 0, 7.0}}};
  const Structure slab = random_structure(25, cell, {true, true, false}, 3);
  EXPECT_EQ(graph_edges(build_neighbor_graph(slab, 3.0)), brute_force(slab, 3.0, 2));
  const Structure cluster = random_structure(25, cell, {false, false, false}, 4);
  const NeighborGraph g = build_neighbor_graph(cluster, 3.0);
  EXPECT_EQ(g.num_atoms(), g.n_local);
  EXPECT_EQ(graph_edges(g), brute_force(cluster, 3.0, 0));
}

TEST(NeighborGraph, IsolatedAtomHasAnEmptyEdgeRange) {
  Structure s;
  s.positions = {{0, 0, 0}, {10, 0, 0}};
  s.species = {0, 0};
  const NeighborGraph g = build_neighbor_graph(s, 5.0);
  ASSERT_EQ(g.first_edge.size(), 3u);
  EXPECT_EQ(g.num_edges(), 0);
}

TEST(NeighborGraph, RejectsCoincidentAtomsAndDegenerateCells) {
  Structure s;
  s.positions = {{1, 1, 1}, {1, 1, 1}};
  s.species = {0, 0};
  try {
    build_neighbor_graph(s, 5.0);
    ADD_FAILURE() << "coincident atoms accepted";
  } catch (const ModelError& e) {
    EXPECT_STREQ(e.what(), "atoms 0 and 1 are at the same position");
  }
  s.positions[1] = {2, 1, 1};
  s.pbc = {true, true, true};
  s.cell = {{{1, 0, 0}, {2, 0, 0}, {0, 0, 1}}};
  EXPECT_THROW(build_neighbor_graph(s, 5.0), ModelError);
}

}  // namespace
}  // namespace equipot
