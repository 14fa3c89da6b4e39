#include "speech/wer.h"

#include <gtest/gtest.h>

namespace sc::speech {
namespace {

TEST(WerTest, CountsEdits) {
  EXPECT_DOUBLE_EQ(WordErrorRate("a b c d", "a b c d"), 0.0);
  EXPECT_DOUBLE_EQ(WordErrorRate("a b c d", "A  B c"), 0.25);
  auto c = CountWordErrors("a b c d", "a x c d e");
  EXPECT_EQ(c.substitutions, 1);
  EXPECT_EQ(c.insertions, 1);
  EXPECT_EQ(c.deletions, 0);
  EXPECT_DOUBLE_EQ(c.rate(), 0.5);
  EXPECT_DOUBLE_EQ(WordErrorRate("", ""), 0.0);
  EXPECT_DOUBLE_EQ(WordErrorRate("a b", ""), 1.0);
}

}  // namespace
}  // namespace sc::speech
