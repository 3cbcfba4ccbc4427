#pragma once
// The model's weights on the device, with every constant of docs/model.md folded in once:
//   up, down, self        times 1/sqrt(C)
//   radial.k              times 1/sqrt(fan-in); the last one also times alpha_p per path column,
//                         alpha_p = sqrt(2 l_out + 1) / sqrt(N(l_out) avg_num_neighbors)
//   readout.0, readout.1  times 1/sqrt(C), 1/sqrt(H_r)
// so the stage kernels are plain products. Layouts (row-major, c = input channel), with I_t
// and L_t the degrees layer t reads and outputs (layer_degrees.hpp):
//   up(l, c, c')                         l = 0..I_t
//   down_scalar(c, k), self_scalar(s, c, k)      k < C (1 + L_t): features, then gates
//   down_vector(l-1, c, c'), self_vector(s, l-1, c, c')   l = 1..L_t
//   radial.K                             the columns of the layer's paths (l_in <= I_t, l_out <= L_t)
// and the transposes of the linears (the two last indices swapped) for their adjoints, so that
// every product of linear_stage.hpp reads rows of contiguous output channels.
#include <Kokkos_Core.hpp>

#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/tensor_product.hpp"
#include "model/engine/views.hpp"
#include "model/layer_degrees.hpp"
#include "model/model.hpp"

namespace equipot::engine {

template <class Device, class Scalar>
struct LayerWeights {
  Kokkos::View<Scalar***, Kokkos::LayoutRight, Device> up;
  std::vector<Matrix<Scalar, Device>> radial;             // one (fan-in, fan-out) matrix per radial layer
  std::vector<Matrix<Scalar, Device>> radial_transposed;  // the same, (fan-out, fan-in), for the adjoint
  Matrix<Scalar, Device> down_scalar;
  Kokkos::View<Scalar***, Kokkos::LayoutRight, Device> down_vector;
  Kokkos::View<Scalar***, Kokkos::LayoutRight, Device> self_scalar;
  Kokkos::View<Scalar****, Kokkos::LayoutRight, Device> self_vector;
  Kokkos::View<Scalar***, Kokkos::LayoutRight, Device> up_transposed;
  Matrix<Scalar, Device> down_scalar_transposed;
  Kokkos::View<Scalar***, Kokkos::LayoutRight, Device> down_vector_transposed;
  Kokkos::View<Scalar***, Kokkos::LayoutRight, Device> self_scalar_transposed;
  Kokkos::View<Scalar****, Kokkos::LayoutRight, Device> self_vector_transposed;
};

// One radial matrix of a layer in double, row-major (fan_in, fan_out), its constants folded in.
struct FoldedMatrix {
  int fan_in = 0, fan_out = 0;
  std::vector<double> values;
};

// alpha_p of every path, in the tensor product's path order.
inline std::vector<double> path_normalisation(const Hyperparameters& hyper,
                                              const Kokkos::View<core::UvuPath*, Kokkos::HostSpace>& paths) {
  std::vector<int> paths_into(hyper.l_max + 1, 0);
  for (size_t p = 0; p < paths.extent(0); ++p) ++paths_into[paths(p).l_out];
  std::vector<double> alpha(paths.extent(0));
  for (size_t p = 0; p < paths.extent(0); ++p) {
    const int l_out = paths(p).l_out;
    alpha[p] = std::sqrt((2.0 * l_out + 1) / (paths_into[l_out] * hyper.avg_num_neighbors));
  }
  return alpha;
}

// Layer t's radial matrices with 1/sqrt(fan-in) and, in the last one, alpha_p per path column
// folded in: what the radial MLP stage multiplies by, and what radial_table_build.cpp tabulates.
// paths are the layer's paths in the engine (layer_degrees.hpp), in the model's path order: all
// of them, or those from and into the degrees the layer reads and outputs, whose columns the
// last matrix keeps (alpha_p still counts every path of the model into l_out).
inline std::vector<FoldedMatrix> folded_radial_matrices(const Model& model, int t,
                                                        const Kokkos::View<core::UvuPath*, Kokkos::HostSpace>& paths) {
  const Hyperparameters& hyper = model.hyper;
  const int n_radial = static_cast<int>(hyper.radial_hidden.size()) + 1, C = hyper.channels, L = hyper.l_max;
  const core::UvuTensorProduct<Kokkos::HostSpace, double> all(L, L, L, C);
  const std::vector<double> alpha = path_normalisation(hyper, all.h_paths);
  std::vector<int> model_path;  // per kept path, its index among all paths
  for (size_t p = 0, q = 0; p < paths.extent(0); ++p, ++q) {
    const auto same = [&](const core::UvuPath& a, const core::UvuPath& b) {
      return a.l_in == b.l_in && a.l_f == b.l_f && a.l_out == b.l_out;
    };
    while (q < all.h_paths.extent(0) && !same(all.h_paths(q), paths(p))) ++q;
    if (q == all.h_paths.extent(0)) throw std::logic_error("folded_radial_matrices: a path the model does not have");
    model_path.push_back(static_cast<int>(q));
  }
  std::vector<FoldedMatrix> folded;
  for (int k = 0; k < n_radial; ++k) {
    const HostTensor& w = model.weight("layers." + std::to_string(t) + ".radial." + std::to_string(k));
    const int fan_in = static_cast<int>(w.shape[0]), model_fan_out = static_cast<int>(w.shape[1]);
    const bool last = k == n_radial - 1;
    FoldedMatrix matrix{fan_in, last ? static_cast<int>(model_path.size()) * C : model_fan_out, {}};
    matrix.values.resize(static_cast<size_t>(matrix.fan_in) * matrix.fan_out);
    for (int a = 0; a < matrix.fan_in; ++a)
      for (int b = 0; b < matrix.fan_out; ++b) {
        const int column = last ? model_path[b / C] * C + b % C : b;
        matrix.values[a * matrix.fan_out + b] = w.values[a * model_fan_out + column] / std::sqrt(double(fan_in)) *
                                                (last ? alpha[model_path[b / C]] : 1.0);
      }
    folded.push_back(std::move(matrix));
  }
  return folded;
}

template <class Device, class Scalar>
struct DeviceWeights {
  Matrix<Scalar, Device> embedding;  // (s, c)
  std::vector<LayerWeights<Device, Scalar>> layers;
  Matrix<Scalar, Device> readout_hidden;  // (c, k)
  Vector<Scalar, Device> readout_out;     // (k)
  Vector<double, Device> species_scale, species_shift;  // energies stay double in every precision

