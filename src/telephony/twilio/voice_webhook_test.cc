#include "telephony/twilio/voice_webhook.h"

#include <gtest/gtest.h>

#include <map>

namespace sc::twilio {
namespace {

// An in-memory directory; `fail` turns every lookup into Unavailable.
class MemoryDirectory : public PhoneDirectory {
 public:
  void Add(const CallerProfile& p) { profiles_.push_back(p); }
  bool fail = false;
  StatusOr<CallerProfile> FindByIdentity(
      std::string_view identity) const override {
    if (fail) return Unavailable("store down");
    for (const auto& p : profiles_) {
      if (p.identity == identity) return p;
    }
    return NotFound("no such identity");
  }
  StatusOr<CallerProfile> FindByNumber(std::string_view e164) const override {
    if (fail) return Unavailable("store down");
    for (const auto& p : profiles_) {
      if (p.phone_number == e164) return p;
    }
    return NotFound("no such number");
  }

 private:
  std::vector<CallerProfile> profiles_;
};

CallerProfile Alice() {
  CallerProfile p;
  p.user_id = "u_alice";
  p.tenant_id = "acme";
  p.identity = "alice";
  p.phone_number = "+15017122661";
  p.voice_enabled = true;
  p.recording_enabled = true;
  p.ai_enabled = true;
  p.may_call = true;
  return p;
}

VoiceWebhookOptions Options() {
  VoiceWebhookOptions o;
  o.public_base_url = "https://copilot.example.com";
  return o;
}

FormParams Form(std::string_view from, std::string_view to) {
  return {{"CallSid", "CA123"},          {"AccountSid", "AC123"},
          {"From", std::string(from)},   {"To", std::string(to)},
          {"Caller", std::string(from)}, {"Direction", "inbound"},
          {"CallStatus", "ringing"},     {"ApiVersion", "2010-04-01"}};
}

constexpr std::string_view kDecl = R"(<?xml version="1.0" encoding="UTF-8"?>)";
constexpr std::string_view kStream =
    R"(<Start><Stream url="wss://copilot.example.com/api/twilio-calls/media-stream" track="both_tracks" name="copilot">)"
    R"(<Parameter name="call_sid" value="CA123"/><Parameter name="user_id" value="u_alice"/><Parameter name="tenant_id" value="acme"/>)";

TEST(VoiceWebhook, BrowserOutboundDial) {
  MemoryDirectory dir;
  dir.Add(Alice());
  VoiceResult r =
      DecideVoiceCall(Form("client:alice", "+15558675310"), dir, Options());
  EXPECT_EQ(r.decision, VoiceDecision::kOutboundDial);
  EXPECT_EQ(r.profile.user_id, "u_alice");
  EXPECT_EQ(
      r.twiml,
      std::string(kDecl) + "<Response>" + std::string(kStream) +
          R"(<Parameter name="direction" value="outbound"/><Parameter name="agent_track" value="inbound"/></Stream></Start>)"
          R"(<Dial callerId="+15017122661" record="record-from-answer-dual" recordingStatusCallback="https://copilot.example.com/api/twilio-calls/recording" recordingStatusCallbackMethod="POST" recordingStatusCallbackEvent="completed absent" answerOnBridge="true" action="https://copilot.example.com/api/twilio-calls/dial-action" method="POST">)"
          R"(<Number statusCallback="https://copilot.example.com/api/twilio-calls/status" statusCallbackEvent="initiated ringing answered completed" statusCallbackMethod="POST">+15558675310</Number></Dial></Response>)");
}

TEST(VoiceWebhook, OutboundWithoutAiOrRecording) {
  MemoryDirectory dir;
  CallerProfile p = Alice();
  p.ai_enabled = false;
  p.recording_enabled = false;
  dir.Add(p);
  VoiceResult r =
      DecideVoiceCall(Form("client:alice", "+15558675310"), dir, Options());
  EXPECT_EQ(r.decision, VoiceDecision::kOutboundDial);
  EXPECT_EQ(r.twiml.find("<Start>"), std::string::npos);
  EXPECT_EQ(r.twiml.find("record="), std::string::npos);
  EXPECT_NE(
      r.twiml.find(R"(<Dial callerId="+15017122661" answerOnBridge="true")"),
      std::string::npos);
}

TEST(VoiceWebhook, InboundRingsTheBrowser) {
  MemoryDirectory dir;
  dir.Add(Alice());
  VoiceResult r =
      DecideVoiceCall(Form("+14155550100", "+15017122661"), dir, Options());
  EXPECT_EQ(r.decision, VoiceDecision::kInboundRing);
  EXPECT_EQ(
      r.twiml,
      std::string(kDecl) + "<Response>" + std::string(kStream) +
          R"(<Parameter name="direction" value="inbound"/><Parameter name="agent_track" value="outbound"/></Stream></Start>)"
          R"(<Dial record="record-from-answer-dual" recordingStatusCallback="https://copilot.example.com/api/twilio-calls/recording" recordingStatusCallbackMethod="POST" recordingStatusCallbackEvent="completed absent" answerOnBridge="true" timeout="20" action="https://copilot.example.com/api/twilio-calls/dial-action" method="POST">)"
          R"(<Client statusCallback="https://copilot.example.com/api/twilio-calls/status" statusCallbackEvent="initiated ringing answered completed" statusCallbackMethod="POST">alice</Client></Dial></Response>)");
}

std::string SayHangup(std::string_view sentence) {
  return std::string(kDecl) +
         R"(<Response><Say voice="Polly.Joanna" language="en-US">)" +
         std::string(sentence) + "</Say><Hangup/></Response>";
}

TEST(VoiceWebhook, RejectionsSayPolitelyAndHangUp) {
  MemoryDirectory dir;
  CallerProfile no_perm = Alice();
  no_perm.identity = "noperm";
  no_perm.phone_number = "+15017122662";
  no_perm.may_call = false;
  CallerProfile disabled = Alice();
  disabled.identity = "off";
  disabled.phone_number = "+15017122663";
  disabled.voice_enabled = false;
  dir.Add(Alice());
  dir.Add(no_perm);
  dir.Add(disabled);
  const VoiceWebhookOptions o = Options();
  struct Case {
    FormParams form;
    VoiceDecision decision;
  };
  const std::vector<Case> cases = {
      {Form("client:nobody", "+15558675310"),
       VoiceDecision::kRejectedUnknownClient},
      {Form("client:noperm", "+15558675310"),
       VoiceDecision::kRejectedNoPermission},
      {Form("client:off", "+15558675310"),
       VoiceDecision::kRejectedVoiceDisabled},
      {Form("client:alice", "5558675310"), VoiceDecision::kRejectedMalformedTo},
      {Form("client:alice", "+05558675310"),
       VoiceDecision::kRejectedMalformedTo},
      {Form("client:alice", ""), VoiceDecision::kRejectedMalformedTo},
      {Form("+14155550100", "+19999999999"),
       VoiceDecision::kRejectedUnknownNumber},
      {Form("+14155550100", "+15017122663"),
       VoiceDecision::kRejectedVoiceDisabled},
      {Form("+14155550100", "client:alice"),
       VoiceDecision::kRejectedMalformedTo},
      {{{"From", "client:alice"}, {"To", "+15558675310"}},
       VoiceDecision::kRejectedMalformedRequest},
  };
  for (const Case& c : cases) {
    VoiceResult r = DecideVoiceCall(c.form, dir, o);
    EXPECT_EQ(r.decision, c.decision) << VoiceDecisionName(r.decision);
    EXPECT_TRUE(r.twiml.starts_with(std::string(kDecl) + "<Response><Say"))
        << r.twiml;
    EXPECT_TRUE(r.twiml.ends_with("</Say><Hangup/></Response>")) << r.twiml;
    EXPECT_EQ(r.twiml.find("<Dial"), std::string::npos);
  }
  EXPECT_EQ(
      DecideVoiceCall(Form("+14155550100", "+19999999999"), dir, o).twiml,
      SayHangup("Sorry, the number you called is not in service. Goodbye."));

  dir.fail = true;
  EXPECT_EQ(
      DecideVoiceCall(Form("client:alice", "+15558675310"), dir, o).decision,
      VoiceDecision::kRejectedLookupFailed);
  EXPECT_EQ(
      DecideVoiceCall(Form("+14155550100", "+15017122661"), dir, o).decision,
      VoiceDecision::kRejectedLookupFailed);

  dir.fail = false;
  VoiceWebhookOptions bad = o;
  bad.public_base_url = "copilot.example.com";
  EXPECT_EQ(
      DecideVoiceCall(Form("client:alice", "+15558675310"), dir, bad).decision,
      VoiceDecision::kRejectedBadConfig);
}

TEST(VoiceWebhook, LogFieldsKeepNumbersAsPii) {
  MemoryDirectory dir;
  dir.Add(Alice());
  VoiceResult r =
      DecideVoiceCall(Form("client:alice", "+15558675310"), dir, Options());
  std::map<std::string, LogField> fields;
  for (const LogField& f : r.log_fields) fields[f.key] = f;
  EXPECT_EQ(fields["call_sid"].value, "CA123");
  EXPECT_EQ(fields["decision"].value, "outbound_dial");
  EXPECT_EQ(fields["user_id"].value, "u_alice");
  EXPECT_EQ(fields["to"].kind, LogField::Kind::kPii);
  EXPECT_EQ(fields["from"].kind, LogField::Kind::kPii);
  for (const LogField& f : r.log_fields) {
    if (f.kind != LogField::Kind::kPii) {
      EXPECT_EQ(f.value.find("+1555"), std::string::npos) << f.key;
    }
  }
}

FormParams DialAction(std::string_view from, std::string_view status) {
  FormParams f = Form(from, "+15017122661");
  f.emplace_back("DialCallStatus", std::string(status));
  return f;
}

TEST(VoiceWebhook, DialActionInbound) {
  const VoiceWebhookOptions o = Options();
  EXPECT_EQ(DecideDialAction(DialAction("+14155550100", "completed"), o).twiml,
            std::string(kDecl) + "<Response><Hangup/></Response>");
  for (std::string_view status : {"no-answer", "busy", "failed"}) {
    VoiceResult r = DecideDialAction(DialAction("+14155550100", status), o);
    EXPECT_EQ(r.decision, VoiceDecision::kVoicemail);
    EXPECT_EQ(
        r.twiml,
        std::string(kDecl) +
            R"(<Response><Say voice="Polly.Joanna" language="en-US">The person you called is not available. Please leave a message after the tone, and hang up when you are done.</Say>)"
            R"(<Record action="https://copilot.example.com/api/twilio-calls/voicemail" method="POST" maxLength="120" playBeep="true" recordingStatusCallback="https://copilot.example.com/api/twilio-calls/recording" recordingStatusCallbackMethod="POST" recordingStatusCallbackEvent="completed absent"/>)"
            R"(<Say voice="Polly.Joanna" language="en-US">We did not receive a message. Goodbye.</Say><Hangup/></Response>)");
  }
  VoiceWebhookOptions no_vm = o;
  no_vm.voicemail = Voicemail::kMessageOnly;
  VoiceResult r =
      DecideDialAction(DialAction("+14155550100", "no-answer"), no_vm);
  EXPECT_EQ(r.decision, VoiceDecision::kUnavailable);
  EXPECT_EQ(r.twiml, SayHangup("The person you called is not available. "
                               "Please try again later. Goodbye."));
}

TEST(VoiceWebhook, DialActionOutbound) {
  const VoiceWebhookOptions o = Options();
  EXPECT_EQ(DecideDialAction(DialAction("client:alice", "busy"), o).twiml,
            SayHangup("The number you called is busy. Goodbye."));
  EXPECT_EQ(
      DecideDialAction(DialAction("client:alice", "no-answer"), o).decision,
      VoiceDecision::kOutboundNotConnected);
  EXPECT_EQ(
      DecideDialAction(DialAction("client:alice", "canceled"), o).decision,
      VoiceDecision::kCallFinished);
  EXPECT_EQ(DecideDialAction(DialAction("client:alice", "completed"), o).twiml,
            std::string(kDecl) + "<Response><Hangup/></Response>");
}

TEST(VoiceWebhook, VoicemailRecorded) {
  VoiceResult r =
      DecideVoicemailRecorded(Form("+14155550100", "+15017122661"), Options());
  EXPECT_EQ(r.decision, VoiceDecision::kCallFinished);
  EXPECT_EQ(r.twiml,
            SayHangup("Thank you. Your message has been recorded. Goodbye."));
}

TEST(VoiceWebhook, E164) {
  EXPECT_TRUE(IsE164("+15017122661"));
  EXPECT_TRUE(IsE164("+44"));
  EXPECT_TRUE(IsE164("+123456789012345"));
  EXPECT_FALSE(IsE164("+1234567890123456"));
  EXPECT_FALSE(IsE164("+0123"));
  EXPECT_FALSE(IsE164("15017122661"));
  EXPECT_FALSE(IsE164("+1 501 712"));
  EXPECT_FALSE(IsE164("+"));
  EXPECT_FALSE(IsE164("client:alice"));
}

}  // namespace
}  // namespace sc::twilio
