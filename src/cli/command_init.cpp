#include <cstdint>
#include <iostream>
#include <string>

#include "commands.hpp"
#include "config/model_config.hpp"
#include "model/initialise.hpp"
#include "model/model_file.hpp"
#include "model/parameter_layout.hpp"

namespace equipot::cli {

int init(int argc, char** argv) {
  constexpr const char* usage = "usage: equipot init CONFIG.yaml -o MODEL [--seed N]\n";
  std::string config, output;
  uint64_t seed = 0;
  for (int k = 0; k < argc; ++k) {
    const std::string arg = argv[k];
    if ((arg == "-o" || arg == "--output") && k + 1 < argc) {
      output = argv[++k];
    } else if (arg == "--seed" && k + 1 < argc) {
      const std::string value = argv[++k];
      if (value.empty() || value.find_first_not_of("0123456789") != std::string::npos) {
        std::cerr << "equipot init: --seed expects a non-negative integer, got '" << value << "'\n";
        return 2;
      }
      seed = std::stoull(value);
    } else if (config.empty() && arg[0] != '-') {
      config = arg;
    } else {
      std::cerr << "equipot init: unexpected argument '" << arg << "'\n" << usage;
      return 2;
    }
  }
  if (config.empty() || output.empty()) {
    std::cerr << usage;
    return 2;
  }
  const Model model = initialise_model(read_model_config(config), seed);
  write_model_file(model, output);
  int64_t count = 0;
  for (const auto& spec : parameter_layout(model.hyper)) count += spec.numel();
  std::cout << "equipot init: wrote " << output << " (" << count << " parameters, seed " << seed << ")\n";
  return 0;
}

}  // namespace equipot::cli
