#pragma once
// A small data set labelled by a randomly initialised "teacher" model of the trainer's own
// architecture: a student from another seed can learn it exactly, so a short run shows clearly
// whether training works. Frames are written as extended XYZ, the way users bring data.
#include <cstdint>
#include <string>

#include "model/model.hpp"

namespace equipot::testing {

// Small sizes so that a training run takes seconds on one core.
Hyperparameters small_hyperparameters();

// Writes n_frames periodic structures (8 atoms of H and O in a 5 A box) labelled with energy,
// forces and stress by the teacher (initialise_model(hyper, teacher_seed)); returns the teacher.
Model write_teacher_frames(const std::string& path, int n_frames, uint64_t structure_seed, uint64_t teacher_seed = 7);

// A unique empty folder under the test's temporary directory.
std::string fresh_directory(const std::string& name);

}  // namespace equipot::testing
