// The engine compiled for Kokkos::OpenMP, when Kokkos has that backend.
#include "model/engine/engine_definitions.hpp"

#ifdef KOKKOS_ENABLE_OPENMP
template class equipot::Engine<Kokkos::OpenMP::device_type, double>;
template class equipot::Engine<Kokkos::OpenMP::device_type, float>;
#endif
