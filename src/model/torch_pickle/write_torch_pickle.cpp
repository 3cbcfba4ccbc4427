#include "model/torch_pickle/write_torch_pickle.hpp"

#include <cstdint>
#include <cstring>
#include <limits>

#include "model/torch_pickle/crc32.hpp"
#include "model/torch_pickle/format_error.hpp"
#include "model/torch_pickle/little_endian.hpp"

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "storages are written as the host's doubles: little-endian");

namespace equipot::torch_pickle {
namespace {

// Pickle protocol 2, as CPython's pickler writes these values (without a memo: nothing is shared).
class Pickler {
 public:
  explicit Pickler(const Document& d) : d_(d) {}

  std::string run() {
    out_ = "\x80\x02";
    value(d_[d_.root]);
    out_ += '.';
    return out_;
  }

 private:
  void value(const Value& v) {
    switch (v.kind) {
      case Kind::none: out_ += 'N'; return;
      case Kind::boolean: out_ += v.integer ? '\x88' : '\x89'; return;
      case Kind::integer: integer(v.integer); return;
      case Kind::real: {
        uint64_t bits;
        std::memcpy(&bits, &v.real, sizeof bits);
        out_ += 'G';
        for (int k = 7; k >= 0; --k) out_.push_back(static_cast<char>(bits >> (8 * k) & 0xFF));
        return;
      }
      case Kind::string: text(v.text); return;
      case Kind::list: out_ += ']'; items(v, 'e'); return;
      case Kind::dict: out_ += '}'; items(v, 'u'); return;
      case Kind::tensor: tensor(v.tensor); return;
      default: throw FormatError(std::string("the writer has no pickle for ") + describe(v.kind));
    }
  }
  void items(const Value& v, char op) {
    if (v.items.empty()) return;
    out_ += '(';
    for (int item : v.items) value(d_[item]);
    out_ += op;
  }
  void integer(int64_t x) {
    if (x >= 0 && x < 256) {
      out_ += 'K';
      append_little_endian(out_, static_cast<uint64_t>(x), 1);
    } else if (x >= 0 && x < 65536) {
      out_ += 'M';
      append_little_endian(out_, static_cast<uint64_t>(x), 2);
    } else if (x >= std::numeric_limits<int32_t>::min() && x <= std::numeric_limits<int32_t>::max()) {
      out_ += 'J';
      append_little_endian(out_, static_cast<uint32_t>(static_cast<int32_t>(x)), 4);
    } else {
      out_ += "\x8a\x08";  // LONG1 of 8 bytes, two's complement
      append_little_endian(out_, static_cast<uint64_t>(x), 8);
    }
  }
  void text(const std::string& s) {
    out_ += 'X';
    append_little_endian(out_, s.size(), 4);
    out_ += s;
  }
  void integers_tuple(const std::vector<int64_t>& xs) {
    out_ += '(';
    for (int64_t x : xs) integer(x);
    out_ += 't';
  }
  // _rebuild_tensor_v2((storage persistent id), offset 0, shape, row-major strides, False, OrderedDict()).
  // The storage's key is the tensor's index: its data is entry data/<index>.
  void tensor(int index) {
    const Tensor& t = d_.tensors[static_cast<size_t>(index)];
    int64_t count = 1;
    for (int64_t n : t.shape) count *= n;
    if (count != static_cast<int64_t>(t.values.size()))
      throw FormatError("a tensor whose shape does not match its " + std::to_string(t.values.size()) + " values");
    std::vector<int64_t> stride(t.shape.size(), 1);
    for (size_t k = t.shape.size(); k-- > 1;) stride[k - 1] = stride[k] * t.shape[k];
    out_ += "ctorch._utils\n_rebuild_tensor_v2\n((";
    text("storage");
    out_ += "ctorch\nDoubleStorage\n";
    text(std::to_string(index));
    text("cpu");
    integer(count);
    out_ += "tQ";
    integer(0);
    integers_tuple(t.shape);
    integers_tuple(stride);
    out_ += "\x89" "ccollections\nOrderedDict\n)RtR";
  }

