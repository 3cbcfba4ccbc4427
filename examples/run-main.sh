#!/usr/bin/env bash
# The main-job command from README.md: sets everything up on a fresh machine (or reuses the
# caches), then runs the main example and says where its outputs are.
# Until a shipped equipot potential exists, the main example is the SNAP Ta06A baseline from
# the LAMMPS examples, run with the LAMMPS we build (2 MPI ranks, Kokkos OpenMP).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
source "$repo/cmake/bootstrap/common.sh"
build_dir=${EQUIPOT_BUILD_DIR:-$repo/build}
ranks=${EQUIPOT_RANKS:-2}

bash "$repo/cmake/bootstrap/setup.sh"

run_dir=$build_dir/runs/snap-ta06a
mkdir -p "$run_dir"
log "running the SNAP Ta06A example on $ranks MPI ranks with Kokkos in $run_dir"
# Open MPI refuses root unless told; --oversubscribe allows more ranks than cores.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMP_PROC_BIND=false
cd "$LAMMPS_SOURCE_DIR/examples/snap"   # the input includes Ta06A.snap from here
mpirun --oversubscribe -np "$ranks" "$build_dir/bin/lmp" -k on t 1 -sf kk \
  -in in.snap.Ta06A -var nsteps 100 -log "$run_dir/log.lammps" -echo none -screen none
grep -A 1 "^Loop time" "$run_dir/log.lammps"
log "done; outputs in $run_dir (log.lammps)"
