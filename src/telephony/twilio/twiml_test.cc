#include "telephony/twilio/twiml.h"

#include <gtest/gtest.h>

namespace sc::twilio {
namespace {

// Golden documents: the exact output of twilio-node 6.2.0's VoiceResponse
// (TWILIO.md §2). The same cases run against the library itself in
// tests/twilio_oracle.
constexpr std::string_view kDecl = R"(<?xml version="1.0" encoding="UTF-8"?>)";

TEST(Twiml, StreamAndDialGolden) {
  VoiceResponse r;
  StreamOptions stream;
  stream.url = "wss://example.com/media";
  stream.track = "both_tracks";
  stream.status_callback = "https://example.com/stream-status";
  stream.status_callback_method = HttpMethod::kPost;
  stream.name = "rec1";
  stream.parameters = {{"callId", "abc&123"}};
  r.StartStream(stream);
  DialOptions dial;
  dial.caller_id = "+15017122661";
  dial.record = "record-from-answer-dual";
  dial.recording_status_callback = "https://example.com/rec";
  dial.recording_status_callback_event = {"in-progress", "completed", "absent"};
  dial.answer_on_bridge = true;
  dial.timeout = 20;
  dial.action = "https://example.com/dial-action";
  dial.method = HttpMethod::kPost;
  DialNumber number;
  number.number = "+15558675310";
  number.status_callback = "https://example.com/leg-status";
  number.status_callback_event = {"initiated", "ringing", "answered",
                                  "completed"};
  number.status_callback_method = HttpMethod::kPost;
  r.Dial(dial, {number});
  EXPECT_EQ(
      r.ToXml(),
      std::string(kDecl) +
          R"(<Response><Start><Stream url="wss://example.com/media" track="both_tracks" statusCallback="https://example.com/stream-status" statusCallbackMethod="POST" name="rec1"><Parameter name="callId" value="abc&amp;123"/></Stream></Start><Dial callerId="+15017122661" record="record-from-answer-dual" recordingStatusCallback="https://example.com/rec" recordingStatusCallbackEvent="in-progress completed absent" answerOnBridge="true" timeout="20" action="https://example.com/dial-action" method="POST"><Number statusCallback="https://example.com/leg-status" statusCallbackEvent="initiated ringing answered completed" statusCallbackMethod="POST">+15558675310</Number></Dial></Response>)");
}

TEST(Twiml, SayPlayPauseHangupGolden) {
  VoiceResponse r;
  SayOptions say;
  say.voice = "alice";
  say.language = "en-US";
  PlayOptions play;
  play.loop = 0;
  r.Say("Please hold", say)
      .Play("https://example.com/hold.mp3", play)
      .Pause(2)
      .Hangup();
  EXPECT_EQ(
      r.ToXml(),
      std::string(kDecl) +
          R"(<Response><Say voice="alice" language="en-US">Please hold</Say><Play loop="0">https://example.com/hold.mp3</Play><Pause length="2"/><Hangup/></Response>)");
}

TEST(Twiml, ConnectStreamGolden) {
  VoiceResponse r;
  StreamOptions stream;
  stream.url = "wss://example.com/bidi";
  stream.parameters = {{"FirstName", "Jane"}};
  r.ConnectStream(stream);
  EXPECT_EQ(
      r.ToXml(),
      std::string(kDecl) +
          R"(<Response><Connect><Stream url="wss://example.com/bidi"><Parameter name="FirstName" value="Jane"/></Stream></Connect></Response>)");
}

TEST(Twiml, ClientFormsGolden) {
  VoiceResponse r;
  DialClient plain;
  plain.identity = "alice";
  plain.status_callback = "https://example.com/c";
  plain.status_callback_event = {"ringing", "answered"};
  DialClient with_params;
  with_params.identity = "bob";
  with_params.parameters = {{"k", "v"}};
  r.Dial({}, {plain}).Dial({}, {with_params});
  EXPECT_EQ(
      r.ToXml(),
      std::string(kDecl) +
          R"(<Response><Dial><Client statusCallback="https://example.com/c" statusCallbackEvent="ringing answered">alice</Client></Dial><Dial><Client><Identity>bob</Identity><Parameter name="k" value="v"/></Client></Dial></Response>)");
}

TEST(Twiml, EnqueueGolden) {
  VoiceResponse r;
  EnqueueOptions o;
  o.wait_url = "https://example.com/hold-music";
  o.action = "https://example.com/dequeued";
  r.Enqueue("hold-CA123", o);
  EXPECT_EQ(
      r.ToXml(),
      std::string(kDecl) +
          R"(<Response><Enqueue waitUrl="https://example.com/hold-music" action="https://example.com/dequeued">hold-CA123</Enqueue></Response>)");
  // An empty wait URL (silence) is written, unlike other empty options.
  VoiceResponse silent;
  EnqueueOptions quiet;
  quiet.wait_url = "";
  silent.Enqueue("q", quiet);
  EXPECT_EQ(silent.ToXml(),
            std::string(kDecl) +
                R"(<Response><Enqueue waitUrl="">q</Enqueue></Response>)");
}

TEST(Twiml, EscapingFollowsXmlbuilder) {
  VoiceResponse r;
  r.Say("a & b < c > d \"q\" 'a'\r\n\tend\x01");
  StreamOptions s;
  s.url = "wss://x/m";
  s.parameters = {{"n\"", "<&>'\t\n\r"}};
  r.StartStream(s);
  EXPECT_EQ(
      r.ToXml(),
      std::string(kDecl) +
          "<Response><Say>a &amp; b &lt; c &gt; d \"q\" 'a'&#xD;\n\tend</Say>"
          "<Start><Stream url=\"wss://x/m\"><Parameter name=\"n&quot;\" "
          "value=\"&lt;&amp;>'&#x9;&#xA;&#xD;\"/></Stream></Start></Response>");
}

TEST(Twiml, RecordRedirectStopAndEmpty) {
  VoiceResponse empty;
  EXPECT_EQ(empty.ToXml(), std::string(kDecl) + "<Response/>");
  VoiceResponse r;
  RecordOptions rec;
  rec.action = "https://x/vm";
  rec.method = HttpMethod::kPost;
  rec.max_length = 120;
  rec.play_beep = false;
  rec.recording_status_callback = "https://x/rec";
  rec.recording_status_callback_event = {"completed", "absent"};
  r.Record(rec).Redirect("https://x/next", HttpMethod::kGet).StopStream("s1");
  EXPECT_EQ(
      r.ToXml(),
      std::string(kDecl) +
          R"(<Response><Record action="https://x/vm" method="POST" maxLength="120" playBeep="false" recordingStatusCallback="https://x/rec" recordingStatusCallbackEvent="completed absent"/><Redirect method="GET">https://x/next</Redirect><Stop><Stream name="s1"/></Stop></Response>)");
}

TEST(Twiml, QueueNounAndCopies) {
  VoiceResponse r;
  DialQueue q;
  q.name = "hold-CA1";
  r.Dial({}, {q});
  VoiceResponse copy = r;
  copy.Hangup();
  EXPECT_EQ(r.ToXml(), std::string(kDecl) +
                           "<Response><Dial><Queue>hold-CA1</Queue></Dial>"
                           "</Response>");
  EXPECT_EQ(copy.ToXml(), std::string(kDecl) +
                              "<Response><Dial><Queue>hold-CA1</Queue></Dial>"
                              "<Hangup/></Response>");
}

}  // namespace
}  // namespace sc::twilio
