#!/bin/sh
# The package as an admin installs it and a user consumes it: `cmake --install` of equipot's
# build into a fresh prefix, then the downstream project (downstream/) configured against that
# prefix alone, built, and run on a shipped potential; the installed CLI and plugin are there.
# usage: check_downstream.sh EQUIPOT_BUILD_DIR WORK_DIR CXX_COMPILER MODEL STRUCTURE.xyz
set -eu
build=$1 work=$2 cxx=$3 model=$4 structure=$5
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work"
cmake --install "$build" --component equipot --prefix "$work/prefix" > "$work.install.log"
echo "installed $(wc -l < "$work.install.log") files into $work/prefix"
cmake -S "$here/downstream" -B "$work/build" -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_CXX_COMPILER="$cxx" \
  -DCMAKE_BUILD_TYPE=Release
cmake --build "$work/build"
"$work/build/evaluate_model" "$model" "$structure"
"$work/prefix/bin/equipot" version
test -f "$work/prefix/lib/cmake/equipot/equipotConfigVersion.cmake"
echo "downstream project: ok"
