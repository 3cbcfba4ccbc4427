#!/usr/bin/env bash
# One prepared run on a machine with an NVIDIA GPU (docs/engine.md, "CUDA: the compile lane and the GPU script"),
# writing everything into RESULTS:
#   1. the unit and engine tests on every backend of the build (Serial and Cuda);
#   2. a LAMMPS single point of the test structure: pair_style equipot on the CPU, equipot/kk on
#      the GPU (-k on g 1 -sf kk, with newton on, which the style needs) in fp64 and mixed
#      precision, compared with each other and with the standalone engine (and the LibTorch
#      reference where the build has it: tests/lammps/compare_runs.py);
#   3. the engine benchmark (equipot_bench_engine: LibTorch reference, Serial and Cuda; built
#      only with LibTorch);
#   4. the LAMMPS benchmark (tests/benchmarks/lammps/run.sh: SNAP and equipot on the CPU, the /kk
#      lines on the GPU, 2 steps; only with MPI), then equipot/kk and SNAP/kk loop timings on the
#      GPU (NSTEPS) from 4096 to 262144 atoms (the exact radial MLP to 32768), with the GPU
#      memory in use at its peak (nvidia-smi, sampled every 100 ms) per atom.
# Aimed at under 10 minutes on a 16-core machine; each step's time is in RESULTS/summary.txt.
#
# Usage: tests/gpu/run.sh RESULTS [--dry-run | --bundle BUNDLE]
#   (default)  builds Kokkos 4.6.01 for the GPU it finds and equipot with LAMMPS 4 Feb 2025 (lmp
#              with the KOKKOS package) here, then runs. Needs, without internet: this working
#              tree; the Debian packages of cmake/bootstrap/install-debian-packages.sh already
#              installed; a CUDA toolkit (nvcc, CUDA 13 or older) in EQUIPOT_CUDA_ROOT, CUDA_HOME or
#              /usr/local/cuda; and the sources, either unpacked in EQUIPOT_CACHE/src
#              (kokkos-4.6.01, lammps-20250204) or as the tarballs kokkos-4.6.01.tar.gz and
#              lammps_20250204+dfsg.1.orig.tar.xz (SHA256s in cmake/bootstrap/common.sh) in
#              EQUIPOT_SOURCE_CACHE or EQUIPOT_CACHE/downloads.
#   --bundle BUNDLE  runs the programs tests/gpu/build.sh packed on another machine and builds
#              nothing: the node needs only the CUDA driver, nvidia-smi and python3 with numpy.
#              That build has no MPI and no LibTorch, so steps 3 and 4's CPU table are left out.
#   --dry-run  checks what the run needs and prints the commands without running them (no GPU
#              needed; the architecture then comes from EQUIPOT_CUDA_ARCH, default HOPPER90).
# Environment: EQUIPOT_CACHE, EQUIPOT_SOURCE_CACHE, EQUIPOT_BUILD_DIR (builds go to
#   <it>/lanes/gpu-<arch>, default <repo>/build), EQUIPOT_JOBS (default: all cores), NSTEPS
#   (steps of the GPU loop timings, default 50), STEP_SECONDS (a step's time limit, default 300).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
bootstrap=$repo/cmake/bootstrap
source "$bootstrap/common.sh"

[ $# -ge 1 ] || die "usage: tests/gpu/run.sh RESULTS [--dry-run | --bundle BUNDLE]"
results=$(mkdir -p "$1" && cd "$1" && pwd)
dry_run=0 bundle=''
case ${2:-} in
  '') ;;
  --dry-run) dry_run=1 ;;
  --bundle)
    [ -n "${3:-}" ] && [ -x "$3/bin/lmp" ] || die "--bundle needs the folder tests/gpu/build.sh wrote (no ${3:-BUNDLE}/bin/lmp)"
    bundle=$(cd "$3" && pwd) ;;
  *) die "unknown option '$2' (--dry-run or --bundle BUNDLE)" ;;
