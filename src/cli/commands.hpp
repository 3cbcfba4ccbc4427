#pragma once
// Subcommands of `equipot`; each takes the arguments after its name and returns the exit code.

namespace equipot::cli {

int init(int argc, char** argv);  // equipot init CONFIG.yaml -o MODEL [--seed N]
int info(int argc, char** argv);  // equipot info MODEL
int evaluate(int argc, char** argv);  // equipot evaluate MODEL STRUCTURE.xyz [--frame K] [--reference]

}  // namespace equipot::cli
