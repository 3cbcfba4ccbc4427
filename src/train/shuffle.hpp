#pragma once
// Seeded orderings of a data set. Each (seed, stream) pair gives its own permutation from
// splitmix64, independent of the standard library, so an epoch's batches depend only on the
// seed and the epoch number (stream), on any platform and after a resume.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace equipot {

std::vector<size_t> seeded_permutation(size_t n, uint64_t seed, uint64_t stream);

}  // namespace equipot
