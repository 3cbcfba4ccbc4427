#!/usr/bin/env bash
# Cost per atom-step against system size, plain style, 1 rank x 1 thread, LAMMPS loop time:
# the shipped water model (potentials/water-gfn1xtb) on examples/water/water_256.data replicated
# 2x2x1 (3072 atoms) and 4x4x2 (24576), and the benchmark model (reference_model.yaml) on
# diamond Si from 5^3 to 24^3 cells (1000 to 110592 atoms). Prints us/atom-step, the peak
# resident memory, and each larger size's cost over the next smaller one's (1.00: flat).
# usage: tests/benchmarks/lammps/size_scaling.sh [BUILD_DIR]   (env: NSTEPS, default 5)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
source "$here/one_rank_study.sh"

run() {  # input variables... -> "us_per_atom_step atoms peak_MiB"
  local input=$1; shift
  (cd "$work" && python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True)
print("peak_rss_kB", resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' \
    "$build/bin/lmp" -in "$input" -var nsteps "$nsteps" "$@" -log none -echo none) |
    awk -v n="$nsteps" '/^Loop time of/ {seconds = $4; atoms = $12} /^peak_rss_kB/ {peak = $2}
         END {printf "%.1f %d %.0f\n", seconds * 1e6 / (atoms * n), atoms, peak / 1024}'
}

printf '%-32s %7s %13s %9s %14s\n' system atoms us/atom-step peak_MiB vs_smaller
report() {  # label "us atoms peak" [smaller_us]
  local us atoms peak
  read -r us atoms peak <<< "$2"
  local ratio=-
  [ -z "${3:-}" ] || ratio=$(awk -v a="$us" -v b="$3" 'BEGIN {printf "%.2f", a / b}')
  printf '%-32s %7d %13.1f %9.0f %14s\n' "$1" "$atoms" "$us" "$peak" "$ratio"
  last_us=$us
}
water() {
  run "$here/in.water_size" -var model "$repo/potentials/water-gfn1xtb/model.pt" \
    -var datafile "$repo/examples/water/water_256.data" -var nx "$1" -var ny "$2" -var nz "$3"
}
report "water (shipped model)" "$(water 2 2 1)"
report "water (shipped model)" "$(water 4 4 2)" "$last_us"
unset last_us
for nrep in 5 8 16 24; do
  report "Si (benchmark model)" "$(run "$here/in.equipot" -var model "$work/reference.pt" -var nrep "$nrep")" \
    "${last_us:-}"
done
