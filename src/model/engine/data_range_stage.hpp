#pragma once
// Data range stage: edges shorter than the shortest distance of their species pair in the
// model's training data (model/data_range.hpp), where the model extrapolates. One reduction
// over the edges after their geometry, on any device; the caller decides whether to warn.
#include <Kokkos_Core.hpp>
#include <cmath>

#include "model/data_range.hpp"
#include "model/engine/views.hpp"

namespace equipot {

namespace engine {

namespace detail {

struct ShortestEdge {
  int count;
  int edge;
  double ratio;  // d / shortest of the data: below 1 for a short edge
};

template <class Graph, class Species, class Device>
struct FindShortEdges {
  using value_type = ShortestEdge;
  Graph graph;
  Species species;
  Matrix<double, Device> r;
  Matrix<double, Device> shortest;  // (species, species)

  KOKKOS_INLINE_FUNCTION void operator()(int e, value_type& worst) const {
    const double limit = shortest(species(graph.destination(e)), species(graph.source(e)));
    const double d2 = r(e, 0) * r(e, 0) + r(e, 1) * r(e, 1) + r(e, 2) * r(e, 2);
    if (d2 >= limit * limit) return;
    ++worst.count;
    const double ratio = Kokkos::sqrt(d2) / limit;
    if (ratio < worst.ratio) {
      worst.ratio = ratio;
      worst.edge = e;
    }
  }
  KOKKOS_INLINE_FUNCTION void join(value_type& into, const value_type& other) const {
    into.count += other.count;
    if (other.ratio < into.ratio) {
      into.ratio = other.ratio;
      into.edge = other.edge;
    }
  }
  KOKKOS_INLINE_FUNCTION void init(value_type& worst) const { worst = {0, -1, 2.0}; }
};

}  // namespace detail

// The short edges of graph; r holds the edge vectors (edge_geometry_stage.hpp).
template <class ExecSpace, class Graph, class Species, class Device>
ShortEdges find_short_edges(const ExecSpace& exec, const Graph& graph, const Species& species,
                            const Matrix<double, Device>& r, const Matrix<double, Device>& shortest) {
  detail::ShortestEdge worst{0, -1, 2.0};
  Kokkos::parallel_reduce("equipot::find_short_edges", Kokkos::RangePolicy<ExecSpace>(exec, 0, graph.num_edges()),
                          detail::FindShortEdges<Graph, Species, Device>{graph, species, r, shortest}, worst);
  ShortEdges result;
  result.count = worst.count;
  if (worst.count == 0) return result;
  // One edge's indices and vector back to the host.
  int rows[2];
  double vector[3];
  const auto edge = worst.edge;
  Kokkos::deep_copy(Kokkos::View<int, Kokkos::HostSpace>(&rows[0]), Kokkos::subview(graph.destination, edge));
  Kokkos::deep_copy(Kokkos::View<int, Kokkos::HostSpace>(&rows[1]), Kokkos::subview(graph.source, edge));
  for (int k = 0; k < 3; ++k)
    Kokkos::deep_copy(Kokkos::View<double, Kokkos::HostSpace>(&vector[k]), Kokkos::subview(r, edge, k));
  result.destination = rows[0];
  result.source = rows[1];
  result.distance = std::sqrt(vector[0] * vector[0] + vector[1] * vector[1] + vector[2] * vector[2]);
  result.shortest = result.distance / worst.ratio;
  return result;
}

}  // namespace engine
}  // namespace equipot
