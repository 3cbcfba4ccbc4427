# `cmake --install`: the libraries a downstream code links (namespace equipot::), their headers,
# the `equipot` command, the LAMMPS plugin, and lib/cmake/equipot/equipotConfig.cmake with its
# version file. Installed under component "equipot" (LAMMPS, when built here, installs its own).
include(CMakePackageConfigHelpers)

set(EQUIPOT_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/equipot)
set(_libraries equipot_core equipot_model equipot_data)
set_target_properties(equipot_core PROPERTIES EXPORT_NAME core)
set_target_properties(equipot_model PROPERTIES EXPORT_NAME engine)
set_target_properties(equipot_data PROPERTIES EXPORT_NAME data)
foreach(target ${_libraries})
  target_include_directories(${target} INTERFACE $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}/equipot>)
endforeach()
install(TARGETS ${_libraries} EXPORT equipotTargets COMPONENT equipot
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(TARGETS equipot EXPORT equipotTargets COMPONENT equipot RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# The rest of what the command links: installed, not exported (no public headers).
set(_command_libraries equipot_config equipot_evaluation)
if(EQUIPOT_ENABLE_TRAINING)
  list(APPEND _command_libraries equipot_torch equipot_train)
endif()
install(TARGETS ${_command_libraries} COMPONENT equipot
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
if(TARGET equipotplugin)
  set_target_properties(equipotplugin PROPERTIES EXPORT_NAME lammps_plugin)
  install(TARGETS equipotplugin EXPORT equipotTargets COMPONENT equipot
          LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}/equipot)
endif()
# The headers keep their layout under src/ ("model/model.hpp"), below include/equipot.
foreach(dir core model data)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/src/${dir} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/equipot
          COMPONENT equipot FILES_MATCHING PATTERN "*.hpp")
endforeach()

install(EXPORT equipotTargets NAMESPACE equipot:: DESTINATION ${EQUIPOT_INSTALL_CMAKEDIR} COMPONENT equipot)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/equipotConfig.cmake.in
  ${PROJECT_BINARY_DIR}/equipotConfig.cmake INSTALL_DESTINATION ${EQUIPOT_INSTALL_CMAKEDIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/equipotConfigVersion.cmake COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/equipotConfig.cmake ${PROJECT_BINARY_DIR}/equipotConfigVersion.cmake
        DESTINATION ${EQUIPOT_INSTALL_CMAKEDIR} COMPONENT equipot)
