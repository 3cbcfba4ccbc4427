#pragma once
// The definitions of Engine's members that run kernels (engine.hpp declares them). Included
// only by the files that compile the engine for one Kokkos backend (engine_<backend>.cpp), so
// that the stages are instantiated once per backend and precision, not in every user.
#include <algorithm>
#include <string>
#include <type_traits>

#include "core/tensor_product_batch.hpp"
#include "model/engine/data_range_stage.hpp"
#include "model/engine/edge_forces_stage.hpp"
#include "model/engine/engine.hpp"
#include "model/engine/gate_stage.hpp"
#include "model/engine/input_stage.hpp"
#include "model/engine/linear_stage.hpp"
#include "model/engine/message_stage.hpp"
#include "model/engine/readout_stage.hpp"
#include "model/layer_degrees.hpp"
#include "model/model_error.hpp"

namespace equipot {

template <class DeviceType, class Scalar>
Engine<DeviceType, Scalar>::Engine(const Model& model, const EngineTuning& tuning)
    : hyper_((validate(model), model.hyper)),
      tuning_(checked(tuning)),
      products_(layer_products(hyper_)),
      weights_(model, layer_paths()) {
  const int T = hyper_.num_layers, K = static_cast<int>(hyper_.radial_hidden.size());
  for (int t = 0; t < T; ++t) {
    pairs_.emplace_back(products_[t]);
    gated_.push_back({layer_output_l_max(hyper_, t), hyper_.channels});
  }
  if (K + 1 > engine::kMaxRadialMatrices)
    throw ModelError("engine: the radial MLP may have at most " + std::to_string(engine::kMaxRadialMatrices - 1) +
                     " hidden layers");
  d_features_.resize(T + 1);
  d_gate_input_.resize(T);
  d_edge_weights_.resize(T);
  radial_.resize(T);
  for (auto& layer : radial_) layer.slope.resize(K);
  if (tuning_.radial == RadialEvaluation::table) build_radial_tables(model);
  if (model.data_range.recorded()) {
    const int S = hyper_.num_species();
    const Kokkos::View<const double**, Kokkos::LayoutRight, Kokkos::HostSpace> shortest(
        model.data_range.shortest.data(), S, S);
    d_shortest_ = Matrix<double>("equipot::data_range_shortest", S, S);
    Kokkos::deep_copy(d_shortest_, shortest);
  }
}

template <class DeviceType, class Scalar>
auto Engine<DeviceType, Scalar>::layer_products(const Hyperparameters& hyper)
    -> std::vector<core::UvuTensorProduct<Kokkos::HostSpace, Scalar>> {
  std::vector<core::UvuTensorProduct<Kokkos::HostSpace, Scalar>> products;
  for (int t = 0; t < hyper.num_layers; ++t)
    products.emplace_back(layer_input_l_max(hyper, t), hyper.l_max, layer_output_l_max(hyper, t), hyper.channels);
  return products;
}

template <class DeviceType, class Scalar>
std::vector<Kokkos::View<core::UvuPath*, Kokkos::HostSpace>> Engine<DeviceType, Scalar>::layer_paths() const {
  std::vector<Kokkos::View<core::UvuPath*, Kokkos::HostSpace>> paths;
  for (const auto& product : products_) paths.push_back(product.h_paths);
  return paths;
}

template <class DeviceType, class Scalar>
void Engine<DeviceType, Scalar>::build_radial_tables(const Model& model) {
  radial_report_.requested = true;
  std::vector<engine::HostRadialTable> tables;
  bool within = true;
  for (int t = 0; t < hyper_.num_layers; ++t) {
    const engine::ExactRadialMap map(hyper_, engine::folded_radial_matrices(model, t, products_[t].h_paths));
    tables.push_back(engine::tabulate_within(map, RadialTableReport::kBound, RadialTableReport::kMaxIntervals));
    const auto& table = tables.back();
    radial_report_.n_intervals.push_back(table.n_intervals);
    radial_report_.value_error.push_back(table.value_error);
    radial_report_.slope_error.push_back(table.slope_error);
    within &= table.within(RadialTableReport::kBound);
  }
  radial_report_.tabulated = within;
  if (!within) return;
  for (const auto& table : tables) {
    tables_.emplace_back(table, hyper_.r_cut);
    radial_report_.table_bytes += tables_.back().bytes();
  }
}

template <class DeviceType, class Scalar>
template <class KernelsT, class F>
void Engine<DeviceType, Scalar>::with_edge_weights(int t, bool reverse, const F& f) {
  if (tabulated()) {
    f(engine::TabulatedEdgeWeights<device_type, Scalar>{tables_[t], geometry_.r, d_grad_distance_,
                                                        products_[t].weights_per_edge()});
  } else if (reverse) {
    constexpr int TE = engine::DenseTiling<KernelsT, Scalar>::edges;
    f(engine::StoredEdgeWeights<device_type, Scalar>::template for_reverse<TE>(
        d_edge_weights_[t], weights_.layers[t], radial_[t], d_grad_basis_));
  } else {
    f(engine::StoredEdgeWeights<device_type, Scalar>{d_edge_weights_[t], {}, {}, 0});
  }
}

template <class DeviceType, class Scalar>
void Engine<DeviceType, Scalar>::compute(const Input& input, const EngineRequest& request, Exchange& exchange) {
  const int n_atoms = static_cast<int>(input.positions.extent(0));
  const int n_local = input.n_local;
  const int n_edges = static_cast<int>(input.source.extent(0));
  engine::check_input(execution_space(), input, n_atoms, hyper_.num_species());
  reserve(n_atoms, n_local, n_edges, input.symmetric_edges);
  n_atoms_ = n_atoms;
  n_local_ = n_local;
  n_owned_ = input.n_owned < 0 ? n_local : input.n_owned;
  const core::EdgeGraph<memory_space> graph{input.first_edge, input.source,
                                            Kokkos::subview(d_destination_, Kokkos::make_pair(0, n_edges))};
  engine::fill_destinations(execution_space(), graph, n_local);

  // Host kernels are compiled for host spaces only (checked() refuses them elsewhere).
  if constexpr (engine::is_host_space<execution_space>()) {
    if (tuning_.kernels == KernelVariant::host) {
      run(engine::HostKernels{}, host_scatters_, input, graph, request, exchange);
      return;
    }
  }
  run(engine::DeviceKernels{tuning_.team_size}, device_scatters_, input, graph, request, exchange);
}

template <class DeviceType, class Scalar>
EngineTuning Engine<DeviceType, Scalar>::checked(const EngineTuning& tuning) {
  if (tuning.kernels == KernelVariant::host && !engine::is_host_space<execution_space>())
    throw ModelError(std::string("engine: host kernels need a host execution space, not ") +
                     execution_space::name());
  if (tuning.team_size < 0) throw ModelError("engine: team_size must be 0 (automatic) or positive");
  if (tuning.team_size > engine::max_team_threads)
    throw ModelError("engine: team_size " + std::to_string(tuning.team_size) + " is more than the " +
                     std::to_string(engine::max_team_threads) + " threads the kernels are compiled for (tuning.hpp)");
  if (engine::is_host_space<execution_space>() && tuning.team_size > execution_space().concurrency())
    throw ModelError("engine: team_size " + std::to_string(tuning.team_size) + " is more than the " +
                     std::to_string(execution_space().concurrency()) + " threads of " + execution_space::name());
  return tuning;
}

template <class DeviceType, class Scalar>
template <class F>
void Engine<DeviceType, Scalar>::with_scatters(const F& f) {
  if (tuning_.kernels == KernelVariant::host)
    f(host_scatters_);
  else
    f(device_scatters_);
}

template <class DeviceType, class Scalar>
template <class View, class... Columns>
bool Engine<DeviceType, Scalar>::grow(View& view, const char* label, int rows, Columns... columns) {
  if (view.is_allocated() && static_cast<int>(view.extent(0)) >= rows) return false;
  buffer_bytes_ -= engine::allocated_bytes(view);
  view = View(Kokkos::view_alloc(std::string("equipot::") + label, Kokkos::WithoutInitializing),
              engine::with_headroom(rows), columns...);
  buffer_bytes_ += engine::allocated_bytes(view);
  return true;
}

template <class DeviceType, class Scalar>
size_t Engine<DeviceType, Scalar>::buffer_bytes() const {
  size_t bytes = buffer_bytes_;
  if (tuning_.kernels == KernelVariant::host && engine::is_duplicated(host_scatters_.forces)) {
    const size_t summed_rows = engine::allocated_bytes(d_grad_up_) + engine::allocated_bytes(d_forces_) +
                               engine::allocated_bytes(d_atom_virial_);
    bytes += static_cast<size_t>(execution_space().concurrency()) * summed_rows;
  }
  return bytes;
}

template <class DeviceType, class Scalar>
void Engine<DeviceType, Scalar>::reserve(int n_atoms, int n_local, int n_edges, bool symmetric_edges) {
  const int T = hyper_.num_layers, F = hyper_.feature_size();
  const int n_lm = core::num_lm(hyper_.l_max), n_basis = basis_columns();
  bool grew = false;
  // h_0 on every row (layer 0's up-projection reads the ghosts' embedding); h_1..h_T on local
  // rows, whose up-projections the exchange copies to the ghosts (up_project).
  for (int t = 0; t <= T; ++t) grew |= grow(d_features_[t], "features", t == 0 ? n_atoms : n_local, F);
  grew |= grow(d_up_, "up_projected", n_atoms, F);
  if (grow(d_grad_up_, "grad_up_projected", n_atoms, F)) {
    grew = true;
    with_scatters([&](auto& scatters) { scatters.grad_up = decltype(scatters.grad_up)(d_grad_up_); });
  }
  if (grow(d_forces_, "forces", n_atoms, 3)) {
    grew = true;
    with_scatters([&](auto& scatters) { scatters.forces = decltype(scatters.forces)(d_forces_); });
  }
  if (grow(d_atom_virial_, "atom_virial", n_atoms, 6)) {
    grew = true;
    with_scatters([&](auto& scatters) { scatters.atom_virial = decltype(scatters.atom_virial)(d_atom_virial_); });
  }

  for (int t = 0; t < T; ++t) grew |= grow(d_gate_input_[t], "gate_input", n_local, gated_[t].size());
  grew |= grow(d_message_, "message_and_adjoint", n_local, F);
  grew |= grow(d_grad_features_, "grad_features", n_local, F);
  grew |= grow(d_grad_gate_, "grad_gate", n_local, gated_.front().size());  // layer 0's: the widest
  grew |= grow(d_atom_energy_, "atom_energy", n_local);
  if (symmetric_edges) {
    int widest = 0;
    for (int t = 1; t < T; ++t) widest = std::max(widest, pairs_[t].output_size);
    grew |= grow(d_grad_message_rows_, "grad_message_rows", n_atoms * widest);
  }

  grew |= grow(d_destination_, "edge_destination", n_edges);
  grew |= grow(geometry_.r, "edge_vector", n_edges, 3);
  grew |= grow(geometry_.Y, "edge_harmonics", n_edges, n_lm);
  grew |= grow(d_grad_Y_, "grad_edge_harmonics", n_edges, n_lm);
  if (tabulated()) {
    grew |= grow(d_grad_distance_, "grad_edge_distance", n_edges);
  } else {
    grew |= grow(geometry_.basis, "edge_basis", n_edges, n_basis);
    grew |= grow(geometry_.basis_derivative, "edge_basis_derivative", n_edges, n_basis);
    if constexpr (!kDouble) grew |= grow(d_basis_, "edge_basis_float", n_edges, n_basis);
    for (int t = 0; t < T; ++t) {
      for (size_t k = 0; k < hyper_.radial_hidden.size(); ++k) {
        grew |= grow(radial_[t].slope[k], "radial_slope", n_edges, hyper_.radial_hidden[k]);
      }
      grew |= grow(d_edge_weights_[t], "edge_weights", n_edges, products_[t].weights_per_edge());
    }
    grew |= grow(d_grad_basis_, "grad_edge_basis", n_edges, n_basis);
  }
  grew |= grow(d_edge_gradient_, "edge_gradient", n_edges, 3);
  if (grew) ++allocation_count_;
}

template <class DeviceType, class Scalar>
auto Engine<DeviceType, Scalar>::grad_message_rows(int t) const -> Matrix<Scalar> {
  return Matrix<Scalar>(d_grad_message_rows_.data(), n_atoms_, pairs_[t].output_size);
}

template <class DeviceType, class Scalar>
template <class KernelsT>
void Engine<DeviceType, Scalar>::up_project(const KernelsT& kernels, int t, Exchange& exchange) {
  const execution_space exec;
  const auto& layer = weights_.layers[t];
  if (t == 0) {
    engine::compute_up(exec, kernels, n_atoms_, layer, d_features_[0], d_up_);
    return;
  }
  engine::compute_up(exec, kernels, n_local_, layer, d_features_[t], d_up_);
  exec.fence();
  exchange.forward_exchange(engine::leading_rows(d_up_, n_atoms_));
}

template <class DeviceType, class Scalar>
template <class KernelsT, class Graph>
void Engine<DeviceType, Scalar>::run(const KernelsT& kernels, Scatters<KernelsT>& scatters, const Input& input,
                                     const Graph& graph, const EngineRequest& request, Exchange& exchange) {
  forward(kernels, input, graph, request, exchange);
  if (request.needs_gradients()) {
    backward(kernels, scatters, input, graph, exchange);
    compute_outputs(scatters, graph, request);
  }
  execution_space().fence();
}

template <class DeviceType, class Scalar>
template <class KernelsT, class Graph>
void Engine<DeviceType, Scalar>::forward(const KernelsT& kernels, const Input& input, const Graph& graph,
                                         const EngineRequest& request, Exchange& exchange) {
  const execution_space exec;
  const int T = hyper_.num_layers, n_atoms = n_atoms_, n_local = n_local_, n_edges = graph.num_edges();
  engine::compute_edge_geometry(exec, input.positions, graph, hyper_.l_max, basis_columns(), hyper_.r_cut,
                                hyper_.cutoff_p, geometry_);
  short_edges_ = d_shortest_.is_allocated()
                     ? engine::find_short_edges(exec, graph, input.species, geometry_.r, d_shortest_)
                     : ShortEdges{};
  engine::compute_embedding(exec, n_atoms, input.species, weights_.embedding, d_features_[0]);
  const Matrix<Scalar> basis = tabulated() ? Matrix<Scalar>() : radial_input(exec, n_edges);
  for (int t = 0; t < T; ++t) {
    const auto& layer = weights_.layers[t];
    up_project(kernels, t, exchange);
    if (!tabulated())
      engine::compute_radial_mlp(exec, kernels, n_edges, layer, basis, radial_[t], d_edge_weights_[t]);
    with_edge_weights<KernelsT>(t, false, [&](const auto& radial) {
      engine::compute_message(exec, kernels, pairs_[t], graph, d_up_, geometry_.Y, radial, d_message_);
    });
    const int l_in = layer_input_l_max(hyper_, t);
    engine::compute_down_self(exec, kernels, n_local, l_in, layer, input.species, d_message_, d_features_[t],
                              d_gate_input_[t]);
    engine::compute_gate(exec, kernels, n_local, gated_[t], l_in, hyper_.l_max, d_features_[t], d_gate_input_[t],
                         d_features_[t + 1]);
  }
  energy_ = 0;
  if (request.energy || request.atom_energy)
    energy_ = engine::compute_readout(exec, n_owned_, weights_, input.species, d_features_[T], d_atom_energy_);
}

template <class DeviceType, class Scalar>
template <class KernelsT, class Graph>
void Engine<DeviceType, Scalar>::backward(const KernelsT& kernels, Scatters<KernelsT>& scatters, const Input& input,
                                          const Graph& graph, Exchange& exchange) {
  const execution_space exec;
  const int T = hyper_.num_layers, n_atoms = n_atoms_, n_local = n_local_, n_edges = graph.num_edges();
  engine::reverse_readout(exec, n_owned_, n_local, weights_, input.species, d_features_[T], d_grad_features_);
  Kokkos::deep_copy(exec, d_grad_Y_, 0.0);
  if (tabulated())
    Kokkos::deep_copy(exec, d_grad_distance_, Scalar(0));
  else
    Kokkos::deep_copy(exec, d_grad_basis_, Scalar(0));
  for (int t = T - 1; t >= 0; --t) {
    const auto& layer = weights_.layers[t];
    // d_grad_features_ holds dE/dh_{t+1} and becomes dE/dh_t (same rows, updated in place).
    engine::reverse_gate(exec, kernels, n_local, gated_[t], hyper_.l_max, d_gate_input_[t], d_grad_features_,
                         d_grad_features_, d_grad_gate_);
    // dE/dg_t of the sources (message_stage.hpp): none for layer 0, whose features h_0 are the
    // species embedding and do not depend on positions.
    const engine::SourceGradient source_gradient = t == 0                  ? engine::SourceGradient::none
                                                   : input.symmetric_edges ? engine::SourceGradient::gather
                                                                           : engine::SourceGradient::scatter;
    const bool gather = source_gradient == engine::SourceGradient::gather;
    const Matrix<Scalar> grad_message = gather ? grad_message_rows(t) : d_message_;
    engine::reverse_down_self(exec, kernels, n_local, layer_input_l_max(hyper_, t), layer, input.species,
                              d_grad_gate_, grad_message, d_grad_features_);
    if (gather) {
      exec.fence();
      exchange.forward_exchange(grad_message);
    }
    // g_t of every atom: the forward pass left g_{T-1}; earlier layers' are recomputed (and, for
    // t >= 1, exchanged again).
    if (t < T - 1) up_project(kernels, t, exchange);
    with_edge_weights<KernelsT>(t, true, [&](const auto& radial) {
      engine::reverse_message(exec, kernels, pairs_[t], graph, grad_message, d_up_, geometry_.Y, radial,
                              scatters.grad_up, d_grad_up_, d_grad_Y_, source_gradient);
    });
    if (source_gradient == engine::SourceGradient::scatter) {
      exec.fence();
      exchange.reverse_exchange(engine::leading_rows(d_grad_up_, n_atoms));
    }
    if (t > 0) engine::reverse_up(exec, kernels, n_local, layer, d_grad_up_, d_grad_features_);
  }
  if (tabulated())
    engine::reverse_edge_geometry(exec, n_edges, hyper_.l_max, geometry_, d_grad_Y_,
                                  engine::DistanceGradient<device_type, Scalar>{d_grad_distance_}, d_edge_gradient_);
  else
    engine::reverse_edge_geometry(exec, n_edges, hyper_.l_max, geometry_, d_grad_Y_,
                                  engine::BasisGradient<device_type, Scalar>{d_grad_basis_, geometry_.basis_derivative},
                                  d_edge_gradient_);
}

template <class DeviceType, class Scalar>
auto Engine<DeviceType, Scalar>::radial_input(const execution_space& exec, int n_edges) -> Matrix<Scalar> {
  if constexpr (kDouble) {
    (void)exec;
    (void)n_edges;
    return geometry_.basis;
  } else {
    engine::round_basis(exec, n_edges, geometry_.basis, d_basis_);
    return d_basis_;
  }
}

template <class DeviceType, class Scalar>
template <class KernelsT, class Graph>
void Engine<DeviceType, Scalar>::compute_outputs(Scatters<KernelsT>& scatters, const Graph& graph,
                                                 const EngineRequest& request) {
  const execution_space exec;
  const auto forces = engine::leading_rows(d_forces_, n_atoms_);
  const auto atom_virial = engine::leading_rows(d_atom_virial_, n_atoms_);
  if (request.forces) engine::compute_forces(exec, graph, d_edge_gradient_, scatters.forces, forces);
  virial_ = {0, 0, 0, 0, 0, 0};
  if (request.virial)
    virial_ = engine::compute_global_virial(exec, graph.num_edges(), geometry_.r, d_edge_gradient_);
  if (request.atom_virial)
    engine::compute_atom_virial(exec, graph, geometry_.r, d_edge_gradient_, scatters.atom_virial, atom_virial);
}

}  // namespace equipot
