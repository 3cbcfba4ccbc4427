#!/usr/bin/env bash
# Training throughput side by side: one training step (forward with forces and
# stress, energy + force + stress loss, backward, Adam step) on equipot's benchmark batch
# (4 random periodic structures of 64 atoms, ~40 neighbours within 5 A; the model of
# reference_system.hpp: 2 layers, l_max 2, 32 channels), for equipot (equipot_bench_train)
# and for NequIP 0.6.1 with the same hyperparameters on the same batch file
# (peers/nequip_train_step.py), on 1 and 2 threads, in the same run.
# How to read the table: s/step is the best time of one step (equipot: min over 3 Google
# Benchmark repetitions; NequIP: min over 5 timed steps); atoms/s = atoms in the batch / s/step;
# ratio = NequIP's 1-thread s/step / the row's s/step, so > 1 means faster than NequIP on
# 1 thread. The BLAS lines name the library each side's matrix products ran on.
# The NequIP rows are skipped, saying why, when the peer is not set up: EQUIPOT_PEERS_SOURCE
# names the folder of its sources and setup script, EQUIPOT_PEER_ALLOCATOR=system runs it on
# glibc's malloc instead of jemalloc (peers/peer_environment.sh).
# Usage: bash tests/benchmarks/train_side_by_side.sh [BUILD_DIR]   (default: build/ in the repo)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$repo/build}
bench=$build/bin/equipot_bench_train
[ -x "$bench" ] || { echo "train_side_by_side: $bench not found; build equipot_bench_train first" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Min over repetitions of equipot's real time per step, in s, on $1 threads (aggregate lines skipped).
equipot_seconds() {
  awk -v n="$1" '$1 ~ "^BM_TrainingStep/threads:" n "(/|$)" && $1 !~ /_(mean|median|stddev|cv)$/ {
      s = $2 * ($3 == "ns" ? 1e-9 : $3 == "us" ? 1e-6 : $3 == "ms" ? 1e-3 : 1)
      if (best == "" || s < best) best = s
    }
    END {
      if (best == "") { print "train_side_by_side: no BM_TrainingStep/threads:" n " line" > "/dev/stderr"; exit 1 }
      print best
    }' "$tmp/equipot.txt"
}

echo "== equipot ($bench)"
OMP_NUM_THREADS=1 EQUIPOT_BENCH_BATCH_XYZ="$tmp/batch.xyz" \
  "$bench" --benchmark_repetitions=3 --benchmark_report_aggregates_only=false --benchmark_color=false | tee "$tmp/equipot.txt"
eq1=$(equipot_seconds 1)
eq2=$(equipot_seconds 2)
# Two ranks of one thread each share the batch, as `mpirun -np 2 equipot train` does.
eq2ranks=''
if command -v mpirun >/dev/null; then
  echo "== equipot, 2 ranks x 1 thread"
  OMP_NUM_THREADS=1 mpirun --oversubscribe -np 2 "$bench" --benchmark_filter=threads:1 --benchmark_repetitions=3 \
    --benchmark_report_aggregates_only=false --benchmark_color=false | tee "$tmp/equipot.txt"
  eq2ranks=$(equipot_seconds 1)
fi
# Atoms in the batch: the sum of the extended XYZ count lines.
atoms=$(awk 'NR == next_count { total += $1; next_count = NR + $1 + 2 } BEGIN { next_count = 1 } END { print total }' "$tmp/batch.xyz")
# The BLAS libraries the benchmark loads (none listed if ldd cannot read it).
eq_blas=$(ldd "$bench" 2>/dev/null | awk '$1 ~ /blas/ { print $3 }' | xargs -r readlink -f | sort -u | paste -sd, - || true)

nq1='' nq2='' nq_blas=''
source "$repo/tests/benchmarks/peers/peer_environment.sh"
for threads in 1 2; do
  [ -z "$peer_skip" ] || break
  echo "== NequIP 0.6.1, $threads thread(s)"
  rc=0
  env "${peer_environment[@]}" "$peer_python" "$repo/tests/benchmarks/peers/nequip_train_step.py" "$tmp/batch.xyz" \
    --threads "$threads" | tee "$tmp/nequip$threads.txt" || rc=$?
  if [ "$rc" -eq 77 ]; then peer_skip="NequIP not found after $EQUIPOT_PEERS_SOURCE/setup-nequip.sh"; break; fi
  [ "$rc" -eq 0 ] || exit "$rc"
  declare "nq$threads=$(peer_field nequip_train_step min_s "$tmp/nequip$threads.txt")"
  nq_blas=$(peer_field nequip_train_step blas "$tmp/nequip$threads.txt")
done
[ -z "$peer_skip" ] || echo "NequIP 0.6.1 rows skipped: $peer_skip"

echo
printf '%-24s %10s %10s %8s\n' "" "s/step" "atoms/s" "ratio"
row() {  # name, s/step (empty: no figure)
  [ -n "$2" ] || return 0
  awk -v name="$1" -v s="$2" -v atoms="$atoms" -v ref="$nq1" \
    'BEGIN { printf "%-24s %10.3g %10.1f %8s\n", name, s, atoms / s, ref == "" ? "-" : sprintf("%.2f", ref / s) }'
}
row "equipot 1 thread" "$eq1"
row "equipot 2 threads" "$eq2"
row "equipot 2 ranks" "$eq2ranks"
row "NequIP 0.6.1 1 thread" "$nq1"
row "NequIP 0.6.1 2 threads" "$nq2"
awk -v a="$eq1" -v b="$eq2" -v c="$eq2ranks" 'BEGIN {
  printf "equipot speed-up over 1 thread: 2 threads %.2f", a / b
  if (c != "") printf ", 2 ranks %.2f", a / c
  printf "\n" }'
echo "equipot BLAS: ${eq_blas:-none linked}"
[ -z "$nq1" ] || echo "NequIP BLAS: $nq_blas; allocator: $peer_allocator"
