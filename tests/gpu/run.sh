#!/usr/bin/env bash
# One prepared run on a machine with an NVIDIA GPU (docs/engine.md, "CUDA: the compile lane and the GPU script"): builds Kokkos
# 4.6.01 for the GPU it finds and equipot with LAMMPS 4 Feb 2025 (lmp with the KOKKOS package),
# then runs, writing everything into RESULTS:
#   1. the unit and engine tests on every backend of that build (Serial and Cuda);
#   2. a LAMMPS single point of the test structure: pair_style equipot on the CPU, equipot/kk on
#      the GPU (-k on g 1 -sf kk, with newton on, which the style needs) in fp64 and mixed
#      precision, compared with each other, with the standalone engine and with the LibTorch
#      reference (tests/lammps/compare_runs.py);
#   3. the engine benchmark (equipot_bench_engine: LibTorch reference, Serial and Cuda);
#   4. the LAMMPS benchmark (tests/benchmarks/lammps/run.sh: SNAP and equipot on the CPU, the /kk
#      lines on the GPU, 2 steps), then equipot/kk and SNAP/kk loop timings on the GPU (NSTEPS).
# Aimed at under 10 minutes on a 16-core machine; each step's time is in RESULTS/summary.txt.
#
# Usage: tests/gpu/run.sh RESULTS [--dry-run]
#   --dry-run  checks what the run needs and prints the commands without running them (no GPU
#              needed; the architecture then comes from EQUIPOT_CUDA_ARCH, default HOPPER90).
# Needs, without internet: this working tree; the Debian packages of
#   cmake/bootstrap/install-debian-packages.sh already installed; a CUDA toolkit (nvcc, CUDA 13
#   or older) in EQUIPOT_CUDA_ROOT, CUDA_HOME or /usr/local/cuda; nvidia-smi; and the sources,
#   either unpacked in EQUIPOT_CACHE/src (kokkos-4.6.01, lammps-20250204) or as the tarballs
#   kokkos-4.6.01.tar.gz and lammps_20250204+dfsg.1.orig.tar.xz (SHA256s in
#   cmake/bootstrap/common.sh) in EQUIPOT_SOURCE_CACHE or EQUIPOT_CACHE/downloads.
# Environment: EQUIPOT_CACHE, EQUIPOT_SOURCE_CACHE, EQUIPOT_BUILD_DIR (builds go to
#   <it>/lanes/gpu-<arch>, default <repo>/build), EQUIPOT_JOBS (default: all cores), NSTEPS
#   (steps of the GPU loop timings, default 50).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
bootstrap=$repo/cmake/bootstrap
source "$bootstrap/common.sh"

[ $# -ge 1 ] || die "usage: tests/gpu/run.sh RESULTS [--dry-run]"
results=$(mkdir -p "$1" && cd "$1" && pwd)
dry_run=0
[ "${2:-}" != --dry-run ] || dry_run=1
jobs=${EQUIPOT_JOBS:-$(nproc)}
nsteps=${NSTEPS:-50}
summary=$results/summary.txt
: > "$summary"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMP_PROC_BIND=false OMP_WAIT_POLICY=passive

# step NAME COMMAND...: runs COMMAND with its output in RESULTS/NAME.txt and its time and exit
# status in the summary; a failed step is recorded and the run goes on (set -e stays off in it).
failures=0
step() {
  local name=$1 start=$SECONDS status=0; shift
  if [ "$dry_run" = 1 ]; then
    printf 'would run (%s): %s\n' "$name" "$*"
    return 0
  fi
  log "$name ..."
  "$@" > "$results/$name.txt" 2>&1 || status=$?
  printf '%-28s %4d s  %s\n' "$name" $((SECONDS - start)) "$([ "$status" = 0 ] && echo ok || echo "FAILED ($status)")" |
    tee -a "$summary"
  [ "$status" = 0 ] || failures=$((failures + 1))
  return 0
}

# The Kokkos_ARCH_ name of the first GPU (compute capability X.Y -> its Kokkos name).
kokkos_arch_of_gpu() {
  local capability
  capability=$(nvidia-smi --query-gpu=compute_cap --format=csv,noheader | head -n 1 | tr -d ' ')
  case $capability in
    7.0) echo VOLTA70 ;; 7.2) echo VOLTA72 ;; 7.5) echo TURING75 ;;
    8.0) echo AMPERE80 ;; 8.6) echo AMPERE86 ;; 8.7) echo AMPERE87 ;; 8.9) echo ADA89 ;;
    9.0) echo HOPPER90 ;; 10.0) echo BLACKWELL100 ;; 12.0) echo BLACKWELL120 ;;
    *) die "no Kokkos 4.6.01 architecture known for compute capability '$capability'" ;;
  esac
}

