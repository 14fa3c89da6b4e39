#include "speech/lm/lexicon.h"

#include <gtest/gtest.h>

#include <set>
#include <sstream>

namespace sc::speech::lm {
namespace {

const char kDict[] =
    "on AA N\n"
    "on(2) AO N\n"
    "boarding B AO R D IH NG\n"
    "hub HH AH B\n"
    "spot S P AA T\n"
    "up AH P\n"
    "sell S EH L\n"
    "contract K AA N T R AE K T\n"
    "CASE K EY S\n";

// The phones of the PocketSphinx en-us model.
bool AllPhonesValid(const std::string& pron) {
  static const std::set<std::string> kPhones = {
      "AA", "AE", "AH", "AO", "AW", "AY", "B",  "CH", "D",  "DH",
      "EH", "ER", "EY", "F",  "G",  "HH", "IH", "IY", "JH", "K",
      "L",  "M",  "N",  "NG", "OW", "OY", "P",  "R",  "S",  "SH",
      "T",  "TH", "UH", "UW", "V",  "W",  "Y",  "Z",  "ZH"};
  std::istringstream in(pron);
  int n = 0;
  for (std::string p; in >> p; ++n) {
    if (!kPhones.contains(p)) return false;
  }
  return n > 0;
}

TEST(LexiconTest, ParsesVariantsAndLowerCases) {
  Lexicon lex = Lexicon::FromText(kDict);
  ASSERT_NE(lex.Find("on"), nullptr);
  EXPECT_EQ(lex.Find("on")->size(), 2u);
  EXPECT_EQ(lex.Find("on")->at(1), "AO N");
  ASSERT_NE(lex.Find("case"), nullptr);
  EXPECT_EQ(lex.Find("onboarding"), nullptr);
}

TEST(LexiconTest, LoadReportsMissingFile) {
  EXPECT_FALSE(Lexicon::Load("/nonexistent/dict").ok());
}

TEST(GuessPronunciationTest, KnownWordUsesTheDictionary) {
  Lexicon lex = Lexicon::FromText(kDict);
  EXPECT_EQ(GuessPronunciation(lex, "Contract"), "K AA N T R AE K T");
}

TEST(GuessPronunciationTest, CompoundsSplitIntoDictionaryWords) {
  Lexicon lex = Lexicon::FromText(kDict);
  EXPECT_EQ(GuessPronunciation(lex, "onboarding"), "AA N B AO R D IH NG");
  EXPECT_EQ(GuessPronunciation(lex, "HubSpot"), "HH AH B S P AA T");
  EXPECT_EQ(GuessPronunciation(lex, "upsell"), "AH P S EH L");
}

TEST(GuessPronunciationTest, AcronymsAreSpelled) {
  Lexicon lex = Lexicon::FromText(kDict);
  EXPECT_EQ(GuessPronunciation(lex, "KPI"), "K EY P IY AY");
  // No vowel: spelled even in lower case.
  EXPECT_EQ(GuessPronunciation(lex, "crm"), "S IY AA R EH M");
}

TEST(GuessPronunciationTest, LetterToSoundCoversTheRest) {
  Lexicon lex = Lexicon::FromText(kDict);
  EXPECT_EQ(GuessPronunciation(lex, "shade"), "SH EY D");
  EXPECT_EQ(GuessPronunciation(lex, "check"), "CH EH K");
  EXPECT_EQ(GuessPronunciation(lex, "cinema"), "S IH N EH M AE");
  // A dictionary piece inside a rule-spelled word.
  EXPECT_EQ(GuessPronunciation(lex, "zapspot"), "Z AE P S P AA T");
  for (const char* w : {"zorblatt", "quixotic", "xylophone", "throughput",
                        "fintech", "o'brien", "wyoming", "ggg"}) {
    EXPECT_TRUE(AllPhonesValid(GuessPronunciation(lex, w))) << w;
  }
  EXPECT_EQ(GuessPronunciation(lex, "--"), "");
}

}  // namespace
}  // namespace sc::speech::lm
