#include "model/engine/evaluate.hpp"

namespace equipot {

EngineResult evaluate(const Model& model, const Structure& structure, Precision precision) {
  using Device = Kokkos::DefaultExecutionSpace::device_type;
  if (precision == Precision::Mixed) return StructureEvaluator<Device, float>(model).evaluate(structure);
  return StructureEvaluator<Device>(model).evaluate(structure);
}

}  // namespace equipot
