// Writes a copy of a model file with one metadata integer replaced, keeping everything else:
// the LAMMPS bad-input tests use it for values that no equipot writes (e.g. sizes beyond an int).
//
// usage: make_hostile_model MODEL OUT KEY VALUE
#include <torch/serialize.h>
#include <torch/torch.h>

#include <fstream>
#include <iostream>
#include <string>

#include "model/model_file.hpp"

int main(int argc, char** argv) {
  if (argc != 5) {
    std::cerr << "usage: make_hostile_model MODEL OUT KEY VALUE\n";
    return 2;
  }
  c10::IValue root = torch::pickle_load(equipot::read_file_bytes(argv[1]));
  root.toGenericDict().at("metadata").toGenericDict().insert_or_assign(argv[3], int64_t{std::stoll(argv[4])});
  const std::vector<char> bytes = torch::pickle_save(root);
  std::ofstream out(argv[2], std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return out ? 0 : 1;
}
