// The engine compiled for Kokkos::Serial, when Kokkos has that backend.
#include "model/engine/engine_definitions.hpp"

#ifdef KOKKOS_ENABLE_SERIAL
template class equipot::Engine<Kokkos::Serial::device_type, double>;
template class equipot::Engine<Kokkos::Serial::device_type, float>;
#endif
