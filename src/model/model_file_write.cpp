// Writes the model file (model_file.hpp has the layout) without LibTorch:
// torch_pickle/write_torch_pickle.hpp.
#include <fstream>

#include "model/model_error.hpp"
#include "model/model_file.hpp"
#include "model/torch_pickle/write_torch_pickle.hpp"

namespace equipot {
namespace {

using torch_pickle::DocumentBuilder;

template <class T, class F>
int list_of(DocumentBuilder& b, const std::vector<T>& xs, const F& one) {
  std::vector<int> items;
  for (const T& x : xs) items.push_back(one(x));
  return b.list(std::move(items));
}

int encode_metadata(DocumentBuilder& b, const Hyperparameters& h) {
  const int meta = b.dict();
  b.insert(meta, "species", list_of(b, h.species, [&](const std::string& s) { return b.string(s); }));
  b.insert(meta, "units", b.string(h.units));
  b.insert(meta, "r_cut", b.real(h.r_cut));
  b.insert(meta, "num_basis", b.integer(h.num_basis));
  b.insert(meta, "cutoff_p", b.integer(h.cutoff_p));
  b.insert(meta, "num_layers", b.integer(h.num_layers));
  b.insert(meta, "l_max", b.integer(h.l_max));
  b.insert(meta, "channels", b.integer(h.channels));
  b.insert(meta, "radial_hidden", list_of(b, h.radial_hidden, [&](int w) { return b.integer(w); }));
  b.insert(meta, "readout_hidden", b.integer(h.readout_hidden));
  b.insert(meta, "avg_num_neighbors", b.real(h.avg_num_neighbors));
  b.insert(meta, "written_by", b.string(std::string("equipot ") + EQUIPOT_VERSION));
  return meta;
}

int encode_data_range(DocumentBuilder& b, const DataRange& range) {
  const int dict = b.dict();
  b.insert(dict, "shortest", list_of(b, range.shortest, [&](double d) { return b.real(d); }));
  b.insert(dict, "atoms", list_of(b, range.atoms, [&](int64_t n) { return b.integer(n); }));
  return dict;
}

std::vector<char> encode_model(const Model& model) {
  validate(model);
  DocumentBuilder b;
  const int root = b.dict();
  b.insert(root, "format", b.string(kModelFormat));
  b.insert(root, "format_version", b.integer(kModelFormatVersion));
  b.insert(root, "metadata", encode_metadata(b, model.hyper));
  const int weights = b.dict();
  for (const auto& [name, tensor] : model.weights) b.insert(weights, name, b.tensor(tensor.shape, tensor.values));
  b.insert(root, "weights", weights);
  if (model.data_range.recorded()) b.insert(root, "data_range", encode_data_range(b, model.data_range));
  return torch_pickle::write_torch_pickle(b.take(root));
}

}  // namespace

void write_model_file(const Model& model, const std::string& path) {
  const std::vector<char> bytes = encode_model(model);
  std::ofstream out(path, std::ios::binary);
  if (!out) throw ModelError("cannot write model file '" + path + "'");
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw ModelError("error while writing model file '" + path + "'");
}

}  // namespace equipot
