#!/usr/bin/env bash
# LAMMPS loop timings for the reference equipot model (~4000 atoms) and, in the same run and the
# same LAMMPS build, the SNAP Ta06A and W 2940 baselines (~4000 atoms each): microseconds per
# atom-step (wall time of the MD loop / (atoms x steps)) and the ratio to SNAP Ta06A; last, equipot
# with wide ghosts instead of the layer-wise exchange.
# usage: tests/benchmarks/lammps/run.sh [BUILD_DIR]   (env: NSTEPS, default 10; KOKKOS_GPU=1: the
# /kk lines on one GPU, -k on g 1, for a LAMMPS built with a GPU Kokkos, tests/gpu/run.sh)
# Open MPI binds ranks to cores by default, which would put two OpenMP threads on one core.
# --bind-to none lets them spread.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
build=${1:-$repo/build}
source "$repo/cmake/bootstrap/common.sh"
nsteps=${NSTEPS:-10}
work=$(mktemp -d)
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMP_PROC_BIND=false OMP_WAIT_POLICY=passive
"$build/bin/equipot" init "$here/reference_model.yaml" -o "$work/reference.pt" --seed 1 >/dev/null

loop_time() {  # ranks threads kokkos(0/1) input directory [variables...] -> "seconds atoms"
  local ranks=$1 threads=$2 kokkos=$3 input=$4 dir=$5; shift 5
  local accel=()
  [ "$kokkos" = 0 ] || accel=(-k on t "$threads" -sf kk)
  [ "$kokkos" = 0 ] || [ "${KOKKOS_GPU:-0}" = 0 ] || accel=(-k on g 1 -sf kk -pk kokkos newton on neigh half)
  (cd "$dir" && OMP_NUM_THREADS=$threads mpirun --oversubscribe --bind-to none -np "$ranks" "$build/bin/lmp" "${accel[@]}" \
    -in "$input" -var nsteps "$nsteps" "$@" -log none -echo none) |
    awk '/^Loop time of/ {print $4, $12}'
}

printf '%-34s %6s %8s %14s %10s\n' configuration atoms steps us/atom-step vs_Ta06A
report() {  # label "seconds atoms" baseline_us
  local label=$1 seconds atoms; read -r seconds atoms <<< "$2"
  local us; us=$(awk -v s="$seconds" -v a="$atoms" -v n="$nsteps" 'BEGIN {printf "%.2f", s * 1e6 / (a * n)}')
  local ratio; ratio=$(awk -v u="$us" -v b="${3:-$us}" 'BEGIN {printf "%.1f", u / b}')
  printf '%-34s %6s %8s %14s %10s\n' "$label" "$atoms" "$nsteps" "$us" "$ratio"
  last_us=$us
}
snap_dir=$LAMMPS_SOURCE_DIR/examples/snap
report "SNAP Ta06A, 1 rank" "$(loop_time 1 1 0 "$here/in.snap" "$snap_dir" -var potential Ta06A -var a 3.316 -var mass 180.88 -var nrep 13)"
ta06a=$last_us
report "SNAP Ta06A /kk, 1 rank" "$(loop_time 1 1 1 "$here/in.snap" "$snap_dir" -var potential Ta06A -var a 3.316 -var mass 180.88 -var nrep 13)" "$ta06a"
report "SNAP W 2940, 1 rank" "$(loop_time 1 1 0 "$here/in.snap" "$snap_dir" -var potential W_2940_2017_2 -var a 3.1803 -var mass 183.84 -var nrep 13)" "$ta06a"
for kokkos in 0 1; do
  for layout in "1 1" "2 1" "1 2"; do
    read -r ranks threads <<< "$layout"
    style=equipot
    [ "$kokkos" = 0 ] || style=equipot/kk
    label="$style, $ranks rank(s) x $threads thread(s)"
    report "$label" "$(loop_time "$ranks" "$threads" "$kokkos" "$here/in.equipot" "$work" -var model "$work/reference.pt" -var nrep 8)" "$ta06a"
  done
done
# Wide ghosts (plain style only) against the layer-wise exchange above.
for ranks in 1 2; do
  report "equipot ghosts wide, $ranks rank(s) x 1 thread(s)" "$(loop_time "$ranks" 1 0 "$here/in.equipot" "$work" -var model "$work/reference.pt" -var nrep 8 -var ghosts wide)" "$ta06a"
done
rm -rf "$work"
