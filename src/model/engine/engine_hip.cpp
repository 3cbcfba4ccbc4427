// The engine compiled for Kokkos::HIP, when Kokkos has that backend.
#include "model/engine/engine_definitions.hpp"

#ifdef KOKKOS_ENABLE_HIP
template class equipot::Engine<Kokkos::HIP::device_type, double>;
template class equipot::Engine<Kokkos::HIP::device_type, float>;
#endif
