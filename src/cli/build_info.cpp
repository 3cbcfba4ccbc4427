#include "build_info.hpp"

#include <Kokkos_Core.hpp>
#include <sstream>

#include "libtorch_parts.hpp"
#include "runtime_libraries.hpp"

namespace equipot {
namespace {

std::string kokkos_backends() {
  std::string list;
  auto add = [&list](const char* name) { list += list.empty() ? name : std::string(" ") + name; };
#ifdef KOKKOS_ENABLE_SERIAL
  add("Serial");
#endif
#ifdef KOKKOS_ENABLE_OPENMP
  add("OpenMP");
#endif
#ifdef KOKKOS_ENABLE_THREADS
  add("Threads");
#endif
#ifdef KOKKOS_ENABLE_CUDA
  add("Cuda");
#endif
#ifdef KOKKOS_ENABLE_HIP
  add("HIP");
#endif
#ifdef KOKKOS_ENABLE_SYCL
  add("SYCL");
#endif
  return list;
}

std::string kokkos_version() {
  // KOKKOS_VERSION is major*10000 + minor*100 + patch.
  const int v = KOKKOS_VERSION;
  std::ostringstream out;
  out << v / 10000 << '.' << (v / 100) % 100 << '.' << v % 100;
  return out.str();
}

}  // namespace

std::string build_info() {
  std::ostringstream out;
  out << "equipot: " << EQUIPOT_VERSION << '\n';
  out << "Kokkos: " << kokkos_version() << " (backends: " << kokkos_backends()
      << "; default execution space: " << Kokkos::DefaultExecutionSpace::name() << ")\n";
  out << "LibTorch: " << cli::libtorch_version() << '\n';
  out << "BLAS: " << cli::blas_in_use() << '\n';
  out << "allocator: " << cli::allocator_in_use() << '\n';
#ifdef EQUIPOT_LAMMPS_VERSION
  out << "LAMMPS: " << EQUIPOT_LAMMPS_VERSION << '\n';
#else
  out << "LAMMPS: not built (configure with -DLAMMPS_SOURCE_DIR)\n";
#endif
  out << "compiler: " << __VERSION__ << ", C++ " << __cplusplus << '\n';
  return out.str();
}

}  // namespace equipot
