#include "model/torch_pickle/zip_archive.hpp"

#include "model/torch_pickle/crc32.hpp"
#include "model/torch_pickle/format_error.hpp"
#include "model/torch_pickle/little_endian.hpp"

namespace equipot::torch_pickle {
namespace {

// Record signatures and sizes (PKWARE APPNOTE 6.3, sections 4.3.7-4.3.16).
constexpr uint32_t kLocalHeader = 0x04034b50, kCentralHeader = 0x02014b50, kEnd = 0x06054b50,
                   kZip64End = 0x06064b50, kZip64Locator = 0x07064b50;
constexpr uint64_t kLocalHeaderSize = 30, kCentralHeaderSize = 46, kEndSize = 22, kZip64EndSize = 56,
                   kZip64LocatorSize = 20, kMaxComment = 65535;

// Little-endian fields of the bytes, each read only after its range was checked.
class Fields {
 public:
  explicit Fields(const std::vector<char>& bytes) : bytes_(bytes) {}
  uint64_t size() const { return bytes_.size(); }
  bool holds(uint64_t at, uint64_t count) const { return at <= size() && count <= size() - at; }
  uint64_t number(uint64_t at, int width) const {
    if (!holds(at, width)) throw FormatError("truncated: a zip record runs past the end of the file");
    return read_little_endian(bytes_.data() + at, width);
  }
  uint16_t u16(uint64_t at) const { return static_cast<uint16_t>(number(at, 2)); }
  uint32_t u32(uint64_t at) const { return static_cast<uint32_t>(number(at, 4)); }
  uint64_t u64(uint64_t at) const { return number(at, 8); }
  std::string text(uint64_t at, uint64_t count) const {
    if (!holds(at, count)) throw FormatError("truncated: a zip entry's name runs past the end of the file");
    return std::string(bytes_.data() + at, count);
  }

 private:
  const std::vector<char>& bytes_;
};

struct Directory {
  uint64_t entries = 0, size = 0, offset = 0, end = 0;  // end: where the end records begin
};

// The end-of-central-directory record runs to the end of the file (after at most a comment);
// when a field is saturated, the zip64 end record just before it has the real value.
Directory find_directory(const Fields& f) {
  if (f.size() < kEndSize) throw FormatError("too short for a zip archive");
  const uint64_t lowest = f.size() > kEndSize + kMaxComment ? f.size() - kEndSize - kMaxComment : 0;
  for (uint64_t at = f.size() - kEndSize + 1; at-- > lowest;) {
    if (f.u32(at) != kEnd || at + kEndSize + f.u16(at + 20) != f.size()) continue;
    Directory d{f.u16(at + 10), f.u32(at + 12), f.u32(at + 16), at};
    if (d.entries == 0xFFFF || d.size == 0xFFFFFFFF || d.offset == 0xFFFFFFFF) {
      if (at < kZip64LocatorSize || f.u32(at - kZip64LocatorSize) != kZip64Locator)
        throw FormatError("its zip64 directory record is missing");
      const uint64_t record = f.u64(at - kZip64LocatorSize + 8);
      if (!f.holds(record, kZip64EndSize) || f.u32(record) != kZip64End)
        throw FormatError("its zip64 directory record is damaged");
      d = Directory{f.u64(record + 32), f.u64(record + 40), f.u64(record + 48), record};
    }
    if (d.offset > d.end || d.size > d.end - d.offset)
      throw FormatError("its zip directory lies beyond the end of the file");
    if (d.entries > d.size / kCentralHeaderSize) throw FormatError("its zip directory is damaged");
    return d;
  }
  throw FormatError("no zip directory at its end");
}

// Replaces the saturated 32-bit sizes and offset of a central header by the 64-bit values of
// its zip64 extra field (tag 1), which holds only the saturated ones, in this order.
void apply_zip64_extra(const Fields& f, uint64_t extra, uint64_t extra_size, uint64_t& size,
                       uint64_t& compressed, uint64_t& offset) {
  for (uint64_t at = extra; at + 4 <= extra + extra_size;) {
    const uint16_t tag = f.u16(at), length = f.u16(at + 2);
    if (tag == 1) {
      uint64_t field = at + 4;
      for (uint64_t* value : {&size, &compressed, &offset}) {
        if (*value != 0xFFFFFFFF) continue;
        if (field + 8 > at + 4 + length) throw FormatError("a zip64 entry lacks its sizes");
        *value = f.u64(field);
        field += 8;
      }
      return;
    }
    at += 4 + uint64_t{length};
  }
  if (size == 0xFFFFFFFF || compressed == 0xFFFFFFFF || offset == 0xFFFFFFFF)
    throw FormatError("a zip64 entry lacks its sizes");
}

}  // namespace

ZipArchive::ZipArchive(const std::vector<char>& bytes) : bytes_(bytes) {
  const Fields f(bytes);
  const Directory directory = find_directory(f);
  uint64_t at = directory.offset;
  for (uint64_t i = 0; i < directory.entries; ++i) {
    if (at + kCentralHeaderSize > directory.offset + directory.size || f.u32(at) != kCentralHeader)
      throw FormatError("its zip directory is damaged");
    Entry entry;
    entry.method = f.u16(at + 10);
    entry.crc = f.u32(at + 16);
    uint64_t compressed = f.u32(at + 20);
    entry.size = f.u32(at + 24);
    const uint64_t name_size = f.u16(at + 28), extra_size = f.u16(at + 30), comment_size = f.u16(at + 32);
    uint64_t local = f.u32(at + 42);
    entry.name = f.text(at + kCentralHeaderSize, name_size);
    apply_zip64_extra(f, at + kCentralHeaderSize + name_size, extra_size, entry.size, compressed, local);
    if (entry.method == 0 && compressed != entry.size)
      throw FormatError("zip entry '" + entry.name + "' has two different sizes");
    if (!f.holds(local, kLocalHeaderSize) || f.u32(local) != kLocalHeader)
      throw FormatError("zip entry '" + entry.name + "' has no local header");
    entry.offset = local + kLocalHeaderSize + f.u16(local + 26) + f.u16(local + 28);
    if (!f.holds(entry.offset, compressed))
      throw FormatError("truncated: zip entry '" + entry.name + "' runs past the end of the file");
    entries_.push_back(std::move(entry));
    at += kCentralHeaderSize + name_size + extra_size + comment_size;
  }
}

const ZipArchive::Entry* ZipArchive::find(const std::string& name) const {
  for (const Entry& entry : entries_)
    if (entry.name == name) return &entry;
  return nullptr;
}

std::string_view ZipArchive::read(const Entry& entry) const {
  if (entry.method != 0)
    throw FormatError("zip entry '" + entry.name + "' is compressed (method " + std::to_string(entry.method) +
                      "); model files store their entries uncompressed");
  const char* data = bytes_.data() + entry.offset;
  if (crc32(data, entry.size) != entry.crc)
    throw FormatError("zip entry '" + entry.name + "' is damaged (its CRC-32 does not match)");
  return std::string_view(data, entry.size);
}

}  // namespace equipot::torch_pickle
