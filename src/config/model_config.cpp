#include "config/model_config.hpp"

#include <set>

#include "config/yaml_values.hpp"
#include "model/model_error.hpp"

namespace equipot {

Hyperparameters read_model_section(const std::string& path, const YAML::Node& section) {
  using config::value_as;
  static const std::set<std::string> known{"species",    "units",          "r_cut",          "num_basis",
                                           "cutoff_p",   "num_layers",     "l_max",          "channels",
                                           "radial_hidden", "readout_hidden", "avg_num_neighbors"};
  config::require_known_keys(path, section, "model", known);
  Hyperparameters h;
  for (const auto& item : section) {
    const std::string key = item.first.as<std::string>();
    const YAML::Node& value = item.second;
    if (key == "species") h.species = value_as<std::vector<std::string>>(path, key, value, "a list of names");
    if (key == "units") h.units = value_as<std::string>(path, key, value, "a string");
    if (key == "r_cut") h.r_cut = value_as<double>(path, key, value, "a number");
    if (key == "num_basis") h.num_basis = value_as<int>(path, key, value, "an integer");
    if (key == "cutoff_p") h.cutoff_p = value_as<int>(path, key, value, "an integer");
    if (key == "num_layers") h.num_layers = value_as<int>(path, key, value, "an integer");
    if (key == "l_max") h.l_max = value_as<int>(path, key, value, "an integer");
    if (key == "channels") h.channels = value_as<int>(path, key, value, "an integer");
    if (key == "radial_hidden") h.radial_hidden = value_as<std::vector<int>>(path, key, value, "a list of integers");
    if (key == "readout_hidden") h.readout_hidden = value_as<int>(path, key, value, "an integer");
    if (key == "avg_num_neighbors") h.avg_num_neighbors = value_as<double>(path, key, value, "a number");
  }
  if (!section["species"]) throw ConfigError(config::where(path, section) + ": 'model' needs 'species'");
  try {
    validate(h);
  } catch (const ModelError& e) {
    throw ConfigError(config::where(path, section) + ": " + e.what());
  }
  return h;
}

Hyperparameters read_model_config(const std::string& path) {
  const YAML::Node root = config::load_yaml_file(path);
  if (!root.IsMap()) throw ConfigError(path + ": expected a mapping of hyperparameters");
  return read_model_section(path, root["model"] ? root["model"] : root);
}

}  // namespace equipot
