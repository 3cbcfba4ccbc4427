// libFuzzer target: the unpickler and the torch objects it builds (tensors from storages), on
// arbitrary bytes as data.pkl, every storage key given the same 4 kB of doubles. It must
// return a document or throw FormatError: no crash, no undefined behaviour, bounded memory.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/torch_pickle/format_error.hpp"
#include "model/torch_pickle/unpickler.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::vector<double> storage(512, 0.5);
  const std::string_view pickle(reinterpret_cast<const char*>(data), size);
  try {
    equipot::torch_pickle::unpickle(pickle, [](const std::string&) {
      return std::string_view(reinterpret_cast<const char*>(storage.data()), storage.size() * sizeof(double));
    });
  } catch (const equipot::torch_pickle::FormatError&) {
  }
  return 0;
}
