#include "model/initialise.hpp"

#include <cmath>

#include "model/parameter_layout.hpp"

namespace equipot {
namespace {

class NormalGenerator {
 public:
  explicit NormalGenerator(uint64_t seed) : state_(seed) {}

  double next() {
    // Box-Muller on two uniforms in (0, 1]; the second variate is discarded for simplicity.
    const double u1 = uniform(), u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
  }

 private:
  uint64_t splitmix64() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double uniform() { return (static_cast<double>(splitmix64() >> 11) + 1.0) * 0x1.0p-53; }

  uint64_t state_;
};

}  // namespace

Model initialise_model(const Hyperparameters& hyper, uint64_t seed) {
  validate(hyper);
  Model model;
  model.hyper = hyper;
  NormalGenerator normal(seed);
  for (const auto& spec : parameter_layout(hyper)) {
    HostTensor tensor{spec.shape, std::vector<double>(spec.numel())};
    if (spec.name == "species_scale")
      tensor.values.assign(tensor.values.size(), 1.0);
    else if (spec.name != "species_shift")
      for (double& v : tensor.values) v = normal.next();
    model.weights.emplace(spec.name, std::move(tensor));
  }
  return model;
}

}  // namespace equipot
