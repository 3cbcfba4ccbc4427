#pragma once
// The model's hyperparameters (docs/model.md): everything needed to rebuild its structure
// and the shapes of its weights. Stored in the model file's metadata.
#include <string>
#include <vector>

namespace equipot {

struct Hyperparameters {
  std::vector<std::string> species;  // chemical names, in model order
  std::string units = "metal";       // LAMMPS units of energy and length
  double r_cut = 5.0;
  int num_basis = 8;
  int cutoff_p = 6;
  int num_layers = 2;
  int l_max = 2;
  int channels = 32;
  std::vector<int> radial_hidden{64, 64};
  int readout_hidden = 16;
  double avg_num_neighbors = 1.0;

  int num_species() const { return static_cast<int>(species.size()); }
  // Number of convolution paths (l_in, l_f, l_out), all degrees <= l_max.
  int num_paths() const;
  // Values per atom in one layer's node features: C (l_max + 1)^2.
  int feature_size() const { return channels * (l_max + 1) * (l_max + 1); }
};

// Units a model may declare; LAMMPS's names.
const std::vector<std::string>& known_units();

// Throws ModelError naming the first invalid hyperparameter and the accepted range.
void validate(const Hyperparameters& hyper);

}  // namespace equipot
