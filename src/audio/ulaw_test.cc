#include "audio/ulaw.h"

#include <gtest/gtest.h>

#include <cstdlib>

namespace sc::audio {
namespace {

// Vectors from the Twilio fact sheet (CPython audioop, standard G.711).
TEST(UlawTest, EncodeMatchesReferenceVectors) {
  EXPECT_EQ(LinearToUlaw(0), 0xFF);
  EXPECT_EQ(LinearToUlaw(1000), 0xCE);
  EXPECT_EQ(LinearToUlaw(-1000), 0x4E);
  EXPECT_EQ(LinearToUlaw(8000), 0xA0);
  EXPECT_EQ(LinearToUlaw(-8000), 0x20);
  EXPECT_EQ(LinearToUlaw(32767), 0x80);
  EXPECT_EQ(LinearToUlaw(-32768), 0x00);
}

TEST(UlawTest, DecodeMatchesReferenceVectors) {
  EXPECT_EQ(UlawToLinear(0xFF), 0);
  EXPECT_EQ(UlawToLinear(0x7F), 0);
  EXPECT_EQ(UlawToLinear(0x80), 32124);
  EXPECT_EQ(UlawToLinear(0x00), -32124);
  EXPECT_EQ(UlawToLinear(0xCE), 988);
  EXPECT_EQ(UlawToLinear(0x4E), -988);
}

TEST(UlawTest, RoundTripErrorIsWithinQuantisationStep) {
  for (int s = -32768; s <= 32767; s += 7) {
    int back = UlawToLinear(LinearToUlaw(static_cast<int16_t>(s)));
    // The step at the top segment is 1024; relative error stays small.
    EXPECT_LE(std::abs(back - s), std::max(16, std::abs(s) / 16 + 8)) << s;
  }
}

TEST(UlawTest, BufferHelpersAppend) {
  std::vector<int16_t> pcm = {7};
  uint8_t bytes[] = {0xFF, 0xCE};
  DecodeUlaw(bytes, pcm);
  ASSERT_EQ(pcm.size(), 3u);
  EXPECT_EQ(pcm[2], 988);
  std::vector<uint8_t> enc;
  EncodeUlaw(std::span<const int16_t>(pcm).subspan(1), enc);
  EXPECT_EQ(enc, (std::vector<uint8_t>{0xFF, 0xCE}));
}

}  // namespace
}  // namespace sc::audio
