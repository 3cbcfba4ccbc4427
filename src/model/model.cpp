#include "model/model.hpp"

#include <cmath>

#include "model/model_error.hpp"
#include "model/parameter_layout.hpp"

namespace equipot {

const HostTensor& Model::weight(const std::string& name) const {
  auto found = weights.find(name);
  if (found == weights.end()) throw ModelError("missing weight '" + name + "'");
  return found->second;
}

void validate(const Model& model) {
  validate(model.hyper);
  const auto layout = parameter_layout(model.hyper);
  for (const auto& spec : layout) {
    const HostTensor& tensor = model.weight(spec.name);
    if (tensor.shape != spec.shape)
      throw ModelError("weight '" + spec.name + "' has shape " + format_shape(tensor.shape) + ", expected " +
                       format_shape(spec.shape) + " from the hyperparameters");
    if (static_cast<int64_t>(tensor.values.size()) != spec.numel())
      throw ModelError("weight '" + spec.name + "' holds " + std::to_string(tensor.values.size()) +
                       " values for shape " + format_shape(spec.shape));
    for (size_t k = 0; k < tensor.values.size(); ++k)
      if (!std::isfinite(tensor.values[k]))
        throw ModelError("weight '" + spec.name + "' has a non-finite value (" + std::to_string(tensor.values[k]) +
                         ") at flat index " + std::to_string(k));
  }
  if (model.weights.size() != layout.size())
    for (const auto& [name, tensor] : model.weights) {
      bool expected = false;
      for (const auto& spec : layout) expected = expected || spec.name == name;
      if (!expected) throw ModelError("unexpected weight '" + name + "' (not part of this architecture)");
    }
  validate(model.data_range, model.hyper.num_species(), model.hyper.r_cut);
}

}  // namespace equipot
