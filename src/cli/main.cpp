// The `equipot` command: one subcommand per user workflow (README.md, "What is here").
#include <exception>
#include <iostream>
#include <string>

#include "build_info.hpp"
#include "commands.hpp"

namespace {

constexpr const char* kUsage =
    "usage: equipot <command> [options]\n"
    "\n"
    "commands:\n"
    "  init CONFIG.yaml -o MODEL [--seed N]   write a randomly initialised model\n"
    "  info MODEL [--edges-per-atom E]        print a model's metadata, parameter count and FLOPs per atom-step\n"
    "  evaluate MODEL STRUCTURE.xyz [--frame K] [--reference]\n"
    "                                         energy, forces and stress of one structure with the\n"
    "                                         Kokkos engine (or the LibTorch reference)\n"
    "  train CONFIG.yaml [--resume]           train a model on extended XYZ data (docs/training.md)\n"
    "  eval MODEL DATA.xyz [--per-frame FILE] [--plots DIR]\n"
    "                                         energy, force and stress errors of a model on a data set\n"
    "  record-range MODEL DATA.xyz... -o OUTPUT\n"
    "                                         record the range of a model's training data in it\n"
    "                                         (shortest distances; the trainer does it itself)\n"
    "  version                                print the version and build configuration (also --version)\n"
    "  help                                   print this text (also --help, -h)\n";

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << kUsage;
    return 2;
  }
  const std::string command = argv[1];
  try {
    if (command == "version" || command == "--version") {
      std::cout << equipot::build_info();
      return 0;
    }
    if (command == "help" || command == "--help" || command == "-h") {
      std::cout << kUsage;
      return 0;
    }
    if (command == "init") return equipot::cli::init(argc - 2, argv + 2);
    if (command == "info") return equipot::cli::info(argc - 2, argv + 2);
    if (command == "evaluate") return equipot::cli::evaluate(argc - 2, argv + 2);
    if (command == "train") return equipot::cli::train(argc - 2, argv + 2);
    if (command == "eval") return equipot::cli::eval(argc - 2, argv + 2);
    if (command == "record-range") return equipot::cli::record_range(argc - 2, argv + 2);
  } catch (const std::exception& e) {
    std::cerr << "equipot " << command << ": error: " << e.what() << '\n';
    return 1;
  }
  std::cerr << "equipot: unknown command '" << command << "'\n\n" << kUsage;
  return 2;
}
