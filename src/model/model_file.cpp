// Reads and validates the model file without LibTorch (torch_pickle/read_torch_pickle.hpp).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <limits>

#include "core/file_type.hpp"
#include "model/model_error.hpp"
#include "model/model_file.hpp"
#include "model/torch_pickle/format_error.hpp"
#include "model/torch_pickle/read_torch_pickle.hpp"

namespace equipot {
namespace {

using torch_pickle::Document;
using torch_pickle::Kind;
using torch_pickle::Value;

// Typed access to one decoded dictionary, with errors that name the file and the key.
class DictReader {
 public:
  DictReader(const Document& document, const Value& dict, std::string where)
      : document_(document), dict_(dict), where_(std::move(where)) {}

  bool has(const std::string& key) const { return document_.find(dict_, key) >= 0; }
  const Value& get(const std::string& key) const {
    const int found = document_.find(dict_, key);
    if (found < 0) fail("'" + key + "' is missing");
    return document_[found];
  }
  std::string string(const std::string& key) const {
    const Value& v = get(key);
    if (v.kind != Kind::string) fail("'" + key + "' must be a string");
    return v.text;
  }
  int integer(const std::string& key) const {
    const Value& v = get(key);
    if (v.kind != Kind::integer) fail("'" + key + "' must be an integer");
    return narrow(key, v.integer);
  }
  double number(const std::string& key) const {
    const Value& v = get(key);
    if (v.kind == Kind::real) return v.real;
    if (v.kind == Kind::integer) return static_cast<double>(v.integer);
    fail("'" + key + "' must be a number");
  }
  std::vector<int> integers(const std::string& key) const {
    std::vector<int> out;
    for (int64_t x : integers64(key)) out.push_back(narrow(key, x));
    return out;
  }
  // Floats; integers are taken as the same number (a list written by Python may mix them).
  std::vector<double> numbers(const std::string& key) const {
    std::vector<double> out;
    for (const Value* item : list(key, "a list of floats")) {
      if (item->kind == Kind::real)
        out.push_back(item->real);
      else if (item->kind == Kind::integer)
        out.push_back(static_cast<double>(item->integer));
      else
        fail("'" + key + "' must be a list of floats");
    }
    return out;
  }
  std::vector<int64_t> integers64(const std::string& key) const {
    std::vector<int64_t> out;
    for (const Value* item : list(key, "a list of integers")) {
      if (item->kind != Kind::integer) fail("'" + key + "' must be a list of integers");
      out.push_back(item->integer);
    }
    return out;
  }
  std::vector<std::string> strings(const std::string& key) const {
    std::vector<std::string> out;
    for (const Value* item : list(key, "a list of strings")) {
      if (item->kind != Kind::string) fail("'" + key + "' must be a list of strings");
      out.push_back(item->text);
    }
    return out;
  }
  DictReader dict(const std::string& key, const std::string& where) const {
    const Value& v = get(key);
    if (v.kind != Kind::dict) fail("'" + key + "' must be a dictionary");
    return DictReader(document_, v, where);
  }
  // Calls f(name, value) for every entry, in the file's order.
  template <class F>
  void for_each(const F& f) const {
    for (size_t i = 0; i + 1 < dict_.items.size(); i += 2) {
      const Value& key = document_[dict_.items[i]];
      if (key.kind != Kind::string) fail("a weight name is not a string");
      f(key.text, document_[dict_.items[i + 1]]);
    }
  }
  const Document& document() const { return document_; }
  [[noreturn]] void fail(const std::string& problem) const { throw ModelError(where_ + ": " + problem); }

 private:
  std::vector<const Value*> list(const std::string& key, const char* what) const {
    const Value& v = get(key);
    if (v.kind != Kind::list) fail("'" + key + "' must be " + what);
    std::vector<const Value*> items;
    for (int index : v.items) items.push_back(&document_[index]);
    return items;
  }
  // The file stores 64-bit integers; a value that an int cannot hold is an error, not a
  // silently truncated size.
  int narrow(const std::string& key, int64_t value) const {
    if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max())
      fail("'" + key + "' holds " + std::to_string(value) + ", which does not fit in a 32-bit integer");
    return static_cast<int>(value);
  }

