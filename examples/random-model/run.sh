#!/usr/bin/env bash
# The random-model example. usage: run.sh [serial|mpi|kokkos]   (default serial; modes:
# examples/run_lammps.sh). Outputs go to build/runs/random-model-MODE/.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../run_lammps.sh"
mode=${1:-serial}
run_dir=$build/runs/random-model-$mode
[ -x "$build/bin/equipot" ] || bash "$repo/cmake/bootstrap/setup.sh"
mkdir -p "$run_dir"
"$build/bin/equipot" init "$here/model.yaml" -o "$run_dir/model.pt" --seed 1
run_lammps "$mode" "$run_dir" -in "$here/in.random_model"
echo "outputs in $run_dir (log.lammps, trajectory.dump)"
