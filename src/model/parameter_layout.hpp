#pragma once
// Names and shapes of every weight of a model (the table in docs/model.md), derived from
// its hyperparameters: the one place that says what a model file must contain.
#include <cstdint>
#include <string>
#include <vector>

#include "model/hyperparameters.hpp"

namespace equipot {

struct ParameterSpec {
  std::string name;
  std::vector<int64_t> shape;
  int64_t numel() const;
};

std::vector<ParameterSpec> parameter_layout(const Hyperparameters& hyper);

// "[32, 32]": shapes as messages print them.
std::string format_shape(const std::vector<int64_t>& shape);

}  // namespace equipot
