// libFuzzer target: the model file's torch-pickle reader on arbitrary bytes (the zip archive,
// its CRC checks, then the pickle). It must return a document or throw FormatError: no crash,
// no undefined behaviour (ASan, UBSan), no unbounded memory or time. Mutations of a valid
// file mostly stop at a CRC check; fuzz_unpickler.cpp covers the pickle behind it.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "model/torch_pickle/format_error.hpp"
#include "model/torch_pickle/read_torch_pickle.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::vector<char> bytes(data, data + size);
  try {
    equipot::torch_pickle::read_torch_pickle(bytes);
  } catch (const equipot::torch_pickle::FormatError&) {
  }
  return 0;
}
