// libFuzzer target: the extended-XYZ reader, and the species mapping after it, on arbitrary
// bytes. They must return frames or throw DataError: no crash, no undefined behaviour (ASan,
// UBSan), no unbounded memory or time (libFuzzer's -rss_limit_mb and -timeout).
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "data/data_error.hpp"
#include "data/extxyz_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // One in-memory file for every input; the reader opens it by path from the start.
  static const int fd = memfd_create("equipot_fuzz_extxyz", 0);
  static const std::string path = "/proc/self/fd/" + std::to_string(fd);
  if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != static_cast<ssize_t>(size)) return 0;
  try {
    for (const equipot::Frame& frame : equipot::read_extxyz(path)) {
      try {
        equipot::to_structure(frame, {"Si", "O", "H"});
      } catch (const equipot::DataError&) {
      }
    }
  } catch (const equipot::DataError&) {
  }
  return 0;
}
