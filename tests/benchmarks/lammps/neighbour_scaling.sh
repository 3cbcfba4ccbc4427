#!/usr/bin/env bash
# Cost per atom-step against the number of neighbours, plain style, 1 rank x 1 thread, LAMMPS
# loop time: the benchmark model (reference_model.yaml, r_cut = 5 A) on 8^3 diamond cells (4096
# atoms) compressed from a = 5.43 A to 4.0 A, which brings more coordination shells within the
# cutoff. The neighbours per atom within r_cut come from the diamond lattice's shells (distance
# a sqrt(s) / 4 for s = 3, 8, 11, 16, 19, 24, 27, 32 with 4, 12, 12, 6, 12, 24, 16, 12 atoms).
# Prints us/atom-step, the neighbours, us per edge (us/atom-step over neighbours) and each cost
# against the first's, per neighbour (1.00: cost proportional to the neighbour count).
# usage: tests/benchmarks/lammps/neighbour_scaling.sh [BUILD_DIR]   (env: NSTEPS, default 5)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
source "$here/one_rank_study.sh"
r_cut=5.0

neighbours() {  # lattice constant -> atoms of the diamond shells within r_cut
  awk -v a="$1" -v rc="$r_cut" 'BEGIN {
    split("3 8 11 16 19 24 27 32", s); split("4 12 12 6 12 24 16 12", n)
    for (k = 1; k <= 8; ++k) if (a * sqrt(s[k]) / 4 < rc) count += n[k]
    print count }'
}

printf '%-8s %10s %13s %12s %22s\n' a_A neighbours us/atom-step us/edge vs_first_per_neighbour
first=
for a in 5.43 4.9 4.4 4.0; do
  us=$( (cd "$work" && "$build/bin/lmp" -in "$here/in.equipot" -var model "$work/reference.pt" -var nrep 8 \
    -var a "$a" -var nsteps "$nsteps" -log none -echo none) |
    awk -v n="$nsteps" '/^Loop time of/ {printf "%.1f", $4 * 1e6 / ($12 * n)}')
  nn=$(neighbours "$a")
  per_edge=$(awk -v u="$us" -v n="$nn" 'BEGIN {printf "%.2f", u / n}')
  [ -n "$first" ] || first=$per_edge
  printf '%-8s %10d %13.1f %12s %22s\n' "$a" "$nn" "$us" "$per_edge" \
    "$(awk -v p="$per_edge" -v f="$first" 'BEGIN {printf "%.2f", p / f}')"
done
