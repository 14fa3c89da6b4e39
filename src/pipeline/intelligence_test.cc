#include "pipeline/intelligence.h"

#include <gtest/gtest.h>

#include <algorithm>

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

// Keyphrase hits from the audio as objection evidence (pure logic: the
// hits are given, no audio).
TEST(LiveIntelligenceTest, SpottedPhrasesAddOrConfirmObjections) {
  LiveIntelligence plain(CallSettings{}), spotting(CallSettings{});
  // The recognizer misheard "too expensive"; the spotter heard it.
  TranscriptFinal a = Line(Speaker::kProspect, 1000, 4000,
                           "well it is to exhausting for us right now", 1);
  TranscriptFinal b = a;
  const std::vector<SpottedPhrase> heard = {
      {"too expensive", 1800, 2600, -60},
      {"zebra crossing", 2600, 3000, -10}};  // No category: ignored.
  auto without = Of<ObjectionDetected>(plain.OnFinal(a));
  for (const auto& o : without) EXPECT_NE(o.category, "price");
  auto with = Of<ObjectionDetected>(spotting.OnFinal(b, heard));
  ASSERT_FALSE(with.empty());
  auto price = std::find_if(with.begin(), with.end(), [](const auto& o) {
    return o.category == "price";
  });
  ASSERT_NE(price, with.end());
  EXPECT_EQ(price->evidence, "audio");
  EXPECT_EQ(price->trigger, "too expensive");
  EXPECT_EQ(price->start_ms, 1800);
  EXPECT_DOUBLE_EQ(price->confidence, LiveIntelligence::kAudioOnlyConfidence);
  EXPECT_EQ(price->utterance_id, "prospect-1");
  EXPECT_FALSE(price->suggestion.empty());

  // Text and audio agree: one detection, more confident.
  TranscriptFinal c = Line(Speaker::kProspect, 5000, 8000,
                           "honestly that is way too expensive for us", 2);
  TranscriptFinal d = c;
  auto text_only = Of<ObjectionDetected>(plain.OnFinal(c));
  auto both = Of<ObjectionDetected>(
      spotting.OnFinal(d, {{"too expensive", 6000, 7000, -50}}));
  ASSERT_EQ(text_only.size(), 1u);
  ASSERT_EQ(both.size(), 1u);
  EXPECT_EQ(text_only[0].evidence, "text");
  EXPECT_EQ(both[0].evidence, "text+audio");
  EXPECT_GT(both[0].confidence, text_only[0].confidence);
  EXPECT_LE(both[0].confidence, 1.0);
  EXPECT_EQ(both[0].trigger, text_only[0].trigger);

  // The transcript has the phrase and the text rules dropped it (a
  // dismissal): the audio does not bring it back.
  TranscriptFinal e = Line(Speaker::kProspect, 9000, 12000,
                           "it is not too expensive at all", 3);
  EXPECT_TRUE(Of<ObjectionDetected>(plain.OnFinal(e)).empty());
  TranscriptFinal f = e;
  EXPECT_TRUE(Of<ObjectionDetected>(
                  spotting.OnFinal(f, {{"too expensive", 9500, 10500, -40}}))
                  .empty());
}

TEST(LiveIntelligenceTest, SpottedPhrasesOfAnIgnoredSpeakerAddNothing) {
  LiveIntelligence intel(CallSettings{});  // Prospect only by default.
  TranscriptFinal a =
      Line(Speaker::kAgent, 0, 3000, "so tell me about your team", 1);
  EXPECT_TRUE(Of<ObjectionDetected>(
                  intel.OnFinal(a, {{"too expensive", 500, 1500, -40}}))
                  .empty());
}

// The spotter the pipeline opens listens for every phrase of the inventory
// (all of them can be pronounced).
TEST(OpenObjectionSpotterTest, ListensForTheInventoryPhrases) {
  auto spotter = OpenObjectionSpotter(speech::RecognizerOptions{});
  ASSERT_TRUE(spotter.ok()) << spotter.status().ToString();
  EXPECT_EQ((*spotter)->phrases().size(),
            analysis::ObjectionDetector::Default()->SpottingPhrases().size());
  speech::RecognizerOptions remote;
  remote.engine = "remote";
  EXPECT_EQ(OpenObjectionSpotter(remote).status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace sc::pipeline
