#pragma once
// A model as it lives on the host: hyperparameters plus named float64 weights (row-major).
// Engines and the reference model build their own device/tensor copies from it.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "model/data_range.hpp"
#include "model/hyperparameters.hpp"

namespace equipot {

struct HostTensor {
  std::vector<int64_t> shape;
  std::vector<double> values;  // row-major
};

struct Model {
  Hyperparameters hyper;
  std::map<std::string, HostTensor> weights;
  DataRange data_range;  // empty unless the file records it

  // The weight called name; throws ModelError if there is none.
  const HostTensor& weight(const std::string& name) const;
};

// Checks hyperparameters, then that the weights are exactly those of parameter_layout(),
// with the right shapes and finite values, then the data range. Throws ModelError naming the
// first problem.
void validate(const Model& model);

}  // namespace equipot
