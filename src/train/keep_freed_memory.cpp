// Compiled into every program that trains (the equipot command, the trainer's tests and
// benchmark), linked with jemalloc: LibTorch frees and allocates the same large autograd buffers
// at every step, and a page the kernel hands out again costs a fault and a zeroing (an add into a
// fresh 100 MB tensor took 20x the time of one into a kept one). jemalloc reads this string at
// start-up: freed pages stay in the process (no time-based purging, dirty or muzzy) and large
// blocks come from the same arenas (no separate, eagerly purged arena for blocks above 8 MiB).
// docs/training.md, "Memory and BLAS".
extern "C" {
const char* malloc_conf = "dirty_decay_ms:-1,muzzy_decay_ms:-1,oversize_threshold:0";
}
