// A build with EQUIPOT_ENABLE_TRAINING=OFF has no LibTorch: the commands that need it say so and
// how to get them, and everything else works.
#include <iostream>
#include <stdexcept>

#include "commands.hpp"
#include "libtorch_parts.hpp"

namespace equipot::cli {
namespace {

constexpr const char* how_to_enable = "reconfigure with -DEQUIPOT_ENABLE_TRAINING=ON and LibTorch installed";

}  // namespace

int train(int, char**) {
  std::cerr << "equipot train: this equipot was built without the trainer (EQUIPOT_ENABLE_TRAINING=OFF); "
            << how_to_enable << '\n';
  return 2;
}

Evaluation evaluate_with_reference(const Model&, const Structure&) {
  throw std::runtime_error(std::string("--reference needs the LibTorch reference model, and this equipot was built "
                                       "without it (EQUIPOT_ENABLE_TRAINING=OFF); ") +
                           how_to_enable);
}

std::string libtorch_version() { return "none (built with EQUIPOT_ENABLE_TRAINING=OFF)"; }

}  // namespace equipot::cli
