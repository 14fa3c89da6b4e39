#include "report/report.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "llm/test_chat_server.h"

namespace sc::report {
namespace {
namespace json = boost::json;

TranscriptFinal Line(Speaker who, double start_s, double end_s,
                     std::string text) {
  TranscriptFinal f;
  f.speaker = who;
  f.start_ms = static_cast<int64_t>(start_s * 1000);
  f.end_ms = static_cast<int64_t>(end_s * 1000);
  f.text = std::move(text);
  f.confidence = 0.9;
  return f;
}

std::vector<TranscriptFinal> Call() {
  const Speaker A = Speaker::kAgent, P = Speaker::kProspect;
  return {
      Line(A, 0, 4, "hi maria this is sam from route planner how are you"),
      Line(P, 4.5, 6, "good thanks what is this about"),
      Line(A, 6.5, 12,
           "we help delivery teams plan routes what budget have "
           "you set aside for planning tools this year"),
      Line(P, 12.5, 18, "honestly it sounds too expensive for a team our size"),
      Line(A, 18.5, 26,
           "i understand most customers save twelve percent on "
           "fuel which pays for the license in two months"),
      Line(P, 26.5, 30, "that is interesting i like that"),
      Line(A, 30.5, 36,
           "i will send you the proposal can we talk again "
           "next wednesday"),
      Line(P, 36.5, 38, "yes next wednesday works"),
  };
}

TEST(ReportTest, DocumentHasEveryField) {
  ReportOptions o;
  o.call_date = coaching::CivilDate{2026, 11, 23};  // A Monday.
  CallStarted info;
  info.call_sid = "CA1";
  CallReport r = BuildCallReport(info, 0, Call(), 40'000, o);
  json::value v = json::parse(r.json);
  const json::object& doc = v.as_object();
  for (const char* key :
       {"call", "duration_s", "utterances", "objections", "metrics", "coaching",
        "summary", "action_items", "outcome", "next_action", "follow_up",
        "relationship_delta"}) {
    EXPECT_TRUE(doc.contains(key)) << key;
  }
  const json::object& u0 = doc.at("utterances").at(0).as_object();
  ASSERT_TRUE(u0.contains("sentiment"));
  EXPECT_TRUE(u0.at("sentiment").as_object().contains("label"));
  const json::object& metrics = doc.at("metrics").as_object();
  for (const char* key :
       {"talk_time_s", "talk_ratio", "longest_monologue_s",
        "interactivity_per_min", "patience_s", "questions", "interruptions",
        "overtalk_s", "words_per_minute", "filler_words"}) {
    EXPECT_TRUE(metrics.contains(key)) << key;
  }
  // The prospect's price objection is found and answered from the playbook.
  const json::array& objections = doc.at("objections").as_array();
  ASSERT_FALSE(objections.empty());
  EXPECT_EQ(objections[0].at("category").as_string(), "price");
  EXPECT_FALSE(objections[0].at("suggestion").as_string().empty());
  EXPECT_EQ(objections[0].at("speaker").as_string(), "prospect");
  // "next wednesday" from Monday 2026-11-23.
  EXPECT_EQ(doc.at("follow_up").at("date").as_string(), "2026-12-02");
  const json::object& coaching = doc.at("coaching").as_object();
  double score = coaching.at("score").to_number<double>();
  EXPECT_GE(score, 0);
  EXPECT_LE(score, 100);
}

TEST(ReportTest, SameInputSameDocument) {
  ReportOptions o;
  o.call_date = coaching::CivilDate{2026, 11, 23};
  CallStarted info;
  info.call_sid = "CA1";
  EXPECT_EQ(BuildCallReport(info, 0, Call(), 40'000, o).json,
            BuildCallReport(info, 0, Call(), 40'000, o).json);
}

TEST(ReportTest, UserTriggersReachTheDetector) {
  ReportOptions o;
  o.call_date = coaching::CivilDate{2026, 11, 23};
  o.config.key_triggers.push_back({"security review", "security"});
  std::vector<TranscriptFinal> finals = Call();
  finals.push_back(Line(Speaker::kProspect, 40, 44,
                        "we would need a security review first"));
  CallStarted info;
  CallReport r = BuildCallReport(info, 0, finals, 45'000, o);
  bool found = false;
  for (const auto& ob : r.analysis.objections) {
    found = found || ob.category == "security";
  }
  EXPECT_TRUE(found);
}

TEST(ReportTest, WrittenFollowUpReplacesTemplateText) {
  ReportOptions o;
  o.call_date = coaching::CivilDate{2026, 11, 23};
  CallReport r = BuildCallReport(CallStarted{}, 0, Call(), 40'000, o);
  ApplyWrittenFollowUp(r, "A short summary.", "Subject line", "Body text.");
  json::value v = json::parse(r.json);
  EXPECT_EQ(v.at("summary").as_string(), "A short summary.");
  EXPECT_EQ(v.at("follow_up").at("email").at("subject").as_string(),
            "Subject line");
}

TEST(ReportTest, LlmWritesSummaryAndEmailFromTheFacts) {
  llm::testing::TestChatServer server;
  json::object reply{
      {"summary", "Maria found the price high; Sam showed the fuel savings."},
      {"email_subject", "Route planner proposal"},
      {"email_body",
       "Hi Maria,\n\nThanks for your time. As promised I will send you the "
       "proposal.\n\nBest regards,\nSam"}};
  server.Enqueue({200, llm::testing::CompletionBody(json::serialize(reply))});
  llm::ChatClientOptions co;
  co.base_url = server.base_url();
  co.model = "test-model";
  auto client = llm::NewOpenAiChatClient(co);
  ASSERT_TRUE(client.ok()) << client.status().ToString();
  ReportOptions o;
  o.call_date = coaching::CivilDate{2026, 11, 23};
  CallReport r = BuildCallReport(CallStarted{}, 0, Call(), 40'000, o);
  Status st = WriteFollowUpWithLlm(r, **client, o.config);
  ASSERT_TRUE(st.ok()) << st.ToString();
  json::value v = json::parse(r.json);
  EXPECT_EQ(v.at("follow_up").at("email").at("subject").as_string(),
            "Route planner proposal");
  // The model was given the facts, not asked to invent them.
  ASSERT_EQ(server.requests().size(), 1u);
  EXPECT_NE(server.requests()[0].body.find("price"), std::string::npos);
}

TEST(ReportTest, LlmFailureKeepsTheTemplateText) {
  llm::testing::TestChatServer server;
  server.Enqueue({401, R"({"error":{"message":"bad key","type":"auth"}})"});
  llm::ChatClientOptions co;
  co.base_url = server.base_url();
  co.model = "test-model";
  co.max_retries = 0;
  auto client = llm::NewOpenAiChatClient(co);
  ASSERT_TRUE(client.ok());
  ReportOptions o;
  o.call_date = coaching::CivilDate{2026, 11, 23};
  CallReport r = BuildCallReport(CallStarted{}, 0, Call(), 40'000, o);
  const std::string before = r.json;
  EXPECT_FALSE(WriteFollowUpWithLlm(r, **client, o.config).ok());
  EXPECT_EQ(r.json, before);
}

TEST(ReportTest, UtcDate) {
  EXPECT_EQ(UtcDate(0), (coaching::CivilDate{1970, 1, 1}));
  EXPECT_EQ(UtcDate(1'795'000'000'000), (coaching::CivilDate{2026, 11, 18}));
}

}  // namespace
}  // namespace sc::report
