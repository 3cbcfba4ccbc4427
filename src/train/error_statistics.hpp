#pragma once
// Mean absolute and root-mean-square errors of energy per atom, forces (overall and per
// species) and stress: the metrics of training epochs and of `equipot eval`.
#include <string>
#include <vector>

namespace equipot {

struct ErrorSum {
  double absolute = 0, squared = 0;
  long count = 0;

  void add(double difference);
  double mae() const;   // NaN when empty
  double rmse() const;  // NaN when empty
};

struct ErrorStatistics {
  explicit ErrorStatistics(int num_species = 0) : forces_by_species(num_species) {}

  void add_energy(double predicted, double reference, int num_atoms);
  void add_force(int species, const double* predicted, const double* reference);  // 3 components
  void add_stress(const double* predicted, const double* reference);              // 9 components

  ErrorSum energy_per_atom;
  ErrorSum forces;
  ErrorSum stress;
  std::vector<ErrorSum> forces_by_species;
};

}  // namespace equipot
