#!/usr/bin/env bash
# LAMMPS loop timings and memory of the benchmark model (reference_model.yaml, 4096 diamond Si
# atoms) in every configuration (radial tables or the exact MLP, fp64 or mixed, plain or /kk,
# 1 or 2 ranks) and, in the same run and LAMMPS build, the SNAP Ta06A and W 2940 baselines
# (4394 atoms each), and NequIP 0.6.1 with the same hyperparameters (parity false) on the same
# structure (../peers/nequip_md_step.py: TorchScript frozen as nequip-deploy makes it, and eager;
# 1 thread), in one table:
#   steps         MD steps (NequIP: timed evaluations of energy and forces)
#   us/atom-step  wall time of the MD loop / (atoms x steps) (NequIP: its fastest step / atoms; its
#                 neighbour list is built before timing, as LAMMPS builds equipot's)
#   vs_W2940      that over SNAP W 2940's
#   peak_MiB      peak resident memory of the largest rank (getrusage of the waited-for children;
#                 NequIP: of its Python process)
#   kB/atom       LAMMPS's "Per MPI rank memory allocation" (max, which includes the engine's
#                 buffers and tables) over the atoms per rank (NequIP: -, it has no such figure)
# then the FLOPs per atom-step equipot executes, its FLOP rate and the fraction of this core's
# measured fp64 peak (equipot info, equipot_bench_peak), how many times faster equipot (plain,
# table, fp64, 1 rank) is than NequIP frozen, and the BLAS and allocator NequIP's torch used. The NequIP rows are skipped, saying why, when the peer
# is not set up: EQUIPOT_PEERS_SOURCE names the folder of its sources and setup script, and
# EQUIPOT_PEER_ALLOCATOR=system runs it on glibc's malloc instead of jemalloc
# (../peers/peer_environment.sh).
# usage: tests/benchmarks/lammps/run.sh [BUILD_DIR]   (env: NSTEPS, default 10; ROUNDS, default 1:
# runs of each LAMMPS configuration, the fastest reported, for a machine shared with other work,
# and 3 x ROUNDS timed NequIP evaluations, the fastest reported;
# KOKKOS_GPU=1: the /kk lines on one GPU, -k on g 1, for a LAMMPS built with a GPU Kokkos,
# tests/gpu/run.sh)
# Open MPI binds ranks to cores by default, which would put two OpenMP threads on one core.
# --bind-to none lets them spread.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
build=${1:-$repo/build}
source "$repo/cmake/bootstrap/common.sh"
nsteps=${NSTEPS:-10}
rounds=${ROUNDS:-1}
nrep=8  # equipot's and NequIP's structure: 8^3 diamond cells, 4096 atoms
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
  local accel=() round
  [ "$kokkos" = 0 ] || accel=(-k on t "$threads" -sf kk)
  [ "$kokkos" = 0 ] || [ "${KOKKOS_GPU:-0}" = 0 ] || accel=(-k on g 1 -sf kk -pk kokkos newton on neigh half)
  for round in $(seq "$rounds"); do
    (cd "$dir" && OMP_NUM_THREADS=$threads with_peak_rss mpirun --oversubscribe --bind-to none -np "$ranks" \
      "$build/bin/lmp" "${accel[@]}" -in "$input" -var nsteps "$nsteps" "$@" -log none -echo none) |
      awk '/^Per MPI rank memory/ {memory = $(NF - 1)} /^Loop time of/ {seconds = $4; atoms = $12}
           /^peak_rss_kB/ {peak = $2} END {print seconds, atoms, peak, memory}'
  done | sort -g | head -n 1  # the fastest round
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
  run_lammps "$1" 1 "$2" "$here/in.equipot" "$work" -var model "$work/reference.pt" -var nrep "$nrep" \
    -var precision "$3" -var radial "$4" -var ghosts "${5:-exchange}"
}
for kokkos in 0 1; do
  style=equipot
  [ "$kokkos" = 0 ] || style=equipot/kk
  for precision in double mixed; do
    for radial in table exact; do
      report "$style $radial $precision, 1 rank" 1 "$(equipot 1 "$kokkos" "$precision" "$radial")"
      # The row NequIP frozen is compared with below.
      [ "$style $radial $precision" != "equipot table double" ] || equipot_us=$last_us
    done
  done
  report "$style table double, 2 ranks" 2 "$(equipot 2 "$kokkos" double table)"
  report "$style exact double, 2 ranks" 2 "$(equipot 2 "$kokkos" double exact)"
