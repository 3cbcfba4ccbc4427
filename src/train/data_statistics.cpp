#include "train/data_statistics.hpp"

#include <torch/torch.h>

#include <cmath>

#include "model/neighbor_graph.hpp"

namespace equipot {

std::vector<double> fit_energy_shifts(const std::vector<LabelledStructure>& data, int num_species) {
  const auto n_frames = static_cast<int64_t>(data.size());
  auto counts = torch::zeros({n_frames, num_species}, torch::kDouble);
  auto energies = torch::zeros({n_frames, 1}, torch::kDouble);
  auto c = counts.accessor<double, 2>();
  auto e = energies.accessor<double, 2>();
  for (int64_t f = 0; f < n_frames; ++f) {
    for (int s : data[f].structure.species) c[f][s] += 1.0;
    e[f][0] = data[f].energy;
  }
  // gelsd: SVD based, so collinear counts (e.g. always H2O) get the minimum-norm shifts.
  const auto solution = std::get<0>(torch::linalg_lstsq(counts, energies, c10::nullopt, "gelsd")).contiguous();
  return std::vector<double>(solution.data_ptr<double>(), solution.data_ptr<double>() + num_species);
}

double average_num_neighbors(const std::vector<LabelledStructure>& data, double r_cut) {
  double edges = 0, atoms = 0;
  for (const auto& item : data) {
    const NeighborGraph graph = build_neighbor_graph(item.structure, r_cut);
    edges += graph.num_edges();
    atoms += graph.n_local;
  }
  return atoms > 0 && edges > 0 ? edges / atoms : 1.0;
}

double force_rms(const std::vector<LabelledStructure>& data) {
  double sum = 0;
  long count = 0;
  for (const auto& item : data)
    for (const auto& f : item.forces) {
      sum += f[0] * f[0] + f[1] * f[1] + f[2] * f[2];
      count += 3;
    }
  return sum > 0 ? std::sqrt(sum / count) : 1.0;
}

}  // namespace equipot
