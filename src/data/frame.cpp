#include "data/frame.hpp"

#include <algorithm>

#include "data/data_error.hpp"

namespace equipot {

Structure to_structure(const Frame& frame, const std::vector<std::string>& species) {
  Structure s;
  s.positions = frame.positions;
  s.cell = frame.cell;
  s.pbc = frame.pbc;
  s.species.reserve(frame.symbols.size());
  for (size_t k = 0; k < frame.symbols.size(); ++k) {
    auto found = std::find(species.begin(), species.end(), frame.symbols[k]);
    if (found == species.end()) {
      std::string known;
      for (const auto& name : species) known += (known.empty() ? "" : " ") + name;
      throw DataError(frame.origin + ": atom " + std::to_string(k + 1) + " has species '" + frame.symbols[k] +
                      "', which the model does not have (model species: " + known + ")");
    }
    s.species.push_back(static_cast<int>(found - species.begin()));
  }
  return s;
}

}  // namespace equipot
