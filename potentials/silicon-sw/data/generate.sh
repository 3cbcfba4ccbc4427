#!/usr/bin/env bash
# Regenerates train.xyz and test.xyz: silicon sampled and labelled by LAMMPS's Stillinger-Weber
# potential (Si.sw), run by Debian's LAMMPS (apt-get install lammps), not by equipot.
# The test set comes from separate runs: other seeds, and strains and temperatures that the
# training runs do not use.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
lmp=${LMP:-/usr/bin/lmp}
potentials=${LAMMPS_POTENTIALS:-/usr/share/lammps/potentials}
[[ -x $lmp ]] || { echo "generate.sh: $lmp not found (apt-get install lammps, or set LMP)" >&2; exit 1; }
[[ -f $potentials/Si.sw ]] || { echo "generate.sh: $potentials/Si.sw not found (set LAMMPS_POTENTIALS)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# run NAME KIND SCALE TEMP SEED FRAMES EVERY EQUIL
run() {
  echo "  $1"
  (cd "$work" && "$lmp" -in "$here/sample.lmp" -log none -screen none -var potentials "$potentials" \
    -var out "$1" -var kind "$2" -var scale "$3" -var temp "$4" -var seed "$5" \
    -var frames "$6" -var every "$7" -var equil "$8")
}

echo "training runs:"
train=()
seed=100
for scale in 0.97 0.99 1.00 1.01 1.03; do
  for temp in 300 900 1500; do
    run "crystal_${scale}_${temp}K" crystal $scale $temp $((seed++)) 10 200 2000
    train+=("crystal_${scale}_${temp}K")
  done
done
for scale in 0.99 1.00 1.01; do
  for temp in 600 1200; do
    run "vacancy_${scale}_${temp}K" vacancy $scale $temp $((seed++)) 8 250 2000
    train+=("vacancy_${scale}_${temp}K")
  done
done
for temp in 300 900 1400; do
  run "surface_${temp}K" surface 1.00 $temp $((seed++)) 12 250 2000
  train+=("surface_${temp}K")
done
for temp in 1800 2200 2600; do
  run "liquid_${temp}K" liquid 1.00 $temp $((seed++)) 15 500 5000
  train+=("liquid_${temp}K")
done
for temp in 300 800; do
  run "amorphous_${temp}K" quench 1.00 $temp $((seed++)) 12 500 5000
  train+=("amorphous_${temp}K")
done

echo "test runs:"
test=()
seed=900
run test_crystal_0.985_600K crystal 0.985 600 $((seed++)) 8 300 2000;  test+=(test_crystal_0.985_600K)
run test_crystal_1.02_1200K crystal 1.02 1200 $((seed++)) 8 300 2000;  test+=(test_crystal_1.02_1200K)
run test_vacancy_1.00_900K vacancy 1.00 900 $((seed++)) 8 300 2000;    test+=(test_vacancy_1.00_900K)
run test_surface_1100K surface 1.00 1100 $((seed++)) 8 300 2000;       test+=(test_surface_1100K)
run test_liquid_2000K liquid 1.00 2000 $((seed++)) 10 500 5000;        test+=(test_liquid_2000K)
run test_amorphous_500K quench 1.00 500 $((seed++)) 8 500 5000;        test+=(test_amorphous_500K)

/usr/bin/env python3 "$here/to_extxyz.py" "$here/train.xyz" "${train[@]/#/$work/}"
/usr/bin/env python3 "$here/to_extxyz.py" "$here/test.xyz" "${test[@]/#/$work/}"
