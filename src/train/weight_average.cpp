#include "train/weight_average.hpp"

#include <algorithm>

namespace equipot {

WeightAverage::WeightAverage(std::vector<torch::Tensor> weights, double decay)
    : weights_(std::move(weights)), decay_(decay) {
  for (const auto& w : weights_) averages_.push_back(w.detach().clone());
}

void WeightAverage::update() {
  torch::NoGradGuard no_grad;
  ++updates_;
  const double d = std::min(decay_, (1.0 + updates_) / (10.0 + updates_));
  for (size_t k = 0; k < weights_.size(); ++k) averages_[k].mul_(d).add_(weights_[k].detach(), 1.0 - d);
}

void WeightAverage::swap() {
  torch::NoGradGuard no_grad;
  for (size_t k = 0; k < weights_.size(); ++k) {
    const auto current = weights_[k].detach().clone();
    weights_[k].copy_(averages_[k]);
    averages_[k].copy_(current);
  }
}

}  // namespace equipot
