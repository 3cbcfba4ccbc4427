#pragma once
// Decodes a pickle as torch.save and LibTorch's pickle_save write it (protocol 2; the opcodes
// are listed in unpickler.cpp). The only Python callables it accepts are the few that build
// tensors, lists and dictionaries (torch_objects.hpp); it never creates a Python object, so a
// pickle cannot make it run code. FormatError for anything else, with the byte offset.
#include <functional>
#include <string>
#include <string_view>

#include "model/torch_pickle/document.hpp"

namespace equipot::torch_pickle {

// The bytes of the storage with key (the archive's entry data/<key>).
using StorageBytes = std::function<std::string_view(const std::string& key)>;

Document unpickle(std::string_view pickle, const StorageBytes& storage_bytes);

}  // namespace equipot::torch_pickle
