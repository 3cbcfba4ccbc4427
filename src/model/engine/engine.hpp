#pragma once
// The Kokkos engine: energy, forces and virials of the model of docs/model.md for one domain
// (local atoms plus ghosts), with a hand-written backward pass. Each forward stage compute_X
// has its reverse_X in the same header (edge_geometry_, radial_mlp_, linear_, message_, gate_,
// readout_stage.hpp); this class owns the buffers and runs the stages in order, calling the
// halo-exchange hook between layers (halo_exchange.hpp). See docs/engine.md.
//
// Buffers are kept at the largest size seen so far and handed out as leading rows, so a call
// with sizes that do not grow allocates nothing (allocation_count() tells). Which variant of
// the kernels runs, with which team sizes, is the EngineTuning given at construction
// (tuning.hpp).
//
// The members that run kernels are defined in engine_definitions.hpp and compiled once per
// Kokkos backend and precision (engine_<backend>.cpp), not in every file that uses an engine.
#include <Kokkos_Core.hpp>

#include <array>
#include <string>
#include <type_traits>
#include <vector>

#include "core/tensor_product.hpp"
#include "model/data_range.hpp"
#include "model/engine/coupling_pairs.hpp"
#include "model/engine/device_weights.hpp"
#include "model/engine/edge_geometry_stage.hpp"
#include "model/engine/gated_layout.hpp"
#include "model/engine/halo_exchange.hpp"
#include "model/engine/radial_mlp_stage.hpp"
#include "model/engine/radial_table.hpp"
#include "model/engine/tuning.hpp"
#include "model/engine/views.hpp"
#include "model/model.hpp"
#include "model/radial_table_report.hpp"

namespace equipot {

// What one call computes; nothing else is.
struct EngineRequest {
  bool energy = true;        // E = sum of E_i over local atoms
  bool atom_energy = false;  // E_i of local atoms
  bool forces = true;        // on local and ghost atoms
  bool virial = false;       // global, Voigt order xx, yy, zz, xy, xz, yz
  bool atom_virial = false;  // local and ghost atoms, Voigt order

  bool needs_gradients() const { return forces || virial || atom_virial; }
};

// One domain's atoms and edges, on the engine's device. Atoms 0..n_local-1 are local, the rest
// ghosts; edges i <- j are grouped by destination i (local): first_edge(i) .. first_edge(i+1)-1,
// source(e) = j (local or ghost), r_e = x_j - x_i. The energy sums E_i over the first n_owned
// local atoms (default all): the others only carry features, as the wide ghosts of a domain
// that computes its ghosts' features itself instead of exchanging them.
//
// symmetric_edges: the caller knows that every edge i <- j has its reverse j <- i in the domain
// of j's owner (a full neighbour list over every atom that has edges, cut at one r_cut, as
// LAMMPS's and NeighborGraph's are; not wide ghosts, whose outer lists are truncated). The
// backward pass then gathers dE/dg of each local atom over its own edges, forward-exchanging
// dE/dm, instead of scattering it to sources and reverse-exchanging (message_stage.hpp).
template <class Device>
struct EngineInput {
  engine::PositionArray<Device> positions;    // (atom, xyz)
  Kokkos::View<const int*, Device> species;  // model species index per atom
  int n_local = 0;
  Kokkos::View<int*, Device> first_edge;  // n_local + 1
  Kokkos::View<int*, Device> source;      // per edge
  int n_owned = -1;                       // -1: n_local
  bool symmetric_edges = false;
};

// Scalar is the precision of node features, weights and their adjoints (double or float);
// positions, edge geometry, energies, dE/dr and forces and virials are double in either
// (docs/engine.md, "Mixed precision").
template <class DeviceType, class Scalar = double>
class Engine {
  static_assert(std::is_same<Scalar, double>::value || std::is_same<Scalar, float>::value,
                "engine: features are double or float");
  static_assert(std::is_same<DeviceType, typename DeviceType::device_type>::value,
                "engine: DeviceType is a Kokkos::Device (Space::device_type), the type the engine is compiled for");

 public:
  using execution_space = typename DeviceType::execution_space;
  using memory_space = typename DeviceType::memory_space;
  using device_type = DeviceType;
  using Exchange = HaloExchange<device_type, Scalar>;
  using Input = EngineInput<device_type>;
  template <class T>
  using Matrix = engine::Matrix<T, device_type>;

