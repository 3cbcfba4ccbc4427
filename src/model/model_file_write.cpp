// Writes the model file with LibTorch's pickle_save (model_file.hpp has the layout).
#include <torch/serialize.h>
#include <torch/torch.h>

#include <fstream>

#include "model/model_error.hpp"
#include "model/model_file.hpp"

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

Dict encode_data_range(const DataRange& range) {
  Dict dict = new_dict();
  dict.insert("shortest", c10::List<double>(range.shortest));
  dict.insert("atoms", c10::List<int64_t>(range.atoms));
  return dict;
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

}  // namespace equipot
