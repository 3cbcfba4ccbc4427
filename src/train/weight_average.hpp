#pragma once
// Exponential moving average of the weights (validation and the deployed model use it; it
// smooths the noise of the last optimizer steps). The decay warms up as
// min(decay, (1 + n) / (10 + n)) after n updates, so early averages do not remember the
// random initial weights. Decay 0 makes the average the current weights.
#include <torch/torch.h>

#include <cstdint>
#include <vector>

namespace equipot {

class WeightAverage {
 public:
  WeightAverage(std::vector<torch::Tensor> weights, double decay);

  void update();  // after every optimizer step
  // Exchanges the values of the weights and of the averages (twice restores both).
  void swap();

  std::vector<torch::Tensor>& averages() { return averages_; }
  int64_t updates() const { return updates_; }
  void set_updates(int64_t n) { updates_ = n; }

 private:
  std::vector<torch::Tensor> weights_;
  std::vector<torch::Tensor> averages_;
  double decay_;
  int64_t updates_ = 0;
};

}  // namespace equipot
