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

namespace detail {

// to(r, c) = from(r, c), converted, for rows 0..n-1: a free function, as nvcc accepts device
// lambdas only outside private and protected members.
template <class ExecSpace, class To, class From>
void convert_rows(const char *label, const To &to, const From &from, int n, int width) {
  Kokkos::parallel_for(
      label, Kokkos::RangePolicy<ExecSpace>(0, n * width), KOKKOS_LAMBDA(int k) {
        to(k / width, k % width) = static_cast<typename To::value_type>(from(k / width, k % width));
      });
}

}  // namespace detail

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
  // Bytes of the double staging rows (float engines only).
  size_t staging_bytes() const { return engine::allocated_bytes(staging_); }

 private:
  using execution_space = typename Device::execution_space;

  void run(const Rows &rows, bool reverse) {
    if constexpr (std::is_same<Scalar, double>::value) {
      exchange_(rows, reverse);
    } else {
      const int n = static_cast<int>(rows.extent(0)), width = static_cast<int>(rows.extent(1));
      if (static_cast<int>(staging_.extent(0)) < n || static_cast<int>(staging_.extent(1)) != width)
        staging_ = DoubleRows("equipot::exchange_staging", engine::with_headroom(n), width);
      const DoubleRows staging = engine::leading_rows(staging_, n);
      detail::convert_rows<execution_space>("equipot::widen_rows", staging, rows, n, width);
      execution_space().fence();  // the exchange may read the staging on the host
      exchange_(staging, reverse);
      detail::convert_rows<execution_space>("equipot::narrow_rows", rows, staging, n, width);
      execution_space().fence();
    }
  }

  ExchangeDoubles exchange_;
  DoubleRows staging_;
};

}  // namespace equipot::lammps
