#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "data/extxyz_reader.hpp"
#include "data/frame.hpp"
#include "model/data_range.hpp"
#include "model/model_file.hpp"

namespace equipot::cli {

// For model files written before the trainer recorded the range (e.g. by an older equipot):
// the range of the data they were trained on, measured now and written into a copy.
int record_range(int argc, char** argv) {
  constexpr const char* usage = "usage: equipot record-range MODEL DATA.xyz [DATA.xyz ...] -o OUTPUT\n";
  std::string model_path, output;
  std::vector<std::string> data_paths;
  for (int k = 0; k < argc; ++k) {
    const std::string arg = argv[k];
    if (arg == "-o" && k + 1 < argc) {
      output = argv[++k];
    } else if (arg[0] != '-' && model_path.empty()) {
      model_path = arg;
    } else if (arg[0] != '-') {
      data_paths.push_back(arg);
    } else {
      std::cerr << "equipot record-range: unexpected argument '" << arg << "'\n" << usage;
      return 2;
    }
  }
  if (model_path.empty() || data_paths.empty() || output.empty()) {
    std::cerr << usage;
    return 2;
  }
  Model model = read_model_file(model_path);
  std::vector<Structure> structures;
  for (const auto& path : data_paths)
    for (const Frame& frame : read_extxyz(path)) structures.push_back(to_structure(frame, model.hyper.species));
  model.data_range = measure_data_range(structures, model.hyper.num_species(), model.hyper.r_cut);
  const std::string temporary = output + ".tmp";
  write_model_file(model, temporary);
  std::filesystem::rename(temporary, output);
  std::cout << "equipot record-range: " << structures.size() << " frames; wrote " << output << '\n';
  print_data_range(std::cout, model);
  return 0;
}

}  // namespace equipot::cli
