// The engine compiled for Kokkos::Threads, when Kokkos has that backend.
#include "model/engine/engine_definitions.hpp"

#ifdef KOKKOS_ENABLE_THREADS
template class equipot::Engine<Kokkos::Threads::device_type, double>;
template class equipot::Engine<Kokkos::Threads::device_type, float>;
#endif