esac
jobs=${EQUIPOT_JOBS:-$(nproc)}
nsteps=${NSTEPS:-50}
limit=${STEP_SECONDS:-300}
summary=$results/summary.txt
: > "$summary"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMP_PROC_BIND=false OMP_WAIT_POLICY=passive

# step NAME COMMAND...: runs COMMAND (at most STEP_SECONDS) with its output in RESULTS/NAME.txt
# and its time and exit status in the summary; a failed step is recorded and the run goes on.
# COMMAND may be a function of this script (it runs in a subshell, where set -e ends it at its
# first failure).
failures=0
step() {
  local name=$1 start=$SECONDS status=0; shift
  if [ "$dry_run" = 1 ]; then
    printf 'would run (%s): %s\n' "$name" "$*"
    return 0
  fi
  log "$name ..."
  # Job control puts the step in a process group of its own, which the watchdog ends whole.
  set -m
  ("$@") > "$results/$name.txt" 2>&1 &
  local pid=$!
  (sleep "$limit" && kill -TERM -- "-$pid") > /dev/null 2>&1 &
  local watchdog=$!
  set +m
  wait "$pid" || status=$?
  kill -- "-$watchdog" > /dev/null 2>&1 || true
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

if [ -n "$bundle" ]; then
  bin=$bundle/bin
  export LD_LIBRARY_PATH=$bundle/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
  grep -q "^architecture $EQUIPOT_CUDA_ARCH " "$bundle/build-info.txt" ||
    die "the bundle was built for $(head -n 1 "$bundle/build-info.txt"), this GPU is $EQUIPOT_CUDA_ARCH"
  { echo "bundle $bundle:"; cat "$bundle/build-info.txt"; } | tee -a "$summary"
else
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
  bin=$build/bin
fi

# 1. Tests: every test body on Serial and on Cuda.
step unit_tests "$bin/equipot_unit_tests" --gtest_output="xml:$results/unit_tests.xml"
step engine_tests "$bin/equipot_engine_tests" --gtest_output="xml:$results/engine_tests.xml"

# 2. Single point: plain on the CPU (the baseline), /kk on the GPU, fp64 and mixed. One rank:
# lmp runs without mpirun (a build with MPI starts as a singleton).
inputs=$repo/tests/lammps/inputs
points=$results/single_point
lmp=$bin/lmp
kokkos_gpu=(-k on g 1 -sf kk -pk kokkos newton on neigh half)
single_point() {  # name, extra lmp arguments...
  local name=$1; shift
  "$lmp" "$@" -in "$inputs/in.single_point" -var dir "$inputs" -var model "$points/small.pt" \
    -var data "$points/structure.data" -var out "$points/$name" -log "$points/$name.log" -screen none
}
compare=(python3 "$repo/tests/lammps/compare_runs.py" --dir "$points" --equipot "$bin/equipot" --model "$points/small.pt"
  --species Si O)
[ -z "$bundle" ] || compare+=(--without-reference)
mkdir -p "$points"
step model "$bin/equipot" init "$inputs/small.yaml" -o "$points/small.pt" --seed 1
step structure "$lmp" -in "$inputs/in.make_structure" -var cells 3 -var data "$points/structure.data" -log none -screen none
step point_cpu single_point cpu
step point_gpu single_point gpu "${kokkos_gpu[@]}"
step point_gpu_exact single_point gpu_exact "${kokkos_gpu[@]}" -var radial exact
step point_gpu_mixed single_point gpu_mixed "${kokkos_gpu[@]}" -var precision mixed
step point_cpu_mixed single_point cpu_mixed -var precision mixed
step compare_fp64 "${compare[@]}" --runs cpu gpu
# The exact radial MLP on the GPU against tables on the CPU, at the table's bound (docs/engine.md).
step compare_exact "${compare[@]}" --runs cpu gpu_exact --energy-rtol 1e-10 --force-rtol 1e-8
# Mixed precision: the GPU against the CPU's mixed run, at the bounds of docs/engine.md.
step compare_mixed "${compare[@]}" --runs cpu_mixed gpu_mixed --energy-rtol 3e-6 --force-rtol 1.5e-5

# 3. Engine benchmark (with LibTorch only).
if [ -x "$bin/equipot_bench_engine" ] || [ "$dry_run" = 1 ]; then
  step bench_engine "$bin/equipot_bench_engine" --benchmark_min_time=2 \
    --benchmark_out="$results/bench_engine.json" --benchmark_out_format=json
fi

# 4. LAMMPS benchmark (its /kk lines on the GPU; few steps: its plain lines run on one core each),
# only where there is MPI. Without the NequIP rows: the peer's minutes on the CPU would spend the
# device's time.
benchmarks=$repo/tests/benchmarks/lammps
if command -v mpirun > /dev/null && [ -z "$bundle" ]; then
  step bench_lammps env NSTEPS=2 KOKKOS_GPU=1 EQUIPOT_PEERS_SOURCE= bash "$benchmarks/run.sh" "$build"
fi
# GPU loop timings over more steps: equipot/kk from 4096 to 262144 atoms (diamond Si, nrep^3 x 8),
# SNAP/kk Ta06A from 4394 to 281216 atoms (bcc, nrep^3 x 2). Memory: the GPU's memory in use at
# its peak while the run lasted (all of it: Kokkos' and CUDA's own too).
model_dir=$results/bench_gpu
snap_dir=$LAMMPS_SOURCE_DIR/examples/snap
[ -z "$bundle" ] || snap_dir=$bundle/snap
mkdir -p "$model_dir"
gpu_loop() {  # directory, input, variables...
  local dir=$1 input=$2 sampler status=0; shift 2
  nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits -lms 100 > "$model_dir/memory.txt" &
  sampler=$!
  (cd "$dir" && "$lmp" "${kokkos_gpu[@]}" -in "$input" -var nsteps "$nsteps" "$@" -log none -echo none) \
    > "$model_dir/loop.txt" 2>&1 || status=$?
  kill "$sampler"
  [ "$status" = 0 ] || { tail -n 20 "$model_dir/loop.txt"; return "$status"; }
  awk -v n="$nsteps" -v mib="$(sort -g "$model_dir/memory.txt" | tail -n 1)" '/^Loop time of/ {
      printf "%s s for %s atoms x %s steps: %.4f us/atom-step, %.3f ns/atom-step; GPU memory %d MiB, %.2f kB/atom\n",
        $4, $12, n, $4 * 1e6 / ($12 * n), $4 * 1e9 / ($12 * n), mib, mib * 1048.576 / $12}' "$model_dir/loop.txt"
}
equipot_sizes() {  # "nrep..." variables...
  local nreps=$1 nrep; shift
  for nrep in $nreps; do
    gpu_loop "$model_dir" "$benchmarks/in.equipot" -var model "$model_dir/reference.pt" -var nrep "$nrep" "$@"
  done
}
snap_sizes() {
  local nrep
  for nrep in 13 26 52; do
    gpu_loop "$snap_dir" "$benchmarks/in.snap" -var potential Ta06A -var a 3.316 \
      -var mass 180.88 -var nrep "$nrep"
  done
}
step bench_model "$bin/equipot" init "$benchmarks/reference_model.yaml" -o "$model_dir/reference.pt" --seed 1
step bench_gpu_equipot equipot_sizes "8 16 24 32"
step bench_gpu_equipot_mixed equipot_sizes "8 16 24 32" -var precision mixed
# The exact radial MLP keeps its activations, about 10 kB per edge: two sizes.
step bench_gpu_equipot_exact equipot_sizes "8 16" -var radial exact
step bench_gpu_snap snap_sizes

[ "$dry_run" = 1 ] && exit 0
log "done: $failures failed step(s); results in $results (summary.txt)"
printf '%d failed step(s)\n' "$failures" >> "$summary"
[ "$failures" = 0 ]
