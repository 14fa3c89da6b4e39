#include "telephony/twilio/media_stream.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/log.h"
#include "telephony/twilio/media_stream_test_util.h"

namespace sc::twilio {
namespace {

// ---- Golden documented messages ------------------------------------------

TEST(MediaStreamTest, DocumentedCallYieldsStartAudioStop) {
  Harness h;
  h.FeedOk(kDocConnected);
  EXPECT_TRUE(h.events.empty());
  EXPECT_FALSE(h.session.started());

  h.FeedOk(kDocStart);
  ASSERT_EQ(h.events.size(), 1u);
  const auto& start = h.Event<CallStarted>(0);
  EXPECT_EQ(start.call_sid, "CAXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX");
  EXPECT_EQ(start.stream_sid, kSid);
  EXPECT_EQ(start.account_sid, "ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX");
  EXPECT_EQ(start.tracks, std::vector<std::string>{"inbound"});
  EXPECT_EQ(start.source, "twilio");
  EXPECT_EQ(start.direction, CallDirection::kUnknown);
  EXPECT_EQ(start.agent_track, "inbound");  // Default: outbound dial.
  EXPECT_EQ(
      start.custom_parameters,
      (std::map<std::string, std::string>{
          {"FirstName", "Jane"}, {"LastName", "Doe"}, {"RemoteParty", "Bob"}}));
  EXPECT_TRUE(h.session.started());
  EXPECT_EQ(h.session.call_sid(), "CAXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX");
  EXPECT_EQ(h.session.stream_sid(), kSid);

  h.FeedOk(kDocMedia1);
  h.FeedOk(kDocMedia2);
  ASSERT_EQ(h.events.size(), 3u);
  const auto& a = h.Event<AudioChunk>(1);
  EXPECT_EQ(a.speaker, Speaker::kProspect);  // outbound track.
  EXPECT_EQ(a.timestamp_ms, 5);
  EXPECT_EQ(a.sample_rate, 8000);
  EXPECT_EQ(a.samples, Decoded(kDocBytes));
  const auto& b = h.Event<AudioChunk>(2);
  EXPECT_EQ(b.speaker, Speaker::kAgent);  // inbound track.
  EXPECT_EQ(b.samples, Decoded(kDocBytes));

  h.FeedOk(kDocStop);
  ASSERT_EQ(h.events.size(), 4u);
  EXPECT_EQ(h.Event<CallEnded>(3).reason, EndReason::kStop);
  EXPECT_TRUE(h.session.ended());

  const MediaStats& st = h.session.stats();
  EXPECT_EQ(st.frames, 2);
  EXPECT_EQ(st.bytes, 18);
  EXPECT_EQ(st.sequence_gaps, 1);  // "2" never came.
  EXPECT_EQ(st.bad_frames, 0);
}

TEST(MediaStreamTest, DocumentedElidedPayloadIsBadBase64) {
  Harness h;
  h.FeedOk(kDocStart);
  h.ExpectError(kDocMediaElided, StatusCode::kInvalidArgument, "base64");
}

TEST(MediaStreamTest, DocumentedMarkAndDtmf) {
  Harness h;
  h.FeedOk(kDocStart);
  h.FeedOk(kDocMedia2);  // timestamp 5
  h.FeedOk(kDocMark);
  EXPECT_EQ(h.events.size(), 2u);  // mark yields nothing.
  h.FeedOk(kDocDtmf);
  ASSERT_EQ(h.events.size(), 3u);
  const auto& d = h.Event<Dtmf>(2);
  EXPECT_EQ(d.digit, "1");
  EXPECT_EQ(d.speaker, Speaker::kAgent);  // inbound_track, default mapping.
  EXPECT_EQ(d.timestamp_ms, 5);           // Latest media timestamp.
}

// ---- Track mapping ----------------------------------------------------------

TEST(MapTracksTest, Table) {
  struct Case {
    std::map<std::string, std::string> params;
    std::string agent_track;
    CallDirection direction;
  };
  const Case kCases[] = {
      {{}, "inbound", CallDirection::kUnknown},
      {{{"direction", "outbound"}}, "inbound", CallDirection::kOutbound},
      {{{"direction", "inbound"}}, "outbound", CallDirection::kInbound},
      {{{"direction", "sideways"}}, "inbound", CallDirection::kUnknown},
      {{{"direction", "Inbound"}}, "inbound", CallDirection::kUnknown},
      {{{"direction", "inbound"}, {"agent_track", "inbound"}},
       "inbound",
       CallDirection::kInbound},
      {{{"direction", "outbound"}, {"agent_track", "outbound"}},
       "outbound",
       CallDirection::kOutbound},
      {{{"agent_track", "outbound"}}, "outbound", CallDirection::kUnknown},
      {{{"direction", "inbound"}, {"agent_track", "both"}},
       "outbound",
       CallDirection::kInbound},
  };
  for (const Case& c : kCases) {
    CallDirection direction = CallDirection::kInbound;
    EXPECT_EQ(MapTracks(c.params, &direction).agent_track, c.agent_track);
    EXPECT_EQ(direction, c.direction);
    EXPECT_EQ(MapTracks(c.params, nullptr).agent_track, c.agent_track);
  }
}

struct MappingCase {
  std::vector<std::pair<std::string, std::string>> params;
  Speaker inbound_speaker;
  CallDirection direction;
};

class MediaStreamMappingTest : public ::testing::TestWithParam<MappingCase> {};

TEST_P(MediaStreamMappingTest, BothTracksGetTheirSpeaker) {
  const MappingCase& c = GetParam();
  const Speaker other = c.inbound_speaker == Speaker::kAgent
                            ? Speaker::kProspect
                            : Speaker::kAgent;
  Harness h;
  StartParams p;
  p.account_sid = "AC1";
  p.stream_sid = std::string(kSid);
  p.call_sid = "CA1";
  p.tracks = {"inbound", "outbound"};
  p.custom_parameters = c.params;
  h.FeedOk(StartMessage(p));
  const auto& start = h.Event<CallStarted>(0);
  EXPECT_EQ(start.direction, c.direction);
  EXPECT_EQ(start.agent_track,
            c.inbound_speaker == Speaker::kAgent ? "inbound" : "outbound");
  EXPECT_EQ(h.session.track_mapping().agent_track, start.agent_track);

  h.FeedOk(h.Media("inbound", 20));
  h.FeedOk(h.Media("outbound", 20));
  h.FeedOk(DtmfMessage(kSid, ++h.seq, "7"));
  ASSERT_EQ(h.events.size(), 4u);
  EXPECT_EQ(h.Event<AudioChunk>(1).speaker, c.inbound_speaker);
  EXPECT_EQ(h.Event<AudioChunk>(2).speaker, other);
  EXPECT_EQ(h.Event<Dtmf>(3).speaker, c.inbound_speaker);
}

INSTANTIATE_TEST_SUITE_P(
    Directions, MediaStreamMappingTest,
    ::testing::Values(
        // Prospect called the agent's number: the caller leg is the prospect.
        MappingCase{{{"direction", "inbound"}},
                    Speaker::kProspect,
                    CallDirection::kInbound},
        // Agent dialed from the browser: the client leg is the agent.
        MappingCase{{{"direction", "outbound"}},
                    Speaker::kAgent,
                    CallDirection::kOutbound},
        MappingCase{{}, Speaker::kAgent, CallDirection::kUnknown},
        // Explicit overrides win over the direction.
        MappingCase{{{"direction", "outbound"}, {"agent_track", "outbound"}},
                    Speaker::kProspect,
                    CallDirection::kOutbound},
        MappingCase{{{"agent_track", "inbound"}, {"direction", "inbound"}},
                    Speaker::kAgent,
                    CallDirection::kInbound}));

TEST(MediaStreamTest, IgnoredMappingParameterIsLoggedAsPii) {
  std::vector<std::string> lines;
  SetLogSink([&](std::string_view line) { lines.emplace_back(line); });
  Harness h;
  h.Start({{"direction", "secret-value"}});
  SetLogSink(nullptr);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find("twilio.custom_parameter_ignored"),
            std::string::npos);
  EXPECT_EQ(lines[0].find("secret-value"), std::string::npos);
}

// ---- customParameters -------------------------------------------------------

std::string StartWith(std::string_view custom_parameters_json) {
  return std::string(R"({"event":"start","sequenceNumber":"1","start":{)"
                     R"("accountSid":"AC1","streamSid":"MZ1","callSid":"CA1",)"
                     R"("tracks":["inbound"],"mediaFormat":{"encoding":)"
                     R"("audio/x-mulaw","sampleRate":8000,"channels":1})") +
         std::string(custom_parameters_json) + R"(},"streamSid":"MZ1"})";
}

TEST(MediaStreamTest, CustomParametersNonStringsBecomeJsonText) {
  Harness h;
  h.FeedOk(StartWith(
      R"(,"customParameters":{"s":"x \"q\"","n":5,"f":1.5,"b":true,"z":null,)"
      R"("o":{"a":1},"a":[1,"2"],"e":""})"));
  const auto& p = h.Event<CallStarted>(0).custom_parameters;
  EXPECT_EQ(p, (std::map<std::string, std::string>{{"s", "x \"q\""},
                                                   {"n", "5"},
                                                   {"f", "1.5E0"},
                                                   {"b", "true"},
                                                   {"z", "null"},
                                                   {"o", R"({"a":1})"},
                                                   {"a", R"([1,"2"])"},
                                                   {"e", ""}}));
}

