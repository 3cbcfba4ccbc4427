#include "model/neighbor_graph.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <unordered_map>

#include "model/model_error.hpp"

namespace equipot {
namespace {

Vec3 cross(const Vec3& a, const Vec3& b) {
  return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}
double dot(const Vec3& a, const Vec3& b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }

// Fractional coordinates s with x = s[0] cell[0] + s[1] cell[1] + s[2] cell[2].
struct Fractional {
  std::array<Vec3, 3> reciprocal;  // rows: (b x c, c x a, a x b) / volume
  explicit Fractional(const std::array<Vec3, 3>& cell) {
    const double volume = dot(cell[0], cross(cell[1], cell[2]));
    if (!(std::abs(volume) > 1e-12)) throw ModelError("the periodic cell is degenerate (volume " + std::to_string(volume) + ")");
    reciprocal = {cross(cell[1], cell[2]), cross(cell[2], cell[0]), cross(cell[0], cell[1])};
    for (auto& row : reciprocal)
      for (double& v : row) v /= volume;
  }
  double along(int axis, const Vec3& x) const { return dot(reciprocal[axis], x); }
  // Distance between lattice planes of axis: how far one cell reaches along it.
  double plane_spacing(int axis) const { return 1.0 / std::sqrt(dot(reciprocal[axis], reciprocal[axis])); }
};

// Adds every periodic image that lies within r_cut (in fractional reach) of the local atoms.
void add_ghosts(const Structure& s, double r_cut, NeighborGraph& graph) {
  if (!s.pbc[0] && !s.pbc[1] && !s.pbc[2]) return;
  const Fractional frac(s.cell);
  std::array<double, 3> lo{}, hi{}, reach{};
  std::array<int, 3> images{};
  for (int a = 0; a < 3; ++a) {
    if (!s.pbc[a]) continue;
    lo[a] = hi[a] = frac.along(a, s.positions[0]);
    for (const auto& x : s.positions) {
      lo[a] = std::min(lo[a], frac.along(a, x));
      hi[a] = std::max(hi[a], frac.along(a, x));
    }
    reach[a] = r_cut / frac.plane_spacing(a);
    images[a] = static_cast<int>(std::ceil(hi[a] - lo[a] + reach[a]));
  }
  for (int n0 = -images[0]; n0 <= images[0]; ++n0)
    for (int n1 = -images[1]; n1 <= images[1]; ++n1)
      for (int n2 = -images[2]; n2 <= images[2]; ++n2) {
        if (n0 == 0 && n1 == 0 && n2 == 0) continue;
        const std::array<int, 3> n{n0, n1, n2};
        Vec3 shift{0, 0, 0};
        for (int a = 0; a < 3; ++a)
          for (int k = 0; k < 3; ++k) shift[k] += n[a] * s.cell[a][k];
        for (int i = 0; i < s.num_atoms(); ++i) {
          bool inside = true;
          for (int a = 0; a < 3 && inside; ++a) {
            if (!s.pbc[a]) continue;
            const double f = frac.along(a, s.positions[i]) + n[a];
            inside = f >= lo[a] - reach[a] && f <= hi[a] + reach[a];
          }
          if (!inside) continue;
          const auto& x = s.positions[i];
          graph.positions.push_back({x[0] + shift[0], x[1] + shift[1], x[2] + shift[2]});
          graph.species.push_back(s.species[i]);
          graph.owner.push_back(i);
        }
      }
}

// Hash of an integer bin triple for the cell list.
int64_t bin_key(int64_t bx, int64_t by, int64_t bz) { return (bx * 73856093) ^ (by * 19349663) ^ (bz * 83492791); }

}  // namespace

NeighborGraph build_neighbor_graph(const Structure& s, double r_cut) {
  if (static_cast<int>(s.species.size()) != s.num_atoms())
    throw ModelError("structure has " + std::to_string(s.num_atoms()) + " positions but " +
                     std::to_string(s.species.size()) + " species");
  NeighborGraph graph;
  graph.n_local = s.num_atoms();
  graph.positions = s.positions;
  graph.species = s.species;
  for (int i = 0; i < graph.n_local; ++i) graph.owner.push_back(i);
  if (graph.n_local > 0) add_ghosts(s, r_cut, graph);

  auto bin_of = [r_cut](double v) { return static_cast<int64_t>(std::floor(v / r_cut)); };
  std::unordered_map<int64_t, std::vector<int>> bins;
  for (int j = 0; j < graph.num_atoms(); ++j) {
    const auto& x = graph.positions[j];
    bins[bin_key(bin_of(x[0]), bin_of(x[1]), bin_of(x[2]))].push_back(j);
  }
  const double r_cut2 = r_cut * r_cut;
  graph.first_edge.push_back(0);
  std::vector<int> neighbors;
  for (int i = 0; i < graph.n_local; ++i) {
    const auto& xi = graph.positions[i];
    neighbors.clear();
    const int64_t bx = bin_of(xi[0]), by = bin_of(xi[1]), bz = bin_of(xi[2]);
    for (int64_t dx = -1; dx <= 1; ++dx)
      for (int64_t dy = -1; dy <= 1; ++dy)
        for (int64_t dz = -1; dz <= 1; ++dz) {
          auto found = bins.find(bin_key(bx + dx, by + dy, bz + dz));
          if (found == bins.end()) continue;
          for (int j : found->second) {
            if (j == i) continue;
            const auto& xj = graph.positions[j];
            // Hash collisions can bring in far bins; the distance test below rejects them.
            const double d2 = (xj[0] - xi[0]) * (xj[0] - xi[0]) + (xj[1] - xi[1]) * (xj[1] - xi[1]) +
                              (xj[2] - xi[2]) * (xj[2] - xi[2]);
            if (d2 == 0.0)
              throw ModelError("atoms " + std::to_string(i) + " and " + std::to_string(graph.owner[j]) +
                               " are at the same position");
            if (d2 < r_cut2) neighbors.push_back(j);
          }
        }
    // Two neighbouring bins can hash to one bucket and list an atom twice.
    std::sort(neighbors.begin(), neighbors.end());
    neighbors.erase(std::unique(neighbors.begin(), neighbors.end()), neighbors.end());
    graph.source.insert(graph.source.end(), neighbors.begin(), neighbors.end());
    graph.first_edge.push_back(graph.num_edges());
  }
  return graph;
}

}  // namespace equipot
