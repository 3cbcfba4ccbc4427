#pragma once
// Reads a torch pickle (the zip archive torch.save and LibTorch's pickle_save write) without
// LibTorch: the archive's one <name>/data.pkl, unpickled, with every tensor's data taken from
// <name>/data/<key>. FormatError when the bytes are not such an archive or use what model
// files do not (compressed entries, other Python objects, big-endian storages).
#include <vector>

#include "model/torch_pickle/document.hpp"

namespace equipot::torch_pickle {

// The largest data.pkl read: a model file's is a few kB, its weights live in the storages.
constexpr size_t kMaxPickleBytes = size_t{16} << 20;

Document read_torch_pickle(const std::vector<char>& bytes);

}  // namespace equipot::torch_pickle
