#include "model/radial_table_report.hpp"

#include <algorithm>
#include <cstdio>

namespace equipot {

namespace {

std::string format(const char* pattern, double value) {
  char text[64];
  std::snprintf(text, sizeof text, pattern, value);
  return text;
}

}  // namespace

std::string describe(const RadialTableReport& report) {
  if (!report.requested) return "radial MLP evaluated exactly on every edge";
  const double value = *std::max_element(report.value_error.begin(), report.value_error.end());
  const double slope = *std::max_element(report.slope_error.begin(), report.slope_error.end());
  const std::string errors = "worst error of w " + format("%.1e", value) + ", of dw/dd " + format("%.1e", slope) +
                             " (relative to their largest values; bound " + format("%.0e", RadialTableReport::kBound) +
                             ")";
  if (!report.tabulated)
    return "radial tables miss their bound with " + std::to_string(RadialTableReport::kMaxIntervals) +
           " intervals (" + errors + "): the exact radial MLP runs";
  std::string intervals;
  for (size_t t = 0; t < report.n_intervals.size(); ++t)
    intervals += (t ? ", " : "") + std::to_string(report.n_intervals[t]);
  return "radial tables of " + intervals + " intervals per layer, " + errors + ", " +
         format("%.1f", report.table_bytes / 1048576.0) + " MiB";
}

}  // namespace equipot