TEST(MediaStreamTest, CustomParametersOptionalButMustBeObject) {
  Harness h;
  h.FeedOk(StartWith(""));
  EXPECT_TRUE(h.Event<CallStarted>(0).custom_parameters.empty());
  Harness h2;
  h2.ExpectError(StartWith(R"(,"customParameters":["a"])"),
                 StatusCode::kInvalidArgument, "customParameters");
}

TEST(MediaStreamTest, WriterParametersRoundTrip) {
  Harness h;
  h.Start({{"direction", "inbound"}, {"Name", "Zoë \"Z\"\n\\"}, {"", "empty"}});
  EXPECT_TRUE(h.events.empty());
  Harness h2;
  StartParams p{"AC1", "MZ1", "CA1", {"outbound"}, {{"Name", "Zoë \"Z\"\n\\"}},
                1};
  h2.FeedOk(StartMessage(p));
  EXPECT_EQ(h2.Event<CallStarted>(0).custom_parameters.at("Name"),
            "Zoë \"Z\"\n\\");
  EXPECT_EQ(h2.Event<CallStarted>(0).tracks,
            std::vector<std::string>{"outbound"});
}

// ---- Payload sizes ---------------------------------------------------------

TEST(MediaStreamTest, AnyPayloadLength) {
  Harness h;
  h.Start();
  int64_t bytes = 0;
  for (size_t n : {0, 1, 2, 3, 159, 160, 161, 4000}) {
    std::vector<uint8_t> ulaw(n);
    for (size_t i = 0; i < n; ++i) ulaw[i] = static_cast<uint8_t>(i * 31 + n);
    h.events.clear();
    h.FeedOk(h.Media("outbound", 1000 + static_cast<int64_t>(n), ulaw));
    bytes += static_cast<int64_t>(n);
    if (n == 0) {
      EXPECT_TRUE(h.events.empty());  // An empty frame carries no audio.
      continue;
    }
    ASSERT_EQ(h.events.size(), 1u) << n;
    const auto& c = h.Event<AudioChunk>(0);
    EXPECT_EQ(c.samples, Decoded(ulaw)) << n;
    EXPECT_EQ(c.timestamp_ms, 1000 + static_cast<int64_t>(n));
  }
  EXPECT_EQ(h.session.stats().frames, 8);
  EXPECT_EQ(h.session.stats().bytes, bytes);
  EXPECT_EQ(h.session.stats().sequence_gaps, 0);
}

