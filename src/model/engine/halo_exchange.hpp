#pragma once
// The halo-exchange hook of the engine (docs/lammps.md, "How it runs in parallel"). Called
// from host code between kernels, never inside one; the views live on the engine's device and
// hold exactly the domain's atoms as rows (local atoms 0..n_local-1, then ghosts), one atom's
// values per row.
//
// Contract:
//   forward_exchange(rows): every ghost row := its owner's row. Called with the up-projected
//     features g_t of layers 1..T-1 (computed on local rows) before the layer's messages read
//     the ghosts' rows, and again in the backward pass for layers 1..T-2, whose g_t it
//     recomputes (layer 0's comes from the species embedding, known on every row). With
//     symmetric edges (EngineInput::symmetric_edges), also called in the backward pass of
//     layers T..2 with dE/dm (the adjoints of the messages), which each atom reads of its
//     sources to gather its own dE/dg (message_stage.hpp).
//   reverse_exchange(adjoints): every owner row += the rows of its ghosts, then ghost rows := 0.
//     Called otherwise in the backward pass of layers T..2 with dE/dg (the adjoints of the
//     up-projected features, which the messages from ghost sources produce), before they flow
//     into the previous layer.
// Rows of one call have one width, which differs between calls (g_t, dE/dm, dE/dg).
// The LAMMPS adapter implements it with forward/reverse communication; LocalImageExchange
// below serves a single domain whose ghosts are periodic images of its own atoms.
#include <Kokkos_Core.hpp>

#include <stdexcept>
#include <vector>

#include "model/engine/views.hpp"

namespace equipot {

template <class Device, class Scalar = double>
class HaloExchange {
 public:
  using Rows = engine::Matrix<Scalar, Device>;
  virtual ~HaloExchange() = default;
  virtual void forward_exchange(const Rows& features) = 0;
  virtual void reverse_exchange(const Rows& adjoints) = 0;
};

// For domains without ghosts to fill: every atom is local (n_local = all atoms), e.g. wide ghosts
// whose features the domain computes itself (EngineInput::n_owned).
template <class Device, class Scalar = double>
class NoExchange final : public HaloExchange<Device, Scalar> {
 public:
  using Rows = typename HaloExchange<Device, Scalar>::Rows;
  void forward_exchange(const Rows&) override {}
  void reverse_exchange(const Rows&) override {}
};

// Ghost g is a copy of local atom owner[g] (NeighborGraph::owner). The reverse sums each owner's
// ghosts in a fixed order, so results do not depend on thread scheduling.
template <class Device, class Scalar = double>
class LocalImageExchange final : public HaloExchange<Device, Scalar> {
 public:
  using Rows = typename HaloExchange<Device, Scalar>::Rows;
  using execution_space = typename Device::execution_space;

  LocalImageExchange(const std::vector<int>& owner, int n_local) : n_local_(n_local) {
    const int n_atoms = static_cast<int>(owner.size());
    std::vector<int> count(n_local + 1, 0);
    for (int g = n_local; g < n_atoms; ++g) {
      if (owner[g] < 0 || owner[g] >= n_local) throw std::invalid_argument("LocalImageExchange: bad owner");
      ++count[owner[g] + 1];
    }
    d_ghost_owner_ = Kokkos::View<int*, Device>("equipot::ghost_owner", n_atoms - n_local);
    d_first_ghost_ = Kokkos::View<int*, Device>("equipot::first_ghost", n_local + 1);
    d_ghosts_ = Kokkos::View<int*, Device>("equipot::ghosts_by_owner", n_atoms - n_local);
    auto h_ghost_owner = Kokkos::create_mirror_view(d_ghost_owner_);
    auto h_first_ghost = Kokkos::create_mirror_view(d_first_ghost_);
    auto h_ghosts = Kokkos::create_mirror_view(d_ghosts_);
    for (int i = 0; i < n_local; ++i) count[i + 1] += count[i];
    for (int i = 0; i <= n_local; ++i) h_first_ghost(i) = count[i];
    for (int g = n_local; g < n_atoms; ++g) {
      h_ghost_owner(g - n_local) = owner[g];
      h_ghosts(count[owner[g]]++) = g;
    }
    Kokkos::deep_copy(d_ghost_owner_, h_ghost_owner);
    Kokkos::deep_copy(d_first_ghost_, h_first_ghost);
    Kokkos::deep_copy(d_ghosts_, h_ghosts);
  }

  void forward_exchange(const Rows& features) override {
    ++forward_calls;
    const int n_local = n_local_, width = static_cast<int>(features.extent(1));
    const auto ghost_owner = d_ghost_owner_;
    Kokkos::parallel_for(
        "equipot::local_forward_exchange",
        Kokkos::RangePolicy<execution_space>(0, static_cast<int>(ghost_owner.extent(0)) * width),
        KOKKOS_LAMBDA(int k) {
          const int g = k / width, column = k % width;
          features(n_local + g, column) = features(ghost_owner(g), column);
        });
  }

  void reverse_exchange(const Rows& adjoints) override {
    ++reverse_calls;
    const int n_local = n_local_, width = static_cast<int>(adjoints.extent(1));
    const auto first_ghost = d_first_ghost_;
    const auto ghosts = d_ghosts_;
    Kokkos::parallel_for(
        "equipot::local_reverse_exchange", Kokkos::RangePolicy<execution_space>(0, n_local * width),
        KOKKOS_LAMBDA(int k) {
          const int i = k / width, column = k % width;
          for (int n = first_ghost(i); n < first_ghost(i + 1); ++n) {
            adjoints(i, column) += adjoints(ghosts(n), column);
            adjoints(ghosts(n), column) = 0;
          }
        });
  }

  int forward_calls = 0, reverse_calls = 0;  // for tests of the call contract

 private:
  int n_local_;
  Kokkos::View<int*, Device> d_ghost_owner_;  // owner of ghost n_local + g
  Kokkos::View<int*, Device> d_first_ghost_;  // ghosts of owner i: d_ghosts_[first(i) .. first(i+1))
  Kokkos::View<int*, Device> d_ghosts_;
};

}  // namespace equipot
