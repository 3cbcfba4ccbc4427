#!/usr/bin/env bash
# Data-parallel training (docs/training.md, "Threads and ranks"): one rank and two ranks train
# the same weights (up to the order of sums), with batches of 3 that two ranks split unevenly
# and a last batch of one structure that leaves a rank without any; the epoch lines of a
# two-rank run say so; a run started on two ranks resumes on one and ends where a one-rank run
# ends.
# usage: data_parallel.sh EQUIPOT MPIEXEC PYTHON FOLDER
#   (PYTHON: one with torch, to read the model files; FOLDER holds train.yaml and frames.xyz)
set -euo pipefail
equipot=$1 mpiexec=$2 python=$3 dir=$4
here=$(cd "$(dirname "$0")" && pwd)
work=$dir/data_parallel
rm -rf "$work"
mkdir -p "$work"
cp "$dir/frames.xyz" "$work/"
config() {  # NAME EPOCHS: NAME.yaml writing to the folder NAME
  sed -e "s/^output: .*/output: $1/" -e "s/^  epochs: .*/  epochs: $2/" -e "s/^  batch_size: .*/  batch_size: 3/" \
    "$dir/train.yaml" > "$work/$1.yaml"
}
config one 3
config two 3
config resumed 2
run() {  # RANKS NAME [--resume]
  local ranks=$1 name=$2
  shift 2
  echo "== $ranks rank(s): equipot train $name.yaml $*"
  "$mpiexec" --oversubscribe -np "$ranks" "$equipot" train "$work/$name.yaml" "$@" | tee -a "$work/$name.log"
}
run 1 one
run 2 two
grep -q "ETA .*, 2 ranks\]" "$work/two.log" || { echo "FAILED: the epoch lines of the two-rank run do not say '2 ranks'"; exit 1; }
run 2 resumed
sed -i "s/^  epochs: .*/  epochs: 3/" "$work/resumed.yaml"
run 1 resumed --resume
"$python" "$here/compare_models.py" "$work/one/model.pt" "$work/two/model.pt" 1e-12
"$python" "$here/compare_models.py" "$work/one/model.pt" "$work/resumed/model.pt" 1e-12
