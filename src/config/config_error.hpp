#pragma once
// Errors in YAML configs (`equipot init`, `equipot train`): the message starts with
// "file:line:" and names the key, so that a typo points at itself.
#include <stdexcept>
#include <string>

namespace equipot {

class ConfigError : public std::runtime_error {
 public:
  explicit ConfigError(const std::string& what) : std::runtime_error(what) {}
};

}  // namespace equipot
