#include "analysis/analysis.h"

#include <gtest/gtest.h>

namespace sc::analysis {
namespace {

TranscriptFinal U(Speaker s, int64_t a, int64_t b, std::string text = "x") {
  TranscriptFinal f;
  f.speaker = s;
  f.start_ms = a;
  f.end_ms = b;
  f.text = std::move(text);
  return f;
}

TEST(TalkMetricsTest, SharesOfSpeechTimeSumToOne) {
  auto m = ComputeTalkMetrics(
      {U(Speaker::kAgent, 0, 3000), U(Speaker::kProspect, 3500, 4500)});
  EXPECT_DOUBLE_EQ(m.agent_talk_s, 3.0);
  EXPECT_DOUBLE_EQ(m.prospect_talk_s, 1.0);
  EXPECT_DOUBLE_EQ(m.agent_ratio, 0.75);
  EXPECT_DOUBLE_EQ(m.agent_ratio + m.prospect_ratio, 1.0);
}

TEST(TalkMetricsTest, OverlapWithinSpeakerCountedOnce) {
  auto m = ComputeTalkMetrics({U(Speaker::kAgent, 0, 2000),
                               U(Speaker::kAgent, 1000, 3000),
                               U(Speaker::kProspect, 2500, 3500)});
  EXPECT_DOUBLE_EQ(m.agent_talk_s, 3.0);
  EXPECT_DOUBLE_EQ(m.prospect_talk_s, 1.0);
}

TEST(TalkMetricsTest, SilenceGivesZeroRatios) {
  auto m = ComputeTalkMetrics({});
  EXPECT_EQ(m.agent_ratio, 0);
  EXPECT_EQ(m.prospect_ratio, 0);
}

TEST(AnalysisTest, DocumentHasDocumentedShape) {
  CallStarted call;
  call.call_sid = "CA1";
  auto a = AnalyzeCall(call, 0,
                       {U(Speaker::kProspect, 4000, 5000, "too expensive"),
                        U(Speaker::kAgent, 0, 1000, "hello")},
                       6000);
  ASSERT_EQ(a.utterances.size(), 2u);
  EXPECT_EQ(a.utterances[0].text, "hello");  // Sorted by time.
  std::string doc = AnalysisJson(a);
  for (const char* key : {"\"call\":", "\"duration_s\":6", "\"utterances\":",
                          "\"metrics\":", "\"talk_time_s\":", "\"talk_ratio\":",
                          "\"speaker\":\"agent\"", "\"words\":"}) {
    EXPECT_NE(doc.find(key), std::string::npos) << key << " in " << doc;
  }
  EXPECT_NE(AnalysisText(a).find("PROSPECT too expensive"), std::string::npos);
}

TEST(TranscriptJsonlTest, ParsesAndRejects) {
  auto ok = ParseTranscriptJsonl(
      "{\"speaker\":\"agent\",\"start_s\":0.5,\"end_s\":1.25,\"text\":\"hi\"}\n"
      "\n"
      "{\"speaker\":\"prospect\",\"start_s\":2,\"end_s\":3,\"text\":\"yo\"}");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  ASSERT_EQ(ok->size(), 2u);
  EXPECT_EQ((*ok)[0].start_ms, 500);
  EXPECT_EQ((*ok)[0].end_ms, 1250);
  EXPECT_EQ((*ok)[1].utterance_id, "prospect-1");

  auto bad = ParseTranscriptJsonl(
      "{\"speaker\":\"bot\",\"start_s\":0,"
      "\"end_s\":1,\"text\":\"\"}");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("line 1"), std::string::npos);
  EXPECT_FALSE(ParseTranscriptJsonl("nope").ok());
  EXPECT_FALSE(
      ParseTranscriptJsonl("{\"speaker\":\"agent\",\"start_s\":2,\"end_s\":1,"
                           "\"text\":\"\"}")
          .ok());
}

}  // namespace
}  // namespace sc::analysis
