#include "guidance/ai_config_json.h"

#include <gtest/gtest.h>

namespace sc::guidance {
namespace {

TEST(AiConfigNames, RoundTripEveryValue) {
  for (SalesStyle s : {SalesStyle::kConsultative, SalesStyle::kTransactional,
                       SalesStyle::kRelationship}) {
    EXPECT_EQ(ParseSalesStyle(SalesStyleName(s)), s);
  }
  for (ObjectionHandling h :
       {ObjectionHandling::kSoftClose, ObjectionHandling::kHardClose,
        ObjectionHandling::kCollaborative}) {
    EXPECT_EQ(ParseObjectionHandling(ObjectionHandlingName(h)), h);
  }
  for (CommunicationStyle s :
       {CommunicationStyle::kProfessional, CommunicationStyle::kCasual,
        CommunicationStyle::kTechnical}) {
    EXPECT_EQ(ParseCommunicationStyle(CommunicationStyleName(s)), s);
  }
  for (ResponseStyle s : {ResponseStyle::kConcise, ResponseStyle::kDetailed,
                          ResponseStyle::kCasual}) {
    EXPECT_EQ(ParseResponseStyle(ResponseStyleName(s)), s);
  }
  EXPECT_STREQ(ObjectionHandlingName(ObjectionHandling::kHardClose),
               "hard_close");
  EXPECT_FALSE(ParseSalesStyle("Consultative").has_value());
}

TEST(AiConfigJson, EmptyObjectIsTheDefault) {
  StatusOr<AiConfig> c = ParseAiConfigJson("{}");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(AiConfigJson(*c), AiConfigJson(AiConfig()));
  EXPECT_EQ(c->response_style, ResponseStyle::kConcise);
  EXPECT_DOUBLE_EQ(c->target_agent_talk_ratio, 0.30);
}

TEST(AiConfigJson, RoundTripsEveryField) {
  AiConfig c;
  c.sales_style = SalesStyle::kRelationship;
  c.objection_handling = ObjectionHandling::kHardClose;
  c.communication_style = CommunicationStyle::kTechnical;
  c.response_style = ResponseStyle::kDetailed;
  c.industry = "logistics";
  c.industry_terms = {"route optimization", "fleet"};
  c.key_triggers = {{"we use excel", "status_quo"},
                    {"does it talk to sap", "integration"}};
  c.trigger_words = {"lawyer"};
  c.quiet_mode = true;
  c.voice_guidance = true;
  c.notifications.sentiment_warnings = false;
  c.notifications.checklist_reminders = false;
  c.target_agent_talk_ratio = 0.4;
  c.agent_name = "Dana";
  c.company_name = "ClearRoute";
  std::string text = AiConfigJson(c);
  StatusOr<AiConfig> back = ParseAiConfigJson(text);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(AiConfigJson(*back), text);
  EXPECT_EQ(back->key_triggers[1].category, "integration");
  EXPECT_FALSE(back->notifications.sentiment_warnings);
  EXPECT_TRUE(back->notifications.objection_alerts);
}

// Each bad document fails with an InvalidArgument naming the field.
TEST(AiConfigJson, RejectsBadDocumentsNamingTheField) {
  struct Case {
    const char* json;
    const char* message_part;
  };
  const Case cases[] = {
      {"not json", "ai_config: not valid JSON"},
      {"[]", "ai_config: expected an object"},
      {R"({"sales_style":"pushy"})",
       "ai_config.sales_style: expected one of consultative, transactional, "
       "relationship (got \"pushy\")"},
      {R"({"response_style":3})",
       "ai_config.response_style: expected a string"},
      {R"({"quiet":true})", "ai_config.quiet: unknown field"},
      {R"({"quiet_mode":"yes"})",
       "ai_config.quiet_mode: expected true or false"},
      {R"({"notifications":{"objection_alert":false}})",
       "ai_config.notifications.objection_alert: unknown field"},
      {R"({"target_agent_talk_ratio":1.5})",
       "ai_config.target_agent_talk_ratio: must be between 0.05 and 0.95"},
      {R"({"key_triggers":[{"phrase":"x"}]})",
       "ai_config.key_triggers[0].category: required field is missing"},
      {R"({"key_triggers":[{"phrase":"x","category":"Not Ok"}]})",
       "ai_config.key_triggers[0].category: must be"},
      {R"({"trigger_words":["two words"]})",
       "ai_config.trigger_words[0]: must be a single word"},
      {R"({"industry_terms":["ok", 4]})",
       "ai_config.industry_terms[1]: expected a string, got a number"},
  };
  for (const Case& c : cases) {
    StatusOr<AiConfig> r = ParseAiConfigJson(c.json);
    ASSERT_FALSE(r.ok()) << c.json;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << c.json;
    EXPECT_NE(r.status().message().find(c.message_part), std::string::npos)
        << c.json << " -> " << r.status().message();
  }
}

}  // namespace
}  // namespace sc::guidance
