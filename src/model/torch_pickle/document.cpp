#include "model/torch_pickle/document.hpp"

namespace equipot::torch_pickle {

int Document::add(Value value) {
  values.push_back(std::move(value));
  return static_cast<int>(values.size() - 1);
}

int Document::add(Tensor tensor) {
  tensors.push_back(std::move(tensor));
  Value value;
  value.kind = Kind::tensor;
  value.tensor = static_cast<int>(tensors.size() - 1);
  return add(std::move(value));
}

int Document::find(const Value& dict, const std::string& key) const {
  int found = -1;
  for (size_t i = 0; i + 1 < dict.items.size(); i += 2) {
    const Value& k = (*this)[dict.items[i]];
    if (k.kind == Kind::string && k.text == key) found = dict.items[i + 1];
  }
  return found;
}

const char* describe(Kind kind) {
  switch (kind) {
    case Kind::none: return "None";
    case Kind::boolean: return "a boolean";
    case Kind::integer: return "an integer";
    case Kind::real: return "a float";
    case Kind::string: return "a string";
    case Kind::list: return "a list";
    case Kind::tuple: return "a tuple";
    case Kind::dict: return "a dictionary";
    case Kind::tensor: return "a tensor";
    case Kind::global: return "a Python name";
    case Kind::storage: return "a storage";
  }
  return "a value";
}

}  // namespace equipot::torch_pickle
