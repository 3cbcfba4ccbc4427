#include "model/model_file.hpp"

#include <torch/serialize.h>
#include <torch/torch.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <limits>

#include "core/file_type.hpp"
#include "model/model_error.hpp"

namespace equipot {
namespace {

using Dict = c10::impl::GenericDict;

Dict new_dict() { return Dict(c10::StringType::get(), c10::AnyType::get()); }

Dict encode_metadata(const Hyperparameters& h) {
  Dict meta = new_dict();
  c10::List<std::string> species;
  for (const auto& s : h.species) species.push_back(s);
  c10::List<int64_t> radial_hidden;
  for (int w : h.radial_hidden) radial_hidden.push_back(w);
  meta.insert("species", species);
  meta.insert("units", h.units);
  meta.insert("r_cut", h.r_cut);
  meta.insert("num_basis", int64_t{h.num_basis});
  meta.insert("cutoff_p", int64_t{h.cutoff_p});
  meta.insert("num_layers", int64_t{h.num_layers});
  meta.insert("l_max", int64_t{h.l_max});
  meta.insert("channels", int64_t{h.channels});
  meta.insert("radial_hidden", radial_hidden);
  meta.insert("readout_hidden", int64_t{h.readout_hidden});
  meta.insert("avg_num_neighbors", h.avg_num_neighbors);
  meta.insert("written_by", std::string("equipot ") + EQUIPOT_VERSION);
  return meta;
}

// Typed access to one decoded dictionary, with errors that name the file and the key.
class DictReader {
 public:
  DictReader(Dict dict, std::string where) : dict_(std::move(dict)), where_(std::move(where)) {}

  bool has(const std::string& key) const { return dict_.find(key) != dict_.end(); }
  const c10::IValue& get(const std::string& key) const {
    auto found = dict_.find(key);
    if (found == dict_.end()) fail("'" + key + "' is missing");
    return found->value();
  }
  std::string string(const std::string& key) const {
    const auto& v = get(key);
    if (!v.isString()) fail("'" + key + "' must be a string");
    return v.toStringRef();
  }
  int integer(const std::string& key) const {
    const auto& v = get(key);
    if (!v.isInt()) fail("'" + key + "' must be an integer");
    return narrow(key, v.toInt());
  }
  double number(const std::string& key) const {
    const auto& v = get(key);
    if (v.isDouble()) return v.toDouble();
    if (v.isInt()) return static_cast<double>(v.toInt());
    fail("'" + key + "' must be a number");
  }
  std::vector<int> integers(const std::string& key) const {
    const auto& v = get(key);
    if (!v.isIntList()) fail("'" + key + "' must be a list of integers");
    std::vector<int> out;
    for (int64_t x : v.toIntVector()) out.push_back(narrow(key, x));
    return out;
  }
  std::vector<double> numbers(const std::string& key) const {
    const auto& v = get(key);
    if (!v.isDoubleList()) fail("'" + key + "' must be a list of floats");
    return v.toDoubleVector();
  }
  std::vector<int64_t> integers64(const std::string& key) const {
    const auto& v = get(key);
    if (!v.isIntList()) fail("'" + key + "' must be a list of integers");
    return v.toIntVector();
  }
  std::vector<std::string> strings(const std::string& key) const {
    const auto& v = get(key);
    if (!v.isList()) fail("'" + key + "' must be a list of strings");
    std::vector<std::string> out;
    for (const c10::IValue& item : v.toListRef()) {
      if (!item.isString()) fail("'" + key + "' must be a list of strings");
      out.push_back(item.toStringRef());
    }
    return out;
  }
  Dict dict(const std::string& key) const {
    const auto& v = get(key);
    if (!v.isGenericDict()) fail("'" + key + "' must be a dictionary");
    return v.toGenericDict();
  }
  [[noreturn]] void fail(const std::string& problem) const { throw ModelError(where_ + ": " + problem); }

 private:
  // The file stores 64-bit integers; a value that an int cannot hold is an error, not a
  // silently truncated size.
  int narrow(const std::string& key, int64_t value) const {
    if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max())
      fail("'" + key + "' holds " + std::to_string(value) + ", which does not fit in a 32-bit integer");
    return static_cast<int>(value);
  }

