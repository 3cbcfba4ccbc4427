#pragma once
// The one exception type of the model library. Its message names the problem and, where
// there is one, the file; the LAMMPS adapter turns it into error->all / error->one.
#include <stdexcept>
#include <string>

namespace equipot {

class ModelError : public std::runtime_error {
 public:
  explicit ModelError(const std::string& what) : std::runtime_error(what) {}
};

}  // namespace equipot
