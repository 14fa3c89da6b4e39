#include "analysis/objection_pattern.h"

#include <gtest/gtest.h>

namespace sc::analysis {
namespace {

std::vector<std::string> Words(std::string_view text) {
  return NormalizeWords(text);
}

TEST(NormalizeWordsTest, ContractionsPunctuationMarkupFillers) {
  using V = std::vector<std::string>;
  EXPECT_EQ(Words("We don't, um, NEED it."),
            (V{"we", "do", "not", "need", "it"}));
  EXPECT_EQ(Words("It's our competitor's"),
            (V{"it", "is", "our", "competitor"}));
  EXPECT_EQ(
      Words("can't won't I'm we're they've"),
      (V{"can", "not", "will", "not", "i", "am", "we", "are", "they", "have"}));
  EXPECT_EQ(Words("follow-up e/mail"), (V{"follow", "up", "e", "mail"}));
  EXPECT_EQ(Words("<s> the(2) [NOISE] price </s>"), (V{"the", "price"}));
  EXPECT_EQ(Words("it\xE2\x80\x99s fine"), (V{"it", "is", "fine"}));
  EXPECT_EQ(Words("dont cant"), (V{"do", "not", "can", "not"}));
  EXPECT_EQ(Words("is alot"), (V{"is", "a", "lot"}));
  EXPECT_EQ(Words("[Competitor] [noise]"), (V{"competitor"}));
}

PhrasePattern Compile(std::string_view source) {
  StatusOr<PhrasePattern> p = PhrasePattern::Compile(source);
  EXPECT_TRUE(p.ok()) << source << ": " << p.status().ToString();
  return std::move(p).value();
}

std::optional<PhraseMatch> Find(std::string_view pattern,
                                std::string_view text) {
  return Compile(pattern).FindBest(TokenizeText(text).tokens);
}

TEST(PhrasePatternTest, RejectsBadSyntax) {
  for (std::string_view bad :
       {"", "* price", "price *", "(price", "price)", "too * * much", "((a|b))",
        "price *x", "a?", "(a|)"}) {
    EXPECT_FALSE(PhrasePattern::Compile(bad).ok()) << bad;
  }
  EXPECT_TRUE(PhrasePattern::Compile("we already? (use|work with) +").ok());
}

TEST(PhrasePatternTest, ExactMatchSpansTheWords) {
  std::optional<PhraseMatch> m =
      Find("too (expensive|pricey)", "well that is too expensive for us");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->first, 3);
  EXPECT_EQ(m->last, 4);
  EXPECT_DOUBLE_EQ(m->score, 1.0);
  EXPECT_TRUE(m->all_exact);
  EXPECT_FALSE(Find("too (expensive|pricey)", "it is cheap"));
}

TEST(PhrasePatternTest, OptionalsGapsAndSlots) {
  EXPECT_TRUE(Find("we already? (use|work with) +", "we use salesforce"));
  EXPECT_TRUE(Find("we already? (use|work with) +",
                   "we already work with another company"));
  // A slot needs at least one word.
  EXPECT_FALSE(Find("we already? (use|work with) +", "that is what we use"));
  // A gap spans at most its length.
  EXPECT_TRUE(Find("price * issue", "price is the issue"));
  EXPECT_FALSE(Find("price * issue", "price is really very much the issue"));
  EXPECT_TRUE(Find("price *5 issue", "price is really very much the issue"));
}

TEST(PhrasePatternTest, NegatorInGapIsReported) {
  std::optional<PhraseMatch> m =
      Find("price * issue", "price is honestly not the issue");
  EXPECT_FALSE(m);  // Four words between: outside the default gap.
  m = Find("price *4 issue", "price is honestly not the issue");
  ASSERT_TRUE(m);
  EXPECT_TRUE(m->negator_in_gap);
  m = Find("price *4 issue", "price is the issue");
  ASSERT_TRUE(m);
  EXPECT_FALSE(m->negator_in_gap);
}

TEST(PhrasePatternTest, RecognizerErrorsMatchWithLowerScore) {
  std::optional<PhraseMatch> m = Find("too expensive", "its to expensive");
  ASSERT_TRUE(m);
  EXPECT_DOUBLE_EQ(m->score, 0.8);  // Phonetic "to".
  EXPECT_FALSE(m->all_exact);
  m = Find("under contract", "we are under contact");
  ASSERT_TRUE(m);
  EXPECT_DOUBLE_EQ(m->score, 0.85);  // Fuzzy.
  // A word heard as two: "but get" for "budget".
  m = Find("no budget", "there is no but get this year");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->last - m->first, 2);
  EXPECT_LT(m->score, 0.8);
}

TEST(PhrasePatternTest, PrefersTheBestScoringMatch) {
  std::optional<PhraseMatch> m =
      Find("too expensive", "to expensive or too expensive");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->first, 3);
  EXPECT_DOUBLE_EQ(m->score, 1.0);
}

TEST(PhrasePatternTest, SearchesOnlyTheGivenRange) {
  HeardUtterance u = TokenizeText("too expensive but not too expensive now");
  MatchCache cache(u.tokens);
  PhrasePattern p = Compile("too expensive");
  std::optional<PhraseMatch> m = p.FindBest(cache, 2, 7);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->first, 4);  // The utterance's index, not the range's.
  EXPECT_EQ(m->last, 5);
  EXPECT_FALSE(p.FindBest(cache, 1, 5));  // "expensive but not too".
  EXPECT_FALSE(p.FindBest(cache, 6, 6));
  EXPECT_FALSE(p.FindBest(cache, 5, 2));
  // A joined word needs its second half inside the range.
  HeardUtterance split = TokenizeText("no but get this year");
  MatchCache split_cache(split.tokens);
  EXPECT_TRUE(Compile("no budget").FindBest(split_cache, 0, 3));
  EXPECT_FALSE(Compile("no budget").FindBest(split_cache, 0, 2));
}

TEST(PhrasePatternTest, EveryRequiredElementMustBeHeard) {
  // Sharing common words is not enough; a sound-alike or split word is.
  EXPECT_FALSE(Find("(call|ring) me back later", "call me when you can"));
  EXPECT_TRUE(Find("(call|ring) me back later", "call me back latter"));
  EXPECT_TRUE(Find("no budget left", "no but get left"));
  EXPECT_TRUE(Find("we (really|truly)? need time", "we need time"));
}

TEST(TokenizeUtteranceTest, UsesWordTimesWhenPresent) {
  TranscriptFinal f;
  f.text = "we don't need it";
  f.words = {{"we", 100, 200},
             {"don't", 200, 400},
             {"need", 400, 600},
             {"it", 600, 700}};
  HeardUtterance u = TokenizeUtterance(f);
  ASSERT_EQ(u.tokens.size(), 5u);
  EXPECT_EQ(u.tokens[2].text, "not");
  EXPECT_EQ(u.tokens[2].start_ms, 200);
  EXPECT_EQ(u.tokens[2].piece, 1);
  EXPECT_EQ(u.pieces[1], "don't");
  HeardUtterance t = TokenizeText("Sounds expensive.");
  ASSERT_EQ(t.tokens.size(), 2u);
  EXPECT_EQ(t.tokens[1].start_ms, -1);
}

}  // namespace
}  // namespace sc::analysis
