# equipotplugin.so: the plain pair style as a LAMMPS plugin (`plugin load`), for LAMMPS builds
# with the PLUGIN package. Compiled against the headers of the LAMMPS tree in LAMMPS_SOURCE_DIR,
# which must be the version of the LAMMPS that loads it, with the same size and exception
# settings (taken from the LAMMPS we build, or from EQUIPOT_PLUGIN_* otherwise).
find_package(MPI REQUIRED COMPONENTS CXX)
set(_adapter host_adapter.cpp kokkos_runtime.cpp lammps_model.cpp pair_equipot.cpp)
list(TRANSFORM _adapter PREPEND ${PROJECT_SOURCE_DIR}/src/lammps/)
add_library(equipotplugin MODULE ${PROJECT_SOURCE_DIR}/src/lammps/plugin/equipot_plugin.cpp ${_adapter})
# Installed in lib/equipot/ (cmake/EquipotInstall.cmake): our libraries are one folder up.
set_target_properties(equipotplugin PROPERTIES PREFIX "" SUFFIX ".so"
                      LIBRARY_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/lib
                      INSTALL_RPATH "$ORIGIN/..")
target_include_directories(equipotplugin PRIVATE ${PROJECT_SOURCE_DIR}/src/lammps)
target_include_directories(equipotplugin SYSTEM PRIVATE ${EQUIPOT_LAMMPS_TOP}/src)
target_link_libraries(equipotplugin PRIVATE equipot::engine Kokkos::kokkos MPI::MPI_CXX equipot_warnings)
target_compile_definitions(equipotplugin PRIVATE EQUIPOT_VERSION="${PROJECT_VERSION}"
                           EQUIPOT_LAMMPS_VERSION_NUMBER=${EQUIPOT_LAMMPS_VERSION_NUMBER})
if(TARGET lammps)
  target_compile_definitions(equipotplugin PRIVATE $<TARGET_PROPERTY:lammps,COMPILE_DEFINITIONS>)
else()
  set(EQUIPOT_PLUGIN_SIZES smallbig CACHE STRING "LAMMPS_SIZES of the LAMMPS that loads the plugin")
  option(EQUIPOT_PLUGIN_EXCEPTIONS "The LAMMPS that loads the plugin has LAMMPS_EXCEPTIONS" OFF)
  string(TOUPPER "${EQUIPOT_PLUGIN_SIZES}" _sizes)
  target_compile_definitions(equipotplugin PRIVATE LAMMPS_${_sizes}
                             $<$<BOOL:${EQUIPOT_PLUGIN_EXCEPTIONS}>:LAMMPS_EXCEPTIONS>)
endif()