  // tuning: the kernel variant and team sizes; by default host kernels on host spaces and device
  // kernels elsewhere (EngineTuning::defaults). Throws ModelError for host kernels on a device
  // space or a team size the space cannot run.
  explicit Engine(const Model& model, const EngineTuning& tuning = EngineTuning::defaults<execution_space>());

  const Hyperparameters& hyperparameters() const { return hyper_; }
  const EngineTuning& tuning() const { return tuning_; }

  // Runs the model on input. exchange is called T-1 times forward (g_1..g_{T-1}) and, when
  // gradients are requested, T-2 more times forward (g_1..g_{T-2} again) and T-1 times for the
  // adjoints: in reverse, or forward with input.symmetric_edges (halo_exchange.hpp). Throws ModelError for inconsistent
  // input (sizes, species or source out of range, atoms on top of each other).
  void compute(const Input& input, const EngineRequest& request, Exchange& exchange);

  double energy() const { return energy_; }
  std::array<double, 6> virial() const { return virial_; }
  engine::Vector<double, device_type> atom_energy() const {
    return Kokkos::subview(d_atom_energy_, Kokkos::make_pair(0, n_owned_));
  }
  Matrix<double> forces() const { return engine::leading_rows(d_forces_, n_atoms_); }
  Matrix<double> atom_virial() const { return engine::leading_rows(d_atom_virial_, n_atoms_); }

  // The last call's edges shorter than the model's training data has for their species pair;
  // none when the model file records no data range.
  const ShortEdges& short_edges() const { return short_edges_; }

  const RadialTableReport& radial_tables() const { return radial_report_; }
  // Bytes of the radial tables on the device (0 when the engine runs the exact MLP).
  size_t radial_table_bytes() const { return radial_report_.table_bytes; }

  // How many times the buffers were (re)allocated: grows only when a call's sizes grow.
  int allocation_count() const { return allocation_count_; }
  // Bytes of the per-atom and per-edge buffers now allocated on the device, the copies of
  // duplicated ScatterViews included (for LAMMPS's memory_usage); the weights are not counted.
  size_t buffer_bytes() const;

 private:
  // The ScatterViews of one kernel variant (tuning.hpp, RowScatter), rebuilt when their views grow.
  template <class KernelsT>
  struct Scatters {
    engine::RowScatter<KernelsT, execution_space, Scalar> grad_up;
    engine::RowScatter<KernelsT, execution_space, double> forces, atom_virial;
  };

  static EngineTuning checked(const EngineTuning& tuning);
  static std::vector<core::UvuTensorProduct<Kokkos::HostSpace, Scalar>> layer_products(const Hyperparameters& hyper);
  std::vector<Kokkos::View<core::UvuPath*, Kokkos::HostSpace>> layer_paths() const;
  void build_radial_tables(const Model& model);
  bool tabulated() const { return !tables_.empty(); }
  // Radial basis functions kept per edge: none with tables, which read d off r_e.
  int basis_columns() const { return tabulated() ? 0 : hyper_.num_basis; }
  // f(radial) with layer t's view for the message kernels (StoredEdgeWeights or
  // TabulatedEdgeWeights), the one for the reverse pass when reverse.
  template <class KernelsT, class F>
  void with_edge_weights(int t, bool reverse, const F& f);
  // The scatters of the variant that runs.
  template <class F>
  void with_scatters(const F& f);
  // Reallocates view (label "equipot::<label>") with headroom (views.hpp) when it has fewer
  // than rows rows.
  template <class View, class... Columns>
  bool grow(View& view, const char* label, int rows, Columns... columns);
  // Grows every buffer that is too small for this call; no-op when sizes do not grow.
  void reserve(int n_atoms, int n_local, int n_edges, bool symmetric_edges);
  // Layer t's dE/dm of every row (local, then ghost) for gathered source gradients, n_atoms rows
  // of its message width in d_grad_message_rows_.
  Matrix<Scalar> grad_message_rows(int t) const;