// ---- Sequence numbers -------------------------------------------------------

TEST(MediaStreamTest, SequenceGapsCountedNotRejected) {
  Harness h;
  h.Start();  // sequence 1
  auto media = [&](int64_t seq) {
    return MediaMessage(kSid, seq, "inbound", seq, seq * 20, kDocBytes);
  };
  h.FeedOk(media(2));
  h.FeedOk(media(3));
  EXPECT_EQ(h.session.stats().sequence_gaps, 0);
  h.FeedOk(media(6));  // 4 and 5 missing.
  EXPECT_EQ(h.session.stats().sequence_gaps, 2);
  h.FeedOk(media(6));  // Duplicate.
  EXPECT_EQ(h.session.stats().sequence_gaps, 3);
  h.FeedOk(media(5));  // Late.
  EXPECT_EQ(h.session.stats().sequence_gaps, 4);
  h.FeedOk(media(7));  // Continues from the highest seen.
  h.FeedOk(MarkMessage(kSid, 8, "m"));
  h.FeedOk(DtmfMessage(kSid, 9, "1"));
  h.FeedOk(StopMessage(kSid, 10, "AC", "CA"));
  EXPECT_EQ(h.session.stats().sequence_gaps, 4);
  EXPECT_EQ(h.session.stats().frames, 6);
  EXPECT_EQ(h.session.stats().bad_frames, 0);
}

