#include "torch/reference_model.hpp"

#include <cmath>

#include "core/clebsch_gordan.hpp"
#include "model/model_error.hpp"
#include "torch/reference_harmonics.hpp"
#include "torch/reference_radial.hpp"

namespace equipot {
namespace {

const auto kFloat64 = torch::TensorOptions().dtype(torch::kDouble);

torch::Tensor to_tensor(const HostTensor& host) { return torch::tensor(host.values, kFloat64).reshape(host.shape); }

double inverse_sqrt(int64_t n) { return 1.0 / std::sqrt(static_cast<double>(n)); }

}  // namespace

ReferenceModel::ReferenceModel(const Model& model, bool requires_grad) : hyper_(model.hyper) {
  validate(model);
  for (const auto& [name, host] : model.weights) weights_.emplace(name, to_tensor(host).set_requires_grad(requires_grad));

  const int L = hyper_.l_max;
  struct Degrees {
    int l_in, l_f, l_out;
  };
  std::vector<Degrees> paths;  // in the order of the radial MLP's output blocks
  std::vector<int> paths_into(L + 1, 0);
  for (int l_in = 0; l_in <= L; ++l_in)
    for (int l_f = 0; l_f <= L; ++l_f)
      for (int l_out = 0; l_out <= L; ++l_out)
        if (core::satisfies_triangle(l_in, l_f, l_out)) {
          paths.push_back({l_in, l_f, l_out});
          ++paths_into[l_out];
        }
  num_paths_ = static_cast<int64_t>(paths.size());

  const int num_harmonics = (L + 1) * (L + 1);
  for (int l_in = 0; l_in <= L; ++l_in) {
    const int n_in = 2 * l_in + 1;
    std::vector<double> rows_by_harmonic;  // (rows, n_in, num_harmonics)
    std::vector<int64_t> row_path, row_output;
    for (int64_t p = 0; p < num_paths_; ++p) {
      const auto [path_l_in, l_f, l_out] = paths[p];
      if (path_l_in != l_in) continue;
      const double alpha = std::sqrt(2.0 * l_out + 1.0) / std::sqrt(paths_into[l_out] * hyper_.avg_num_neighbors);
      const auto coupling = core::wigner_3j(l_in, l_f, l_out);  // [a][b][k], row-major
      const int n_f = 2 * l_f + 1, n_out = 2 * l_out + 1;
      for (int k = 0; k < n_out; ++k) {
        row_path.push_back(p);
        row_output.push_back(l_out * l_out + k);
        for (int a = 0; a < n_in; ++a)
          for (int h = 0; h < num_harmonics; ++h) {
            const int b = h - l_f * l_f;
            rows_by_harmonic.push_back(b >= 0 && b < n_f ? alpha * coupling[(a * n_f + b) * n_out + k] : 0.0);
          }
      }
    }
    const auto rows = static_cast<int64_t>(row_path.size());
    groups_.push_back({l_in,
                       torch::tensor(rows_by_harmonic, kFloat64).reshape({rows * n_in, num_harmonics}).t().contiguous(),
                       torch::tensor(row_path, torch::kInt64), torch::tensor(row_output, torch::kInt64)});
  }
}

const torch::Tensor& ReferenceModel::weight(const std::string& name) const {
  const auto found = weights_.find(name);
  if (found == weights_.end()) throw ModelError("reference model: no weight called '" + name + "'");
  return found->second;
}

std::vector<torch::Tensor> ReferenceModel::parameters() const {
  std::vector<torch::Tensor> parameters;
  for (const auto& entry : weights_) parameters.push_back(entry.second);
  return parameters;
}

Model ReferenceModel::to_model() const {
  Model model;
  model.hyper = hyper_;
  for (const auto& [name, tensor] : weights_) {
    const auto values = tensor.detach().to(torch::kDouble).contiguous();
    const double* data = values.data_ptr<double>();
    model.weights.emplace(name, HostTensor{values.sizes().vec(), std::vector<double>(data, data + values.numel())});
  }
  validate(model);
  return model;
}

torch::Tensor ReferenceModel::atom_energies(const torch::Tensor& species, const torch::Tensor& edge_destination,
                                            const torch::Tensor& edge_source, const torch::Tensor& edge_vectors) const {
  const int64_t num_atoms = species.size(0), C = hyper_.channels;
  const auto basis = reference::radial_basis(edge_vectors.norm(2, 1), hyper_.r_cut, hyper_.num_basis, hyper_.cutoff_p);
  const auto harmonics = reference::spherical_harmonics(edge_vectors, hyper_.l_max);
  const auto species_one_hot = torch::one_hot(species, hyper_.num_species()).to(torch::kDouble);

  Features h{weight("embedding").index_select(0, species).unsqueeze(1)};
  for (int l = 1; l <= hyper_.l_max; ++l) h.push_back(torch::zeros({num_atoms, 2 * l + 1, C}, kFloat64));
  for (int t = 0; t < hyper_.num_layers; ++t)
    h = interaction(t, h, species_one_hot, edge_destination, edge_source, basis, harmonics);

  const auto hidden = torch::silu(torch::matmul(h[0].squeeze(1), weight("readout.0")) * inverse_sqrt(C));
  const auto output = torch::matmul(hidden, weight("readout.1")).squeeze(1) * inverse_sqrt(hyper_.readout_hidden);
  return weight("species_scale").index_select(0, species) * output +
         weight("species_shift").index_select(0, species);
}

ReferenceModel::Features ReferenceModel::interaction(int layer, const Features& h, const torch::Tensor& species_one_hot,
                                                     const torch::Tensor& edge_destination,
                                                     const torch::Tensor& edge_source, const torch::Tensor& basis,
                                                     const torch::Tensor& harmonics) const {
  const std::string prefix = "layers." + std::to_string(layer) + ".";
  const int L = hyper_.l_max;
  const int64_t C = hyper_.channels, num_atoms = h[0].size(0), num_edges = basis.size(0);

  Features up;
  for (int l = 0; l <= L; ++l)
    up.push_back(torch::matmul(h[l], weight(prefix + "up." + std::to_string(l))) * inverse_sqrt(C));

  auto radial = basis;
  const size_t hidden_layers = hyper_.radial_hidden.size();
  for (size_t k = 0; k <= hidden_layers; ++k) {
    const auto& w = weight(prefix + "radial." + std::to_string(k));
    radial = torch::matmul(radial, w) * inverse_sqrt(w.size(0));
    if (k < hidden_layers) radial = torch::silu(radial);
  }
  const auto path_weights = radial.reshape({num_edges, num_paths_, C});

  // All paths of one input degree in one batched matrix product (CouplingGroup).
  const int64_t num_components = (L + 1) * (L + 1);
  auto edge_messages = torch::zeros({num_edges, num_components, C}, kFloat64);
  for (const auto& group : groups_) {
    if (layer == 0 && group.l_in > 0) continue;  // the first layer's inputs of degree l > 0 are zero
    const int64_t n_in = 2 * group.l_in + 1;
    const auto sender = up[group.l_in].index_select(0, edge_source);
    const auto coupling =
        torch::matmul(harmonics, group.harmonics_to_rows).view({num_edges, group.row_path.size(0), n_in});
    const auto coupled = torch::bmm(coupling, sender) * path_weights.index_select(1, group.row_path);
    edge_messages = edge_messages.index_add(1, group.row_output, coupled);
  }
  const auto messages = torch::zeros({num_atoms, num_components, C}, kFloat64).index_add(0, edge_destination, edge_messages);

  Features z;
  for (int l = 0; l <= L; ++l) {
    const auto mixed = torch::matmul(messages.narrow(1, l * l, 2 * l + 1), weight(prefix + "down." + std::to_string(l)));
    const auto self = torch::einsum("ns,nmc,scd->nmd", {species_one_hot, h[l], weight(prefix + "self." + std::to_string(l))});
    z.push_back((mixed + self) * inverse_sqrt(C));
  }

  // Gate: SiLU on the scalars; degree l >= 1 scaled by the sigmoid of its gate block C l .. C l + C - 1.
  Features out{h[0] + torch::silu(z[0].narrow(2, 0, C))};
  for (int l = 1; l <= L; ++l) out.push_back(h[l] + torch::sigmoid(z[0].narrow(2, C * l, C)) * z[l]);
  return out;
}

}  // namespace equipot