  const Document& d_;
  std::string out_;
};

// A zip archive of stored entries with real sizes and CRC-32 in the local headers.
class ZipWriter {
 public:
  void add(const std::string& name, const std::string& data) {
    // Pads the local header's extra field so that the data starts at a multiple of 64.
    constexpr size_t kAlign = 64, kHeader = 30, kExtraHeader = 4;
    const size_t padding = (kAlign - (out_.size() + kHeader + name.size() + kExtraHeader) % kAlign) % kAlign;
    const uint32_t crc = crc32(data.data(), data.size());
    const size_t offset = out_.size();
    header(out_, 0x04034b50, crc, data.size(), name, kExtraHeader + padding);
    append_little_endian(out_, 0xFB46, 2);  // "FB": the tag torch.save uses for its padding
    append_little_endian(out_, padding, 2);
    out_.append(padding, 'Z');
    out_ += data;
    header(central_, 0x02014b50, crc, data.size(), name, 0, static_cast<int64_t>(offset));
    ++count_;
  }
  std::vector<char> finish() {
    const size_t directory = out_.size();
    out_ += central_;
    if (out_.size() > std::numeric_limits<uint32_t>::max())
      throw FormatError("a model file over 4 GiB (the writer does not write zip64)");
    append_little_endian(out_, 0x06054b50, 4);
    append_little_endian(out_, 0, 4);  // this disk, the directory's disk
    append_little_endian(out_, count_, 2);
    append_little_endian(out_, count_, 2);
    append_little_endian(out_, central_.size(), 4);
    append_little_endian(out_, directory, 4);
    append_little_endian(out_, 0, 2);  // comment length
    return std::vector<char>(out_.begin(), out_.end());
  }

 private:
  // A local header (offset < 0) or a central directory header.
  static void header(std::string& out, uint32_t signature, uint32_t crc, size_t size, const std::string& name,
                     size_t extra, int64_t offset = -1) {
    const bool central = offset >= 0;
    append_little_endian(out, signature, 4);
    if (central) append_little_endian(out, 20, 2);  // made by: version 2.0
    append_little_endian(out, 20, 2);               // needed to extract: 2.0
    append_little_endian(out, 0, 2);                // flags
    append_little_endian(out, 0, 2);                // method: stored
    append_little_endian(out, 0, 4);                // time and date
    append_little_endian(out, crc, 4);
    append_little_endian(out, size, 4);
    append_little_endian(out, size, 4);
    append_little_endian(out, name.size(), 2);
    append_little_endian(out, extra, 2);
    if (central) {
      append_little_endian(out, 0, 2);  // comment length
      append_little_endian(out, 0, 2);  // disk
      append_little_endian(out, 0, 2);  // internal attributes
      append_little_endian(out, 0, 4);  // external attributes
      append_little_endian(out, static_cast<uint64_t>(offset), 4);
    }
    out += name;
  }

  std::string out_, central_;
  size_t count_ = 0;
};

}  // namespace

std::vector<char> write_torch_pickle(const Document& document, const std::string& folder) {
  ZipWriter zip;
  zip.add(folder + "/data.pkl", Pickler(document).run());
  for (size_t k = 0; k < document.tensors.size(); ++k) {
    const std::vector<double>& values = document.tensors[k].values;
    zip.add(folder + "/data/" + std::to_string(k),
            std::string(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(double)));
  }
  zip.add(folder + "/version", "3\n");
  return zip.finish();
}

int DocumentBuilder::scalar(Kind kind, int64_t integer, double real, std::string text) {
  Value v;
  v.kind = kind;
  v.integer = integer;
  v.real = real;
  v.text = std::move(text);
  return document_.add(std::move(v));
}
int DocumentBuilder::none() { return scalar(Kind::none); }
int DocumentBuilder::boolean(bool value) { return scalar(Kind::boolean, value); }
int DocumentBuilder::integer(int64_t value) { return scalar(Kind::integer, value); }
int DocumentBuilder::real(double value) { return scalar(Kind::real, 0, value); }
int DocumentBuilder::string(const std::string& value) { return scalar(Kind::string, 0, 0, value); }
int DocumentBuilder::list(std::vector<int> items) {
  const int index = scalar(Kind::list);
  document_.values[static_cast<size_t>(index)].items = std::move(items);
  return index;
}
int DocumentBuilder::dict() { return scalar(Kind::dict); }
void DocumentBuilder::insert(int dict, const std::string& key, int value) {
  const int k = string(key);
  auto& items = document_.values[static_cast<size_t>(dict)].items;
  items.push_back(k);
  items.push_back(value);
}
int DocumentBuilder::tensor(std::vector<int64_t> shape, std::vector<double> values) {
  return document_.add(Tensor{"Double", std::move(shape), std::move(values)});
}
Document DocumentBuilder::take(int root) {
  document_.root = root;
  return std::move(document_);
}

}  // namespace equipot::torch_pickle
