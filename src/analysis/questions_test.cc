#include "analysis/questions.h"

#include <gtest/gtest.h>

namespace sc::analysis {
namespace {

TEST(SpokenWordsTest, LowercasesAndDropsPunctuation) {
  EXPECT_EQ(
      SpokenWords("So, how's it going? Uh-huh 'ok'"),
      (std::vector<std::string>{"so", "how's", "it", "going", "uhhuh", "ok"}));
  EXPECT_TRUE(SpokenWords(" ,.? ").empty());
}

TEST(QuestionTest, WhQuestions) {
  EXPECT_TRUE(IsQuestion("what tools do you use for routing today"));
  EXPECT_TRUE(IsQuestion("so uh how many trucks are on the road"));
  EXPECT_TRUE(IsQuestion("what's your timeline for a decision"));
  EXPECT_TRUE(IsQuestion("which one would your team prefer"));
  EXPECT_TRUE(IsQuestion("what kind of budget did you set aside"));
  EXPECT_EQ(DetectQuestion("who else is involved").kind, QuestionKind::kWh);
}

TEST(QuestionTest, FreeRelativesAreNotQuestions) {
  EXPECT_FALSE(IsQuestion("what we need is a cheaper plan"));
  EXPECT_FALSE(IsQuestion("when i was at my last company we tried that"));
  EXPECT_FALSE(IsQuestion("which is why we called you"));
  EXPECT_FALSE(IsQuestion("how we do it today is with spreadsheets"));
  EXPECT_FALSE(IsQuestion("what i mean is the renewal is in march"));
  EXPECT_FALSE(IsQuestion("how shall i say it the price is steep"));
}

TEST(QuestionTest, InversionQuestions) {
  EXPECT_TRUE(IsQuestion("do you have a budget set for this year"));
  EXPECT_TRUE(IsQuestion("well are you the one who signs off"));
  EXPECT_TRUE(IsQuestion("could we get the team on a call"));
  EXPECT_TRUE(IsQuestion("is there anyone else we should include"));
  EXPECT_TRUE(IsQuestion("have you have you looked at other vendors"));
  EXPECT_EQ(DetectQuestion("does the price include support").kind,
            QuestionKind::kYesNo);
}

TEST(QuestionTest, StatementsAreNotQuestions) {
  EXPECT_FALSE(IsQuestion("we help fleets plan their routes"));
  EXPECT_FALSE(IsQuestion("i will send you the proposal tomorrow"));
  EXPECT_FALSE(IsQuestion("was a good year for us honestly"));
  EXPECT_FALSE(IsQuestion("have a great weekend"));
  EXPECT_FALSE(IsQuestion("that's right"));
  EXPECT_FALSE(IsQuestion("yeah you know it is what it is"));
  EXPECT_FALSE(IsQuestion("i don't know if we can do it or not"));
  EXPECT_FALSE(IsQuestion(""));
}

TEST(QuestionTest, OpenPromptsAndTags) {
  EXPECT_EQ(DetectQuestion("what about your warehouse team").kind,
            QuestionKind::kOpenPrompt);
  EXPECT_TRUE(IsQuestion("how about next tuesday"));
  EXPECT_EQ(
      DetectQuestion("that would save you a lot of time wouldn't it").kind,
      QuestionKind::kTag);
  EXPECT_TRUE(IsQuestion("the renewal comes up in june right"));
  EXPECT_TRUE(IsQuestion("you would want it live before summer or not"));
}

TEST(QuestionTest, QuestionAfterStatementInOneUtterance) {
  // Recognizer utterances run sentences together.
  QuestionMatch m = DetectQuestion(
      "we cut fuel costs by about ten percent so how do you plan routes now");
  EXPECT_EQ(m.kind, QuestionKind::kWh);
  EXPECT_GE(m.score, kQuestionThreshold);
  EXPECT_EQ(SpokenWords("we cut fuel costs by about ten percent so how do "
                        "you plan routes now")[m.word_index],
            "how");
  // ... but not in reported speech or with the filler "you know".
  EXPECT_FALSE(IsQuestion("and she was like well what are you doing here"));
  EXPECT_FALSE(IsQuestion("it's just that the price is you know steep"));
}

TEST(QuestionTest, DeclarativeWithCue) {
  EXPECT_TRUE(IsQuestion("you mean the whole fleet"));
  EXPECT_TRUE(IsQuestion("i was wondering if you had time on friday"));
  EXPECT_FALSE(IsQuestion("i was wondering what the weather would be"));
}

}  // namespace
}  // namespace sc::analysis
