#include "model/torch_pickle/read_torch_pickle.hpp"

#include <string>

#include "model/torch_pickle/format_error.hpp"
#include "model/torch_pickle/unpickler.hpp"
#include "model/torch_pickle/zip_archive.hpp"

namespace equipot::torch_pickle {

Document read_torch_pickle(const std::vector<char>& bytes) {
  const ZipArchive archive(bytes);
  const ZipArchive::Entry* pickle = nullptr;
  std::string folder;  // "archive/" or "<file name>/"
  for (const auto& entry : archive.entries()) {
    const size_t slash = entry.name.find('/');
    if (slash == std::string::npos || entry.name.compare(slash, std::string::npos, "/data.pkl") != 0) continue;
    if (pickle) throw FormatError("the archive holds two pickles, " + pickle->name + " and " + entry.name);
    pickle = &entry;
    folder = entry.name.substr(0, slash + 1);
  }
  if (!pickle) throw FormatError("the archive holds no <name>/data.pkl");
  if (pickle->size > kMaxPickleBytes)
    throw FormatError(pickle->name + " is " + std::to_string(pickle->size) + " bytes, more than the " +
                      std::to_string(kMaxPickleBytes) + " a model file's pickle may have");
  if (const auto* order = archive.find(folder + "byteorder"); order && archive.read(*order) != "little")
    throw FormatError("its tensors are stored big-endian");
  const StorageBytes storage_bytes = [&](const std::string& key) {
    const ZipArchive::Entry* entry = archive.find(folder + "data/" + key);
    if (!entry) throw FormatError("the pickle refers to storage '" + key + "', which the archive lacks");
    return archive.read(*entry);
  };
  return unpickle(archive.read(*pickle), storage_bytes);
}

}  // namespace equipot::torch_pickle
