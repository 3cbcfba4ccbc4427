# Compile options for the CPU in EQUIPOT_ARCH (-march=), for every target of the directory that
# includes this file and those below it: our translation units and the LAMMPS built inside our
# build (Kokkos' own library keeps its flags). The engine's kernels are header templates, so this
# is what vectorises them (docs/engine.md, "Benchmark"). The plain LAMMPS builds of the set-up
# include it too (CMAKE_PROJECT_INCLUDE), so that their LAMMPS objects are the same as ours and
# the compiler cache serves both.
if(EQUIPOT_ARCH)
  add_compile_options(-march=${EQUIPOT_ARCH})
  # GCC and Clang default to 256-bit vectors even where the CPU has 512-bit ones; the engine's
  # channel loops (32 doubles) and register blocks are faster with the full width.
  include(CheckCXXCompilerFlag)
  check_cxx_compiler_flag(-mprefer-vector-width=512 EQUIPOT_HAVE_PREFER_VECTOR_WIDTH)
  if(EQUIPOT_HAVE_PREFER_VECTOR_WIDTH)
    add_compile_options(-mprefer-vector-width=512)
  endif()
endif()
