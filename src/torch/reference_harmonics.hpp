#pragma once
// Real spherical harmonics in torch, written independently of src/core (it is an oracle).
//
// Convention (docs/core.md): e3nn's basis and "component" normalization,
// sum_m Y_lm^2 = 2l + 1. e3nn's Y_l(x, y, z) is the standard real harmonic without
// Condon-Shortley phase evaluated at the permuted direction (x', y', z') = (z, x, y), so
// Y_1 = sqrt(3) (x, y, z) / r. The standard harmonics come from the real solid harmonics in
// Racah normalization on the unit sphere:
//   Pi_l^m(z) = sqrt((l-m)!/(l+m)!) sum_k (-1)^k 2^-l C(l,k) C(2l-2k,l) (l-2k)!/(l-2k-m)! z^(l-2k-m)
//   A_m + i B_m = (x + i y)^m
//   Y_l,m = sqrt(2l+1) sqrt(2) Pi_l^m A_m,  Y_l,-m = sqrt(2l+1) sqrt(2) Pi_l^m B_m  (m > 0),
//   Y_l,0 = sqrt(2l+1) Pi_l^0.
#include <torch/torch.h>

namespace equipot::reference {

// vectors: (E, 3), nonzero. Returns (E, (l_max + 1)^2), column lm = l*l + l + m. Differentiable
// (twice) with respect to the vectors.
torch::Tensor spherical_harmonics(const torch::Tensor& vectors, int l_max);

}  // namespace equipot::reference
