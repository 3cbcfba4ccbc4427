// The extended-XYZ reader: ASE's conventions, and every malformed input rejected with a
// message naming file, line and frame.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cmath>
#include <cstdio>
#include <fstream>

#include "data/data_error.hpp"
#include "data/extxyz_reader.hpp"

namespace equipot {
namespace {

class Extxyz : public ::testing::Test {
 protected:
  std::string write(const std::string& text) {
    path_ = ::testing::TempDir() + "equipot_" + ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".xyz";
    std::ofstream(path_) << text;
    return path_;
  }
  std::string rejection(const std::string& text) {
    const std::string path = write(text);
    try {
      read_extxyz(path);
    } catch (const DataError& e) {
      std::string message = e.what();
      const std::string prefix = path + ":";
      EXPECT_EQ(message.rfind(prefix, 0), 0u) << message;
      return message.substr(prefix.size());
    }
    ADD_FAILURE() << "malformed file accepted";
    return "";
  }
  void TearDown() override { std::remove(path_.c_str()); }
  std::string path_;
};

constexpr const char* kTwoFrames =
    "2\n"
    "Lattice=\"4.0 0.0 0.0 0.0 5.0 0.0 0.0 0.0 6.0\" Properties=species:S:1:pos:R:3:forces:R:3 "
    "energy=-10.5 stress=\"0.1 0.0 0.0 0.0 0.2 0.0 0.0 0.0 0.3\" pbc=\"T T F\"\n"
    "Si 0.0 0.0 0.0 0.1 0.2 0.3\n"
    "O  1.0 1.5 2.0 -0.1 -0.2 -0.3\n"
    "\n"
    "1\n"
    "Properties=species:S:1:pos:R:3 info=\"a comment with spaces\" free\n"
    "O 3 4 5\n";

TEST_F(Extxyz, ReadsAseConventions) {
  const auto frames = read_extxyz(write(kTwoFrames));
  ASSERT_EQ(frames.size(), 2u);
  const Frame& a = frames[0];
  EXPECT_EQ(a.symbols, (std::vector<std::string>{"Si", "O"}));
  EXPECT_EQ(a.positions[1][2], 2.0);
  EXPECT_EQ(a.cell[1][1], 5.0);
  EXPECT_EQ(a.pbc, (std::array<bool, 3>{true, true, false}));
  ASSERT_TRUE(a.energy && a.forces && a.virial);
  EXPECT_EQ(*a.energy, -10.5);
  EXPECT_EQ((*a.forces)[1][1], -0.2);
  const double volume = 4.0 * 5.0 * 6.0;
  EXPECT_DOUBLE_EQ((*a.virial)[0], -0.1 * volume);
  EXPECT_DOUBLE_EQ((*a.virial)[8], -0.3 * volume);
  const Frame& b = frames[1];
  EXPECT_EQ(b.pbc, (std::array<bool, 3>{false, false, false}));
  EXPECT_FALSE(b.energy || b.forces || b.virial);
  EXPECT_EQ(b.origin, path_ + ":6: frame 2");
}

TEST_F(Extxyz, VoigtStressEqualsFullStress) {
  const auto frames = read_extxyz(write(
      "1\nLattice=\"2 0 0 0 2 0 0 0 2\" stress=\"1 2 3 4 5 6\"\nSi 0 0 0\n"));
  const auto& w = *frames[0].virial;
  const std::array<double, 9> expected{1, 6, 5, 6, 2, 4, 5, 4, 3};  // xx yy zz yz xz xy
  for (int k = 0; k < 9; ++k) EXPECT_DOUBLE_EQ(w[k], -8.0 * expected[k]) << k;
}

TEST_F(Extxyz, MapsSpeciesToModelOrderAndRejectsUnknownSpecies) {
  const auto frames = read_extxyz(write(kTwoFrames));
  EXPECT_EQ(to_structure(frames[0], {"O", "Si"}).species, (std::vector<int>{1, 0}));
  try {
    to_structure(frames[0], {"O", "H"});
    ADD_FAILURE() << "unknown species accepted";
  } catch (const DataError& e) {
    EXPECT_EQ(std::string(e.what()), path_ + ":1: frame 1: atom 1 has species 'Si', which the model does not have "
                                             "(model species: O H)");
  }
}

// The message read_extxyz gives for path; fails the test if it reads the path.
std::string path_rejection(const std::string& path) {
  try {
    read_extxyz(path);
  } catch (const DataError& e) {
    return e.what();
  }
  ADD_FAILURE() << path << " was read";
  return "";
}

TEST_F(Extxyz, RejectsMissingFile) {
  EXPECT_EQ(path_rejection("/nonexistent/data.xyz"),
            "cannot open data file '/nonexistent/data.xyz': No such file or directory");
}

TEST_F(Extxyz, RejectsDirectoriesAndFifosWithoutWaiting) {
  const std::string dir = ::testing::TempDir();
  EXPECT_EQ(path_rejection(dir), "data file '" + dir + "' is a directory, not a file");
  const std::string fifo = dir + "equipot_extxyz.fifo";
  std::remove(fifo.c_str());
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_EQ(path_rejection(fifo), "data file '" + fifo + "' is not a regular file (a FIFO)");
  std::remove(fifo.c_str());
}

TEST_F(Extxyz, RejectsMalformedInput) {
  EXPECT_EQ(rejection("two\nx\n"), "1: frame 1: expected the number of atoms, found 'two'");
  EXPECT_EQ(rejection("2\nenergy=1\nSi 0 0 0\n"), "3: frame 1: file ends after 1 of 2 atom lines");
  // Found by tests/fuzz (counts beyond an int were undefined behaviour).
  EXPECT_EQ(rejection("99999999999999999999999999999999\nx\n"),
            "1: frame 1: the frame declares 99999999999999999999999999999999 atoms, more than the 10000000 a frame "
            "may have");
  EXPECT_EQ(rejection("1\nProperties=species:S:1:pos:R:3:tag:I:5000\nSi 0 0 0\n"),
            "2: frame 1: 'Properties' declares more than 4096 columns per atom line");
  EXPECT_EQ(rejection("1\nenergy=1\nSi 0 0\n"), "3: frame 1: atom line has 3 columns, 'Properties' declares 4");
  EXPECT_EQ(rejection("1\nenergy=1\nSi 0 nan 0\n"), "3: frame 1: 'pos' value 'nan' is not a finite number");
  EXPECT_EQ(rejection("1\nLattice=\"1 0 0 0 1 0\"\nSi 0 0 0\n"), "2: frame 1: 'Lattice' needs 9 numbers, found 6");
  EXPECT_EQ(rejection("1\nLattice=\"1 0 0 0 1 0 0 0 1\" pbc=\"T X T\"\nSi 0 0 0\n"),
            "2: frame 1: 'pbc' flag 'X' is neither T nor F");
  EXPECT_EQ(rejection("1\npbc=\"T T T\"\nSi 0 0 0\n"), "2: frame 1: 'pbc' is periodic but there is no 'Lattice'");
  EXPECT_EQ(rejection("1\nenergy=\"1 2\"\nSi 0 0 0\n"), "2: frame 1: 'energy' needs one number");
  EXPECT_EQ(rejection("1\ninfo=\"open\nSi 0 0 0\n"), "2: frame 1: unterminated quote in the comment line");
  EXPECT_EQ(rejection("1\nProperties=pos:R:3\n0 0 0\n"), "2: frame 1: 'Properties' has no 'species' column");
  EXPECT_EQ(rejection("1\nProperties=species:S:1:pos:R:2\nSi 0 0\n"),
            "2: frame 1: 'Properties' column 'pos' must be R:3");
  EXPECT_EQ(rejection("1\nstress=\"1 2 3 4 5 6\"\nSi 0 0 0\n"),
            "2: frame 1: 'stress' is given but there is no 'Lattice' to give the volume");
  EXPECT_EQ(rejection("1\nenergy=1\nSi 0 0 0\n1\nenergy=oops\nSi 0 0 0\n"),
            "5: frame 2: 'energy' has a value that is not a finite number: 'oops'");
}

}  // namespace
}  // namespace equipot
