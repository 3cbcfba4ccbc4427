#pragma once
// The edge basis of docs/model.md in torch: Bessel functions times the polynomial envelope,
//   B_n(d) = sqrt(2/r_cut) sin(n pi d / r_cut) / d * u(d / r_cut),  n = 1..num_basis,
//   u(x) = 1 - (p+1)(p+2)/2 x^p + p(p+2) x^(p+1) - p(p+1)/2 x^(p+2) for x < 1, else 0.
#include <torch/torch.h>

namespace equipot::reference {

// lengths: (E), positive. Returns (E, num_basis).
torch::Tensor radial_basis(const torch::Tensor& lengths, double r_cut, int num_basis, int p);

}  // namespace equipot::reference
