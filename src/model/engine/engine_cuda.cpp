// The engine compiled for Kokkos::Cuda, when Kokkos has that backend.
#include "model/engine/engine_definitions.hpp"

#ifdef KOKKOS_ENABLE_CUDA
template class equipot::Engine<Kokkos::Cuda::device_type, double>;
template class equipot::Engine<Kokkos::Cuda::device_type, float>;
#endif
