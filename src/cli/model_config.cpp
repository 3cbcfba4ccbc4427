#include "model_config.hpp"

#include <yaml-cpp/yaml.h>

#include <set>

#include "model/model_error.hpp"

namespace equipot {
namespace {

std::string where(const std::string& path, const YAML::Node& node) {
  return path + ":" + std::to_string(node.Mark().line + 1);
}

template <class T>
T convert(const std::string& path, const std::string& key, const YAML::Node& node, const char* expected) {
  try {
    return node.as<T>();
  } catch (const YAML::Exception&) {
    throw ModelError(where(path, node) + ": '" + key + "' must be " + expected);
  }
}

}  // namespace

Hyperparameters read_model_config(const std::string& path) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    throw ModelError("cannot open config file '" + path + "'");
  } catch (const YAML::ParserException& e) {
    throw ModelError(path + ":" + std::to_string(e.mark.line + 1) + ": YAML syntax error: " + e.msg);
  }
  if (!root.IsMap()) throw ModelError(path + ": expected a mapping of hyperparameters");
  const YAML::Node section = root["model"] ? root["model"] : root;
  if (!section.IsMap()) throw ModelError(where(path, section) + ": 'model' must be a mapping");

  static const std::set<std::string> known{"species",    "units",          "r_cut",          "num_basis",
                                           "cutoff_p",   "num_layers",     "l_max",          "channels",
                                           "radial_hidden", "readout_hidden", "avg_num_neighbors"};
  Hyperparameters h;
  for (const auto& item : section) {
    const std::string key = item.first.as<std::string>();
    const YAML::Node& value = item.second;
    if (!known.count(key)) throw ModelError(where(path, item.first) + ": unknown key '" + key + "'");
    if (key == "species") h.species = convert<std::vector<std::string>>(path, key, value, "a list of names");
    if (key == "units") h.units = convert<std::string>(path, key, value, "a string");
    if (key == "r_cut") h.r_cut = convert<double>(path, key, value, "a number");
    if (key == "num_basis") h.num_basis = convert<int>(path, key, value, "an integer");
    if (key == "cutoff_p") h.cutoff_p = convert<int>(path, key, value, "an integer");
    if (key == "num_layers") h.num_layers = convert<int>(path, key, value, "an integer");
    if (key == "l_max") h.l_max = convert<int>(path, key, value, "an integer");
    if (key == "channels") h.channels = convert<int>(path, key, value, "an integer");
    if (key == "radial_hidden") h.radial_hidden = convert<std::vector<int>>(path, key, value, "a list of integers");
    if (key == "readout_hidden") h.readout_hidden = convert<int>(path, key, value, "an integer");
    if (key == "avg_num_neighbors") h.avg_num_neighbors = convert<double>(path, key, value, "a number");
  }
  if (!section["species"]) throw ModelError(path + ": 'species' is required");
  try {
    validate(h);
  } catch (const ModelError& e) {
    throw ModelError(path + ": " + e.what());
  }
  return h;
}

}  // namespace equipot
