#include "train/interrupt.hpp"

#include <atomic>
#include <csignal>

namespace equipot {
namespace {

// Lock-free, hence safe to set from a signal handler.
std::atomic<bool> stop_requested{false};
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void on_interrupt(int) {
  stop_requested.store(true);
  std::signal(SIGINT, SIG_DFL);
}

}  // namespace

void install_interrupt_handler() { std::signal(SIGINT, on_interrupt); }
bool interrupt_requested() { return stop_requested.load(); }
void request_interrupt() { stop_requested.store(true); }
void clear_interrupt() { stop_requested.store(false); }

}  // namespace equipot
