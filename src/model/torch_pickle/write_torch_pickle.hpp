#pragma once
// Writes a Document as a torch pickle that Python's torch.load, LibTorch's pickle_load and
// read_torch_pickle read: a zip archive of uncompressed entries <folder>/data.pkl (pickle
// protocol 2: dictionaries, lists, tuples, strings, integers, floats, booleans, None and
// Double tensors through torch._utils._rebuild_tensor_v2), <folder>/data/<k> (each tensor's
// little-endian doubles) and <folder>/version, every entry's data 64-byte aligned as
// torch.save aligns it.
#include <string>
#include <vector>

#include "model/torch_pickle/document.hpp"

namespace equipot::torch_pickle {

std::vector<char> write_torch_pickle(const Document& document, const std::string& folder = "archive");

// Builds a Document value by value, for the writer.
class DocumentBuilder {
 public:
  int none();
  int boolean(bool value);
  int integer(int64_t value);
  int real(double value);
  int string(const std::string& value);
  int list(std::vector<int> items);
  int dict();
  void insert(int dict, const std::string& key, int value);
  int tensor(std::vector<int64_t> shape, std::vector<double> values);  // row-major Double
  Document take(int root);

 private:
  int scalar(Kind kind, int64_t integer = 0, double real = 0, std::string text = {});
  Document document_;
};

}  // namespace equipot::torch_pickle
