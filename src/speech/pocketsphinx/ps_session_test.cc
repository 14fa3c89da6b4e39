#include "speech/pocketsphinx/ps_session.h"

#include <gtest/gtest.h>

namespace sc::speech {
namespace {

TEST(CleanWordTest, RemovesFillersAndVariantMarkers) {
  EXPECT_EQ(CleanWord("<s>"), "");
  EXPECT_EQ(CleanWord("</s>"), "");
  EXPECT_EQ(CleanWord("<sil>"), "");
  EXPECT_EQ(CleanWord("[NOISE]"), "");
  EXPECT_EQ(CleanWord("++UH++"), "");
  EXPECT_EQ(CleanWord("the(2)"), "the");
  EXPECT_EQ(CleanWord("contract"), "contract");
  EXPECT_EQ(CleanWord("(weird)"), "(weird)");
}

}  // namespace
}  // namespace sc::speech
