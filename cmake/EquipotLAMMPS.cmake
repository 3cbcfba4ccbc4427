# Builds LAMMPS from the source tree in LAMMPS_SOURCE_DIR with equipot's styles compiled in,
# without touching that tree: LAMMPS's own CMake runs as a subproject, then our style files
# are registered and LAMMPS's style headers regenerated in the build tree.

# Accept either the top folder of a LAMMPS checkout or its src/ folder.
get_filename_component(EQUIPOT_LAMMPS_TOP "${LAMMPS_SOURCE_DIR}" ABSOLUTE)
if(NOT EXISTS "${EQUIPOT_LAMMPS_TOP}/cmake/CMakeLists.txt" AND EXISTS "${EQUIPOT_LAMMPS_TOP}/../cmake/CMakeLists.txt")
  get_filename_component(EQUIPOT_LAMMPS_TOP "${EQUIPOT_LAMMPS_TOP}/.." ABSOLUTE)
endif()
if(NOT EXISTS "${EQUIPOT_LAMMPS_TOP}/cmake/CMakeLists.txt" OR NOT EXISTS "${EQUIPOT_LAMMPS_TOP}/src/lammps.cpp")
  message(FATAL_ERROR "LAMMPS_SOURCE_DIR=${LAMMPS_SOURCE_DIR} is not a LAMMPS source tree "
                      "(expected cmake/CMakeLists.txt and src/lammps.cpp)")
endif()

# "29 Sep 2021 - Update 2" style, as LAMMPS prints it.
file(STRINGS "${EQUIPOT_LAMMPS_TOP}/src/version.h" _lammps_version_lines REGEX "define LAMMPS_(VERSION|UPDATE)")
string(REGEX REPLACE ".*LAMMPS_VERSION \"([^\"]*)\".*" "\\1" EQUIPOT_LAMMPS_VERSION "${_lammps_version_lines}")
if(_lammps_version_lines MATCHES "LAMMPS_UPDATE \"([^\"]*)\"")
  string(APPEND EQUIPOT_LAMMPS_VERSION " - ${CMAKE_MATCH_1}")
endif()
message(STATUS "equipot: building LAMMPS ${EQUIPOT_LAMMPS_VERSION} from ${EQUIPOT_LAMMPS_TOP}")

# Defaults for the LAMMPS build; each stays a cache entry the user can override.
set(BUILD_SHARED_LIBS ON CACHE BOOL "Build LAMMPS as a shared library (needed by PLUGIN)")
set(BUILD_MPI ON CACHE BOOL "Build LAMMPS with MPI")
set(BUILD_OMP ON CACHE BOOL "Build LAMMPS with OpenMP")
set(LAMMPS_EXCEPTIONS ON CACHE BOOL "LAMMPS errors as C++ exceptions (library use, tests)")
foreach(_pkg KOKKOS PLUGIN MANYBODY ML-SNAP)
  set(PKG_${_pkg} ON CACHE BOOL "Build the LAMMPS ${_pkg} package")
endforeach()
set(EXTERNAL_KOKKOS ON CACHE BOOL "LAMMPS uses the Kokkos found by find_package(Kokkos)")

add_subdirectory(${EQUIPOT_LAMMPS_TOP}/cmake ${PROJECT_BINARY_DIR}/lammps EXCLUDE_FROM_ALL)
set_target_properties(lmp PROPERTIES EXCLUDE_FROM_ALL OFF RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/bin)
set_target_properties(lammps PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/lib)
target_compile_features(lammps PUBLIC cxx_std_17)

# Our styles: plain ones in src/lammps, Kokkos ones (suffix /kk) in src/lammps/kokkos.
set(EQUIPOT_LAMMPS_DIR ${PROJECT_SOURCE_DIR}/src/lammps)
file(GLOB _equipot_styles CONFIGURE_DEPENDS ${EQUIPOT_LAMMPS_DIR}/pair_*.cpp)
file(GLOB _equipot_kokkos_styles CONFIGURE_DEPENDS ${EQUIPOT_LAMMPS_DIR}/kokkos/pair_*_kokkos.cpp)
if(_equipot_styles)
  RegisterStyles(${EQUIPOT_LAMMPS_DIR})
  target_sources(lammps PRIVATE ${_equipot_styles})
  target_include_directories(lammps PRIVATE ${EQUIPOT_LAMMPS_DIR})
endif()
if(_equipot_kokkos_styles AND PKG_KOKKOS)
  RegisterStylesExt(${EQUIPOT_LAMMPS_DIR}/kokkos kokkos _unused_kokkos_sources)
  target_sources(lammps PRIVATE ${_equipot_kokkos_styles})
  target_include_directories(lammps PRIVATE ${EQUIPOT_LAMMPS_DIR}/kokkos)
endif()
if(_equipot_styles OR _equipot_kokkos_styles)
  GenerateStyleHeaders(${PROJECT_BINARY_DIR}/lammps/styles)
  target_link_libraries(lammps PRIVATE equipot_core)
endif()

target_compile_definitions(equipot PRIVATE EQUIPOT_LAMMPS_VERSION="${EQUIPOT_LAMMPS_VERSION}")
