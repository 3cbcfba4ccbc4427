# Sourced by tests/run-all.sh for the sanitizer lane's ctest. ASan's defaults stand (errors and
# leaks fail the test); UBSan prints a stack and stops at its first finding; LeakSanitizer skips
# the libraries listed, with reasons, in lsan.supp.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$here/lsan.supp:print_suppressions=0
