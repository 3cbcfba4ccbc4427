#pragma once
// The model file: a torch pickle, written and read without LibTorch (torch_pickle/); Python's
// torch.load reads it and torch.save writes it. It holds
//   {"format": "equipot-model", "format_version": 1,
//    "metadata": {"species": [str], "units": str, "r_cut": float, "num_basis": int,
//                 "cutoff_p": int, "num_layers": int, "l_max": int, "channels": int,
//                 "radial_hidden": [int], "readout_hidden": int, "avg_num_neighbors": float,
//                 "written_by": str},
//    "weights": {name: float64 tensor},        (names and shapes: docs/model.md)
//    "data_range": {"shortest": [float], "atoms": [int]}}   (optional: model/data_range.hpp)
// Reading validates everything and throws ModelError with the file name and the problem.
#include <string>
#include <vector>

#include "model/model.hpp"

namespace equipot {

inline constexpr const char* kModelFormat = "equipot-model";
inline constexpr int kModelFormatVersion = 1;
// Rank 0 broadcasts the file with one MPI_Bcast, whose count is an int.
inline constexpr long long kMaxModelFileBytes = 2147483647;

void write_model_file(const Model& model, const std::string& path);
Model read_model_file(const std::string& path);

// The file's raw bytes, and the model decoded from them; split so that one MPI rank reads and
// every rank decodes the broadcast bytes. Reading throws ModelError, naming the file and the
// reason, for a path that cannot be opened or read, a directory, a FIFO or other special file
// (never waiting on it), and a file over kMaxModelFileBytes.
std::vector<char> read_file_bytes(const std::string& path);
Model decode_model(const std::vector<char>& bytes, const std::string& origin);

}  // namespace equipot