if [ "$dry_run" = 1 ]; then
  EQUIPOT_CUDA_ARCH=${EQUIPOT_CUDA_ARCH:-HOPPER90}
else
  command -v nvidia-smi > /dev/null || die "no nvidia-smi: this script needs an NVIDIA GPU"
  nvidia-smi > "$results/nvidia-smi.txt"
  EQUIPOT_CUDA_ARCH=$(kokkos_arch_of_gpu)
fi
export EQUIPOT_CUDA_ARCH
source "$bootstrap/cuda-compiler.sh"
log "GPU architecture $EQUIPOT_CUDA_ARCH ($CUDA_ARCH_FLAG), $CUDA_COMPILER_KEY in $CUDA_TOOLKIT_ROOT, $jobs jobs"
printf 'architecture %s, compiler %s (%s), %d jobs\n' "$EQUIPOT_CUDA_ARCH" "$CUDA_COMPILER_KEY" "$CUDA_TOOLKIT_ROOT" \
  "$jobs" >> "$summary"

# Sources: the LAMMPS tarball from EQUIPOT_SOURCE_CACHE into the download folder, where
# fetch-sources.sh looks first (it would otherwise ask apt, which needs the network).
lammps_tarball=lammps_${LAMMPS_DEBIAN_VERSION[$LAMMPS_VERSION]%-*}.orig.tar.xz
if [ ! -f "$LAMMPS_SOURCE_DIR/src/lammps.cpp" ] && [ -n "$EQUIPOT_SOURCE_CACHE" ] &&
  [ -f "$EQUIPOT_SOURCE_CACHE/$lammps_tarball" ] && [ ! -f "$EQUIPOT_DOWNLOADS/$lammps_tarball" ]; then
  mkdir -p "$EQUIPOT_DOWNLOADS"
  cp "$EQUIPOT_SOURCE_CACHE/$lammps_tarball" "$EQUIPOT_DOWNLOADS/"
fi
step sources bash "$bootstrap/fetch-sources.sh" "$LAMMPS_VERSION"
step kokkos bash "$bootstrap/build-kokkos.sh" cuda

kokkos_dir=$(kokkos_install_dir "cuda-$CUDA_COMPILER_KEY-$EQUIPOT_CUDA_ARCH")
build=${EQUIPOT_BUILD_DIR:-$repo/build}/lanes/gpu-$EQUIPOT_CUDA_ARCH
# MANYBODY off (no test here uses it); ML-SNAP for the benchmark's baseline; no plugin.
step configure cmake -S "$repo" -B "$build" "${CMAKE_BUILD_ARGS[@]}" \
  -DCMAKE_CXX_COMPILER="$kokkos_dir/bin/nvcc_wrapper" -DCMAKE_CXX_FLAGS="$CUDA_ARCH_FLAG" \
  -DKokkos_ROOT="$kokkos_dir" -DLAMMPS_SOURCE_DIR="$LAMMPS_SOURCE_DIR" -DEQUIPOT_ARCH= \
  -DEQUIPOT_BUILD_PLUGIN=OFF -DPKG_MANYBODY=OFF -DPKG_ML-SNAP=ON -DPKG_KOKKOS=ON
step build cmake --build "$build" -j "$jobs" --target lmp equipot equipot_unit_tests equipot_engine_tests \
  equipot_bench_engine

