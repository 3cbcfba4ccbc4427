#pragma once
// The Python objects a model file's pickle names, built as Document values: REDUCE of
// torch._utils._rebuild_tensor_v2 and _rebuild_parameter (tensors), torch.jit._pickle's
// build_*list and restore_type_tag (LibTorch's typed lists and dictionaries), and
// collections.OrderedDict; BINPERSID of ('storage', torch.<Type>Storage, key, location, size).
#include "model/torch_pickle/document.hpp"
#include "model/torch_pickle/unpickler.hpp"

namespace equipot::torch_pickle {

// The value that calling callable (a global) with the tuple args gives, added to document.
int reduce(Document& document, int callable, int args, const StorageBytes& storage_bytes);
// The storage that the persistent id pid (a tuple) names, added to document.
int persistent_load(Document& document, int pid);

}  // namespace equipot::torch_pickle
