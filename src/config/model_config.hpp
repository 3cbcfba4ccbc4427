#pragma once
// Model hyperparameters from a YAML config (`equipot init`, `equipot train`): the keys of
// docs/model.md at the top level or under a `model:` section. Unknown keys are errors, so
// a typo never silently falls back to a default.
#include <yaml-cpp/yaml.h>

#include <string>

#include "model/hyperparameters.hpp"

namespace equipot {

// The hyperparameters of a `model:` mapping read from the file path (for messages). Throws
// ConfigError naming the file, the line and the key.
Hyperparameters read_model_section(const std::string& path, const YAML::Node& section);

// A whole file holding model hyperparameters, at the top level or under `model:`.
Hyperparameters read_model_config(const std::string& path);

}  // namespace equipot
