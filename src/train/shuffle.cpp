#include "train/shuffle.hpp"

#include <numeric>
#include <utility>

namespace equipot {
namespace {

uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace

std::vector<size_t> seeded_permutation(size_t n, uint64_t seed, uint64_t stream) {
  uint64_t state = seed;
  state = splitmix64(state) ^ (stream * 0xd1b54a32d192ed03ULL);
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), size_t{0});
  for (size_t k = n; k > 1; --k) std::swap(order[k - 1], order[splitmix64(state) % k]);  // Fisher-Yates
  return order;
}

}  // namespace equipot
