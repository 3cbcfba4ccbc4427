#pragma once
// What the engine's radial tables came to at model load (model/engine/radial_table.hpp), in a
// header free of Kokkos for the pair styles and the CLI, which print it.
#include <cstddef>
#include <string>
#include <vector>

namespace equipot {

// Per layer the intervals of its table and the errors measured against the exact map
// (model/engine/radial_table_build.hpp), and the tables' bytes on the device. tabulated is
// false when the engine runs the exact MLP, because it was asked to (requested false) or
// because a table missed the bound.
struct RadialTableReport {
  static constexpr double kBound = 1e-11;     // on value_error and slope_error of every layer
  static constexpr int kMaxIntervals = 2048;  // per layer: 2048 x 6 x (paths x channels) values
  bool requested = false, tabulated = false;
  std::vector<int> n_intervals;
  std::vector<double> value_error, slope_error;
  size_t table_bytes = 0;
};

// One line for a log: the intervals, the worst errors and the tables' bytes, or why the exact
// radial MLP runs.
std::string describe(const RadialTableReport& report);

}  // namespace equipot
