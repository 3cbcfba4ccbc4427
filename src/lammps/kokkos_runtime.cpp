#include "kokkos_runtime.h"

#include <Kokkos_Core.hpp>
#include <cstdlib>

namespace equipot::lammps {

void ensure_kokkos_initialized() {
  if (Kokkos::is_initialized()) return;
  // LAMMPS prints its own notes on threads; Kokkos' start-up warnings would only repeat them.
#if KOKKOS_VERSION >= 30700
  Kokkos::initialize(Kokkos::InitializationSettings().set_disable_warnings(true));
#else
  Kokkos::InitArguments arguments;
  arguments.disable_warnings = true;
  Kokkos::initialize(arguments);
#endif
  std::atexit([] {
    if (Kokkos::is_initialized()) Kokkos::finalize();
  });
}

}  // namespace equipot::lammps
