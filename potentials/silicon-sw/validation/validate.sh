#!/usr/bin/env bash
# Physical validation of the silicon model against the Stillinger-Weber potential that labelled
# its training data (README.md). Runs crystal.lmp and melt_quench.lmp with both potentials,
# prints the comparison table and writes it to $OUT/results.md (logs in $OUT/logs/).
# usage: bash validate.sh [MODEL]        (default: ../model.pt, next to this folder)
# environment:
#   LMP                LAMMPS with pair_style equipot and sw (default: <repo>/build/bin/lmp)
#   LAMMPS_POTENTIALS  folder holding Si.sw (default: /usr/share/lammps/potentials)
#   LENGTH             melt-quench duration factor (default 1 = 6.5 ps)
#   CELLS              melt-quench cubic cells per side (default 2 = 64 sites, 3 = 216)
#   TIMEOUT            seconds allowed per LAMMPS run (default 900)
#   OUT                output folder (default: this folder)
#   OMP_NUM_THREADS    threads of the equipot engine (default 1)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
lmp=${LMP:-$repo/build/bin/lmp}
potentials=${LAMMPS_POTENTIALS:-/usr/share/lammps/potentials}
model=$(realpath -m "${1:-$here/../model.pt}")
length=${LENGTH:-1}
cells=${CELLS:-2}
out=${OUT:-$here}
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}

fail() { echo "validate.sh: $*" >&2; exit 2; }
[[ -x $lmp ]] || fail "LAMMPS not found at $lmp (build equipot, or set LMP)"
[[ -f $potentials/Si.sw ]] || fail "$potentials/Si.sw not found (set LAMMPS_POTENTIALS)"
[[ -f $model ]] || fail "model file $model not found (train it, or pass its path)"
case $model in *[[:space:]]*) fail "the model path must not contain spaces (LAMMPS splits it)" ;; esac

logs=$out/logs
mkdir -p "$logs"
: > "$logs/runs.txt"
# A failed or timed-out run is recorded in runs.txt and reported; the others still run.
for script in crystal melt_quench; do
  for potential in sw equipot; do
    name=$script-$potential
    echo "running $name ..." >&2
    start=$SECONDS
    (cd "$here" && timeout "${TIMEOUT:-900}" "$lmp" -in "$script.lmp" -log "$logs/$name.log" \
      -screen none -var potential "$potential" -var potentials "$potentials" -var model "$model" \
      -var length "$length" -var cells "$cells")
    code=$?
    echo "$name $((SECONDS - start)) $code" >> "$logs/runs.txt"
  done
done

/usr/bin/python3 "$here/report.py" "$logs" "$model" "$lmp" "$potentials" "$length" "$cells" \
  > "$out/results.md"
status=$?
cat "$out/results.md"
echo "written: $out/results.md (logs in $logs)" >&2
exit $status
