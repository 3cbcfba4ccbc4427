#pragma once
// What this equipot binary was built with, for `equipot version` and bug reports.
#include <string>

namespace equipot {

// One "key: value" line per component: equipot, Kokkos (version and backends),
// LibTorch, LAMMPS (or "not built"), compiler.
std::string build_info();

}  // namespace equipot
