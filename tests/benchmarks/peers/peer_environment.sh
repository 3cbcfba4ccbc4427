# Sourced by the benchmark scripts that time NequIP 0.6.1 beside equipot
# (tests/benchmarks/train_side_by_side.sh, tests/benchmarks/lammps/run.sh). Sets:
#   peer_skip         empty when the peer is ready, else why its rows are left out
#   peer_environment  the environment to run it in: jemalloc preloaded and told to keep freed
#                     pages, as equipot's training programs link it (src/train/keep_freed_memory.cpp;
#                     on glibc's malloc NequIP page-faults its temporaries in at every step);
#                     EQUIPOT_PEER_ALLOCATOR=system leaves glibc's malloc
#   peer_allocator    that allocator, in words
#   peer_python       Debian's python3 (it has python3-torch) unless EQUIPOT_PEER_PYTHON names another
# and defines peer_field NAME KEY FILE: the value of KEY in the summary line NAME of FILE.
# EQUIPOT_PEERS_SOURCE names the folder of the peer's sources and its setup-nequip.sh, which
# prints the exports that put NequIP on PYTHONPATH; unset or empty, the peer is left out.
peer_skip='' peer_environment=() peer_allocator='glibc malloc'
peer_python=${EQUIPOT_PEER_PYTHON:-/usr/bin/python3}
if [ -z "${EQUIPOT_PEERS_SOURCE:-}" ]; then
  peer_skip="EQUIPOT_PEERS_SOURCE is not set (the folder of NequIP's sources and setup-nequip.sh)"
elif [ ! -f "$EQUIPOT_PEERS_SOURCE/setup-nequip.sh" ]; then
  peer_skip="no $EQUIPOT_PEERS_SOURCE/setup-nequip.sh"
elif peer_setup=$(bash "$EQUIPOT_PEERS_SOURCE/setup-nequip.sh"); then
  eval "$peer_setup"
else
  peer_skip="$EQUIPOT_PEERS_SOURCE/setup-nequip.sh failed"
fi
peer_jemalloc=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2
if [ "${EQUIPOT_PEER_ALLOCATOR:-jemalloc}" = jemalloc ] && [ -f "$peer_jemalloc" ]; then
  peer_environment=(LD_PRELOAD="$peer_jemalloc" "MALLOC_CONF=dirty_decay_ms:-1,muzzy_decay_ms:-1,oversize_threshold:0")
  peer_allocator="jemalloc ($peer_jemalloc), keeping freed pages"
fi
peer_field() {
  awk -v name="$1" -v key="$2" '$1 == name {
    for (i = 2; i <= NF; i++) if (index($i, key "=") == 1) print substr($i, length(key) + 2) }' "$3"
}
