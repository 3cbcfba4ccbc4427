# Sourced by the one-rank cost studies (size_scaling.sh, neighbour_scaling.sh), after they set
# `here` (their folder) and `repo`: the build folder (their first argument, else build/),
# nsteps (NSTEPS, default 5), a scratch folder `work` removed on exit, one OpenMP thread, and
# the benchmark model (reference_model.yaml, seed 1) in $work/reference.pt.
build=${1:-$repo/build}
nsteps=${NSTEPS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export OMP_PROC_BIND=false OMP_WAIT_POLICY=passive OMP_NUM_THREADS=1
"$build/bin/equipot" init "$here/reference_model.yaml" -o "$work/reference.pt" --seed 1 >/dev/null
