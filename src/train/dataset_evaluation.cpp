#include "train/dataset_evaluation.hpp"

#include <cstdio>

#include "model/engine/evaluate.hpp"
#include "model/virial.hpp"
#include "train/labelled_data.hpp"

namespace equipot {

DatasetEvaluation evaluate_dataset(const Model& model, const std::string& path, std::ostream* per_frame,
                                   const ExtxyzKeys& keys, RadialEvaluation radial) {
  using Device = Kokkos::DefaultExecutionSpace::device_type;
  StructureEvaluator<Device> evaluator(model, EngineTuning::defaults<Device::execution_space>().with(radial));
  DatasetEvaluation result;
  result.radial = describe(evaluator.engine().radial_tables());
  result.errors = ErrorStatistics(model.hyper.num_species());
  if (per_frame)
    *per_frame << "# frame origin atoms energy_reference energy_predicted energy_error_per_atom force_mae force_rmse "
                  "stress_mae\n";
  ExtxyzReader reader(path, keys);
  Frame frame;
  while (reader.next(frame)) {
    const LabelledStructure item = to_labelled(frame, model.hyper.species);
    const EngineResult predicted = evaluator.evaluate(item.structure);
    const int n = item.structure.num_atoms();
    ErrorStatistics frame_errors(model.hyper.num_species());
    for (auto* errors : {&result.errors, &frame_errors}) {
      errors->add_energy(predicted.energy, item.energy, n);
      for (int i = 0; i < n; ++i) errors->add_force(item.structure.species[i], predicted.forces[i].data(), item.forces[i].data());
    }
    if (item.stress) {
      const double volume = cell_volume(item.structure);
      std::array<double, 9> stress = virial_matrix(predicted.virial);
      for (double& s : stress) s = -s / volume;
      result.errors.add_stress(stress.data(), item.stress->data());
      frame_errors.add_stress(stress.data(), item.stress->data());
    }
    result.energy_per_atom.reference.push_back(item.energy / n);
    result.energy_per_atom.predicted.push_back(predicted.energy / n);
    for (int i = 0; i < n; ++i)
      for (int k = 0; k < 3; ++k) {
        result.forces.reference.push_back(item.forces[i][k]);
        result.forces.predicted.push_back(predicted.forces[i][k]);
      }
    if (per_frame) {
      char line[256];
      std::snprintf(line, sizeof line, " %d %.17g %.17g %.6e %.6e %.6e %.6e\n", n, item.energy, predicted.energy,
                    (predicted.energy - item.energy) / n, frame_errors.forces.mae(), frame_errors.forces.rmse(),
                    frame_errors.stress.mae());
      *per_frame << result.frames << ' ' << item.origin.substr(0, item.origin.find(": frame")) << line;
    }
    ++result.frames;
  }
  return result;
}

}  // namespace equipot
