#include "model/torch_pickle/torch_objects.hpp"

#include <cstdint>
#include <cstring>
#include <map>
#include <string>

#include "model/torch_pickle/format_error.hpp"

namespace equipot::torch_pickle {
namespace {

// Bounds that keep a hostile file from asking for more than a model file can hold.
constexpr int kMaxDimensions = 16;
constexpr int64_t kMaxElements = int64_t{1} << 28;

const Value& item(const Document& d, const Value& tuple, size_t i) { return d[tuple.items[i]]; }

int64_t integer(const Document& d, const Value& tuple, size_t i, const char* what) {
  const Value& v = item(d, tuple, i);
  if (v.kind != Kind::integer) throw FormatError(std::string(what) + " is " + describe(v.kind) + ", not an integer");
  return v.integer;
}

std::vector<int64_t> integers(const Document& d, const Value& tuple, size_t i, const char* what) {
  const Value& v = item(d, tuple, i);
  if (v.kind != Kind::tuple) throw FormatError(std::string(what) + " is " + describe(v.kind) + ", not a tuple");
  if (v.items.size() > kMaxDimensions)
    throw FormatError("a tensor of " + std::to_string(v.items.size()) + " dimensions");
  std::vector<int64_t> out;
  for (size_t k = 0; k < v.items.size(); ++k) {
    const int64_t x = integer(d, v, k, what);
    if (x < 0) throw FormatError(std::string(what) + " holds " + std::to_string(x));
    out.push_back(x);
  }
  return out;
}

// torch's element types by the name of their storage class, torch.<Name>Storage.
int element_size(const std::string& dtype) {
  static const std::map<std::string, int> sizes = {
      {"Double", 8}, {"Float", 4},         {"Half", 2},         {"BFloat16", 2}, {"Long", 8}, {"Int", 4},
      {"Short", 2},  {"Char", 1},          {"Byte", 1},         {"Bool", 1},     {"ComplexFloat", 8},
      {"ComplexDouble", 16}};
  const auto found = sizes.find(dtype);
  if (found == sizes.end()) throw FormatError("a storage of unknown type '" + dtype + "'");
  return found->second;
}

std::string storage_dtype(const Document& d, const Value& storage) {
  const std::string& type = d[storage.items[0]].text;
  const std::string prefix = "torch.", suffix = "Storage";
  if (type.size() <= prefix.size() + suffix.size() || type.compare(0, prefix.size(), prefix) != 0 ||
      type.compare(type.size() - suffix.size(), suffix.size(), suffix) != 0)
    throw FormatError("a storage of type '" + type + "'");
  return type.substr(prefix.size(), type.size() - prefix.size() - suffix.size());
}

// _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata]).
int rebuild_tensor(Document& d, const Value& args, const StorageBytes& storage_bytes) {
  if (args.items.size() != 6 && args.items.size() != 7)
    throw FormatError("_rebuild_tensor_v2 with " + std::to_string(args.items.size()) + " arguments");
  const Value& storage = item(d, args, 0);
  if (storage.kind != Kind::storage) throw FormatError("a tensor whose storage is " + std::string(describe(storage.kind)));
  Tensor tensor;
  tensor.dtype = storage_dtype(d, storage);
  const int size_of = element_size(tensor.dtype);
  const int64_t offset = integer(d, args, 1, "a tensor's storage offset");
  tensor.shape = integers(d, args, 2, "a tensor's shape");
  const std::vector<int64_t> stride = integers(d, args, 3, "a tensor's strides");
  if (stride.size() != tensor.shape.size()) throw FormatError("a tensor with as many strides as dimensions");

  const std::string_view bytes = storage_bytes(storage.text);
  const int64_t available = static_cast<int64_t>(bytes.size()) / size_of;
  if (storage.integer < 0 || storage.integer > available)
    throw FormatError("storage '" + storage.text + "' holds " + std::to_string(bytes.size()) + " bytes, fewer than " +
                      std::to_string(storage.integer) + " elements of " + tensor.dtype + " need");
  int64_t count = 1, last = offset;
  for (size_t k = 0; k < tensor.shape.size(); ++k) {
    if (tensor.shape[k] == 0) count = 0;
    if (count == 0) continue;
    if (tensor.shape[k] > kMaxElements / count) throw FormatError("a tensor of more than 2^28 elements");
    count *= tensor.shape[k];
    if (tensor.shape[k] > 1 && stride[k] > storage.integer) throw FormatError("a tensor stride beyond its storage");
    last += (tensor.shape[k] - 1) * stride[k];
  }
  if (count > 0 && (offset < 0 || last >= storage.integer))
    throw FormatError("a tensor that reaches beyond its storage '" + storage.text + "'");
  if (tensor.dtype == "Double") {
    tensor.values.resize(static_cast<size_t>(count));
    std::vector<int64_t> index(tensor.shape.size(), 0);
    for (int64_t n = 0; n < count; ++n) {
      int64_t at = offset;
      for (size_t k = 0; k < index.size(); ++k) at += index[k] * stride[k];
      std::memcpy(&tensor.values[static_cast<size_t>(n)], bytes.data() + at * 8, 8);
      for (size_t k = index.size(); k-- > 0;) {  // row-major: the last index runs fastest
        if (++index[k] < tensor.shape[k]) break;
        index[k] = 0;
      }
    }
  }
  return d.add(std::move(tensor));
}

int first_argument(const Document& d, const Value& args, Kind kind, const std::string& callable) {
  if (args.items.empty() || item(d, args, 0).kind != kind)
    throw FormatError(callable + " without " + describe(kind) + " as its first argument");
  return args.items[0];
}

}  // namespace

int reduce(Document& d, int callable, int args_index, const StorageBytes& storage_bytes) {
  if (d[callable].kind != Kind::global) throw FormatError("REDUCE of " + std::string(describe(d[callable].kind)));
  const Value& args = d[args_index];
  if (args.kind != Kind::tuple) throw FormatError("REDUCE with " + std::string(describe(args.kind)) + " as arguments");
  const std::string name = d[callable].text;
  if (name == "torch._utils._rebuild_tensor_v2") return rebuild_tensor(d, args, storage_bytes);
  if (name == "torch._utils._rebuild_parameter") return first_argument(d, args, Kind::tensor, name);
  if (name == "torch.jit._pickle.restore_type_tag") {
    if (args.items.size() != 2) throw FormatError(name + " with " + std::to_string(args.items.size()) + " arguments");
    return args.items[0];
  }
  if (name == "torch.jit._pickle.build_intlist" || name == "torch.jit._pickle.build_doublelist" ||
      name == "torch.jit._pickle.build_boollist" || name == "torch.jit._pickle.build_tensorlist")
    return first_argument(d, args, Kind::list, name);
  if (name == "collections.OrderedDict") {
    if (!args.items.empty()) throw FormatError(name + " with arguments");
    Value dict;
    dict.kind = Kind::dict;
    return d.add(std::move(dict));
  }
  throw FormatError("the pickle calls Python's " + name + ", which model files do not use");
}

int persistent_load(Document& d, int pid) {
  const Value& id = d[pid];
  if (id.kind != Kind::tuple || id.items.size() != 5 || item(d, id, 0).kind != Kind::string ||
      item(d, id, 0).text != "storage")
    throw FormatError("a persistent id other than ('storage', type, key, location, size)");
  if (item(d, id, 1).kind != Kind::global || item(d, id, 2).kind != Kind::string)
    throw FormatError("a storage without its type and key");
  Value storage;
  storage.kind = Kind::storage;
  storage.text = item(d, id, 2).text;
  storage.integer = integer(d, id, 4, "a storage's size");
  storage.items = {id.items[1]};
  return d.add(std::move(storage));
}

}  // namespace equipot::torch_pickle
