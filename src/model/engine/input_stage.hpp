#pragma once
// What the engine does with one call's input before the model runs: checks it (sizes, species,
// sources, first_edge; Engine::compute's contract) and writes each edge's destination. Free
// functions rather than Engine members, as nvcc accepts device lambdas only in functions that
// are not private or protected members.
#include <Kokkos_Core.hpp>

#include <string>

#include "model/model_error.hpp"

namespace equipot::engine {

// Throws ModelError when input (an EngineInput with n_atoms positions) is inconsistent or names a
// species outside 0..n_species-1.
template <class ExecSpace, class Input>
void check_input(const ExecSpace& exec, const Input& input, int n_atoms, int n_species) {
  if (input.n_local < 0 || input.n_local > n_atoms)
    throw ModelError("engine: n_local = " + std::to_string(input.n_local) + " is outside 0.." +
                     std::to_string(n_atoms));
  if (input.n_owned < -1 || input.n_owned > input.n_local)
    throw ModelError("engine: n_owned = " + std::to_string(input.n_owned) + " is outside 0.." +
                     std::to_string(input.n_local) + " (n_local)");
  if (static_cast<int>(input.species.extent(0)) != n_atoms)
    throw ModelError("engine: species has " + std::to_string(input.species.extent(0)) + " entries for " +
                     std::to_string(n_atoms) + " atoms");
  if (static_cast<int>(input.first_edge.extent(0)) != input.n_local + 1)
    throw ModelError("engine: first_edge needs n_local + 1 = " + std::to_string(input.n_local + 1) + " entries");
  const int n_edges = static_cast<int>(input.source.extent(0));
  const auto species = input.species;
  const auto source = input.source;
  const auto first_edge = input.first_edge;
  const int n_local = input.n_local;
  int bad_species = 0, bad_sources = 0, bad_ranges = 0;
  Kokkos::parallel_reduce(
      "equipot::check_species", Kokkos::RangePolicy<ExecSpace>(exec, 0, n_atoms),
      KOKKOS_LAMBDA(int i, int& count) { count += species(i) < 0 || species(i) >= n_species; }, bad_species);
  Kokkos::parallel_reduce(
      "equipot::check_sources", Kokkos::RangePolicy<ExecSpace>(exec, 0, n_edges),
      KOKKOS_LAMBDA(int e, int& count) { count += source(e) < 0 || source(e) >= n_atoms; }, bad_sources);
  Kokkos::parallel_reduce(
      "equipot::check_first_edge", Kokkos::RangePolicy<ExecSpace>(exec, 0, n_local + 1),
      KOKKOS_LAMBDA(int i, int& count) {
        const bool ordered = i == 0 ? first_edge(0) == 0 : first_edge(i - 1) <= first_edge(i);
        count += !ordered || (i == n_local ? first_edge(i) != n_edges : first_edge(i) > n_edges);
      },
      bad_ranges);
  if (bad_ranges > 0) throw ModelError("engine: first_edge must rise from 0 to the number of edges");
  if (bad_species > 0)
    throw ModelError("engine: " + std::to_string(bad_species) + " atom(s) have a species outside 0.." +
                     std::to_string(n_species - 1));
  if (bad_sources > 0)
    throw ModelError("engine: " + std::to_string(bad_sources) + " edge(s) have a source outside the atoms");
}

// graph.destination(e) = i for every edge of local atom i.
template <class ExecSpace, class Graph>
void fill_destinations(const ExecSpace& exec, const Graph& graph, int n_local) {
  Kokkos::parallel_for(
      "equipot::fill_destinations", Kokkos::RangePolicy<ExecSpace>(exec, 0, n_local), KOKKOS_LAMBDA(int i) {
        for (int e = graph.first_edge(i); e < graph.first_edge(i + 1); ++e) graph.destination(e) = i;
      });
}

}  // namespace equipot::engine
