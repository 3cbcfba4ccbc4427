#include <Kokkos_Core.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "commands.hpp"
#include "model/model_file.hpp"
#include "train/dataset_evaluation.hpp"
#include "train/error_table.hpp"
#include "train/plots.hpp"

namespace equipot::cli {

int eval(int argc, char** argv) {
  constexpr const char* usage =
      "usage: equipot eval MODEL DATA.xyz [--per-frame FILE] [--plots DIR] [--radial table|exact]\n";
  std::string model_path, data_path, per_frame_path, plots_dir;
  RadialEvaluation radial = RadialEvaluation::table;
  for (int k = 0; k < argc; ++k) {
    const std::string arg = argv[k];
    if (arg == "--radial" && k + 1 < argc) {
      if (!parse_radial(argv[++k], radial)) {
        std::cerr << "equipot eval: --radial must be 'table' or 'exact', got '" << argv[k] << "'\n";
        return 2;
      }
    } else if (arg == "--per-frame" && k + 1 < argc) {
      per_frame_path = argv[++k];
    } else if (arg == "--plots" && k + 1 < argc) {
      plots_dir = argv[++k];
    } else if (arg[0] != '-' && model_path.empty()) {
      model_path = arg;
    } else if (arg[0] != '-' && data_path.empty()) {
      data_path = arg;
    } else {
      std::cerr << "equipot eval: unexpected argument '" << arg << "'\n" << usage;
      return 2;
    }
  }
  if (model_path.empty() || data_path.empty()) {
    std::cerr << usage;
    return 2;
  }
  const Model model = read_model_file(model_path);
  std::ofstream per_frame;
  if (!per_frame_path.empty()) {
    per_frame.open(per_frame_path);
    if (!per_frame) throw std::runtime_error("cannot write '" + per_frame_path + "'");
  }

  Kokkos::ScopeGuard kokkos;
  const DatasetEvaluation result =
      evaluate_dataset(model, data_path, per_frame_path.empty() ? nullptr : &per_frame, {}, radial);
  std::cout << "equipot eval: " << model_path << " on " << data_path << " (" << result.frames
            << " frames, Kokkos engine; " << result.radial << ")\n";
  print_error_table(std::cout, result.errors, model.hyper);
  if (!plots_dir.empty()) {
    std::filesystem::create_directories(plots_dir);
    const std::string e = energy_unit(model.hyper.units);
    plot_parity(result.energy_per_atom, (std::filesystem::path(plots_dir) / "energy_parity.png").string(),
                "energy per atom (" + e + "/atom)", std::cerr);
    plot_parity(result.forces, (std::filesystem::path(plots_dir) / "force_parity.png").string(),
                "force component (" + e + "/A)", std::cerr);
  }
  return 0;
}

}  // namespace equipot::cli
