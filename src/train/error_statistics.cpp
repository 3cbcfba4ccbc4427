#include "train/error_statistics.hpp"

#include <cmath>
#include <limits>

namespace equipot {

void ErrorSum::add(double difference) {
  absolute += std::abs(difference);
  squared += difference * difference;
  ++count;
}

double ErrorSum::mae() const { return count ? absolute / count : std::numeric_limits<double>::quiet_NaN(); }

double ErrorSum::rmse() const { return count ? std::sqrt(squared / count) : std::numeric_limits<double>::quiet_NaN(); }

void ErrorStatistics::add_energy(double predicted, double reference, int num_atoms) {
  energy_per_atom.add((predicted - reference) / num_atoms);
}

void ErrorStatistics::add_force(int species, const double* predicted, const double* reference) {
  for (int k = 0; k < 3; ++k) {
    forces.add(predicted[k] - reference[k]);
    forces_by_species.at(species).add(predicted[k] - reference[k]);
  }
}

void ErrorStatistics::add_stress(const double* predicted, const double* reference) {
  for (int k = 0; k < 9; ++k) stress.add(predicted[k] - reference[k]);
}

}  // namespace equipot
