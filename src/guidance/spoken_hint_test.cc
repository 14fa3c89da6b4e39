#include "guidance/spoken_hint.h"

#include <gtest/gtest.h>

#include "guidance/guidance.h"

namespace sc::guidance {
namespace {

int CountWords(const std::string& s) {
  int n = 0;
  bool in = false;
  for (char c : s) {
    if (c == ' ') {
      in = false;
    } else if (!in) {
      in = true;
      ++n;
    }
  }
  return n;
}

TEST(SpokenHintTest, TitleThenFirstSentenceWithoutSymbols) {
  GuidanceCard c;
  c.title = "Price: ROI";
  c.text =
      "Reframe on ROI: set the price against the time it saves. Ask: \"What "
      "does this cost you today?\"";
  EXPECT_EQ(SpokenHint(c),
            "Price, ROI. Reframe on ROI, set the price against the time it "
            "saves.");
}

TEST(SpokenHintTest, CutToWholeWordsWithinBudget) {
  GuidanceCard c;
  c.title = "Talk less, listen more";
  c.text =
      "You have spoken for most of the last five minutes while the "
      "prospect said very little so ask an open question and then wait";
  const std::string hint = SpokenHint(c, 10);
  EXPECT_EQ(CountWords(hint), 10);
  EXPECT_EQ(hint, "Talk less, listen more. You have spoken for most of");
  EXPECT_EQ(SpokenHint(GuidanceCard{}), "");
}

TEST(SpokenHintTest, EveryDefaultPlaybookCardFitsTheBudget) {
  // Cards from the real engine: the earpiece form of each is short and has
  // no quotes or brackets left in it.
  AiConfig config;
  config.voice_guidance = true;
  GuidanceEngine engine(config);
  int cards = 0;
  for (const char* category :
       {"price", "budget", "competitor", "status_quo", "contract", "timing",
        "authority", "need", "trust", "technical", "brush_off"}) {
    analysis::Objection o;
    o.category = category;
    o.confidence = 0.9;
    o.at_ms = 120'000 * ++cards;  // Past every cooldown and gap.
    auto card = engine.OnObjection(o);
    ASSERT_TRUE(card.has_value()) << category;
    GuidanceCard event;
    event.title = card->title;
    event.text = card->text;
    const std::string hint = SpokenHint(event);
    EXPECT_FALSE(hint.empty()) << category;
    EXPECT_LE(CountWords(hint), kSpokenHintMaxWords) << hint;
    EXPECT_EQ(hint.find_first_of("\"()[]{}:;"), std::string::npos) << hint;
  }
  EXPECT_GE(cards, 11);
}

}  // namespace
}  // namespace sc::guidance
