#include "train/error_table.hpp"

#include <cmath>
#include <cstdio>

namespace equipot {
namespace {

void row(std::ostream& out, const std::string& name, const std::string& unit, const ErrorSum& sum) {
  char text[160];
  if (sum.count == 0) {
    std::snprintf(text, sizeof text, "%-22s %-14s %10s %12s %12s\n", name.c_str(), unit.c_str(), "0", "-", "-");
  } else {
    std::snprintf(text, sizeof text, "%-22s %-14s %10ld %12.4e %12.4e\n", name.c_str(), unit.c_str(), sum.count,
                  sum.mae(), sum.rmse());
  }
  out << text;
}

}  // namespace

std::string energy_unit(const std::string& units) { return units == "real" ? "kcal/mol" : "eV"; }

void print_error_table(std::ostream& out, const ErrorStatistics& errors, const Hyperparameters& hyper) {
  const std::string e = energy_unit(hyper.units);
  char header[160];
  std::snprintf(header, sizeof header, "%-22s %-14s %10s %12s %12s\n", "quantity", "unit", "values", "MAE", "RMSE");
  out << header;
  row(out, "energy per atom", e + "/atom", errors.energy_per_atom);
  row(out, "force (all species)", e + "/A", errors.forces);
  for (int s = 0; s < hyper.num_species(); ++s)
    row(out, "force (" + hyper.species[s] + ")", e + "/A", errors.forces_by_species[s]);
  row(out, "stress", e + "/A^3", errors.stress);
}

}  // namespace equipot
