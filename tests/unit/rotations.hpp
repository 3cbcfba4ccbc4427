#pragma once
// Host-side rotation helpers for equivariance tests: random rotation matrices and the real
// Wigner D matrices of our spherical-harmonics basis.
#include <array>
#include <cmath>
#include <random>
#include <stdexcept>
#include <utility>
#include <vector>

#include "core/irreps.hpp"
#include "core/spherical_harmonics.hpp"

namespace equipot::test {

using Vec3 = std::array<double, 3>;
using Mat3 = std::array<std::array<double, 3>, 3>;
using Matrix = std::vector<std::vector<double>>;

inline Vec3 random_unit_vector(std::mt19937_64& rng) {
  std::normal_distribution<double> normal;
  Vec3 v{normal(rng), normal(rng), normal(rng)};
  const double n = std::sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
  return {v[0] / n, v[1] / n, v[2] / n};
}

// Uniformly distributed rotation from a random unit quaternion.
inline Mat3 random_rotation(std::mt19937_64& rng) {
  std::normal_distribution<double> normal;
  double q[4] = {normal(rng), normal(rng), normal(rng), normal(rng)};
  const double n = std::sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
  const double w = q[0] / n, x = q[1] / n, y = q[2] / n, z = q[3] / n;
  return {{{1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y)},
           {2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)},
           {2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)}}};
}

inline Vec3 rotate(const Mat3& R, const Vec3& v) {
  Vec3 out{};
  for (int i = 0; i < 3; ++i)
    for (int k = 0; k < 3; ++k) out[i] += R[i][k] * v[k];
  return out;
}

// The 2l+1 harmonics of degree l at v.
inline std::vector<double> harmonics_of_degree(int l, const Vec3& v) {
  std::vector<double> all(core::num_lm(l));
  core::spherical_harmonics(l, v[0], v[1], v[2], all.data());
  return std::vector<double>(all.begin() + l * l, all.end());
}

// Solves M X = B in place (Gaussian elimination with partial pivoting); X replaces B.
inline void solve_in_place(Matrix M, Matrix& B) {
  const size_t n = M.size();
  for (size_t col = 0; col < n; ++col) {
    size_t pivot = col;
    for (size_t r = col + 1; r < n; ++r)
      if (std::abs(M[r][col]) > std::abs(M[pivot][col])) pivot = r;
    std::swap(M[col], M[pivot]);
    std::swap(B[col], B[pivot]);
    if (std::abs(M[col][col]) < 1e-300) throw std::runtime_error("solve_in_place: singular matrix");
    for (size_t r = 0; r < n; ++r) {
      if (r == col) continue;
      const double f = M[r][col] / M[col][col];
      for (size_t k = 0; k < n; ++k) M[r][k] -= f * M[col][k];
      for (size_t k = 0; k < B[r].size(); ++k) B[r][k] -= f * B[col][k];
    }
  }
  for (size_t r = 0; r < n; ++r)
    for (double& b : B[r]) b /= M[r][r];
}

// D_l(R) with Y_l(R v) = D_l(R) Y_l(v), fitted by least squares over 4(2l+1) random directions.
// The fit is only as good as the harmonics' equivariance: tests check it at fresh points.
inline Matrix wigner_d(int l, const Mat3& R, std::mt19937_64& rng) {
  const int n = 2 * l + 1, samples = 4 * n;
  Matrix AtA(n, std::vector<double>(n, 0.0)), AtB(n, std::vector<double>(n, 0.0));
  for (int s = 0; s < samples; ++s) {
    const Vec3 v = random_unit_vector(rng);
    const auto a = harmonics_of_degree(l, v), b = harmonics_of_degree(l, rotate(R, v));
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j) {
        AtA[i][j] += a[i] * a[j];
        AtB[i][j] += a[i] * b[j];
      }
  }
  solve_in_place(AtA, AtB);  // AtB now holds D^T
  Matrix D(n, std::vector<double>(n));
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) D[i][j] = AtB[j][i];
  return D;
}

}  // namespace equipot::test
