#include "llm/follow_up.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "llm/test_chat_server.h"

namespace sc::llm {
namespace {

// A ChatClient double that answers with a fixed reply and counts calls.
class ScriptedClient : public ChatClient {
 public:
  explicit ScriptedClient(StatusOr<std::string> reply)
      : reply_(std::move(reply)) {}
  StatusOr<ChatResponse> Complete(const ChatRequest& request) override {
    ++calls;
    last = request;
    if (!reply_.ok()) return reply_.status();
    ChatResponse r;
    r.content = *reply_;
    return r;
  }
  int calls = 0;
  ChatRequest last;

 private:
  StatusOr<std::string> reply_;
};

FollowUpFacts Facts() {
  FollowUpFacts f;
  f.agent_name = "Dana";
  f.company_name = "ClearRoute";
  f.prospect_name = "Sam";
  f.objection_categories = {"price", "timing"};
  f.concerns = {"the price looks high", "needs to check with finance"};
  f.commitments = {"Dana will send a proposal"};
  f.action_items = {"send proposal"};
  f.outcome = "follow_up_scheduled";
  f.next_action = "send_proposal";
  f.follow_up_date = "2025-03-14";
  f.template_summary =
      "Sam raised price and timing; Dana will send a proposal.";
  f.template_email_subject = "Your proposal from ClearRoute";
  f.template_email_body =
      "Hi Sam,\n\nThanks for your time. Talk on "
      "2025-03-14.\n\nDana";
  return f;
}

std::string Reply(std::string summary, std::string subject, std::string body) {
  return boost::json::serialize(boost::json::object{
      {"summary", summary}, {"email_subject", subject}, {"email_body", body}});
}

TEST(FollowUp, AcceptsAFaithfulReply) {
  ScriptedClient client(Reply(
      "Sam was concerned about price and timing. Dana will send a proposal.",
      "Next steps on your proposal",
      "Hi Sam,\n\nThank you for the call. I'll send the proposal, and we "
      "speak again on Friday, March 14th.\n\nBest,\nDana"));
  StatusOr<WrittenFollowUp> w = WriteSummaryAndEmail(client, Facts());
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  EXPECT_EQ(w->email_subject, "Next steps on your proposal");
  EXPECT_NE(w->email_body.find("Friday"), std::string::npos);
  EXPECT_EQ(client.calls, 1);
  EXPECT_DOUBLE_EQ(client.last.temperature, 0.3);
}

TEST(FollowUp, PromptCarriesTheFactsAndAsksForJson) {
  FollowUpFacts f = Facts();
  f.communication_style = "casual";
  std::vector<ChatMessage> m = FollowUpPrompt(f);
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].role, Role::kSystem);
  EXPECT_NE(m[0].content.find("JSON object"), std::string::npos);
  EXPECT_NE(m[0].content.find("warm, friendly"), std::string::npos);
  EXPECT_NE(m[0].content.find("Do not invent"), std::string::npos);
  std::string user = m[1].content.substr(m[1].content.find('{'));
  boost::json::value facts = boost::json::parse(user);
  EXPECT_EQ(facts.at("follow_up_date").as_string(), "2025-03-14");
  EXPECT_EQ(facts.at("objection_categories").as_array().size(), 2u);
  EXPECT_EQ(facts.at("draft_email").at("subject").as_string(),
            "Your proposal from ClearRoute");
}

TEST(FollowUp, AcceptsJsonInACodeFence) {
  StatusOr<WrittenFollowUp> w = ParseFollowUpReply(
      "Here you go:\n```json\n" + Reply("s", "subj", "body") + "\n```",
      Facts());
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  EXPECT_EQ(w->summary, "s");
}

TEST(FollowUp, RejectsRepliesThatFailTheChecks) {
  struct Case {
    std::string reply;
    const char* message_part;
  };
  const Case cases[] = {
      {"Sure! Dear Sam, thanks for the call.", "not a JSON object"},
      {"{\"summary\": \"x\", ", "not a JSON object"},
      {R"({"summary":"x","email_subject":"y"})",
       "lacks the string field email_body"},
      {Reply("x", "  ", "z"), "empty email_subject"},
      {Reply("x", "line one\nline two", "z"), "single short line"},
      {Reply("x", "y", "We speak again on March 21."), "date that is not"},
      {Reply("x", "y", "Let's talk on 2025-04-01."), "date that is not"},
      {Reply("x", "y", "Talk Monday!"), "weekday (monday)"},
      {Reply("x", "y", "A discount to $4,500 is possible."), "money amount"},
      {Reply("x", "y", "Best regards,\n[Your Name]"), "placeholder"},
  };
  for (const Case& c : cases) {
    ScriptedClient client(c.reply);
    StatusOr<WrittenFollowUp> w = WriteSummaryAndEmail(client, Facts());
    ASSERT_FALSE(w.ok()) << c.reply;
    EXPECT_EQ(w.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(w.status().message().find(c.message_part), std::string::npos)
        << c.reply << " -> " << w.status().message();
  }
}

TEST(FollowUp, MoneyFromTheFactsIsAllowed) {
  FollowUpFacts f = Facts();
  f.concerns.push_back("quoted 4,500 per month");
  EXPECT_TRUE(
      ParseFollowUpReply(Reply("x", "y", "The $4,500 monthly fee"), f).ok());
}

TEST(FollowUp, ClientErrorsPassThroughAndBadFactsFailFirst) {
  ScriptedClient down(Unauthenticated("LLM server returned HTTP 401"));
  EXPECT_EQ(WriteSummaryAndEmail(down, Facts()).status().code(),
            StatusCode::kUnauthenticated);

  ScriptedClient unused(Reply("x", "y", "z"));
  FollowUpFacts f = Facts();
  f.communication_style = "pushy";
  EXPECT_EQ(WriteSummaryAndEmail(unused, f).status().code(),
            StatusCode::kInvalidArgument);
  f = Facts();
  f.follow_up_date = "14/03/2025";
  EXPECT_EQ(WriteSummaryAndEmail(unused, f).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(unused.calls, 0);
}

TEST(FollowUp, EndToEndThroughAnOpenAiServer) {
  testing::TestChatServer server;
  server.Enqueue({200,
                  testing::CompletionBody(Reply(
                      "Sam raised price. Dana sends a proposal.",
                      "Your ClearRoute proposal",
                      "Hi Sam,\n\nAs promised, the proposal follows.\n\nDana")),
                  0,
                  {}});
  server.Enqueue(
      {200, testing::CompletionBody("I cannot help with that."), 0, {}});
  ChatClientOptions o;
  o.base_url = server.base_url();
  o.model = "test-model";
  auto client = NewOpenAiChatClient(o);
  ASSERT_TRUE(client.ok());
  StatusOr<WrittenFollowUp> w = WriteSummaryAndEmail(**client, Facts());
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  EXPECT_EQ(w->email_subject, "Your ClearRoute proposal");
  boost::json::value sent = boost::json::parse(server.requests()[0].body);
  EXPECT_EQ(sent.at("max_tokens").as_int64(), 900);
  // A model that answers in prose: the caller keeps the template.
  StatusOr<WrittenFollowUp> prose = WriteSummaryAndEmail(**client, Facts());
  EXPECT_EQ(prose.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace sc::llm
