#!/usr/bin/env bash
# Regenerates train.xyz and test.xyz: 32-molecule periodic liquid water, geometries sampled by
# classical SPC/Fw molecular dynamics in Debian's LAMMPS, energies and forces from GFN1-xTB
# (Debian's xtb 6.5). Needs: apt-get install lammps xtb python3-numpy.
# The test set comes from separate sampling runs (other boxes, seeds, temperatures and densities).
# About 15 minutes on 2 cores (set WORKERS to the number of xtb processes).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
lmp=${LMP:-/usr/bin/lmp}
python=/usr/bin/python3
for tool in "$lmp" xtb; do
  command -v "$tool" > /dev/null || { echo "generate.sh: $tool not found (apt-get install lammps xtb)" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# sample NAME TEMPERATURE DENSITY SEED FRAMES
sample() {
  echo "  sampling $1: $2 K, $3 g/cm^3"
  (cd "$work" && $python "$here/make_box.py" 32 "$3" "$4" "$1.data" &&
    "$lmp" -in "$here/sample.lmp" -log "$1.log" -screen none -var data "$1.data" -var out "$1" \
      -var temp "$2" -var seed "$4" -var frames "$5" -var every 400 -var equil 20000)
}

echo "training runs:"
sample t250_d0.95 250 0.95 11 40
sample t275_d1.00 275 1.00 12 40
sample t300_d1.00 300 1.00 13 40
sample t350_d0.98 350 0.98 14 40
sample t400_d0.95 400 0.95 15 40
sample t450_d0.90 450 0.90 16 30
echo "test runs:"
sample test_t290_d1.00 290 1.00 91 15
sample test_t375_d0.96 375 0.96 92 15

$python "$here/label.py" "$here/train.xyz" --workers "${WORKERS:-$(nproc)}" \
  "$work"/t[0-9]*.dump
$python "$here/label.py" "$here/test.xyz" --workers "${WORKERS:-$(nproc)}" \
  "$work"/test_*.dump
