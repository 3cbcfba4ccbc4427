// Writes a copy of a model file with one metadata integer replaced, keeping everything else:
// the LAMMPS bad-input tests use it for values that no equipot writes (e.g. sizes beyond an int).
//
// usage: make_hostile_model MODEL OUT KEY VALUE
#include <fstream>
#include <iostream>
#include <string>

#include "model/model_file.hpp"
#include "model/torch_pickle/read_torch_pickle.hpp"
#include "model/torch_pickle/write_torch_pickle.hpp"

int main(int argc, char** argv) {
  using namespace equipot::torch_pickle;
  if (argc != 5) {
    std::cerr << "usage: make_hostile_model MODEL OUT KEY VALUE\n";
    return 2;
  }
  Document document = read_torch_pickle(equipot::read_file_bytes(argv[1]));
  const int metadata = document.find(document[document.root], "metadata");
  const int key = metadata < 0 ? -1 : document.find(document[metadata], argv[3]);
  if (key < 0 || document[key].kind != Kind::integer) {
    std::cerr << "make_hostile_model: " << argv[1] << " has no integer metadata '" << argv[3] << "'\n";
    return 1;
  }
  document.values[static_cast<size_t>(key)].integer = std::stoll(argv[4]);
  const std::vector<char> bytes = write_torch_pickle(document);
  std::ofstream out(argv[2], std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return out ? 0 : 1;
}
