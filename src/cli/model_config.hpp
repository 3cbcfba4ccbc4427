#pragma once
// Model hyperparameters from a YAML config (`equipot init`, later `equipot train`): the keys of
// docs/model.md at the top level or under a `model:` section. Unknown keys are errors, so
// a typo never silently falls back to a default.
#include <string>

#include "model/hyperparameters.hpp"

namespace equipot {

// Throws ModelError naming the file, the line and the key.
Hyperparameters read_model_config(const std::string& path);

}  // namespace equipot
