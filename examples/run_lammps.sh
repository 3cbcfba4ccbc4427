# Sourced by the examples' run.sh: runs our LAMMPS in one of three ways.
#   run_lammps MODE RUN_DIR LAMMPS_ARGUMENTS...
#   MODE serial: 1 MPI rank, 1 thread; mpi: EQUIPOT_RANKS ranks (default 2), 1 thread each;
#   kokkos: 1 rank, pair styles with the /kk suffix, EQUIPOT_THREADS OpenMP threads (default 2).
# Builds everything first on a fresh machine (cmake/bootstrap/setup.sh).
examples_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$examples_dir/.." && pwd)
build=${EQUIPOT_BUILD_DIR:-$repo/build}

run_lammps() {
  local mode=$1 run_dir=$2
  shift 2
  [ -x "$build/bin/lmp" ] || bash "$repo/cmake/bootstrap/setup.sh"
  mkdir -p "$run_dir"
  cd "$run_dir"
  # Open MPI refuses root unless told; --bind-to none lets OpenMP threads use every core.
  export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMP_PROC_BIND=false
  case "$mode" in
    serial) OMP_NUM_THREADS=1 "$build/bin/lmp" "$@" ;;
    mpi) OMP_NUM_THREADS=1 mpirun --oversubscribe -np "${EQUIPOT_RANKS:-2}" "$build/bin/lmp" "$@" ;;
    kokkos) mpirun --bind-to none -np 1 "$build/bin/lmp" -k on t "${EQUIPOT_THREADS:-2}" -sf kk "$@" ;;
    *) echo "unknown mode '$mode': use serial, mpi or kokkos" >&2; return 2 ;;
  esac
}
