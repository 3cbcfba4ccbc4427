#include "model/parameter_layout.hpp"

namespace equipot {

int64_t ParameterSpec::numel() const {
  int64_t n = 1;
  for (auto extent : shape) n *= extent;
  return n;
}

std::vector<ParameterSpec> parameter_layout(const Hyperparameters& h) {
  const int64_t S = h.num_species(), C = h.channels, L = h.l_max;
  const int64_t gated = C * (1 + L);  // scalar features followed by one gate per l >= 1 channel
  std::vector<ParameterSpec> layout{{"embedding", {S, C}}};
  for (int t = 0; t < h.num_layers; ++t) {
    const std::string layer = "layers." + std::to_string(t) + ".";
    for (int l = 0; l <= L; ++l) layout.push_back({layer + "up." + std::to_string(l), {C, C}});
    int64_t fan_in = h.num_basis;
    for (size_t k = 0; k < h.radial_hidden.size(); ++k) {
      layout.push_back({layer + "radial." + std::to_string(k), {fan_in, h.radial_hidden[k]}});
      fan_in = h.radial_hidden[k];
    }
    layout.push_back({layer + "radial." + std::to_string(h.radial_hidden.size()), {fan_in, h.num_paths() * C}});
    for (int l = 0; l <= L; ++l)
      layout.push_back({layer + "down." + std::to_string(l), {C, l == 0 ? gated : C}});
    for (int l = 0; l <= L; ++l)
      layout.push_back({layer + "self." + std::to_string(l), {S, C, l == 0 ? gated : C}});
  }
  layout.push_back({"readout.0", {C, h.readout_hidden}});
  layout.push_back({"readout.1", {h.readout_hidden, 1}});
  layout.push_back({"species_scale", {S}});
  layout.push_back({"species_shift", {S}});
  return layout;
}

std::string format_shape(const std::vector<int64_t>& shape) {
  std::string out = "[";
  for (size_t k = 0; k < shape.size(); ++k) out += (k ? ", " : "") + std::to_string(shape[k]);
  return out + "]";
}

}  // namespace equipot
