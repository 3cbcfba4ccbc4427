#include "train/rank_group.hpp"

#include <mpi.h>

namespace equipot {

RankGroup::RankGroup() {
  int initialised = 0;
  MPI_Initialized(&initialised);
  if (!initialised) return;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
  MPI_Comm node;
  MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, rank_, MPI_INFO_NULL, &node);
  MPI_Comm_size(node, &ranks_on_node_);
  MPI_Comm_free(&node);
}

void RankGroup::sum_in_place(double* values, std::size_t count) const {
  if (size_ == 1) return;
  const int n = static_cast<int>(count);
  MPI_Reduce(is_root() ? MPI_IN_PLACE : values, values, n, MPI_DOUBLE, MPI_SUM, 0, MPI_COMM_WORLD);
  MPI_Bcast(values, n, MPI_DOUBLE, 0, MPI_COMM_WORLD);
}

void RankGroup::sum_in_place(long* values, std::size_t count) const {
  if (size_ > 1) MPI_Allreduce(MPI_IN_PLACE, values, static_cast<int>(count), MPI_LONG, MPI_SUM, MPI_COMM_WORLD);
}

bool RankGroup::any(bool value) const {
  long count = value ? 1 : 0;
  sum_in_place(&count, 1);
  return count > 0;
}

void RankGroup::sum_gradients(const std::vector<torch::Tensor>& parameters) const {
  if (size_ == 1) return;
  // One message for all gradients: a few hundred small tensors would each pay MPI's latency.
  std::vector<torch::Tensor> flat;
  for (const auto& p : parameters)
    flat.push_back(p.grad().defined() ? p.grad().reshape(-1) : torch::zeros({p.numel()}, p.options()));
  auto all = torch::cat(flat).contiguous();
  sum_in_place(all.data_ptr<double>(), static_cast<std::size_t>(all.numel()));
  torch::NoGradGuard no_grad;
  int64_t offset = 0;
  for (const auto& p : parameters) {
    auto summed = all.narrow(0, offset, p.numel()).view(p.sizes());
    if (p.grad().defined()) {
      p.mutable_grad().copy_(summed);
    } else {
      p.mutable_grad() = summed.clone();
    }
    offset += p.numel();
  }
}

double RankGroup::sum(double value) const {
  sum_in_place(&value, 1);
  return value;
}

void RankGroup::sum(ErrorStatistics& statistics) const {
  std::vector<ErrorSum*> sums{&statistics.energy_per_atom, &statistics.forces, &statistics.stress};
  for (auto& s : statistics.forces_by_species) sums.push_back(&s);
  std::vector<double> values;
  std::vector<long> counts;
  for (const ErrorSum* s : sums) {
    values.insert(values.end(), {s->absolute, s->squared});
    counts.push_back(s->count);
  }
  sum_in_place(values.data(), values.size());
  sum_in_place(counts.data(), counts.size());
  for (size_t k = 0; k < sums.size(); ++k) {
    sums[k]->absolute = values[2 * k];
    sums[k]->squared = values[2 * k + 1];
    sums[k]->count = counts[k];
  }
}

}  // namespace equipot
