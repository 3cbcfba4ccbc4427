#pragma once
// Subcommands of `equipot`; each takes the arguments after its name and returns the exit code.

namespace equipot::cli {

int init(int argc, char** argv);  // equipot init CONFIG.yaml -o MODEL [--seed N]
int info(int argc, char** argv);  // equipot info MODEL
int evaluate(int argc, char** argv);  // equipot evaluate MODEL STRUCTURE.xyz [--frame K] [--reference]
int train(int argc, char** argv);  // equipot train CONFIG.yaml [--resume]
int eval(int argc, char** argv);   // equipot eval MODEL DATA.xyz [--per-frame FILE] [--plots DIR]

}  // namespace equipot::cli
