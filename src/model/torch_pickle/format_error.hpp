#pragma once
// What the torch-pickle reader throws for bytes it cannot read: a cut-off or foreign archive, a
// pickle outside the subset model files use. model_file.cpp adds the file's name.
#include <stdexcept>

namespace equipot::torch_pickle {

struct FormatError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace equipot::torch_pickle