  Dict dict_;
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

Dict encode_data_range(const DataRange& range) {
  Dict dict = new_dict();
  dict.insert("shortest", c10::List<double>(range.shortest));
  dict.insert("atoms", c10::List<int64_t>(range.atoms));
  return dict;
}

DataRange decode_data_range(const DictReader& dict) {
  DataRange range;
  range.shortest = dict.numbers("shortest");
  range.atoms = dict.integers64("atoms");
  return range;
}

HostTensor decode_tensor(const c10::IValue& value, const std::string& name, const DictReader& weights) {
  if (!value.isTensor()) weights.fail("weight '" + name + "' is not a tensor");
  at::Tensor tensor = value.toTensor();
  if (tensor.scalar_type() != at::kDouble)
    weights.fail("weight '" + name + "' has dtype " + std::string(c10::toString(tensor.scalar_type())) +
                 ", expected float64");
  tensor = tensor.contiguous();
  HostTensor out;
  out.shape = tensor.sizes().vec();
  out.values.assign(tensor.data_ptr<double>(), tensor.data_ptr<double>() + tensor.numel());
  return out;
}

// A torch pickle is a zip archive. LibTorch 1.13's reader reads past the end of the buffer
// when the archive's directory is cut off (AddressSanitizer, tests/model/test_model_file.cpp:
// RejectsEmptyAndTruncatedFiles), so the end-of-central-directory record is checked first:
// present, running to the end of the file, and pointing at a directory inside it. Returns
// the problem, or "" for an intact directory.
std::string zip_directory_problem(const std::vector<char>& bytes) {
  constexpr size_t kRecord = 22, kMaxComment = 65535;
  const auto u16 = [&](size_t at) {
    return static_cast<uint32_t>(static_cast<unsigned char>(bytes[at])) |
           static_cast<uint32_t>(static_cast<unsigned char>(bytes[at + 1])) << 8;
  };
  const auto u32 = [&](size_t at) { return u16(at) | u16(at + 2) << 16; };
  if (bytes.size() < kRecord) return "too short for a zip archive";
  const size_t lowest = bytes.size() > kRecord + kMaxComment ? bytes.size() - kRecord - kMaxComment : 0;
  for (size_t at = bytes.size() - kRecord + 1; at-- > lowest;) {
    if (u32(at) != 0x06054b50 || at + kRecord + u16(at + 20) != bytes.size()) continue;
    const uint32_t size = u32(at + 12), offset = u32(at + 16);
    if (offset == 0xffffffffu) return "";  // zip64: the directory's place is in another record
    if (static_cast<uint64_t>(offset) + size > at) return "its zip directory lies beyond the end of the file";
    return "";
  }
  return "no zip directory at its end";
}

}  // namespace

void write_model_file(const Model& model, const std::string& path) {
  validate(model);
  Dict weights = new_dict();
  for (const auto& [name, tensor] : model.weights) {
    auto copy = torch::tensor(tensor.values, torch::kDouble).reshape(tensor.shape);
    weights.insert(name, copy);
  }
  Dict root = new_dict();
  root.insert("format", std::string(kModelFormat));
  root.insert("format_version", int64_t{kModelFormatVersion});
  root.insert("metadata", encode_metadata(model.hyper));
  root.insert("weights", weights);
  if (model.data_range.recorded()) root.insert("data_range", encode_data_range(model.data_range));
  const std::vector<char> bytes = torch::pickle_save(root);
  std::ofstream out(path, std::ios::binary);
  if (!out) throw ModelError("cannot write model file '" + path + "'");
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw ModelError("error while writing model file '" + path + "'");
}

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
  const std::string truncated = zip_directory_problem(bytes);
  if (!truncated.empty())
    throw ModelError(where + " is not a readable torch pickle (truncated or another format): " + truncated);
  c10::IValue root_value;
  try {
    root_value = torch::pickle_load(bytes);
  } catch (const c10::Error& e) {
    std::string reason = e.what_without_backtrace();
    reason = reason.substr(0, reason.find('\n'));
    throw ModelError(where + " is not a readable torch pickle (truncated or another format): " + reason);
  }
  if (!root_value.isGenericDict()) throw ModelError(where + " is not an equipot model (no top-level dictionary)");
  DictReader root(root_value.toGenericDict(), where);
  const std::string format = root.string("format");
  if (format != kModelFormat) root.fail("format is '" + format + "', expected '" + kModelFormat + "'");
  const int version = root.integer("format_version");
  if (version != kModelFormatVersion)
    root.fail("format version " + std::to_string(version) + " is not supported (this equipot reads version " +
              std::to_string(kModelFormatVersion) + ")");

  Model model;
  model.hyper = decode_metadata(DictReader(root.dict("metadata"), where + " metadata"));
  DictReader weights(root.dict("weights"), where);
  for (const auto& item : root.dict("weights")) {
    if (!item.key().isString()) weights.fail("a weight name is not a string");
    const std::string name = item.key().toStringRef();
    model.weights[name] = decode_tensor(item.value(), name, weights);
  }
  if (root.has("data_range"))
    model.data_range = decode_data_range(DictReader(root.dict("data_range"), where + " data_range"));
  try {
    validate(model);
  } catch (const ModelError& e) {
    throw ModelError(where + ": " + e.what());
  }
  return model;
}

Model read_model_file(const std::string& path) { return decode_model(read_file_bytes(path), path); }

}  // namespace equipot
