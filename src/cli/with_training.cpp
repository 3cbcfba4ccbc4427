#include <torch/version.h>

#include "libtorch_parts.hpp"
#include "model/virial.hpp"
#include "torch/reference_model.hpp"

namespace equipot::cli {

Evaluation evaluate_with_reference(const Model& model, const Structure& structure) {
  const ReferenceResult r = ReferenceModel(model).evaluate(structure);
  return {r.energy, r.atom_energies, r.forces, virial_voigt(r.virial)};
}

std::string libtorch_version() { return TORCH_VERSION; }

}  // namespace equipot::cli
