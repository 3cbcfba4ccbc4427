#include "model/step_flops.hpp"

#include <algorithm>
#include <set>
#include <utility>

#include "core/clebsch_gordan.hpp"
#include "model/layer_degrees.hpp"

namespace equipot {

TensorProductCounts tensor_product_counts(int l_in_max, int l_max, int l_out_max) {
  TensorProductCounts counts;
  for (int l_in = 0; l_in <= l_in_max; ++l_in)
    for (int l_sh = 0; l_sh <= l_max; ++l_sh)
      for (int l_out = 0; l_out <= l_out_max; ++l_out) {
        if (!core::satisfies_triangle(l_in, l_sh, l_out)) continue;
        std::set<std::pair<int, int>> pairs;
        for (const auto& entry : core::wigner_3j_nonzeros(l_in, l_sh, l_out)) {
          ++counts.couplings;
          pairs.emplace(entry.m3, entry.m1);
        }
        counts.pairs += static_cast<int>(pairs.size());
        bool diagonal = l_in == l_out && static_cast<int>(pairs.size()) == 2 * l_out + 1;
        for (const auto& [m3, m1] : pairs) diagonal = diagonal && m3 == m1;
        counts.block_entries += diagonal ? 2 * l_out + 1 : (2 * l_out + 1) * (2 * l_in + 1);
        ++counts.paths;
        counts.input_rows += 2 * l_in + 1;
        counts.output_rows += 2 * l_out + 1;
      }
  return counts;
}

StepFlops step_flops(const Hyperparameters& h, double edges_per_atom, bool tabulated) {
  const double C = h.channels;
  StepFlops flops;
  for (int t = 0; t < h.num_layers; ++t) {
    const int I_t = layer_input_l_max(h, t), L_t = layer_output_l_max(h, t);
    const TensorProductCounts tp = tensor_product_counts(I_t, h.l_max, L_t);
    const double n_weights = tp.paths * C, n_lm_t = (L_t + 1) * (L_t + 1);
    double radial_per_edge = 0;
    if (tabulated) {
      radial_per_edge = (11 + 22) * n_weights;
    } else {
      double mlp = 0, fan_in = h.num_basis;
      for (int width : h.radial_hidden) {
        mlp += 2 * fan_in * width;
        fan_in = width;
      }
      mlp += 2 * fan_in * n_weights;
      radial_per_edge = 2 * mlp;
    }
    const double message_per_edge = 2.0 * tp.couplings + C * (2.0 * tp.block_entries + tp.output_rows) +
                                    C * (4.0 * tp.block_entries + 4.0 * tp.input_rows);
    const double up = 2 * (I_t + 1) * (I_t + 1) * C * C;
    // Self reads the degrees the layer reads and outputs; down outputs all of L_t.
    const double n_lm_self = (std::min(I_t, L_t) + 1) * (std::min(I_t, L_t) + 1);
    const double down_self = 2 * (2 * C * C * (1 + L_t) + (n_lm_t - 1) * C * C + (n_lm_self - 1) * C * C);
    flops.radial += edges_per_atom * radial_per_edge;
    flops.message += edges_per_atom * message_per_edge;
    flops.linears += 2 * (up + down_self);
  }
  return flops;
}

}  // namespace equipot
