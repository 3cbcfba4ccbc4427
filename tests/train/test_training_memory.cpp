// A training step after the first few takes no new memory from the kernel: LibTorch frees and
// allocates the same large buffers every step, and the allocator the training programs link
// (src/train/keep_freed_memory.cpp) keeps them. Counted as minor page faults (getrusage) over
// steps 3..5 against those of the first step, which faults every buffer in.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include "model/initialise.hpp"
#include "teacher_data.hpp"
#include "train/training_batch.hpp"

namespace equipot {
namespace {

long minor_faults() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_minflt;
}

TEST(TrainingMemory, StepsAfterTheFirstCauseNoPageFaults) {
  Hyperparameters hyper = testing::small_hyperparameters();
  hyper.l_max = 2;
  hyper.channels = 16;
  hyper.radial_hidden = {32, 32};
  const std::string path = testing::fresh_directory("training_memory") + "/batch.xyz";
  testing::write_teacher_frames(path, 32, 21);
  const auto data = read_labelled(path, hyper.species);
  std::vector<const LabelledStructure*> items;
  for (const auto& item : data) items.push_back(&item);
  const TrainingBatch batch = make_training_batch(items, hyper.r_cut);

  const ReferenceModel model(initialise_model(hyper, 1), /*requires_grad=*/true);
  const auto parameters = model.parameters();
  torch::optim::Adam optimizer(parameters, torch::optim::AdamOptions(1e-3));
  const RankGroup one_rank;
  const auto step = [&] {
    double loss = 0;
    training_step(model, optimizer, parameters, &batch, {1.0, 10.0, 1.0}, loss_scale(items), 0.0, one_rank, loss);
  };
  const long start = minor_faults();
  step();
  const long first = minor_faults() - start;
  step();
  const long before = minor_faults();
  for (int k = 0; k < 3; ++k) step();
  const long later = minor_faults() - before;
  std::printf("page faults: %ld in the first step, %ld in steps 3..5\n", first, later);
  ASSERT_GT(first, 1000) << "too small a batch to tell";
  EXPECT_LT(later, first / 20);
}

}  // namespace
}  // namespace equipot