TEST(MediaStreamTest, RejectedFrameStillCountsAsReceivedInSequence) {
  Harness h;
  h.Start();
  h.ExpectError(MediaWith(R"("2")", R"("inbound")", R"("20")", R"("!!!!")"),
                StatusCode::kInvalidArgument, "base64");
  h.FeedOk(MediaMessage(kSid, 3, "inbound", 2, 40, kDocBytes));
  EXPECT_EQ(h.session.stats().sequence_gaps, 0);
  EXPECT_EQ(h.session.stats().bad_frames, 1);
}

// ---- End of call
// -------------------------------------------------------------

TEST(MediaStreamTest, StopThenMoreMessagesRejected) {
  Harness h;
  h.Start();
  h.FeedOk(h.Media("inbound"));
  h.FeedOk(StopMessage(kSid, ++h.seq, "AC", "CA"));
  ASSERT_EQ(h.events.size(), 2u);
  EXPECT_EQ(h.Event<CallEnded>(1).reason, EndReason::kStop);
  EXPECT_TRUE(h.session.ended());
  h.ExpectError(h.Media("inbound"), StatusCode::kFailedPrecondition,
                "after stop");
  h.ExpectError(StopMessage(kSid, ++h.seq, "AC", "CA"),
                StatusCode::kFailedPrecondition, "after stop");
  h.ExpectError(kDocConnected, StatusCode::kFailedPrecondition, "after stop");
  h.session.OnDisconnect(h.events);  // Already ended: nothing.
  EXPECT_EQ(h.events.size(), 2u);
  EXPECT_EQ(h.session.stats().bad_frames, 3);
}

TEST(MediaStreamTest, DisconnectWithoutStopEndsOnce) {
  Harness h;
  h.Start();
  h.FeedOk(h.Media("outbound"));
  h.session.OnDisconnect(h.events);
  ASSERT_EQ(h.events.size(), 2u);
  EXPECT_EQ(h.Event<CallEnded>(1).reason, EndReason::kDisconnect);
  EXPECT_TRUE(h.session.ended());
  h.session.OnDisconnect(h.events);
  EXPECT_EQ(h.events.size(), 2u);
  h.ExpectError(h.Media("outbound"), StatusCode::kFailedPrecondition,
                "after disconnect");
}

TEST(MediaStreamTest, DisconnectBeforeStartYieldsNothing) {
  Harness h;
  h.FeedOk(kDocConnected);
  h.session.OnDisconnect(h.events);
  EXPECT_TRUE(h.events.empty());
  EXPECT_TRUE(h.session.ended());
  EXPECT_FALSE(h.session.started());
}

TEST(MediaStreamTest, AppendsWithoutClearing) {
  MediaStreamSession session;
  std::vector<Ingress> out;
  out.emplace_back(CallEnded{EndReason::kError});
  ASSERT_TRUE(session.OnMessage(kDocStart, out).ok());
  ASSERT_EQ(out.size(), 2u);
  EXPECT_TRUE(std::holds_alternative<CallEnded>(out[0]));
  EXPECT_TRUE(std::holds_alternative<CallStarted>(out[1]));
}

TEST(MediaStreamTest, SessionIsMovable) {
  MediaStreamSession a;
  std::vector<Ingress> out;
  ASSERT_TRUE(a.OnMessage(kDocStart, out).ok());
  MediaStreamSession b = std::move(a);
  EXPECT_TRUE(b.started());
  EXPECT_TRUE(b.OnMessage(kDocMedia2, out).ok());
}

}  // namespace
}  // namespace sc::twilio
