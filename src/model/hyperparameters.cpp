#include "model/hyperparameters.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/clebsch_gordan.hpp"
#include "core/irreps.hpp"
#include "model/model_error.hpp"

namespace equipot {

int Hyperparameters::num_paths() const {
  int count = 0;
  for (int l_in = 0; l_in <= l_max; ++l_in)
    for (int l_f = 0; l_f <= l_max; ++l_f)
      for (int l_out = 0; l_out <= l_max; ++l_out) count += core::satisfies_triangle(l_in, l_f, l_out);
  return count;
}

const std::vector<std::string>& known_units() {
  static const std::vector<std::string> units{"metal", "real"};
  return units;
}

namespace {

void require(bool ok, const std::string& message) {
  if (!ok) throw ModelError(message);
}

std::string str(int v) { return std::to_string(v); }

}  // namespace

void validate(const Hyperparameters& h) {
  require(!h.species.empty(), "species: the model needs at least one species");
  std::set<std::string> seen;
  for (const auto& name : h.species) {
    require(!name.empty() && name.find_first_of(" \t\n") == std::string::npos,
            "species: name '" + name + "' must be non-empty and contain no whitespace");
    require(name != "NULL", "species: 'NULL' is reserved by pair_coeff for unmapped types");
    require(seen.insert(name).second, "species: '" + name + "' is listed twice");
  }
  const auto& units = known_units();
  require(std::find(units.begin(), units.end(), h.units) != units.end(),
          "units: unknown units '" + h.units + "' (known: metal, real)");
  require(std::isfinite(h.r_cut) && h.r_cut > 0, "r_cut: must be a positive number");
  require(h.num_basis >= 1 && h.num_basis <= 64, "num_basis: " + str(h.num_basis) + " is outside 1..64");
  require(h.cutoff_p >= 2 && h.cutoff_p <= 12, "cutoff_p: " + str(h.cutoff_p) + " is outside 2..12");
  require(h.num_layers >= 1 && h.num_layers <= 8, "num_layers: " + str(h.num_layers) + " is outside 1..8");
  require(h.l_max >= 0 && h.l_max <= core::kMaxL,
          "l_max: " + str(h.l_max) + " is outside 0.." + str(core::kMaxL));
  require(h.channels >= 1 && h.channels <= 1024, "channels: " + str(h.channels) + " is outside 1..1024");
  for (int width : h.radial_hidden)
    require(width >= 1 && width <= 4096, "radial_hidden: width " + str(width) + " is outside 1..4096");
  require(h.readout_hidden >= 1 && h.readout_hidden <= 4096,
          "readout_hidden: " + str(h.readout_hidden) + " is outside 1..4096");
  require(std::isfinite(h.avg_num_neighbors) && h.avg_num_neighbors > 0,
          "avg_num_neighbors: must be a positive number");
}

}  // namespace equipot
