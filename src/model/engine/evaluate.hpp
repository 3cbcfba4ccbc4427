#pragma once
// Standalone evaluation of a Structure (tests, the driver): builds the neighbour graph with
// periodic-image ghosts, runs the engine with LocalImageExchange and folds ghost forces and
// virials into their owners. Results are on the host.
#include <array>
#include <vector>

#include "model/engine/engine.hpp"
#include "model/neighbor_graph.hpp"
#include "model/precision.hpp"
#include "model/structure.hpp"

namespace equipot {

struct EngineResult {
  double energy = 0;
  std::vector<double> atom_energies;                // per atom of the structure
  std::vector<Vec3> forces;                         // per atom, F = -dE/dx
  std::array<double, 6> virial{};                   // xx, yy, zz, xy, xz, yz (energy units)
  std::vector<std::array<double, 6>> atom_virials;  // per atom, same order; they sum to virial
};

// Keeps one engine (weights on the device, buffers reused) for many structures. Scalar is the
// engine's feature precision: double (Precision::Double) or float (Precision::Mixed); tuning
// the engine's kernel variant (tuning.hpp).
template <class DeviceType, class Scalar = double>
class StructureEvaluator {
 public:
  using Engine = equipot::Engine<DeviceType, Scalar>;
  using device_type = typename Engine::device_type;

  explicit StructureEvaluator(const Model& model,
                              const EngineTuning& tuning = EngineTuning::defaults<typename Engine::execution_space>())
      : engine_(model, tuning) {}

  EngineResult evaluate(const Structure& structure, const EngineRequest& request = all()) {
    const NeighborGraph graph = build_neighbor_graph(structure, engine_.hyperparameters().r_cut);
    const int n_atoms = graph.num_atoms(), n_local = graph.n_local, n_edges = graph.num_edges();
    Kokkos::View<double* [3], Kokkos::LayoutRight, device_type> positions("equipot::positions", n_atoms);
    Kokkos::View<int*, device_type> species("equipot::species", n_atoms);
    Kokkos::View<int*, device_type> first_edge("equipot::first_edge", n_local + 1);
    Kokkos::View<int*, device_type> source("equipot::source", n_edges);
    auto h_positions = Kokkos::create_mirror_view(positions);
    auto h_species = Kokkos::create_mirror_view(species);
    auto h_first_edge = Kokkos::create_mirror_view(first_edge);
    auto h_source = Kokkos::create_mirror_view(source);
    for (int i = 0; i < n_atoms; ++i) {
      for (int k = 0; k < 3; ++k) h_positions(i, k) = graph.positions[i][k];
      h_species(i) = graph.species[i];
    }
    for (int i = 0; i <= n_local; ++i) h_first_edge(i) = graph.first_edge[i];
    for (int e = 0; e < n_edges; ++e) h_source(e) = graph.source[e];
    Kokkos::deep_copy(positions, h_positions);
    Kokkos::deep_copy(species, h_species);
    Kokkos::deep_copy(first_edge, h_first_edge);
    Kokkos::deep_copy(source, h_source);

    LocalImageExchange<device_type, Scalar> exchange(graph.owner, n_local);
    // NeighborGraph's edge set is symmetric: every local atom has its full list, every image.
    engine_.compute({positions, species, n_local, first_edge, source, -1, true}, request, exchange);

    EngineResult result;
    result.energy = engine_.energy();
    result.virial = engine_.virial();
    if (request.atom_energy) {
      auto h_atom_energy = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), engine_.atom_energy());
      result.atom_energies.assign(h_atom_energy.data(), h_atom_energy.data() + n_local);
    }
    if (request.forces) {
      auto h_forces = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), engine_.forces());
      result.forces.assign(n_local, Vec3{0, 0, 0});
      for (int i = 0; i < n_atoms; ++i)
        for (int k = 0; k < 3; ++k) result.forces[graph.owner[i]][k] += h_forces(i, k);
    }
    if (request.atom_virial) {
      auto h_virial = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), engine_.atom_virial());
      result.atom_virials.assign(n_local, std::array<double, 6>{});
      for (int i = 0; i < n_atoms; ++i)
        for (int v = 0; v < 6; ++v) result.atom_virials[graph.owner[i]][v] += h_virial(i, v);
    }
    return result;
  }

  Engine& engine() { return engine_; }

  static EngineRequest all() { return {true, true, true, true, true}; }

 private:
  Engine engine_;
};

// One structure on Kokkos' default execution space, everything computed, in fp64 or in mixed
// precision, with radial tables or the exact radial MLP.
EngineResult evaluate(const Model& model, const Structure& structure, Precision precision = Precision::Double,
                      RadialEvaluation radial = RadialEvaluation::table);

}  // namespace equipot