  // layer_paths: per layer, the paths of its message (l_in <= I_t, l_out <= L_t).
  DeviceWeights(const Model& model, const std::vector<Kokkos::View<core::UvuPath*, Kokkos::HostSpace>>& layer_paths) {
    const Hyperparameters& hyper = model.hyper;
    const int S = hyper.num_species(), C = hyper.channels;
    const double per_channel = 1 / std::sqrt(double(C));
    embedding = upload<Matrix<Scalar, Device>>(model, "embedding", 1.0, S, C);
    for (int t = 0; t < hyper.num_layers; ++t) {
      const std::string prefix = "layers." + std::to_string(t) + ".";
      const int I_t = layer_input_l_max(hyper, t), L_t = layer_output_l_max(hyper, t);
      LayerWeights<Device, Scalar> layer;
      layer.up = Kokkos::View<Scalar***, Kokkos::LayoutRight, Device>("equipot::up", I_t + 1, C, C);
      auto h_up = Kokkos::create_mirror_view(layer.up);
      for (int l = 0; l <= I_t; ++l) {
        const auto& w = model.weight(prefix + "up." + std::to_string(l)).values;
        for (int k = 0; k < C * C; ++k) h_up(l, k / C, k % C) = static_cast<Scalar>(w[k] * per_channel);
      }
      Kokkos::deep_copy(layer.up, h_up);

      for (const FoldedMatrix& folded : folded_radial_matrices(model, t, layer_paths[t])) {
        Matrix<Scalar, Device> matrix("equipot::radial", folded.fan_in, folded.fan_out);
        auto h_matrix = Kokkos::create_mirror_view(matrix);
        for (size_t k = 0; k < folded.values.size(); ++k) h_matrix.data()[k] = static_cast<Scalar>(folded.values[k]);
        Kokkos::deep_copy(matrix, h_matrix);
        layer.radial.push_back(matrix);
        layer.radial_transposed.push_back(transposed(matrix));
      }

      const int gated = C * (1 + L_t);
      layer.down_scalar = upload<Matrix<Scalar, Device>>(model, prefix + "down.0", per_channel, C, gated);
      layer.self_scalar = upload<Kokkos::View<Scalar***, Kokkos::LayoutRight, Device>>(
          model, prefix + "self.0", per_channel, S, C, gated);
      layer.down_vector = Kokkos::View<Scalar***, Kokkos::LayoutRight, Device>("equipot::down_vector", L_t, C, C);
      layer.self_vector =
          Kokkos::View<Scalar****, Kokkos::LayoutRight, Device>("equipot::self_vector", S, L_t, C, C);
      auto h_down = Kokkos::create_mirror_view(layer.down_vector);
      auto h_self = Kokkos::create_mirror_view(layer.self_vector);
      for (int l = 1; l <= L_t; ++l) {
        const auto& down = model.weight(prefix + "down." + std::to_string(l)).values;
        const auto& self = model.weight(prefix + "self." + std::to_string(l)).values;
        for (int k = 0; k < C * C; ++k) h_down(l - 1, k / C, k % C) = static_cast<Scalar>(down[k] * per_channel);
        for (int s = 0; s < S; ++s)
          for (int k = 0; k < C * C; ++k)
            h_self(s, l - 1, k / C, k % C) = static_cast<Scalar>(self[s * C * C + k] * per_channel);
      }
      Kokkos::deep_copy(layer.down_vector, h_down);
      Kokkos::deep_copy(layer.self_vector, h_self);
      layer.up_transposed = transposed(layer.up);
      layer.down_scalar_transposed = transposed(layer.down_scalar);
      layer.down_vector_transposed = transposed(layer.down_vector);
      layer.self_scalar_transposed = transposed(layer.self_scalar);
      layer.self_vector_transposed = transposed(layer.self_vector);
      layers.push_back(layer);
    }
    const int H = hyper.readout_hidden;
    readout_hidden = upload<Matrix<Scalar, Device>>(model, "readout.0", per_channel, C, H);
    readout_out = upload<Vector<Scalar, Device>>(model, "readout.1", 1 / std::sqrt(double(H)), H);
    species_scale = upload<Vector<double, Device>>(model, "species_scale", 1.0, S);
    species_shift = upload<Vector<double, Device>>(model, "species_shift", 1.0, S);
  }