  const Document& document_;
  const Value& dict_;
  std::string where_;
};

Hyperparameters decode_metadata(const DictReader& meta) {
  Hyperparameters h;
  h.species = meta.strings("species");
  h.units = meta.string("units");
  h.r_cut = meta.number("r_cut");
  h.num_basis = meta.integer("num_basis");
  h.cutoff_p = meta.integer("cutoff_p");
  h.num_layers = meta.integer("num_layers");
  h.l_max = meta.integer("l_max");
  h.channels = meta.integer("channels");
  h.radial_hidden = meta.integers("radial_hidden");
  h.readout_hidden = meta.integer("readout_hidden");
  h.avg_num_neighbors = meta.number("avg_num_neighbors");
  return h;
}

DataRange decode_data_range(const DictReader& dict) {
  DataRange range;
  range.shortest = dict.numbers("shortest");
  range.atoms = dict.integers64("atoms");
  return range;
}

HostTensor decode_tensor(const Value& value, const std::string& name, const DictReader& weights) {
  if (value.kind != Kind::tensor) weights.fail("weight '" + name + "' is not a tensor");
  const torch_pickle::Tensor& tensor = weights.document().tensors[static_cast<size_t>(value.tensor)];
  if (tensor.dtype != "Double") weights.fail("weight '" + name + "' has dtype " + tensor.dtype + ", expected float64");
  return HostTensor{tensor.shape, tensor.values};
}

}  // namespace

std::vector<char> read_file_bytes(const std::string& path) {
  const std::string where = "model file '" + path + "'";
  // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then rejects it.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) throw ModelError("cannot open " + where + ": " + std::strerror(errno));
  struct FileCloser {
    int fd;
    ~FileCloser() { ::close(fd); }
  } closer{fd};
  struct stat info {};
  if (::fstat(fd, &info) != 0) throw ModelError("cannot read " + where + ": " + std::strerror(errno));
  const std::string irregular = core::irregular_file_problem(info.st_mode);
  if (!irregular.empty()) throw ModelError(where + " " + irregular);
  if (info.st_size > kMaxModelFileBytes)
    throw ModelError(where + " is " + std::to_string(info.st_size) + " bytes, more than the " +
                     std::to_string(kMaxModelFileBytes) + " a model file may have");
  std::vector<char> bytes(static_cast<size_t>(info.st_size));
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t got = ::read(fd, bytes.data() + done, bytes.size() - done);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) throw ModelError("error reading " + where + ": " + std::strerror(errno));
    if (got == 0) throw ModelError(where + " shrank while it was read");
    done += static_cast<size_t>(got);
  }
  return bytes;
}

Model decode_model(const std::vector<char>& bytes, const std::string& origin) {
  const std::string where = "model file '" + origin + "'";
  if (bytes.empty()) throw ModelError(where + " is empty");
  Document document;
  try {
    document = torch_pickle::read_torch_pickle(bytes);
  } catch (const torch_pickle::FormatError& e) {
    throw ModelError(where + " is not a readable torch pickle (truncated or another format): " + e.what());
  }
  const Value& root_value = document[document.root];
  if (root_value.kind != Kind::dict) throw ModelError(where + " is not an equipot model (no top-level dictionary)");
  const DictReader root(document, root_value, where);
  const std::string format = root.string("format");
  if (format != kModelFormat) root.fail("format is '" + format + "', expected '" + kModelFormat + "'");
  const int version = root.integer("format_version");
  if (version != kModelFormatVersion)
    root.fail("format version " + std::to_string(version) + " is not supported (this equipot reads version " +
              std::to_string(kModelFormatVersion) + ")");

  Model model;
  model.hyper = decode_metadata(root.dict("metadata", where + " metadata"));
  const DictReader weights = root.dict("weights", where);
  weights.for_each([&](const std::string& name, const Value& value) {
    model.weights[name] = decode_tensor(value, name, weights);
  });
  if (root.has("data_range")) model.data_range = decode_data_range(root.dict("data_range", where + " data_range"));
  try {
    validate(model);
  } catch (const ModelError& e) {
    throw ModelError(where + ": " + e.what());
  }
  return model;
}

Model read_model_file(const std::string& path) { return decode_model(read_file_bytes(path), path); }

}  // namespace equipot
