#!/usr/bin/env bash
# The random-model example. usage: run.sh [serial|mpi|kokkos]   (default serial)
#   serial: 1 MPI rank; mpi: 2 ranks (EQUIPOT_RANKS); kokkos: 1 rank with pair_style equipot/kk
#   and 2 OpenMP threads (-k on t 2 -sf kk). Outputs go to build/runs/random-model-MODE/.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
build=${EQUIPOT_BUILD_DIR:-$repo/build}
mode=${1:-serial}
[ -x "$build/bin/lmp" ] || bash "$repo/cmake/bootstrap/setup.sh"
run_dir=$build/runs/random-model-$mode
mkdir -p "$run_dir"
cd "$run_dir"
"$build/bin/equipot" init "$here/model.yaml" -o model.pt --seed 1
# Open MPI refuses root unless told; --bind-to none lets OpenMP threads use every core.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMP_PROC_BIND=false
case "$mode" in
  serial) OMP_NUM_THREADS=1 "$build/bin/lmp" -in "$here/in.random_model" ;;
  mpi) OMP_NUM_THREADS=1 mpirun --oversubscribe -np "${EQUIPOT_RANKS:-2}" "$build/bin/lmp" -in "$here/in.random_model" ;;
  kokkos) mpirun --bind-to none -np 1 "$build/bin/lmp" -k on t 2 -sf kk -in "$here/in.random_model" ;;
  *) echo "usage: $0 [serial|mpi|kokkos]" >&2; exit 2 ;;
esac
echo "outputs in $run_dir (log.lammps, trajectory.dump)"