# 1. Tests: every test body on Serial and on Cuda.
step unit_tests "$build/bin/equipot_unit_tests" --gtest_output="xml:$results/unit_tests.xml"
step engine_tests "$build/bin/equipot_engine_tests" --gtest_output="xml:$results/engine_tests.xml"

# 2. Single point: plain on the CPU (the baseline), /kk on the GPU, fp64 and mixed.
inputs=$repo/tests/lammps/inputs
points=$results/single_point
lmp=$build/bin/lmp
single_point() {  # name, extra lmp arguments...
  local name=$1; shift
  mpirun -np 1 "$lmp" "$@" -in "$inputs/in.single_point" -var dir "$inputs" -var model "$points/small.pt" \
    -var data "$points/structure.data" -var out "$points/$name" -log "$points/$name.log" -screen none
}
mkdir -p "$points"
step model "$build/bin/equipot" init "$inputs/small.yaml" -o "$points/small.pt" --seed 1
step structure mpirun -np 1 "$lmp" -in "$inputs/in.make_structure" -var cells 3 -var data "$points/structure.data" \
  -log none -screen none
step point_cpu single_point cpu
step point_gpu single_point gpu -k on g 1 -sf kk -pk kokkos newton on neigh half
step point_gpu_mixed single_point gpu_mixed -k on g 1 -sf kk -pk kokkos newton on neigh half -var precision mixed
step point_cpu_mixed single_point cpu_mixed -var precision mixed
step compare_fp64 python3 "$repo/tests/lammps/compare_runs.py" --dir "$points" --equipot "$build/bin/equipot" \
  --model "$points/small.pt" --species Si O --runs cpu gpu
# Mixed precision: the GPU against the CPU's mixed run, at the bounds of docs/engine.md.
step compare_mixed python3 "$repo/tests/lammps/compare_runs.py" --dir "$points" --equipot "$build/bin/equipot" \
  --model "$points/small.pt" --species Si O --runs cpu_mixed gpu_mixed --energy-rtol 3e-6 --force-rtol 1.5e-5

# 3. Engine benchmark.
step bench_engine "$build/bin/equipot_bench_engine" --benchmark_min_time=2 \
  --benchmark_out="$results/bench_engine.json" --benchmark_out_format=json

# 4. LAMMPS benchmark (its /kk lines on the GPU; few steps: its plain lines run on one core each),
# then GPU loop timings over more steps (4096 atoms of equipot, 4394 of SNAP Ta06A).
# Without the NequIP rows: the peer's minutes on the CPU would spend the device's time.
step bench_lammps env NSTEPS=2 KOKKOS_GPU=1 EQUIPOT_PEERS_SOURCE= bash "$repo/tests/benchmarks/lammps/run.sh" "$build"
benchmarks=$repo/tests/benchmarks/lammps
model_dir=$results/bench_gpu
mkdir -p "$model_dir"
gpu_loop() {  # directory, input, variables...
  local dir=$1 input=$2; shift 2
  (cd "$dir" && mpirun -np 1 "$lmp" -k on g 1 -sf kk -pk kokkos newton on neigh half -in "$input" \
    -var nsteps "$nsteps" "$@" -log none -echo none) |
    awk -v n="$nsteps" '/^Loop time of/ {
      printf "%s s for %s atoms x %s steps: %.3f us/atom-step\n", $4, $12, n, $4 * 1e6 / ($12 * n)}'
}
step bench_model "$build/bin/equipot" init "$benchmarks/reference_model.yaml" -o "$model_dir/reference.pt" --seed 1
step bench_gpu_equipot gpu_loop "$model_dir" "$benchmarks/in.equipot" -var model "$model_dir/reference.pt" -var nrep 8
step bench_gpu_snap gpu_loop "$LAMMPS_SOURCE_DIR/examples/snap" "$benchmarks/in.snap" -var potential Ta06A \
  -var a 3.316 -var mass 180.88 -var nrep 13

[ "$dry_run" = 1 ] && exit 0
log "done: $failures failed step(s); results in $results (summary.txt)"
printf '%d failed step(s)\n' "$failures" >> "$summary"
[ "$failures" = 0 ]
