#!/usr/bin/env bash
# The water example. usage: run.sh [serial|mpi|kokkos] [LAMMPS -var options ...]
# (modes: examples/run_lammps.sh). Outputs: build/runs/water-MODE/ (log.lammps,
# trajectory.dump, rdf_OO.dat).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../run_lammps.sh"
mode=${1:-serial}
shift || true
run_dir=$build/runs/water-$mode
run_lammps "$mode" "$run_dir" -in "$here/in.water" -var datafile "$here/water_256.data" \
  -var model "$repo/potentials/water-gfn1xtb/model.pt" "$@"
echo "outputs in $run_dir (log.lammps, trajectory.dump, rdf_OO.dat)"
