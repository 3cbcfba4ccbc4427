// Feature layout: offsets, dims and the channel-fastest index (core/irreps.hpp).
#include <gtest/gtest.h>

#include "core/irreps.hpp"

using equipot::core::Irreps;

TEST(Irreps, UniformLayoutIsLmTimesChannelsPlusChannel) {
  const int C = 5;
  const Irreps irreps = Irreps::uniform(3, C);
  EXPECT_EQ(irreps.size(), 16 * C);
  for (int l = 0; l <= 3; ++l) {
    EXPECT_EQ(irreps.dim(l), (2 * l + 1) * C);
    for (int m = -l; m <= l; ++m)
      for (int c = 0; c < C; ++c) EXPECT_EQ(irreps.index(l, m, c), equipot::core::lm_index(l, m) * C + c);
  }
  EXPECT_TRUE(irreps.is_uniform());
}

TEST(Irreps, MixedMultiplicitiesTileTheRowWithoutGaps) {
  Irreps irreps;
  irreps.l_max = 2;
  irreps.mult[0] = 4;
  irreps.mult[1] = 2;
  irreps.mult[2] = 1;
  EXPECT_FALSE(irreps.is_uniform());
  EXPECT_EQ(irreps.offset(1), 4);
  EXPECT_EQ(irreps.offset(2), 4 + 6);
  EXPECT_EQ(irreps.size(), 4 + 6 + 5);
  int expected = 0;
  for (int l = 0; l <= 2; ++l)
    for (int m = -l; m <= l; ++m)
      for (int c = 0; c < irreps.mult[l]; ++c) EXPECT_EQ(irreps.index(l, m, c), expected++);
}

TEST(Irreps, RejectsDegreesAndChannelsOutOfRange) {
  EXPECT_THROW(Irreps::uniform(-1, 4), std::invalid_argument);
  EXPECT_THROW(Irreps::uniform(equipot::core::kMaxL + 1, 4), std::invalid_argument);
  EXPECT_THROW(Irreps::uniform(2, 0), std::invalid_argument);
}
