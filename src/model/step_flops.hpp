#pragma once
// What one energy-and-forces step costs in floating-point operations per local atom, counted
// from the hyperparameters as the engine's host kernels execute them (a multiply-add counts 2):
// the benchmarks divide it by their time to report GFLOP/s and the fraction of a core's peak
// (tests/benchmarks/lammps/run.sh, docs/engine.md "Kernels and performance design").
#include "model/hyperparameters.hpp"

namespace equipot {

// The tensor product's sizes in one layer, over its paths (l_in <= l_in_max, l_sh <= l_max,
// l_out <= l_out_max).
struct TensorProductCounts {
  int paths = 0;
  int couplings = 0;   // nonzero Clebsch-Gordan coefficients
  int pairs = 0;       // couplings grouped by (m_out, m_in) (src/model/engine/coupling_pairs.hpp)
  int block_entries = 0;  // the pairs as the forward's blocks: n_out x n_in per path, n_out if diagonal
  int input_rows = 0;  // sum over paths of 2 l_in + 1
  int output_rows = 0; // sum over paths of 2 l_out + 1
};
TensorProductCounts tensor_product_counts(int l_in_max, int l_max, int l_out_max);

// FLOPs per local atom of one step, forward and backward, by part, each layer with the paths,
// gates and linears of the degrees it reads and outputs (layer_degrees.hpp). Per edge and layer: the
// radial map of its P x C weights (tables: 11 FLOPs per weight forward, 22 for value, slope and
// dE/dd in reverse; exact: the MLP forward, and its input adjoint in reverse), and the message
// (forward: 2 per coupling for the pair coefficients, then 2 C per block entry and C per output
// row; reverse: 4 C per block entry and per input row). Per atom and layer: the up, down and self
// linears, forward and input adjoint. Left out as small next to these: edge geometry and
// spherical harmonics, gates, readout, the sums over Y's components and the scatter adds.
struct StepFlops {
  double radial = 0, message = 0, linears = 0;
  double total() const { return radial + message + linears; }
};
StepFlops step_flops(const Hyperparameters& hyper, double edges_per_atom, bool tabulated);

}  // namespace equipot
