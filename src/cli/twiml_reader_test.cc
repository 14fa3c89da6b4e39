#include "cli/twiml_reader.h"

#include <gtest/gtest.h>

namespace sc::cli {
namespace {

// The golden document of TWILIO.md §2 (twilio-node 6.2.0's output).
constexpr char kGolden[] =
    R"(<?xml version="1.0" encoding="UTF-8"?><Response><Start><Stream url="wss://example.com/media" track="both_tracks" statusCallback="https://example.com/stream-status" statusCallbackMethod="POST" name="rec1"><Parameter name="callId" value="abc&amp;123"/></Stream></Start><Dial callerId="+15017122661" record="record-from-answer-dual" recordingStatusCallback="https://example.com/rec" recordingStatusCallbackEvent="in-progress completed absent" answerOnBridge="true" timeout="20" action="https://example.com/dial-action" method="POST"><Number statusCallback="https://example.com/leg-status" statusCallbackEvent="initiated ringing answered completed" statusCallbackMethod="POST">+15558675310</Number></Dial></Response>)";

TEST(TwimlReaderTest, ReadsStreamParametersAndDial) {
  StatusOr<TwimlPlan> plan = ReadTwiml(kGolden);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_TRUE(plan->stream.has_value());
  EXPECT_EQ(plan->stream->url, "wss://example.com/media");
  EXPECT_EQ(plan->stream->track, "both_tracks");
  EXPECT_EQ(plan->stream->parameters.at("callId"), "abc&123");
  ASSERT_TRUE(plan->dial.has_value());
  EXPECT_EQ(plan->dial->action, "https://example.com/dial-action");
  EXPECT_EQ(plan->dial->record, "record-from-answer-dual");
  EXPECT_EQ(plan->dial->recording_status_callback, "https://example.com/rec");
  EXPECT_EQ(plan->dial->caller_id, "+15017122661");
  EXPECT_EQ(plan->dial->number, "+15558675310");
  EXPECT_EQ(plan->dial->status_callback, "https://example.com/leg-status");
  EXPECT_FALSE(plan->hangup);
}

TEST(TwimlReaderTest, ClientFormsSayAndHangup) {
  StatusOr<TwimlPlan> plan = ReadTwiml(
      "<Response><Dial><Client><Identity>bob</Identity><Parameter name=\"k\" "
      "value=\"v\"/></Client></Dial><Say voice='alice'>It&apos;s &#233;t&#xE9; "
      "&lt;ok&gt;</Say><Hangup/></Response>");
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(plan->dial->client, "bob");
  ASSERT_EQ(plan->says.size(), 1u);
  EXPECT_EQ(plan->says[0], "It's \xC3\xA9t\xC3\xA9 <ok>");
  EXPECT_TRUE(plan->hangup);
  EXPECT_FALSE(plan->stream.has_value());
  plan =
      ReadTwiml("<Response><Dial><Client>alice_1</Client></Dial></Response>");
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->dial->client, "alice_1");
}

TEST(TwimlReaderTest, RejectsWhatIsNotTwiml) {
  for (const char* bad :
       {"", "<Respons/>", "<Response><Say>x</Response>", "<Response>",
        "<Response><Say a=b>x</Say></Response>",
        "<Response><Say>&bogus;</Say></Response>", "<Response></Response><x/>",
        "<Response><Say a=\"x>"}) {
    EXPECT_FALSE(ReadTwiml(bad).ok()) << bad;
  }
  EXPECT_TRUE(ReadTwiml("<Response/>").ok());
}

}  // namespace
}  // namespace sc::cli
