#pragma once
// CRC-32 as zip archives use it (polynomial 0xEDB88320, reflected, initial and final XOR
// 0xFFFFFFFF): each entry's checksum is kept in the archive's directory.
#include <array>
#include <cstddef>
#include <cstdint>

namespace equipot::torch_pickle {

inline uint32_t crc32(const char* data, size_t size) {
  static const std::array<uint32_t, 256> table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  uint32_t crc = 0xFFFFFFFFu;
  for (size_t i = 0; i < size; ++i) crc = table[(crc ^ static_cast<unsigned char>(data[i])) & 0xFF] ^ (crc >> 8);
  return crc ^ 0xFFFFFFFFu;
}

}  // namespace equipot::torch_pickle
