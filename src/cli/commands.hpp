#pragma once
// Subcommands of `equipot`; each takes the arguments after its name and returns the exit code.
#include <ostream>
#include <string>

#include "model/engine/tuning.hpp"
#include "model/model.hpp"

namespace equipot::cli {

int init(int argc, char** argv);  // equipot init CONFIG.yaml -o MODEL [--seed N]
int info(int argc, char** argv);  // equipot info MODEL
int evaluate(int argc, char** argv);  // equipot evaluate MODEL STRUCTURE.xyz [--frame K] [--reference] [--radial R]
int train(int argc, char** argv);  // equipot train CONFIG.yaml [--resume]
int eval(int argc, char** argv);   // equipot eval MODEL DATA.xyz [--per-frame FILE] [--plots DIR] [--radial R]
int record_range(int argc, char** argv);  // equipot record-range MODEL DATA.xyz... -o OUTPUT

// --radial table|exact (tuning.hpp, RadialEvaluation); false for any other value.
inline bool parse_radial(const std::string& value, RadialEvaluation& radial) {
  if (value != "table" && value != "exact") return false;
  radial = value == "table" ? RadialEvaluation::table : RadialEvaluation::exact;
  return true;
}

// The model's data range as `equipot info` shows it (or that none is recorded).
void print_data_range(std::ostream& out, const Model& model);

}  // namespace equipot::cli
