#include <mpi.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <string>

#include "commands.hpp"
#include "train/interrupt.hpp"
#include "train/train_config.hpp"
#include "train/trainer.hpp"

namespace equipot::cli {
namespace {

// `mpirun -np N equipot train` trains on N ranks (docs/training.md, "Threads and ranks"); started
// without mpirun, MPI makes it one rank.
class MpiSession {
 public:
  MpiSession() {
    // What a launcher (mpirun, srun, Hydra) sets before it starts a rank; MPI_Init sets some of
    // it for a process started alone, so look first.
    launched_ = std::getenv("OMPI_COMM_WORLD_SIZE") || std::getenv("PMIX_RANK") || std::getenv("PMI_RANK");
    int provided = 0;
    MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  }
  ~MpiSession() { MPI_Finalize(); }
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;

  int size() const { return size_; }
  bool is_root() const { return rank_ == 0; }
  // Started by a launcher: its ranks write to a pseudo-terminal even when the job's output goes
  // to a file, so a terminal on stdout does not mean that someone is watching.
  bool launched() const { return launched_; }

 private:
  int size_ = 1, rank_ = 0;
  bool launched_ = false;
};

}  // namespace

int train(int argc, char** argv) {
  constexpr const char* usage = "usage: equipot train CONFIG.yaml [--resume]\n";
  std::string config_path;
  bool resume = false;
  for (int k = 0; k < argc; ++k) {
    const std::string arg = argv[k];
    if (arg == "--resume") {
      resume = true;
    } else if (config_path.empty() && arg[0] != '-') {
      config_path = arg;
    } else {
      std::cerr << "equipot train: unexpected argument '" << arg << "'\n" << usage;
      return 2;
    }
  }
  if (config_path.empty()) {
    std::cerr << usage;
    return 2;
  }
  MpiSession mpi;
  try {
    const TrainConfig config = read_train_config(config_path);
    Trainer trainer(config, resume, std::cout);
    trainer.live_progress = isatty(STDOUT_FILENO) && !mpi.launched();
    install_interrupt_handler();
    const TrainingOutcome outcome = trainer.run();
    if (outcome.interrupted) {
      if (mpi.is_root()) std::cout << "continue with: equipot train " << config_path << " --resume\n";
      return 130;  // the shell's code for a run ended by SIGINT
    }
    return 0;
  } catch (const std::exception& e) {
    if (mpi.size() == 1) throw;
    // Another rank may be waiting in a collective call: end them all rather than hang.
    std::cerr << "equipot train: error: " << e.what() << '\n';
    MPI_Abort(MPI_COMM_WORLD, 1);
    return 1;
  }
}

}  // namespace equipot::cli
