#include "train/labelled_data.hpp"

#include <cmath>

#include "data/data_error.hpp"

namespace equipot {

double cell_volume(const Structure& s) {
  if (!(s.pbc[0] && s.pbc[1] && s.pbc[2])) return 0.0;
  const auto& a = s.cell[0];
  const auto& b = s.cell[1];
  const auto& c = s.cell[2];
  return std::abs(a[0] * (b[1] * c[2] - b[2] * c[1]) - a[1] * (b[0] * c[2] - b[2] * c[0]) +
                  a[2] * (b[0] * c[1] - b[1] * c[0]));
}

LabelledStructure to_labelled(const Frame& frame, const std::vector<std::string>& species) {
  if (!frame.energy) throw DataError(frame.origin + ": no energy (training and evaluation need one per frame)");
  if (!frame.forces) throw DataError(frame.origin + ": no forces (training and evaluation need them on every atom)");
  LabelledStructure labelled;
  labelled.structure = to_structure(frame, species);
  labelled.energy = *frame.energy;
  labelled.forces = *frame.forces;
  labelled.origin = frame.origin;
  const double volume = cell_volume(labelled.structure);
  if (frame.virial && volume > 0) {
    std::array<double, 9> stress{};
    for (int k = 0; k < 9; ++k) stress[k] = -(*frame.virial)[k] / volume;
    labelled.stress = stress;
  }
  return labelled;
}

std::vector<LabelledStructure> read_labelled(const std::string& path, const std::vector<std::string>& species,
                                             const ExtxyzKeys& keys) {
  ExtxyzReader reader(path, keys);
  std::vector<LabelledStructure> data;
  Frame frame;
  while (reader.next(frame)) data.push_back(to_labelled(frame, species));
  if (data.empty()) throw DataError(path + ": no frames");
  return data;
}

}  // namespace equipot
