#!/usr/bin/env bash
# Physical validation of the water potential: 32 molecules at 1.0 g/cm^3 and 300 K.
#   1. SPC/Fw (Debian's LAMMPS) equilibrates a box and gives its O-O RDF;
#   2. equipot (our LAMMPS) runs NVT from that box, then NVE: O-O RDF, molecules stay whole,
#      energy drift;
#   3. report.py prints the comparison (also against experiment) and writes results.md;
#   4. every 10th frame of the equipot trajectory (21 frames, 1 ps apart) is labelled with
#      GFN1-xTB and evaluated: the model's errors on the configurations its own MD visits.
# usage: validate.sh [MODEL]   (default: ../model.pt). Env: NVT_STEPS (default 40000 = 20 ps),
# NVE_STEPS (10000 = 5 ps), LMP (our LAMMPS), SPCFW_LMP (default /usr/bin/lmp), OUT (default:
# this folder; logs in OUT/logs).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
model=$(realpath "${1:-$here/../model.pt}")
lmp=${LMP:-$repo/build/bin/lmp}
spcfw_lmp=${SPCFW_LMP:-/usr/bin/lmp}
out=${OUT:-$here}
python=/usr/bin/python3
equipot=$(dirname "$lmp")/equipot
for file in "$model" "$lmp" "$spcfw_lmp" "$equipot"; do
  [[ -e $file ]] || { echo "validate.sh: $file not found" >&2; exit 2; }
done
logs=$out/logs
mkdir -p "$logs"
cd "$logs"
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1} OMP_PROC_BIND=false

echo "SPC/Fw equilibration and RDF (about 1 minute)"
$python "$here/../data/make_box.py" 32 1.0 300 box.data
"$spcfw_lmp" -in "$here/spcfw.lmp" -var data box.data -var steps 40000 -var out spcfw \
  -log spcfw.log -screen none
$python "$here/../data/dump_to_data.py" spcfw_start.dump start.data "32 water molecules, SPC/Fw at 300 K"

echo "equipot NVT ${NVT_STEPS:-40000} steps then NVE ${NVE_STEPS:-10000} steps (log: $logs/equipot.log)"
"$lmp" -in "$here/equipot_md.lmp" -var data start.data -var model "$model" \
  -var nvt_steps "${NVT_STEPS:-40000}" -var nve_steps "${NVE_STEPS:-10000}" -var out equipot \
  -log equipot.log -screen none
grep -A 1 "^Loop time" equipot.log | head -2

$python "$here/report.py" spcfw_rdf.dat equipot_rdf.dat equipot.dump equipot.log "$out/results.md"

echo "GFN1-xTB labels of the equipot trajectory (every 10th frame)"
$python "$here/../data/label.py" md_frames.xyz --stride 10 equipot.dump:equipot_md_300K
{
  echo
  echo "Errors on frames of the equipot NVT run labelled with GFN1-xTB (\`equipot eval\`):"
  echo
  echo '```'
  "$equipot" eval "$model" md_frames.xyz 2> /dev/null
  echo '```'
} | tee -a "$out/results.md"
