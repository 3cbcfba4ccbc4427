#include "model/engine/evaluate.hpp"

namespace equipot {

EngineResult evaluate(const Model& model, const Structure& structure, Precision precision,
                      RadialEvaluation radial) {
  using Device = Kokkos::DefaultExecutionSpace::device_type;
  const EngineTuning tuning = EngineTuning::defaults<Device::execution_space>().with(radial);
  if (precision == Precision::Mixed) return StructureEvaluator<Device, float>(model, tuning).evaluate(structure);
  return StructureEvaluator<Device>(model, tuning).evaluate(structure);
}

}  // namespace equipot
