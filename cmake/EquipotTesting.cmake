# Test helpers. Labels: unit (math core, per Kokkos backend), model (engine vs reference),
# lammps (real LAMMPS runs), mpi (runs on several ranks). `ctest -L unit` runs one subset.

find_program(MPIEXEC_EXECUTABLE NAMES mpiexec mpirun)

# Environment for every test: Open MPI refuses root unless told, and a 2-core machine
# needs --oversubscribe for 4 ranks (given on the command line by equipot_add_mpi_test).
# Passive OpenMP waiting: with busy cores, spinning threads make small kernels ~100x slower.
set(EQUIPOT_TEST_ENVIRONMENT
    OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
    OMP_NUM_THREADS=2 OMP_PROC_BIND=false OMP_WAIT_POLICY=passive)

# A GoogleTest executable whose tests are registered one by one with ctest; THREADS sets
# OMP_NUM_THREADS (default 2).
function(equipot_add_gtest target label)
  cmake_parse_arguments(ARG "" "THREADS" "SOURCES;LIBRARIES" ${ARGN})
  set(environment ${EQUIPOT_TEST_ENVIRONMENT})
  if(ARG_THREADS)
    list(FILTER environment EXCLUDE REGEX "^OMP_NUM_THREADS=")
    list(APPEND environment OMP_NUM_THREADS=${ARG_THREADS})
  endif()
  add_executable(${target} ${ARG_SOURCES})
  target_link_libraries(${target} PRIVATE GTest::gtest ${ARG_LIBRARIES} equipot_warnings)
  gtest_discover_tests(${target}
    DISCOVERY_TIMEOUT 60
    PROPERTIES LABELS "${label}")
  # gtest_discover_tests (CMake 3.25) splits a list given in PROPERTIES, so ENVIRONMENT would
  # keep only its first entry: set it on the discovered tests from a script ctest reads after.
  set(script "${CMAKE_CURRENT_BINARY_DIR}/${target}_environment.cmake")
  file(WRITE "${script}"
       "set_tests_properties(\${${target}_TESTS} PROPERTIES ENVIRONMENT \"${environment}\")\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${script}")
endfunction()

# Runs COMMAND on RANKS MPI ranks with THREADS OpenMP threads each (default 1);
# LABELS get "mpi" added when RANKS > 1.
function(equipot_add_mpi_test name)
  cmake_parse_arguments(ARG "" "RANKS;THREADS;WORKING_DIRECTORY;PASS_REGULAR_EXPRESSION" "COMMAND;LABELS" ${ARGN})
  if(NOT ARG_THREADS)
    set(ARG_THREADS 1)
  endif()
  set(environment ${EQUIPOT_TEST_ENVIRONMENT})
  list(FILTER environment EXCLUDE REGEX "^OMP_NUM_THREADS=")
  list(APPEND environment OMP_NUM_THREADS=${ARG_THREADS})
  set(labels ${ARG_LABELS})
  if(ARG_RANKS GREATER 1)
    list(APPEND labels mpi)
  endif()
  add_test(NAME ${name}
           COMMAND ${MPIEXEC_EXECUTABLE} --oversubscribe -np ${ARG_RANKS} ${ARG_COMMAND}
           WORKING_DIRECTORY ${ARG_WORKING_DIRECTORY})
  # A hung MPI run must fail, not stall the suite.
  set_tests_properties(${name} PROPERTIES LABELS "${labels}" ENVIRONMENT "${environment}" TIMEOUT 600)
  if(ARG_PASS_REGULAR_EXPRESSION)
    set_tests_properties(${name} PROPERTIES PASS_REGULAR_EXPRESSION "${ARG_PASS_REGULAR_EXPRESSION}")
  endif()
endfunction()

# A command that must fail: passes only when it prints MESSAGE (a regular expression) and exits
# with EXIT_CODE (PASS_REGULAR_EXPRESSION alone would ignore the exit code).
function(equipot_add_rejection_test name)
  cmake_parse_arguments(ARG "" "EXIT_CODE;MESSAGE" "COMMAND;LABELS" ${ARGN})
  add_test(NAME ${name} COMMAND sh -c "\"$@\" 2>&1; echo \"exit code $?\"" sh ${ARG_COMMAND})
  set_tests_properties(${name} PROPERTIES LABELS "${ARG_LABELS}"
    PASS_REGULAR_EXPRESSION "${ARG_MESSAGE}.*exit code ${ARG_EXIT_CODE}\n")
endfunction()
