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
message(STATUS "equipot: LAMMPS ${EQUIPOT_LAMMPS_VERSION} in ${EQUIPOT_LAMMPS_TOP}")

# YYYYMMDD of the LAMMPS version, for the API guards in src/lammps/lammps_compat.h.
string(REGEX MATCH "^([0-9]+) ([A-Za-z]+) ([0-9]+)" _lammps_date "${EQUIPOT_LAMMPS_VERSION}")
set(_months Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec)
list(FIND _months "${CMAKE_MATCH_2}" _month_index)
if(NOT _lammps_date OR _month_index LESS 0)
  message(FATAL_ERROR "cannot read the LAMMPS version date from '${EQUIPOT_LAMMPS_VERSION}'")
endif()
math(EXPR EQUIPOT_LAMMPS_VERSION_NUMBER "${CMAKE_MATCH_3} * 10000 + (${_month_index} + 1) * 100 + ${CMAKE_MATCH_1}")
if(TARGET equipot)
  target_compile_definitions(equipot PRIVATE EQUIPOT_LAMMPS_VERSION="${EQUIPOT_LAMMPS_VERSION}")
endif()

if(NOT EQUIPOT_BUILD_LAMMPS)
  return()
endif()

# Defaults for the LAMMPS build; each stays a cache entry the user can override.
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

# Our styles: plain ones in src/lammps, Kokkos ones (suffix /kk) in src/lammps/kokkos. Every
# .cpp there is part of the adapter; the plugin's entry point lives apart in src/lammps/plugin.
set(EQUIPOT_LAMMPS_DIR ${PROJECT_SOURCE_DIR}/src/lammps)
file(GLOB _equipot_adapter CONFIGURE_DEPENDS ${EQUIPOT_LAMMPS_DIR}/*.cpp)
file(GLOB _equipot_kokkos_adapter CONFIGURE_DEPENDS ${EQUIPOT_LAMMPS_DIR}/kokkos/*.cpp)
RegisterStyles(${EQUIPOT_LAMMPS_DIR})
target_sources(lammps PRIVATE ${_equipot_adapter})
target_include_directories(lammps PRIVATE ${EQUIPOT_LAMMPS_DIR})
if(PKG_KOKKOS AND _equipot_kokkos_adapter)
  RegisterStylesExt(${EQUIPOT_LAMMPS_DIR}/kokkos kokkos _unused_kokkos_sources)
  target_sources(lammps PRIVATE ${_equipot_kokkos_adapter})
  target_include_directories(lammps PRIVATE ${EQUIPOT_LAMMPS_DIR}/kokkos)
endif()
GenerateStyleHeaders(${PROJECT_BINARY_DIR}/lammps/styles)
target_link_libraries(lammps PRIVATE equipot::engine Kokkos::kokkos)
# LAMMPS exports its library target for installation; a static liblammps exports what it links,
# which must then be in LAMMPS's export set too (our own export set is cmake/EquipotInstall.cmake;
# from a package, the libraries are the package's).
if(NOT EQUIPOT_FROM_PACKAGE)
  install(TARGETS equipot_model equipot_core EXPORT LAMMPS_Targets COMPONENT equipot
          LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
endif()
target_compile_definitions(lammps PRIVATE EQUIPOT_LAMMPS_VERSION_NUMBER=${EQUIPOT_LAMMPS_VERSION_NUMBER})

