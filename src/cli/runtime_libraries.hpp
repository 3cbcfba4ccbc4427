#pragma once
// Which allocator and which BLAS this process runs on, for `equipot version`: both decide the
// trainer's speed (docs/training.md, "Memory and BLAS") and both are chosen at link or install
// time, not by equipot's own code, so they are read from the running process.
#include <string>

namespace equipot::cli {

// "jemalloc 5.3.0-..." when jemalloc serves malloc, else "the C library's malloc".
std::string allocator_in_use();

// The file that provides dgemm_ (e.g. .../openblas-openmp/libblas.so.3) and, for OpenBLAS, its
// configuration; "none loaded" when nothing in the process links a BLAS.
std::string blas_in_use();

}  // namespace equipot::cli
