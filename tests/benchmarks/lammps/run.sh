#!/usr/bin/env bash
# LAMMPS loop timings and memory of the benchmark model (reference_model.yaml, 4096 diamond Si
# atoms) in every configuration (radial tables or the exact MLP, fp64 or mixed, plain or /kk,
# 1 or 2 ranks) and, in the same run and LAMMPS build, the SNAP Ta06A and W 2940 baselines
# (4394 atoms each), in one table:
#   us/atom-step  wall time of the MD loop / (atoms x steps)
#   vs_W2940      that over SNAP W 2940's
#   peak_MiB      peak resident memory of the largest rank (getrusage of the waited-for children)
#   kB/atom       LAMMPS's "Per MPI rank memory allocation" (max, which includes the engine's
#                 buffers and tables) over the atoms per rank
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

# The command's output, then a last line "peak_rss_kB N" (the largest of its descendants).
with_peak_rss() {
  python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True)
print("peak_rss_kB", resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$@"
}

run_lammps() {  # ranks threads kokkos(0/1) input directory [variables...] -> "seconds atoms peak_kB memory_MB"
  local ranks=$1 threads=$2 kokkos=$3 input=$4 dir=$5; shift 5
  local accel=()
  [ "$kokkos" = 0 ] || accel=(-k on t "$threads" -sf kk)
  [ "$kokkos" = 0 ] || [ "${KOKKOS_GPU:-0}" = 0 ] || accel=(-k on g 1 -sf kk -pk kokkos newton on neigh half)
  (cd "$dir" && OMP_NUM_THREADS=$threads with_peak_rss mpirun --oversubscribe --bind-to none -np "$ranks" \
    "$build/bin/lmp" "${accel[@]}" -in "$input" -var nsteps "$nsteps" "$@" -log none -echo none) |
    awk '/^Per MPI rank memory/ {memory = $(NF - 1)} /^Loop time of/ {seconds = $4; atoms = $12}
         /^peak_rss_kB/ {peak = $2} END {print seconds, atoms, peak, memory}'
}

printf '%-44s %6s %6s %13s %9s %9s %8s\n' configuration atoms steps us/atom-step vs_W2940 peak_MiB kB/atom
report() {  # label ranks "seconds atoms peak_kB memory_MB"
  local label=$1 ranks=$2 seconds atoms peak memory
  read -r seconds atoms peak memory <<< "$3"
  awk -v label="$label" -v s="$seconds" -v a="$atoms" -v n="$nsteps" -v r="$ranks" -v p="$peak" -v m="$memory" \
    -v base="${w2940:-0}" 'BEGIN {
      us = s * 1e6 / (a * n)
      ratio = (base > 0) ? us / base : 1
      printf "%-44s %6d %6d %13.2f %9.2f %9.0f %8.1f\n", label, a, n, us, ratio, p / 1024, m * 1000 / (a / r)
      print us > "/dev/stderr"
    }' 2> "$work/us"
  last_us=$(cat "$work/us")
}

snap_dir=$LAMMPS_SOURCE_DIR/examples/snap
snap() {  # ranks kokkos potential a mass
  run_lammps "$1" 1 "$2" "$here/in.snap" "$snap_dir" -var potential "$3" -var a "$4" -var mass "$5" -var nrep 13
}
report "SNAP W 2940, 1 rank" 1 "$(snap 1 0 W_2940_2017_2 3.1803 183.84)"
w2940=$last_us
report "SNAP Ta06A, 1 rank" 1 "$(snap 1 0 Ta06A 3.316 180.88)"
report "SNAP Ta06A /kk, 1 rank" 1 "$(snap 1 1 Ta06A 3.316 180.88)"

equipot() {  # ranks kokkos precision radial [ghosts]
  run_lammps "$1" 1 "$2" "$here/in.equipot" "$work" -var model "$work/reference.pt" -var nrep 8 \
    -var precision "$3" -var radial "$4" -var ghosts "${5:-exchange}"
}
for kokkos in 0 1; do
  style=equipot
  [ "$kokkos" = 0 ] || style=equipot/kk
  for precision in double mixed; do
    for radial in table exact; do
      report "$style $radial $precision, 1 rank" 1 "$(equipot 1 "$kokkos" "$precision" "$radial")"
    done
  done
  report "$style table double, 2 ranks" 2 "$(equipot 2 "$kokkos" double table)"
  report "$style exact double, 2 ranks" 2 "$(equipot 2 "$kokkos" double exact)"
done
# Wide ghosts (plain style only) against the layer-wise exchange above.
report "equipot table double ghosts wide, 2 ranks" 2 "$(equipot 2 0 double table wide)"
rm -rf "$work"
