#include "torch/reference_radial.hpp"

#include <cmath>

namespace equipot::reference {

torch::Tensor radial_basis(const torch::Tensor& lengths, double r_cut, int num_basis, int p) {
  const auto d = lengths.unsqueeze(1);
  const auto n = torch::arange(1, num_basis + 1, lengths.options());
  const auto bessel = std::sqrt(2.0 / r_cut) * torch::sin(n * (M_PI / r_cut) * d) / d;
  const auto x = d / r_cut;
  const double pp = p;
  const auto polynomial = 1.0 - (pp + 1) * (pp + 2) / 2 * x.pow(p) + pp * (pp + 2) * x.pow(p + 1) -
                          pp * (pp + 1) / 2 * x.pow(p + 2);
  const auto envelope = torch::where(x < 1.0, polynomial, torch::zeros_like(polynomial));
  return bessel * envelope;
}

}  // namespace equipot::reference
