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
  std::vector<int> paths_into(L + 1, 0);
  for (int l_in = 0; l_in <= L; ++l_in)
    for (int l_f = 0; l_f <= L; ++l_f)
      for (int l_out = 0; l_out <= L; ++l_out)
        if (core::satisfies_triangle(l_in, l_f, l_out)) {
          ++paths_into[l_out];
          const auto coupling = torch::tensor(core::wigner_3j(l_in, l_f, l_out), kFloat64)
                                    .reshape({2 * l_in + 1, 2 * l_f + 1, 2 * l_out + 1});
          paths_.push_back({l_in, l_f, l_out, 0.0, coupling});
        }
  for (auto& path : paths_)
    path.alpha = std::sqrt(2.0 * path.l_out + 1.0) / std::sqrt(paths_into[path.l_out] * hyper_.avg_num_neighbors);
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
  const auto num_paths = static_cast<int64_t>(paths_.size());

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
  const auto path_weights = radial.reshape({num_edges, num_paths, C});

  Features edge_messages(L + 1);
  for (int64_t p = 0; p < num_paths; ++p) {
    const Path& path = paths_[p];
    const auto sender = up[path.l_in].index_select(0, edge_source);
    const auto direction = harmonics.narrow(1, path.l_f * path.l_f, 2 * path.l_f + 1);
    // sum_{m1, m2} CG[m1][m2][m3] g_j(m1, c) Y(m2): contract Y first, then one small matmul per edge.
    const auto coupling_on_edge = torch::einsum("eb,abk->eka", {direction, path.coupling});
    const auto coupled = torch::bmm(coupling_on_edge, sender);
    const auto term = coupled * (path.alpha * path_weights.select(1, p)).unsqueeze(1);
    auto& message = edge_messages[path.l_out];
    message = message.defined() ? message + term : term;
  }

  Features z;
  for (int l = 0; l <= L; ++l) {
    const auto messages =
        torch::zeros({num_atoms, 2 * l + 1, C}, kFloat64).index_add(0, edge_destination, edge_messages[l]);
    const auto mixed = torch::matmul(messages, weight(prefix + "down." + std::to_string(l)));
    const auto self = torch::einsum("ns,nmc,scd->nmd", {species_one_hot, h[l], weight(prefix + "self." + std::to_string(l))});
    z.push_back((mixed + self) * inverse_sqrt(C));
  }

  // Gate: SiLU on the scalars; degree l >= 1 scaled by the sigmoid of its gate block C l .. C l + C - 1.
  Features out{h[0] + torch::silu(z[0].narrow(2, 0, C))};
  for (int l = 1; l <= L; ++l) out.push_back(h[l] + torch::sigmoid(z[0].narrow(2, C * l, C)) * z[l]);
  return out;
}

}  // namespace equipot
