#pragma once
// Host side of the radial tables (radial_table.hpp): the exact radial map of one layer, w(d)
// with dw/dd and d^2w/dd^2 carried forward through the MLP, its tabulation on equally spaced
// nodes, and the tabulation's error, measured against the exact map at every interval's
// midpoint (docs/engine.md, "Radial tables").
#include <vector>

#include "model/engine/device_weights.hpp"
#include "model/hyperparameters.hpp"

namespace equipot::engine {

// w(d) = a_K radial_{K+1}, a_0 = basis(d), a_k = SiLU(a_{k-1} radial_k): the radial MLP stage's
// map of one layer (radial_mlp_stage.hpp), in double.
class ExactRadialMap {
 public:
  ExactRadialMap(const Hyperparameters& hyper, std::vector<FoldedMatrix> matrices);

  int outputs() const { return matrices_.back().fan_out; }
  double r_cut() const { return r_cut_; }
  // w, dw/dd and d^2w/dd^2 at d, outputs() values each.
  void evaluate(double d, double* w, double* dw, double* d2w) const;

 private:
  double r_cut_;
  int n_basis_, cutoff_p_;
  std::vector<FoldedMatrix> matrices_;
};

// One layer's table: coefficients (interval, k, output), p(t) = sum_k c_k t^k on interval n,
// d = (n + t) h, h = r_cut / n_intervals (core/quintic_hermite.hpp), from the exact w, dw/dd
// and d^2w/dd^2 at the nodes. value_error (slope_error) is the largest |table - exact| of w
// (of dw/dd) over the midpoints and outputs, divided by the largest |w| (|dw/dd|) over the
// nodes and outputs.
struct HostRadialTable {
  int n_intervals = 0, n_outputs = 0;
  double spacing = 0;
  std::vector<double> coefficients;
  double value_error = 0, slope_error = 0;

  bool within(double bound) const { return value_error <= bound && slope_error <= bound; }
};

HostRadialTable tabulate(const ExactRadialMap& map, int n_intervals);

// The coarsest table of 64 * 2^k intervals (up to max_intervals) whose value and slope errors
// are both at most bound; the finest one tried when none is (its errors say so).
HostRadialTable tabulate_within(const ExactRadialMap& map, double bound, int max_intervals);

}  // namespace equipot::engine
