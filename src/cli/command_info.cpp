#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include "commands.hpp"
#include "model/model_file.hpp"
#include "model/parameter_layout.hpp"
#include "model/step_flops.hpp"

namespace equipot::cli {

namespace {

// One step's FLOPs per atom (model/step_flops.hpp), in MFLOP with the parts.
std::string describe(const StepFlops& flops) {
  char text[160];
  std::snprintf(text, sizeof text, "%.2f MFLOP (radial %.2f, message %.2f, linears %.2f)", flops.total() * 1e-6,
                flops.radial * 1e-6, flops.message * 1e-6, flops.linears * 1e-6);
  return text;
}

}  // namespace

int info(int argc, char** argv) {
  const char* usage = "usage: equipot info MODEL [--edges-per-atom E]\n";
  double edges_per_atom = -1;
  if (argc == 3 && std::string(argv[1]) == "--edges-per-atom") {
    char* end = nullptr;
    edges_per_atom = std::strtod(argv[2], &end);
    if (*end != '\0' || !(edges_per_atom > 0)) {
      std::cerr << "equipot info: --edges-per-atom must be a positive number, got '" << argv[2] << "'\n";
      return 2;
    }
  } else if (argc != 1) {
    std::cerr << usage;
    return 2;
  }
  const std::string path = argv[0];
  const Model model = read_model_file(path);
  const Hyperparameters& h = model.hyper;
  std::cout << "model file:        " << path << " (" << kModelFormat << " v" << kModelFormatVersion << ")\n";
  std::cout << "species:          ";
  for (const auto& s : h.species) std::cout << ' ' << s;
  std::cout << "\nunits:             " << h.units << '\n'
            << "r_cut:             " << h.r_cut << '\n'
            << "num_basis:         " << h.num_basis << " (cutoff_p " << h.cutoff_p << ")\n"
            << "num_layers:        " << h.num_layers << '\n'
            << "l_max:             " << h.l_max << " (" << h.num_paths() << " paths per layer)\n"
            << "channels:          " << h.channels << '\n'
            << "radial_hidden:    ";
  for (int w : h.radial_hidden) std::cout << ' ' << w;
  std::cout << "\nreadout_hidden:    " << h.readout_hidden << '\n'
            << "avg_num_neighbors: " << h.avg_num_neighbors << '\n';
  int64_t count = 0;
  for (const auto& spec : parameter_layout(h)) count += spec.numel();
  std::cout << "parameters:        " << count << '\n';
  print_data_range(std::cout, model);
  // The cost of a step at the given neighbour count, or at the training data's average.
  if (edges_per_atom < 0) edges_per_atom = h.avg_num_neighbors;
  std::cout << "step cost:         per atom-step at " << edges_per_atom << " edges per atom, forward and backward:\n"
            << "                   radial tables    " << describe(step_flops(h, edges_per_atom, true)) << '\n'
            << "                   exact radial MLP " << describe(step_flops(h, edges_per_atom, false)) << '\n';
  return 0;
}

void print_data_range(std::ostream& out, const Model& model) {
  const DataRange& range = model.data_range;
  if (!range.recorded()) {
    out << "data range:        not recorded (pair styles cannot warn outside it; equipot record-range)\n";
    return;
  }
  const auto& species = model.hyper.species;
  const int S = model.hyper.num_species();
  out << "data range:        atoms";
  for (int a = 0; a < S; ++a) out << ' ' << species[a] << ' ' << range.atoms[a];
  out << "\n                   shortest distance (A)";
  for (int a = 0; a < S; ++a)
    for (int b = a; b < S; ++b) out << ' ' << species[a] << '-' << species[b] << ' ' << range.shortest_between(a, b, S);
  out << '\n';
}

}  // namespace equipot::cli
