// The `equipot` command: one subcommand per user workflow (design.md section 1).
#include <cstring>
#include <iostream>

#include "build_info.hpp"

namespace {

constexpr const char* kUsage =
    "usage: equipot <command> [options]\n"
    "\n"
    "commands:\n"
    "  version     print the version and build configuration (also --version)\n"
    "  help        print this text (also --help, -h)\n";

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << kUsage;
    return 2;
  }
  const char* command = argv[1];
  if (!std::strcmp(command, "version") || !std::strcmp(command, "--version")) {
    std::cout << equipot::build_info();
    return 0;
  }
  if (!std::strcmp(command, "help") || !std::strcmp(command, "--help") || !std::strcmp(command, "-h")) {
    std::cout << kUsage;
    return 0;
  }
  std::cerr << "equipot: unknown command '" << command << "'\n\n" << kUsage;
  return 2;
}
