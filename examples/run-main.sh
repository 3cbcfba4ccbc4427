#!/usr/bin/env bash
# The main-job command from README.md: sets everything up on a fresh machine (or reuses the
# caches), then runs the water example with the shipped potential (potentials/water-gfn1xtb):
# 256 molecules, NVT at 300 K then NVE, on EQUIPOT_RANKS MPI ranks (default 2), and says where
# its outputs are. Longer runs: EQUIPOT_NVT_STEPS, EQUIPOT_NVE_STEPS (0.5 fs steps).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
source "$repo/cmake/bootstrap/common.sh"
bash "$repo/cmake/bootstrap/setup.sh"

log "running the water example (768 atoms, shipped GFN1-xTB potential) on ${EQUIPOT_RANKS:-2} MPI ranks"
bash "$repo/examples/water/run.sh" mpi -var nvt_steps "${EQUIPOT_NVT_STEPS:-400}" \
  -var nve_steps "${EQUIPOT_NVE_STEPS:-400}" -echo none
run_dir=${EQUIPOT_BUILD_DIR:-$repo/build}/runs/water-mpi
grep -A 1 "^Loop time" "$run_dir/log.lammps" | tail -2
grep "^NVE:" "$run_dir/log.lammps"
log "done; outputs in $run_dir (log.lammps, trajectory.dump, rdf_OO.dat)"