done
# Wide ghosts against the layer-wise exchange above.
report "equipot table double ghosts wide, 2 ranks" 2 "$(equipot 2 0 double table wide)"

# The FLOPs the engine executes per atom-step (equipot info; diamond Si has 4 + 12 + 12 = 28
# neighbours within 5 A, and the next shell, at 5.43 A, stays beyond at 300 K), the rate of the
# plain, table, fp64, 1-rank row, and that rate against this core's measured fp64 peak.
mflop=$("$build/bin/equipot" info "$work/reference.pt" --edges-per-atom 28 | awk '/radial tables/ {print $3}')
read -r peak simd_bits <<< "$("$build/bin/equipot_bench_peak" | awk '{print $2, $4}')"
awk -v f="$mflop" -v us="$equipot_us" -v peak="$peak" -v bits="$simd_bits" 'BEGIN {
  printf "equipot (plain, table, fp64, 1 rank) executes %.2f MFLOP per atom-step: %.2f GFLOP/s, %.1f%% of this core'"'"'s measured fp64 peak (%.1f GFLOP/s, %d-bit FMA)\n",
    f, 1000 * f / us, 100 * 1000 * f / us / peak, peak, bits }'

source "$here/../peers/peer_environment.sh"
nequip() {  # mode; exit status 77 (its message in $work/nequip-MODE.txt) when NequIP is absent
  local out=$work/nequip-$1.txt rc=0 label="NequIP 0.6.1 eager, 1 thread"
  [ "$1" = eager ] || label="NequIP 0.6.1 TorchScript frozen, 1 thread"
  env OMP_NUM_THREADS=1 "${peer_environment[@]}" "$peer_python" "$here/../peers/nequip_md_step.py" \
    --nrep "$nrep" --mode "$1" --threads 1 --steps $((3 * rounds)) > "$out" 2>&1 || rc=$?
  [ "$rc" = 0 ] || { [ "$rc" = 77 ] || cat "$out" >&2; return "$rc"; }
  awk -v label="$label" -v base="$w2940" -v steps="$(peer_field nequip_md_step steps "$out")" \
    -v us="$(peer_field nequip_md_step us_per_atom_step "$out")" -v atoms="$(peer_field nequip_md_step atoms "$out")" \
    -v peak="$(peer_field nequip_md_step peak_rss_MiB "$out")" \
    'BEGIN { printf "%-44s %6d %6d %13.2f %9.2f %9.0f %8s\n", label, atoms, steps, us, us / base, peak, "-" }'
}
if [ -z "$peer_skip" ]; then
  for mode in frozen eager; do
    rc=0
    nequip "$mode" || rc=$?
    if [ "$rc" = 77 ]; then peer_skip=$(tail -n 1 "$work/nequip-$mode.txt"); break; fi
    [ "$rc" = 0 ] || exit "$rc"
  done
fi
if [ -n "$peer_skip" ]; then
  echo "NequIP 0.6.1 rows skipped: $peer_skip"
else
  awk -v e="$equipot_us" -v n="$(peer_field nequip_md_step us_per_atom_step "$work/nequip-frozen.txt")" \
    'BEGIN { printf "equipot (plain, table, fp64, 1 rank) is %.1f times faster than NequIP frozen\n", n / e }'
  echo "NequIP BLAS: $(peer_field nequip_md_step blas "$work/nequip-frozen.txt"); allocator: $peer_allocator"
fi
rm -rf "$work"
