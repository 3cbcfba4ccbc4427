/* -*- c++ -*- */
#pragma once
// The engine tuning (src/model/engine/tuning.hpp) of a pair style's kernel choice on ExecSpace.
#include "kernel_choice.h"
#include "model/engine/tuning.hpp"

namespace equipot::lammps {

template <class ExecSpace>
EngineTuning engine_tuning(const KernelChoice &choice) {
  const EngineTuning kernels =
      choice.device ? EngineTuning::device_kernels(choice.team_size) : EngineTuning::defaults<ExecSpace>();
  return kernels.with(choice.exact_radial ? RadialEvaluation::exact : RadialEvaluation::table);
}

}  // namespace equipot::lammps
