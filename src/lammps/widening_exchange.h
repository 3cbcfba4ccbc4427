/* -*- c++ -*- */
#pragma once
// The engine's halo hook for the pair styles, which communicate doubles. A double engine's rows
// go to LAMMPS as they are. A mixed-precision engine keeps features in float: its rows are
// widened into a double staging view, exchanged, and narrowed back. Both conversions are exact,
// so mixed results do not depend on the decomposition either. Device-clean: the copies are
// kernels on the engine's device.
#include <Kokkos_Core.hpp>
#include <functional>
#include <type_traits>
#include <utility>

#include "model/engine/halo_exchange.hpp"

namespace equipot::lammps {

template <class Device, class Scalar>
class WideningExchange final : public HaloExchange<Device, Scalar> {
 public:
  using Rows = typename HaloExchange<Device, Scalar>::Rows;
  using DoubleRows = engine::Matrix<double, Device>;
  // Exchanges double rows; reverse selects the reverse exchange (halo_exchange.hpp).
  using ExchangeDoubles = std::function<void(const DoubleRows &rows, bool reverse)>;

  explicit WideningExchange(ExchangeDoubles exchange) : exchange_(std::move(exchange)) {}

  void forward_exchange(const Rows &rows) override { run(rows, false); }
  void reverse_exchange(const Rows &rows) override { run(rows, true); }

 private:
  using execution_space = typename Device::execution_space;

  void run(const Rows &rows, bool reverse) {
    if constexpr (std::is_same<Scalar, double>::value) {
      exchange_(rows, reverse);
    } else {
      const int n = static_cast<int>(rows.extent(0)), width = static_cast<int>(rows.extent(1));
      if (static_cast<int>(staging_.extent(0)) < n || static_cast<int>(staging_.extent(1)) != width)
        staging_ = DoubleRows("equipot::exchange_staging", n + n / 8 + 1, width);
      const DoubleRows staging = engine::leading_rows(staging_, n);
      const Kokkos::RangePolicy<execution_space> all_values(0, n * width);
      Kokkos::parallel_for(
          "equipot::widen_rows", all_values,
          KOKKOS_LAMBDA(int k) { staging(k / width, k % width) = rows(k / width, k % width); });
      execution_space().fence();  // the exchange may read the staging on the host
      exchange_(staging, reverse);
      Kokkos::parallel_for(
          "equipot::narrow_rows", all_values,
          KOKKOS_LAMBDA(int k) { rows(k / width, k % width) = static_cast<Scalar>(staging(k / width, k % width)); });
      execution_space().fence();
    }
  }

  ExchangeDoubles exchange_;
  DoubleRows staging_;
};

}  // namespace equipot::lammps
