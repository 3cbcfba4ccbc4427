#pragma once
// Little-endian unsigned integers of 1-8 bytes, as zip records and pickle opcodes store them.
#include <cstdint>
#include <string>

namespace equipot::torch_pickle {

inline uint64_t read_little_endian(const char* bytes, int width) {
  uint64_t value = 0;
  for (int k = width - 1; k >= 0; --k) value = value << 8 | static_cast<unsigned char>(bytes[k]);
  return value;
}

inline void append_little_endian(std::string& out, uint64_t value, int width) {
  for (int k = 0; k < width; ++k) out.push_back(static_cast<char>(value >> (8 * k) & 0xFF));
}

}  // namespace equipot::torch_pickle
