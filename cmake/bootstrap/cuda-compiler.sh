# shellcheck shell=bash
# The CUDA compiler of the CUDA builds; sourced after common.sh, not run.
# Route: the CUDA toolkit already on the machine (CUDA 13.0 in /usr/local/cuda here and on the
# GPU machines), its nvcc behind Kokkos' nvcc_wrapper with GCC as host compiler. nvcc_wrapper
# defaults to sm_70, which CUDA 13 dropped, so every compile gets the architecture explicitly
# (CUDA_ARCH_FLAG, also in CMake's compiler checks). Kokkos 4.6.01 needs three CUDA 13 API
# changes (patches/kokkos-4.6.01-cuda13.patch, applied by build-kokkos.sh cuda).
# Environment: EQUIPOT_CUDA_ROOT (toolkit folder; default: CUDA_HOME, /usr/local/cuda, or the
# nvcc on PATH), EQUIPOT_CUDA_ARCH (a Kokkos_ARCH_ name, common.sh).
# Exports: CUDA_TOOLKIT_ROOT, CUDA_COMPILER_KEY (e.g. nvcc13.0, for cache folder names),
# CUDA_VERSION_MAJOR, CUDA_ARCH_FLAG (e.g. -arch=sm_90), PATH (the toolkit's nvcc first),
# NVCC_WRAPPER_DEFAULT_COMPILER.

cuda_toolkit_root() {
  local candidate
  for candidate in "${EQUIPOT_CUDA_ROOT:-}" "${CUDA_HOME:-}" /usr/local/cuda; do
    if [ -n "$candidate" ] && [ -x "$candidate/bin/nvcc" ]; then
      printf '%s\n' "$candidate"
      return
    fi
  done
  if command -v nvcc > /dev/null; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v nvcc)")")")
    printf '%s\n' "$candidate"
    return
  fi
  die "no CUDA toolkit (nvcc) found: set EQUIPOT_CUDA_ROOT to its folder"
}

# sm_XY of a Kokkos_ARCH_ name of an NVIDIA GPU (the last digits of the name).
cuda_sm_of_kokkos_arch() {
  case $1 in
    VOLTA70 | VOLTA72 | TURING75 | AMPERE80 | AMPERE86 | ADA89 | HOPPER90 | BLACKWELL100 | BLACKWELL120)
      printf 'sm_%s\n' "${1//[!0-9]/}" ;;
    *) die "EQUIPOT_CUDA_ARCH=$1 is not an NVIDIA Kokkos_ARCH_ name (e.g. HOPPER90)" ;;
  esac
}

CUDA_TOOLKIT_ROOT=$(cuda_toolkit_root)
cuda_release=$("$CUDA_TOOLKIT_ROOT/bin/nvcc" --version | sed -n 's/.*release \([0-9]*\.[0-9]*\).*/\1/p')
[ -n "$cuda_release" ] || die "cannot read the release of $CUDA_TOOLKIT_ROOT/bin/nvcc"
CUDA_VERSION_MAJOR=${cuda_release%%.*}
CUDA_COMPILER_KEY=nvcc$cuda_release
CUDA_ARCH_FLAG=-arch=$(cuda_sm_of_kokkos_arch "$EQUIPOT_CUDA_ARCH")
PATH=$CUDA_TOOLKIT_ROOT/bin:$PATH
NVCC_WRAPPER_DEFAULT_COMPILER=${NVCC_WRAPPER_DEFAULT_COMPILER:-g++}
export CUDA_TOOLKIT_ROOT CUDA_COMPILER_KEY CUDA_VERSION_MAJOR CUDA_ARCH_FLAG PATH NVCC_WRAPPER_DEFAULT_COMPILER
unset cuda_release
