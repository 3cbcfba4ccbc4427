#!/usr/bin/env bash
# Two ranks against one: the benchmark model (reference_model.yaml) on 4096 diamond Si atoms
# (in.equipot), plain style, radial tables, fp64, 1 thread per rank, with the feature adjoints
# gathered (the default) and scattered (pair_style ... adjoints scatter). On a machine whose
# speed drifts from minute to minute a ratio of two runs far apart means little, so each round
# runs the four configurations back to back and the round's own speedups are printed; the
# summary gives, per mode, the fastest run on 1 and on 2 ranks and the range of the rounds'
# speedups.
# usage: tests/benchmarks/lammps/two_ranks.sh [BUILD_DIR]   (env: NSTEPS, default 20; ROUNDS,
# default 3)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
build=${1:-$repo/build}
nsteps=${NSTEPS:-20}
rounds=${ROUNDS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMP_PROC_BIND=false OMP_WAIT_POLICY=passive
export OMP_NUM_THREADS=1
"$build/bin/equipot" init "$here/reference_model.yaml" -o "$work/reference.pt" --seed 1 >/dev/null

us_per_atom_step() {  # ranks adjoints -> us/atom-step of the MD loop
  (cd "$work" && mpirun --oversubscribe --bind-to none -np "$1" "$build/bin/lmp" -in "$here/in.equipot" \
    -var model "$work/reference.pt" -var nrep 8 -var nsteps "$nsteps" -var adjoints "$2" -log none -echo none) |
    awk -v n="$nsteps" '/^Loop time of/ {printf "%.2f\n", $4 / ($12 * n) * 1e6}'
}

printf '%-6s %-8s %12s %12s %8s\n' round adjoints "1 rank" "2 ranks" speedup
for round in $(seq "$rounds"); do
  for adjoints in gather scatter; do
    one=$(us_per_atom_step 1 "$adjoints")
    two=$(us_per_atom_step 2 "$adjoints")
    printf '%-6s %-8s %12s %12s %8s\n' "$round" "$adjoints" "$one" "$two" \
      "$(awk -v a="$one" -v b="$two" 'BEGIN {printf "%.2f", a / b}')"
  done
done | tee "$work/rounds.txt"
echo
echo "us/atom-step, fastest of $rounds rounds of $nsteps steps; speedup: 1 rank / 2 ranks"
awk '{if (!($2 in one) || $3 < one[$2]) one[$2] = $3; if (!($2 in two) || $4 < two[$2]) two[$2] = $4
      s = $3 / $4; if (!($2 in lo) || s < lo[$2]) lo[$2] = s; if (!($2 in hi) || s > hi[$2]) hi[$2] = s}
     END {for (m in one) printf "%-8s 1 rank %.2f, 2 ranks %.2f: %.2fx (rounds %.2f-%.2fx)\n", m, one[m], two[m],
                                   one[m] / two[m], lo[m], hi[m]}' <(grep -E '^[0-9]+ ' "$work/rounds.txt")