  // g_t = up(h_t) of every row into d_up_: layer 0's from the embedding, known on every row;
  // later layers' from h_t of the local rows, then forward-exchanged to the ghosts.
  template <class KernelsT>
  void up_project(const KernelsT& kernels, int t, Exchange& exchange);
  template <class KernelsT, class Graph>
  void run(const KernelsT& kernels, Scatters<KernelsT>& scatters, const Input& input, const Graph& graph,
           const EngineRequest& request, Exchange& exchange);
  template <class KernelsT, class Graph>
  void forward(const KernelsT& kernels, const Input& input, const Graph& graph, const EngineRequest& request,
               Exchange& exchange);
  // dE/dr_e for every edge into d_edge_gradient_, layer by layer from the readout back.
  template <class KernelsT, class Graph>
  void backward(const KernelsT& kernels, Scatters<KernelsT>& scatters, const Input& input, const Graph& graph,
                Exchange& exchange);
  // The radial MLP's input in the features' precision: the double basis itself, or its rounding
  // to float in d_basis_.
  Matrix<Scalar> radial_input(const execution_space& exec, int n_edges);
  template <class KernelsT, class Graph>
  void compute_outputs(Scatters<KernelsT>& scatters, const Graph& graph, const EngineRequest& request);

  static constexpr bool kDouble = std::is_same<Scalar, double>::value;

  Hyperparameters hyper_;
  EngineTuning tuning_;
  // Per layer t: the tensor product of its message, whose paths go from and into the degrees
  // the layer reads and outputs (layer_degrees.hpp), its couplings as the message kernels read
  // them, and the layout of its gate inputs.
  std::vector<core::UvuTensorProduct<Kokkos::HostSpace, Scalar>> products_;
  std::vector<engine::CouplingPairs<memory_space, Scalar>> pairs_;
  std::vector<engine::GatedLayout> gated_;
  engine::DeviceWeights<device_type, Scalar> weights_;
  RadialTableReport radial_report_;
  std::vector<engine::RadialTable<device_type, Scalar>> tables_;  // per layer; empty: exact MLP

  Matrix<double> d_shortest_;  // (species, species) of the data range; unallocated if none
  ShortEdges short_edges_;

  int n_atoms_ = 0, n_local_ = 0, n_owned_ = 0, allocation_count_ = 0;
  size_t buffer_bytes_ = 0;  // of the views grow() allocated
  double energy_ = 0;
  std::array<double, 6> virial_{};

  // Layer features h_0 (every row) and h_1..h_T (local rows); per atom (local and ghost) the
  // up-projected g_t of the layer at hand (recomputed from h_t in the backward pass rather than
  // kept per layer) and its adjoint.
  std::vector<Matrix<Scalar>> d_features_;
  Matrix<Scalar> d_up_, d_grad_up_;
  Matrix<double> d_forces_, d_atom_virial_;
  Scatters<engine::HostKernels> host_scatters_;  // of dE/dg, forces and per-atom virials
  Scatters<engine::DeviceKernels> device_scatters_;
  // Per local atom: gate inputs z_t (gated layout), the messages m_t of the layer at hand in the
  // forward pass and dE/dm_t in the backward (the reverse of the linear down projection does
  // not read m_t), and adjoints.
  std::vector<Matrix<Scalar>> d_gate_input_;
  Matrix<Scalar> d_message_, d_grad_features_, d_grad_gate_;
  // Per atom (local and ghost), with symmetric edges: dE/dm of layers 1..T-1 (grad_message_rows).
  engine::Vector<Scalar, device_type> d_grad_message_rows_;
  engine::Vector<double, device_type> d_atom_energy_;
  // Per edge: geometry, radial MLP activations and weights per layer (exact MLP only), adjoints.
  Kokkos::View<int*, device_type> d_destination_;
  engine::EdgeGeometry<device_type> geometry_;
  std::vector<engine::RadialActivations<device_type, Scalar>> radial_;
  std::vector<Matrix<Scalar>> d_edge_weights_;
  Matrix<Scalar> d_basis_;  // float engines only: the radial basis rounded to float
  Matrix<Scalar> d_grad_basis_;                    // exact MLP
  engine::Vector<Scalar, device_type> d_grad_distance_;  // tables: dE/dd per edge
  Matrix<double> d_grad_Y_, d_edge_gradient_;
};

}  // namespace equipot
