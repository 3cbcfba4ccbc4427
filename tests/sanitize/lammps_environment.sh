# Sourced (after environment.sh) for the sanitizer lane's LAMMPS tests: keep_libraries_loaded.so
# preloaded into every process (mpiexec passes LD_PRELOAD on to the ranks). Its path is the first
# argument. ASan normally insists on being the first library loaded; the shim uses no memory
# functions, so that check is off. fast_unwind_on_malloc=0: Open MPI is built without frame
# pointers, and the slow unwinder gives the full stacks through it that the suppressions match.
shim=$1
export LD_PRELOAD=$shim
export ASAN_OPTIONS=verify_asan_link_order=0:fast_unwind_on_malloc=0
