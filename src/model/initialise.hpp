#pragma once
// A randomly initialised model (docs/model.md): every weight from N(0, 1), species_scale 1,
// species_shift 0. The generator is our own (splitmix64 + Box-Muller), so a seed gives the
// same model with any compiler or standard library.
#include <cstdint>

#include "model/model.hpp"

namespace equipot {

Model initialise_model(const Hyperparameters& hyper, uint64_t seed);

}  // namespace equipot
