#include "events/event_json.h"

#include <gtest/gtest.h>

namespace sc {
namespace {

std::vector<CallEvent> Samples() {
  CallStarted started;
  started.call_sid = "CA1";
  started.stream_sid = "MZ1";
  started.direction = CallDirection::kOutbound;
  started.agent_track = "inbound";
  started.tracks = {"inbound", "outbound"};
  started.custom_parameters = {{"user", "u1"}};
  started.source = "twilio";
  TranscriptFinal fin{"agent-1",
                      Speaker::kAgent,
                      100,
                      900,
                      "hello there",
                      0.8,
                      {{"hello", 100, 400}, {"there", 450, 900}}};
  TranscriptFinal with_mood = fin;
  with_mood.utterance_id = "agent-2";
  with_mood.sentiment = UtteranceSentiment{-0.5, "negative"};
  MetricsTick full{300, 100};
  full.longest_monologue_ms = {250, 100};
  full.interactivity_per_min = 4.5;
  full.patience_ms = 700;
  full.questions = {3, 1};
  full.interruptions = {1, 0};
  full.overtalk_ms = 120;
  full.words_per_minute = {150.5, 120};
  full.filler_words = {2, 5};
  full.sentiment_trend = {0.25, -0.125};
  return {CallStartedEvent{started},
          with_mood,
          full,
          ObjectionDetected{"prospect-4", Speaker::kProspect, "price", 0.9,
                            1200, "that is too expensive", "too expensive",
                            "Show the return on investment."},
          GuidanceCard{"card-1", "objection", "price", "Price objection",
                       "Ask what they compare it with.", "price heard", "roi",
                       true, ""},
          CardFeedback{"card-1", "used", "price", "roi"},
          CallStatusChanged{"in-progress"},
          TranscriptPartial{"prospect-2", Speaker::kProspect, 5, 9, "hi"},
          fin,
          DtmfEvent{Speaker::kProspect, "5"},
          Alert{"sequence_gap", "3 media messages missing"},
          MetricsTick{300, 100},
          CallEndedEvent{EndReason::kDisconnect, 5000, {10, 1600, 1, 2, 0}},
          AnalysisReady{}};
}

TEST(EventJsonTest, EveryEventRoundTrips) {
  for (const CallEvent& e : Samples()) {
    std::string data = EventDataJson(e);
    auto back = ParseEventData(EventType(e), data);
    ASSERT_TRUE(back.ok()) << EventType(e) << ": " << back.status().ToString();
    EXPECT_EQ(EventDataJson(*back), data) << EventType(e);
  }
}

TEST(EventJsonTest, EnvelopeCarriesTypeAndSequence) {
  EventEnvelope env{"CA9", 7, 1500, 1700000000000,
                    TranscriptPartial{"agent-3", Speaker::kAgent, 1, 2, "x"}};
  std::string j = EnvelopeJson(env);
  EXPECT_NE(j.find("\"type\":\"transcript.partial\""), std::string::npos);
  EXPECT_NE(j.find("\"seq\":7"), std::string::npos);
  EXPECT_NE(j.find("\"data\":{"), std::string::npos);
}

TEST(EventJsonTest, StoredEnvelopeEqualsLiveEnvelope) {
  EventEnvelope env{"CA9", 3, 10, 20, Alert{"k", "m"}};
  EXPECT_EQ(EnvelopeJsonFromStored("alert", "CA9", 3, 10, 20,
                                   EventDataJson(env.event)),
            EnvelopeJson(env));
}

TEST(EventJsonTest, MetricsRatioSumsToOne) {
  std::string j = EventDataJson(MetricsTick{300, 100});
  EXPECT_NE(j.find("\"agent\":7.5E-1"), std::string::npos) << j;
}

TEST(EventJsonTest, RejectsBadInput) {
  EXPECT_FALSE(ParseEventData("nope", "{}").ok());
  EXPECT_FALSE(ParseEventData("alert", "[1]").ok());
  EXPECT_FALSE(ParseEventData("alert", "{\"kind\":1}").ok());
  EXPECT_FALSE(ParseEventData("transcript.final", "{").ok());
  auto r = ParseEventData("transcript.partial", "{\"utterance_id\":\"a\"}");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("speaker"), std::string::npos);
}

}  // namespace
}  // namespace sc
