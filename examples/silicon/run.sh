#!/usr/bin/env bash
# The silicon melt-quench example. usage: run.sh [serial|mpi|kokkos] [LAMMPS -var options ...]
# (modes: examples/run_lammps.sh). Outputs: build/runs/silicon-MODE/ (log.lammps, trajectory.dump).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../run_lammps.sh"
mode=${1:-serial}
shift || true
run_dir=$build/runs/silicon-$mode
run_lammps "$mode" "$run_dir" -in "$here/in.melt_quench" -var model "$repo/potentials/silicon-sw/model.pt" "$@"
echo "outputs in $run_dir (log.lammps, trajectory.dump)"
