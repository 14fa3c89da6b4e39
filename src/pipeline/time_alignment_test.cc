#include "pipeline/time_alignment.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sc::pipeline {
namespace {

// One final per line; words 400 ms apart from `start_ms`.
TranscriptFinal Line(Speaker who, int64_t start_ms, const std::string& text) {
  TranscriptFinal f;
  f.speaker = who;
  f.text = text;
  f.start_ms = start_ms;
  int64_t t = start_ms;
  size_t from = 0;
  while (from < text.size()) {
    size_t space = text.find(' ', from);
    if (space == std::string::npos) space = text.size();
    f.words.push_back(Word{text.substr(from, space - from), t, t + 350});
    t += 400;
    from = space + 1;
  }
  f.end_ms = t - 50;
  return f;
}

std::vector<TranscriptFinal> Call(int64_t shift_ms) {
  return {
      Line(Speaker::kAgent, 1000 + shift_ms,
           "Hello Michael, this is Anna from Team Calendar."),
      Line(Speaker::kProspect, 5000 + shift_ms,
           "Honestly the price sounds steep for our budget."),
      Line(Speaker::kAgent, 9000 + shift_ms,
           "Teams usually save three hours every week."),
      Line(Speaker::kProspect, 13000 + shift_ms,
           "Send me a summary and call back Friday."),
  };
}

TEST(TimeAlignmentTest, FindsTheShiftBetweenRecordingAndStream) {
  // The recording started 7.3 s after the stream: live = remote + 7300.
  std::optional<TimeAlignment> a = EstimateTimeOffset(Call(7300), Call(0));
  ASSERT_TRUE(a);
  EXPECT_EQ(a->offset_ms, 7300);
  EXPECT_GE(a->matches, 10);
  // And the other way round.
  a = EstimateTimeOffset(Call(0), Call(2000));
  ASSERT_TRUE(a);
  EXPECT_EQ(a->offset_ms, -2000);
}

TEST(TimeAlignmentTest, ToleratesRecognitionDifferencesAndJitter) {
  // The live recognizer misheard some words and timed the others a little
  // differently; the remote engine has punctuation and capitals.
  std::vector<TranscriptFinal> live = {
      Line(Speaker::kAgent, 4020,
           "hello michael this is and a from team calendar"),
      Line(Speaker::kProspect, 7950,
           "honestly the prize sounds steep for our budget"),
      Line(Speaker::kAgent, 12080, "teams usually save three hours every weak"),
  };
  std::optional<TimeAlignment> a = EstimateTimeOffset(live, Call(0));
  ASSERT_TRUE(a);
  EXPECT_NEAR(static_cast<double>(a->offset_ms), 3000, 100);
}

TEST(TimeAlignmentTest, SpeakersAreNotMixed) {
  // The same words said by the other side do not count.
  std::vector<TranscriptFinal> live = Call(5000);
  for (TranscriptFinal& f : live) {
    f.speaker =
        f.speaker == Speaker::kAgent ? Speaker::kProspect : Speaker::kAgent;
  }
  EXPECT_FALSE(EstimateTimeOffset(live, Call(0)));
}

TEST(TimeAlignmentTest, NoSharedTalkOrTooLittleGivesNothing) {
  std::vector<TranscriptFinal> other = {
      Line(Speaker::kAgent, 0, "completely different words spoken here")};
  EXPECT_FALSE(EstimateTimeOffset(Call(0), other));
  EXPECT_FALSE(EstimateTimeOffset(Call(0), {}));
  EXPECT_FALSE(EstimateTimeOffset({}, Call(0)));
  // Two agreeing words are below the default minimum of three.
  std::vector<TranscriptFinal> few = {
      Line(Speaker::kAgent, 500, "Hello Michael")};
  EXPECT_FALSE(EstimateTimeOffset(Call(0), few));
  // Finals without word times contribute nothing.
  std::vector<TranscriptFinal> bare = Call(0);
  for (TranscriptFinal& f : bare) f.words.clear();
  EXPECT_FALSE(EstimateTimeOffset(Call(1000), bare));
}

TEST(TimeAlignmentTest, AmbiguousRepetitionGivesNothing) {
  // The same exchange twice, 20 s apart, against one copy of it: two
  // shifts have equal support.
  std::vector<TranscriptFinal> twice = Call(0);
  for (const TranscriptFinal& f : Call(20000)) twice.push_back(f);
  EXPECT_FALSE(EstimateTimeOffset(twice, Call(0)));
}

TEST(TimeAlignmentTest, OffsetsBeyondTheLimitAreIgnored) {
  TimeAlignmentOptions o;
  o.max_offset_ms = 5000;
  EXPECT_FALSE(EstimateTimeOffset(Call(7300), Call(0), o));
  EXPECT_TRUE(EstimateTimeOffset(Call(4000), Call(0), o));
}

TEST(TimeAlignmentTest, ShiftFinalsMovesEveryTimeAndClampsAtZero) {
  std::vector<TranscriptFinal> f = Call(0);
  ShiftFinals(f, 2500);
  EXPECT_EQ(f[0].start_ms, 3500);
  EXPECT_EQ(f[0].words[1].start_ms, 3900);
  EXPECT_EQ(f[0].words[1].end_ms, 4250);
  EXPECT_EQ(f[3].end_ms, Call(0)[3].end_ms + 2500);
  ShiftFinals(f, -3000);
  EXPECT_EQ(f[0].start_ms, 500);
  ShiftFinals(f, -1000);
  EXPECT_EQ(f[0].start_ms, 0);
  EXPECT_EQ(f[0].words[0].end_ms, 0);  // 850 - 1000, clamped.
}

}  // namespace
}  // namespace sc::pipeline
