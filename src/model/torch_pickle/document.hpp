#pragma once
// What a model file's pickle decodes to: a tree of values, kept in one array and linked by
// index (a value the pickle refers to twice, through its memo, is stored once), and the
// tensors rebuilt from the archive's storages. Only the kinds model files use exist; the
// reader never calls into Python objects (unpickler.hpp).
#include <cstdint>
#include <string>
#include <vector>

namespace equipot::torch_pickle {

enum class Kind { none, boolean, integer, real, string, list, tuple, dict, tensor, global, storage };

struct Tensor {
  std::string dtype;           // torch's name of the element type: Double, Float, Long, ...
  std::vector<int64_t> shape;  // () for a scalar
  std::vector<double> values;  // row-major; Double tensors only (others keep just dtype and shape)
};

struct Value {
  Kind kind = Kind::none;
  int64_t integer = 0;      // integer; boolean (0 or 1); storage: its element count
  double real = 0;          // real
  std::string text;         // string; global: "module.name"; storage: its key
  std::vector<int> items;   // list, tuple: elements; dict: key, value, key, value, ...; storage: its type
  int tensor = -1;          // tensor: index into Document::tensors
};

struct Document {
  std::vector<Value> values;
  std::vector<Tensor> tensors;
  int root = -1;

  const Value& operator[](int index) const { return values[static_cast<size_t>(index)]; }
  // Appends a value (or a tensor and the value of kind tensor that names it); returns its index.
  int add(Value value);
  int add(Tensor tensor);
  // The value stored under the string key in dict, or -1; the last one when a key repeats.
  int find(const Value& dict, const std::string& key) const;
};

// "a string", "a list", ...: names of kinds for error messages.
const char* describe(Kind kind);

}  // namespace equipot::torch_pickle
