# Warning flags for equipot's own targets only (LAMMPS and Kokkos keep theirs).
add_library(equipot_warnings INTERFACE)
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  target_compile_options(equipot_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow)
  if(EQUIPOT_WARNINGS_AS_ERRORS)
    target_compile_options(equipot_warnings INTERFACE -Werror)
  endif()
endif()
