#include "config/yaml_values.hpp"

namespace equipot::config {

YAML::Node load_yaml_file(const std::string& path) {
  try {
    return YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    throw ConfigError("cannot open config file '" + path + "'");
  } catch (const YAML::ParserException& e) {
    throw ConfigError(path + ":" + std::to_string(e.mark.line + 1) + ": YAML syntax error: " + e.msg);
  }
}

std::string where(const std::string& path, const YAML::Node& node) {
  return path + ":" + std::to_string(node.Mark().line + 1);
}

void require_known_keys(const std::string& path, const YAML::Node& mapping, const std::string& section,
                        const std::set<std::string>& known) {
  if (!mapping.IsMap()) throw ConfigError(where(path, mapping) + ": '" + section + "' must be a mapping");
  for (const auto& item : mapping) {
    const std::string key = item.first.as<std::string>();
    if (known.count(key)) continue;
    std::string list;
    for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
    throw ConfigError(where(path, item.first) + ": unknown key '" + key + "' in '" + section + "' (known: " + list +
                      ")");
  }
}

}  // namespace equipot::config
