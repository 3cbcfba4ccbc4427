#pragma once
// Ctrl-C during training: the first SIGINT asks the trainer to stop after the current batch
// (the last checkpoint stays good); a second one ends the program at once.
namespace equipot {

void install_interrupt_handler();
bool interrupt_requested();
void request_interrupt();  // what the handler does; tests call it directly
void clear_interrupt();

}  // namespace equipot
