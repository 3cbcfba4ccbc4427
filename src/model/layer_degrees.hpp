#pragma once
// The degrees of each layer's input and output that the engine computes (docs/engine.md,
// "Degrees each layer computes"); the model (docs/model.md) is unchanged, and so is every
// energy and force.
//
// - Input: layer 0's input h_0 is the species embedding, zero for l >= 1, so its up-projection
//   is zero there too and the paths from l_in >= 1 add nothing: layer 0 runs the paths from
//   l_in = 0 alone. Later layers read every degree.
// - Output: the readout reads only the scalars of the last layer's output, so that layer's
//   paths into l_out >= 1, their radial weights, its gates and its linears for l >= 1 change
//   nothing the energy depends on: the engine leaves them out, and the last layer's output
//   keeps its input's h(l >= 1) there (the residual alone). Every other layer feeds the next
//   one and keeps all degrees.
#include "model/hyperparameters.hpp"

namespace equipot {

// l_max of the features layer t (0-based) reads: its up-projection and the l_in of its paths.
inline int layer_input_l_max(const Hyperparameters& hyper, int t) { return t == 0 ? 0 : hyper.l_max; }

// l_max of the message, gates and linears of layer t.
inline int layer_output_l_max(const Hyperparameters& hyper, int t) {
  return t + 1 < hyper.num_layers ? hyper.l_max : 0;
}

}  // namespace equipot
