#!/usr/bin/env bash
# Engine memory per atom of the benchmark model (reference_model.yaml, diamond Si, 46 neighbours
# within 5 A), plain style, 1 rank x 1 thread, `run 0`: peak resident memory (getrusage) and
# LAMMPS's "Per MPI rank memory allocation" at two sizes, and the growth of the peak between
# them over the extra atoms, the memory an atom costs once the fixed part (LAMMPS, the model,
# the radial tables) is paid.
# usage: tests/benchmarks/lammps/memory.sh [BUILD_DIR]
#   env: TABLE_NREP (default "8 16": 4096 and 32768 atoms), EXACT_NREP (default "8 12": 4096
#        and 13824 atoms; the exact MLP keeps ~10 kB per edge)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
build=${1:-$repo/build}
work=$(mktemp -d)
export OMP_PROC_BIND=false OMP_WAIT_POLICY=passive OMP_NUM_THREADS=1
"$build/bin/equipot" init "$here/reference_model.yaml" -o "$work/reference.pt" --seed 1 >/dev/null

measure() {  # radial nrep -> "atoms peak_kB memory_MB"
  (cd "$work" && python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True)
print("peak_rss_kB", resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' \
    "$build/bin/lmp" -in "$here/in.equipot" -var model "$work/reference.pt" -var nrep "$2" -var nsteps 0 \
    -var radial "$1" -log none -echo none) |
    awk '/^Per MPI rank memory/ {memory = $(NF - 1)} /^Created [0-9]+ atoms/ {atoms = $2}
         /^peak_rss_kB/ {peak = $2} END {print atoms, peak, memory}'
}

printf '%-8s %7s %10s %12s %22s\n' radial atoms peak_MiB reported_MB growth_kB/atom
for radial in table exact; do
  sizes=${TABLE_NREP:-8 16}
  [ "$radial" = table ] || sizes=${EXACT_NREP:-8 12}
  first_atoms=0 first_peak=0
  for nrep in $sizes; do
    read -r atoms peak memory <<< "$(measure "$radial" "$nrep")"
    growth=-
    [ "$first_atoms" = 0 ] || growth=$(awk -v a="$atoms" -v p="$peak" -v a0="$first_atoms" -v p0="$first_peak" \
      'BEGIN {printf "%.1f", (p - p0) / (a - a0) * 1.024}')
    printf '%-8s %7d %10.0f %12s %22s\n' "$radial" "$atoms" "$(awk -v p="$peak" 'BEGIN {print p / 1024}')" "$memory" "$growth"
    [ "$first_atoms" != 0 ] || { first_atoms=$atoms; first_peak=$peak; }
  done
done
rm -rf "$work"
