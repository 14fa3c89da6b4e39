#include "pipeline/intelligence.h"

#include <gtest/gtest.h>

namespace sc::pipeline {
namespace {

TranscriptFinal Line(Speaker who, int64_t start_ms, int64_t end_ms,
                     std::string text, int n) {
  TranscriptFinal f;
  f.utterance_id = std::string(SpeakerName(who)) + "-" + std::to_string(n);
  f.speaker = who;
  f.start_ms = start_ms;
  f.end_ms = end_ms;
  f.text = std::move(text);
  f.confidence = 0.9;
  return f;
}

template <typename T>
std::vector<T> Of(const std::vector<CallEvent>& events) {
  std::vector<T> out;
  for (const CallEvent& e : events) {
    if (auto* v = std::get_if<T>(&e)) out.push_back(*v);
  }
  return out;
}

TEST(LiveIntelligenceTest, ObjectionBecomesEventCardAndMetrics) {
  LiveIntelligence intel(CallSettings{});
  TranscriptFinal a =
      Line(Speaker::kAgent, 0, 3000, "hi this is sam from route planner", 1);
  std::vector<CallEvent> first = intel.OnFinal(a);
  ASSERT_TRUE(a.sentiment.has_value());
  ASSERT_EQ(Of<MetricsTick>(first).size(), 1u);
  EXPECT_TRUE(std::holds_alternative<MetricsTick>(first.back()));

  TranscriptFinal p = Line(Speaker::kProspect, 3500, 6000,
                           "honestly that is way too expensive for us", 1);
  std::vector<CallEvent> more = intel.OnFinal(p);
  ASSERT_TRUE(p.sentiment.has_value());
  EXPECT_EQ(p.sentiment->label, "negative");
  auto objections = Of<ObjectionDetected>(more);
  ASSERT_EQ(objections.size(), 1u);
  EXPECT_EQ(objections[0].category, "price");
  EXPECT_EQ(objections[0].utterance_id, "prospect-1");
  EXPECT_FALSE(objections[0].suggestion.empty());
  auto cards = Of<GuidanceCard>(more);
  ASSERT_EQ(cards.size(), 1u);
  EXPECT_EQ(cards[0].kind, "objection");
  EXPECT_EQ(cards[0].category, "price");
  // The card never quotes the prospect.
  EXPECT_EQ(cards[0].reason.find("expensive"), std::string::npos);
  auto ticks = Of<MetricsTick>(more);
  ASSERT_EQ(ticks.size(), 1u);
  EXPECT_EQ(ticks[0].agent_talk_ms, 3000);
  EXPECT_EQ(ticks[0].prospect_talk_ms, 2500);
  EXPECT_LT(ticks[0].sentiment_trend.prospect, 0);

  // Another approach on request, and feedback on it.
  if (cards[0].has_alternative) {
    auto alt = intel.Alternative(cards[0].card_id, 6000);
    ASSERT_TRUE(alt.ok()) << alt.status().ToString();
    EXPECT_NE(alt->card_id, cards[0].card_id);
    EXPECT_EQ(alt->alternative_of, cards[0].card_id);
    EXPECT_NE(alt->approach, cards[0].approach);
  }
  auto fb =
      intel.Feedback(cards[0].card_id, guidance::FeedbackAction::kUsed, 6500);
  ASSERT_TRUE(fb.ok());
  EXPECT_EQ(fb->action, "used");
  EXPECT_FALSE(
      intel.Feedback("card-99", guidance::FeedbackAction::kUsed, 1).ok());
}

TEST(LiveIntelligenceTest, QuietModeDetectsButShowsNoCard) {
  CallSettings settings;
  settings.config.quiet_mode = true;
  LiveIntelligence intel(settings);
  TranscriptFinal p = Line(Speaker::kProspect, 0, 2000,
                           "we are happy with our current provider", 1);
  std::vector<CallEvent> events = intel.OnFinal(p);
  EXPECT_EQ(Of<ObjectionDetected>(events).size(), 1u);
  EXPECT_TRUE(Of<GuidanceCard>(events).empty());
}

TEST(LiveIntelligenceTest, UserTriggerWordsAreDetected) {
  CallSettings settings;
  settings.config.key_triggers.push_back({"security review", "security"});
  LiveIntelligence intel(settings);
  TranscriptFinal p = Line(Speaker::kProspect, 0, 2000,
                           "it has to pass our security review", 1);
  auto objections = Of<ObjectionDetected>(intel.OnFinal(p));
  ASSERT_EQ(objections.size(), 1u);
  EXPECT_EQ(objections[0].category, "security");
}

TEST(LiveIntelligenceTest, TalkRatioReminderWhenAgentDominates) {
  LiveIntelligence intel(CallSettings{});
  int64_t t = 0;
  bool reminded = false;
  for (int i = 1; i <= 12 && !reminded; ++i) {
    TranscriptFinal a = Line(Speaker::kAgent, t, t + 25'000,
                             "and another thing our platform does is plan "
                             "every route for every driver every morning",
                             i);
    t += 25'500;
    TranscriptFinal p = Line(Speaker::kProspect, t, t + 1500, "okay", i);
    t += 2000;
    for (TranscriptFinal* f : {&a, &p}) {
      for (const GuidanceCard& c : Of<GuidanceCard>(intel.OnFinal(*f))) {
        reminded = reminded || c.kind == "talk_ratio";
      }
    }
  }
  EXPECT_TRUE(reminded);
}

}  // namespace
}  // namespace sc::pipeline
