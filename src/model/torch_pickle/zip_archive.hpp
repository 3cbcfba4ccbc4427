#pragma once
// The zip archive a torch pickle is, read from bytes in memory. torch.save and LibTorch's
// pickle_save store every entry uncompressed (method 0) behind one directory named after the
// file ("archive/" from C++, "model/" for a model.pt saved by Python), with sizes and CRC-32
// in the central directory (the local headers hold zeros: flag bit 3) and, from LibTorch 1.13
// on, a zip64 end record as well. Anything else is a FormatError that says what is wrong.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace equipot::torch_pickle {

class ZipArchive {
 public:
  struct Entry {
    std::string name;
    uint64_t offset = 0;  // of the entry's data in the bytes
    uint64_t size = 0;
    uint32_t crc = 0;
    uint16_t method = 0;
  };

  // Reads the directory; bytes must outlive the archive.
  explicit ZipArchive(const std::vector<char>& bytes);

  const std::vector<Entry>& entries() const { return entries_; }
  // The entry called name, or nullptr.
  const Entry* find(const std::string& name) const;
  // The entry's data, its CRC-32 checked; FormatError for a compressed or damaged entry.
  std::string_view read(const Entry& entry) const;

 private:
  const std::vector<char>& bytes_;
  std::vector<Entry> entries_;
};

}  // namespace equipot::torch_pickle
