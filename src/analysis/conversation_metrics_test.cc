#include "analysis/conversation_metrics.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "analysis/analysis.h"

namespace sc::analysis {
namespace {

constexpr Speaker A = Speaker::kAgent;
constexpr Speaker P = Speaker::kProspect;

TranscriptFinal U(Speaker s, double a, double b, std::string text) {
  TranscriptFinal f;
  f.speaker = s;
  f.start_ms = static_cast<int64_t>(a * 1000);
  f.end_ms = static_cast<int64_t>(b * 1000);
  f.text = std::move(text);
  return f;
}

// A short discovery exchange with a known shape (times in seconds).
std::vector<TranscriptFinal> Exchange() {
  return {
      U(A, 0, 4, "hi this is dana from clear route so how are you today"),
      U(P, 5, 7, "good thanks what is this about"),
      U(A, 8, 20, "we help fleets plan routes um and cut fuel costs"),
      U(A, 21, 30, "basically we look at every stop and the traffic"),
      U(P, 25, 25.8, "right"),  // backchannel during the agent's run
      U(P, 31.5, 36, "we run about forty trucks in the valley"),
      U(A, 35, 39, "how do you plan the routes today"),  // interrupts 1 s
      U(P, 40, 50, "uh we kind of do it by hand on a whiteboard"),
  };
}

TEST(ConversationMetricsTest, TalkTimeMatchesAnalysisTalkMetrics) {
  auto finals = Exchange();
  ConversationMetrics m = ComputeConversationMetrics(finals);
  TalkMetrics t = ComputeTalkMetrics(finals);
  EXPECT_DOUBLE_EQ(m.agent.talk_time_s, t.agent_talk_s);
  EXPECT_DOUBLE_EQ(m.prospect.talk_time_s, t.prospect_talk_s);
  EXPECT_DOUBLE_EQ(m.agent_talk_ratio, t.agent_ratio);
  EXPECT_DOUBLE_EQ(m.agent.talk_time_s, 4 + 12 + 9 + 4);
}

TEST(ConversationMetricsTest, MonologueSpansShortPausesAndBackchannels) {
  ConversationMetrics m = ComputeConversationMetrics(Exchange());
  // 8..20 and 21..30 are one run (1 s pause); the prospect's "right" at 25
  // does not take the floor.
  EXPECT_DOUBLE_EQ(m.agent.longest_monologue_s, 22.0);
  EXPECT_EQ(m.agent.longest_monologue_start_ms, 8000);
  EXPECT_DOUBLE_EQ(m.prospect.longest_monologue_s, 10.0);
  // Floor: A P A P A P -> five switches in 50 s.
  EXPECT_EQ(m.speaker_switches, 5);
  EXPECT_DOUBLE_EQ(m.conversation_s, 50.0);
  EXPECT_DOUBLE_EQ(m.interactivity_per_min, 6.0);
}

TEST(ConversationMetricsTest, InterruptionsAndOvertalk) {
  ConversationMetrics m = ComputeConversationMetrics(Exchange());
  EXPECT_EQ(m.agent.interruptions, 1);     // 35 s into the prospect's 31.5-36.
  EXPECT_EQ(m.prospect.interruptions, 0);  // "right" is a backchannel.
  EXPECT_DOUBLE_EQ(m.overtalk_s, 0.8 + 1.0);

  // A shorter overlap than the minimum is not an interruption.
  ConversationMetrics brief = ComputeConversationMetrics(
      {U(P, 0, 5, "we have a contract until june"),
       U(A, 4.8, 8, "okay so when does it renew exactly")});
  EXPECT_EQ(brief.agent.interruptions, 0);
  EXPECT_NEAR(brief.overtalk_s, 0.2, 1e-9);
}

TEST(ConversationMetricsTest, PatienceAveragesAgentAnswerGaps) {
  ConversationMetrics m = ComputeConversationMetrics(Exchange());
  // Answers: 7 -> 8 (1 s); 36 -> 35 is overtalk and ignored. The
  // backchannel at 25.8 is not a turn, so 30 -> 35 is not an answer to it.
  EXPECT_EQ(m.patience_samples, 1);
  EXPECT_DOUBLE_EQ(m.patience_s, 1.0);

  ConversationMetrics hold = ComputeConversationMetrics(
      {U(P, 0, 2, "let me check that for you"),
       U(A, 30, 33, "thanks for waiting")});  // 28 s: hold, not an answer
  EXPECT_EQ(hold.patience_samples, 0);
}

TEST(ConversationMetricsTest, QuestionsWordsAndFillers) {
  ConversationMetrics m = ComputeConversationMetrics(Exchange());
  EXPECT_EQ(m.agent.questions, 2);  // "how are you today", "how do you plan"
  EXPECT_EQ(m.prospect.questions, 1);
  EXPECT_EQ(m.agent.filler_words, 2);     // "um", "basically"
  EXPECT_EQ(m.prospect.filler_words, 2);  // "uh", "kind of"
  EXPECT_EQ(m.agent.words, 12 + 10 + 9 + 7);
  EXPECT_NEAR(m.agent.words_per_minute, 38 / (29 / 60.0), 1e-9);
}

TEST(FillerWordsTest, ContentUsesAreNotFillers) {
  EXPECT_EQ(CountFillerWords("i like the dashboard"), 0);
  EXPECT_EQ(CountFillerWords("it looks like a good fit"), 0);
  EXPECT_EQ(CountFillerWords("what kind of trucks do you run"), 0);
  EXPECT_EQ(CountFillerWords("do you know the renewal date"), 0);
  EXPECT_EQ(CountFillerWords("what i mean is the price"), 0);
  EXPECT_EQ(CountFillerWords("like we were like um not sure"), 3);
  EXPECT_EQ(CountFillerWords("it's kind of expensive you know"), 2);
  EXPECT_EQ(CountFillerWords("i mean it's basically uh fine"), 3);
}

TEST(ConversationMeterTest, AgreesWithPureFunctionInAnyArrivalOrder) {
  auto finals = Exchange();
  ConversationMetrics want = ComputeConversationMetrics(finals);
  std::mt19937 rng(7);
  for (int trial = 0; trial < 20; ++trial) {
    std::shuffle(finals.begin(), finals.end(), rng);
    ConversationMeter meter;
    for (const auto& f : finals) meter.Add(f);
    ConversationMetrics got = meter.Snapshot();
    EXPECT_EQ(ConversationMetricsJson(got), ConversationMetricsJson(want));
  }
}

TEST(ConversationMeterTest, SnapshotAtAnyTimeMatchesPrefix) {
  auto finals = Exchange();
  ConversationMeter meter;
  std::vector<TranscriptFinal> seen;
  EXPECT_EQ(meter.Snapshot().speaker_switches, 0);
  for (const auto& f : finals) {
    meter.Add(f);
    seen.push_back(f);
    EXPECT_EQ(ConversationMetricsJson(meter.Snapshot()),
              ConversationMetricsJson(ComputeConversationMetrics(seen)));
  }
}

TEST(ConversationMetricsTest, EmptyCall) {
  ConversationMetrics m = ComputeConversationMetrics({});
  EXPECT_EQ(m.agent_talk_ratio, 0);
  EXPECT_EQ(m.interactivity_per_min, 0);
  EXPECT_EQ(m.agent.longest_monologue_start_ms, -1);
  std::string j = ConversationMetricsJson(m);
  EXPECT_NE(j.find("\"longest_monologue_at_s\":{\"agent\":null"),
            std::string::npos);
  EXPECT_NE(j.find("\"interactivity_per_min\""), std::string::npos);
  EXPECT_NE(j.find("\"filler_words\""), std::string::npos);
}

}  // namespace
}  // namespace sc::analysis
