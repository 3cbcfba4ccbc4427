#pragma once
// Streaming reader of extended XYZ as ASE writes it:
//   line 1: number of atoms
//   line 2: key=value pairs, e.g. Lattice="ax ay az bx by bz cx cy cz"
//           Properties=species:S:1:pos:R:3:forces:R:3 energy=-12.5 stress="9 values" pbc="T T T"
//   then one line per atom with the columns Properties declares.
// Values may be quoted; a key without '=' means true. Lattice without pbc means periodic in
// all three directions (ASE's rule). Stress is ASE's (1/V dE/d strain, 9 or 6 Voigt values
// xx yy zz yz xz xy) and is turned into a virial W = -V stress; a virial key is read as is.
// Every error is a DataError "file:line: frame K: problem".
#include <fstream>
#include <string>
#include <vector>

#include "data/frame.hpp"

namespace equipot {

// Bounds on what a comment line may declare, checked before any atom line is read.
inline constexpr int kMaxAtomsPerFrame = 10000000;
inline constexpr int kMaxColumns = 4096;  // numbers per atom line, over all Properties columns

struct ExtxyzKeys {
  std::string energy = "energy";
  std::string forces = "forces";
  std::string stress = "stress";
  std::string virial = "virial";
};

class ExtxyzReader {
 public:
  explicit ExtxyzReader(const std::string& path, ExtxyzKeys keys = {});

  // Reads the next frame into frame; false at the end of the file.
  bool next(Frame& frame);

 private:
  [[noreturn]] void fail(const std::string& problem) const;

  std::ifstream in_;
  std::string path_;
  ExtxyzKeys keys_;
  long line_number_ = 0;
  int frame_number_ = 0;
};

// All frames of a file.
std::vector<Frame> read_extxyz(const std::string& path, const ExtxyzKeys& keys = {});

}  // namespace equipot