 private:
  // A copy of a LayoutRight view (rank 2 to 4) with its two last indices swapped, labelled
  // "<label>_transposed".
  template <class View>
  static View transposed(const View& view) {
    const auto host = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), view);
    constexpr int rank = View::rank;
    const size_t rows = view.extent(rank - 2), columns = view.extent(rank - 1);
    const size_t blocks = view.size() / (rows * columns);
    size_t e[4] = {view.extent(0), view.extent(1), view.extent(2), view.extent(3)};
    std::swap(e[rank - 2], e[rank - 1]);
    const std::string label = view.label() + "_transposed";
    View result;
    if constexpr (rank == 2) result = View(label, e[0], e[1]);
    if constexpr (rank == 3) result = View(label, e[0], e[1], e[2]);
    if constexpr (rank == 4) result = View(label, e[0], e[1], e[2], e[3]);
    auto h_result = Kokkos::create_mirror_view(result);
    for (size_t block = 0; block < blocks; ++block)
      for (size_t a = 0; a < rows; ++a)
        for (size_t b = 0; b < columns; ++b)
          h_result.data()[(block * columns + b) * rows + a] = host.data()[(block * rows + a) * columns + b];
    Kokkos::deep_copy(result, h_result);
    return result;
  }

  // A row-major weight copied to a new device view of the given extents, times factor, in the
  // view's precision: the leading columns of each row when the view's last extent is smaller
  // than the weight's (down.0 and self.0 of a layer without gates).
  template <class View, class... Extents>
  static View upload(const Model& model, const std::string& name, double factor, Extents... extents) {
    View view("equipot::" + name, extents...);
    auto host = Kokkos::create_mirror_view(view);
    const HostTensor& weight = model.weight(name);
    const bool rows = View::rank > 1;  // a vector is the whole weight
    const size_t columns = rows ? view.extent(View::rank - 1) : view.size();
    const size_t weight_columns = rows ? static_cast<size_t>(weight.shape.back()) : view.size();
    for (size_t k = 0; k < view.size(); ++k)
      host.data()[k] = static_cast<typename View::value_type>(
          weight.values[k / columns * weight_columns + k % columns] * factor);
    Kokkos::deep_copy(view, host);
    return view;
  }
};

}  // namespace equipot::engine
