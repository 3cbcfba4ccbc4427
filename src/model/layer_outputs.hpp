#pragma once
// The degrees of each layer's output that the engine computes (docs/engine.md, "The last
// layer"). The readout reads only the scalars of the last layer's output (docs/model.md), so
// that layer's paths into l >= 1, their radial weights, its gates and its linears for l >= 1
// change nothing the energy depends on: the engine leaves them out, and the last layer's output
// keeps its input's h(l >= 1) there (the residual alone). Every other layer feeds the next one
// and keeps all degrees.
#include "model/hyperparameters.hpp"

namespace equipot {

// l_max of the message, gates and linears of layer t (0-based).
inline int layer_output_l_max(const Hyperparameters& hyper, int t) {
  return t + 1 < hyper.num_layers ? hyper.l_max : 0;
}

}  // namespace equipot
