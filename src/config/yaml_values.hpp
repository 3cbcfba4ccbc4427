#pragma once
// Reading typed values out of a YAML config with errors that name the file, the line and the
// key (ConfigError). Shared by the model and training configs.
#include <yaml-cpp/yaml.h>

#include <set>
#include <string>

#include "config/config_error.hpp"

namespace equipot::config {

// The parsed file; ConfigError if it cannot be opened or is not valid YAML.
YAML::Node load_yaml_file(const std::string& path);

// "file:line" of a node.
std::string where(const std::string& path, const YAML::Node& node);

// Throws "file:line: unknown key 'k' in 'section' (known: ...)" for the first key of the
// mapping that is not in known, and "file:line: 'section' must be a mapping" if it is not one.
void require_known_keys(const std::string& path, const YAML::Node& mapping, const std::string& section,
                        const std::set<std::string>& known);

template <class T>
T value_as(const std::string& path, const std::string& key, const YAML::Node& node, const char* expected) {
  try {
    return node.as<T>();
  } catch (const YAML::Exception&) {
    throw ConfigError(where(path, node) + ": '" + key + "' must be " + expected);
  }
}

}  // namespace equipot::config
