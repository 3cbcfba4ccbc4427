// The extended-XYZ writer: what it writes, the reader reads back bit for bit.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "data/extxyz_reader.hpp"
#include "data/extxyz_writer.hpp"

namespace equipot {
namespace {

Frame read_back(const Frame& frame, const std::string& name) {
  const std::string path = ::testing::TempDir() + "equipot_writer_" + name + ".xyz";
  {
    std::ofstream out(path);
    write_extxyz(out, frame);
  }
  std::vector<Frame> frames = read_extxyz(path);
  std::remove(path.c_str());
  EXPECT_EQ(frames.size(), 1u);
  return frames.at(0);
}

TEST(ExtxyzWriter, PeriodicFrameWithLabelsRoundTripsExactly) {
  Frame frame;
  frame.symbols = {"O", "H", "H"};
  frame.positions = {{0.1, 0.2, 0.30000000000000004}, {1.0 / 3.0, -2.5e-17, 7.75}, {9.9, 1e-300, 3.0}};
  frame.cell = {{{9.8, 0, 0}, {0.5, 9.7, 0}, {-0.25, 0.125, 9.6}}};
  frame.pbc = {true, true, false};
  frame.energy = -5033.192146581234;
  frame.forces = std::vector<Vec3>{{1.0 / 7.0, -2.0, 3.0}, {4e-9, 5.0, -6.0}, {0.0, -0.0, 1e10}};
  frame.virial = std::array<double, 9>{1.5, 0.1, 0.2, 0.1, 2.5, 0.3, 0.2, 0.3, 3.0 / 11.0};

  const Frame back = read_back(frame, "periodic");
  EXPECT_EQ(back.symbols, frame.symbols);
  EXPECT_EQ(back.positions, frame.positions);
  EXPECT_EQ(back.cell, frame.cell);
  EXPECT_EQ(back.pbc, frame.pbc);
  EXPECT_EQ(back.energy, frame.energy);
  EXPECT_EQ(back.forces, frame.forces);
  EXPECT_EQ(back.virial, frame.virial);
}

TEST(ExtxyzWriter, OpenFrameWithoutLabelsHasNoCellAndNoLabels) {
  Frame frame;
  frame.symbols = {"Si"};
  frame.positions = {{1.0, 2.0, 3.0}};

  const Frame back = read_back(frame, "open");
  EXPECT_EQ(back.pbc, (std::array<bool, 3>{false, false, false}));
  EXPECT_EQ(back.positions, frame.positions);
  EXPECT_FALSE(back.energy.has_value());
  EXPECT_FALSE(back.forces.has_value());
  EXPECT_FALSE(back.virial.has_value());
}

}  // namespace
}  // namespace equipot
