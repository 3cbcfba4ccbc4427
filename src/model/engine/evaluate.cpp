#include "model/engine/evaluate.hpp"

namespace equipot {

EngineResult evaluate(const Model& model, const Structure& structure) {
  StructureEvaluator<Kokkos::DefaultExecutionSpace::device_type> evaluator(model);
  return evaluator.evaluate(structure);
}

}  // namespace equipot
