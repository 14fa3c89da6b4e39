#include "telephony/twilio/media_stream_writer.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <random>
#include <string>

#include "audio/ulaw.h"
#include "telephony/twilio/media_stream.h"
#include "telephony/twilio/media_stream_test_util.h"

namespace sc::twilio {
namespace {

// The documented example, re-serialized compactly with its field order kept:
// what the writer must produce byte for byte.
std::string Compact(std::string_view doc_text) {
  return boost::json::serialize(boost::json::parse(doc_text));
}

const std::string kAc = "ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX";
const std::string kMz = "MZXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX";
const std::string kCa = "CAXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX";

TEST(MediaStreamWriterTest, ConnectedMatchesDoc) {
  EXPECT_EQ(ConnectedMessage(), Compact(kDocConnected));
}

TEST(MediaStreamWriterTest, StartMatchesDoc) {
  StartParams p;
  p.account_sid = kAc;
  p.stream_sid = kMz;
  p.call_sid = kCa;
  p.tracks = {"inbound"};
  p.custom_parameters = {
      {"FirstName", "Jane"}, {"LastName", "Doe"}, {"RemoteParty", "Bob"}};
  EXPECT_EQ(StartMessage(p), Compact(kDocStart));
}

TEST(MediaStreamWriterTest, MediaMatchesDoc) {
  // The doc's payload is elided; "no+JhoaJjpzS" is its first 12 characters.
  const std::vector<uint8_t> bytes = {0x9e, 0x8f, 0x89, 0x86, 0x86,
                                      0x89, 0x8e, 0x9c, 0xd2};
  EXPECT_EQ(MediaMessage(kMz, 3, "outbound", 1, 5, bytes), Compact(kDocMedia1));
  EXPECT_EQ(MediaMessage(kMz, 4, "inbound", 2, 5, {}),
            Compact(R"({ "event": "media", "sequenceNumber": "4",
  "media": { "track": "inbound", "chunk": "2", "timestamp": "5", "payload": "" },
  "streamSid": "MZXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX" })"));
}

TEST(MediaStreamWriterTest, RealisticFrameSize) {
  // TWILIO.md §1.5: 160 bytes = 216 base64 characters.
  const std::vector<uint8_t> frame(160, 0xff);
  const std::string m = MediaMessage(kMz, 1234, "inbound", 1233, 24660, frame);
  const size_t p = m.find("\"payload\":\"") + 11;
  EXPECT_EQ(m.find('"', p) - p, 216u);
}

TEST(MediaStreamWriterTest, StopDtmfMarkMatchDoc) {
  EXPECT_EQ(StopMessage(kMz, 5, kAc, kCa), Compact(kDocStop));
  EXPECT_EQ(
      DtmfMessage(kMz, 5, "1"),
      Compact(
          R"({ "event": "dtmf", "streamSid": "MZXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", "sequenceNumber": "5",
  "dtmf": { "track": "inbound_track", "digit": "1" } })"));
  EXPECT_EQ(
      MarkMessage(kMz, 4, "my label"),
      Compact(
          R"({ "event": "mark", "sequenceNumber": "4", "streamSid": "MZXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
  "mark": { "name": "my label" } })"));
}

TEST(MediaStreamWriterTest, EscapesStrings) {
  StartParams p{"AC1", "MZ1", "CA1", {"inbound"}, {{"a\"b", "line\nbreak\x01"}},
                1};
  const boost::json::value v = boost::json::parse(StartMessage(p));
  EXPECT_EQ(v.at("start").at("customParameters").at("a\"b").as_string(),
            "line\nbreak\x01");
  EXPECT_EQ(boost::json::parse(MarkMessage("MZ1", 2, "q\"\\"))
                .at("mark")
                .at("name")
                .as_string(),
            "q\"\\");
}

TEST(MediaStreamWriterTest, Sids) {
  std::mt19937_64 rng(42);
  const std::string ca = NewCallSid(rng);
  const std::string mz = NewStreamSid(rng);
  const std::string ac = NewAccountSid(rng);
  EXPECT_TRUE(IsSid(ca, "CA")) << ca;
  EXPECT_TRUE(IsSid(mz, "MZ")) << mz;
  EXPECT_TRUE(IsSid(ac, "AC")) << ac;
  EXPECT_EQ(ca.size(), 34u);
  EXPECT_NE(ca.substr(2), mz.substr(2));
  std::mt19937_64 again(42);
  EXPECT_EQ(NewCallSid(again), ca);  // Reproducible from the seed.

  EXPECT_TRUE(IsSid("MZ0123456789abcdefABCDEF0123456789", "MZ"));
  EXPECT_FALSE(IsSid("MZ0123456789abcdefABCDEF012345678", "MZ"));    // 31.
  EXPECT_FALSE(IsSid("MZ0123456789abcdefABCDEF01234567890", "MZ"));  // 33.
  EXPECT_FALSE(IsSid("MZ0123456789abcdefABCDEF012345678g", "MZ"));
  EXPECT_FALSE(IsSid("CA0123456789abcdefABCDEF0123456789", "MZ"));
  EXPECT_FALSE(IsSid("", "MZ"));
}

// A whole simulated call through the real receiver.
TEST(MediaStreamWriterTest, RoundTripThroughSession) {
  std::mt19937_64 rng(7);
  StartParams p;
  p.account_sid = NewAccountSid(rng);
  p.stream_sid = NewStreamSid(rng);
  p.call_sid = NewCallSid(rng);
  p.tracks = {"inbound", "outbound"};
  p.custom_parameters = {{"direction", "inbound"}, {"lead_id", "42"}};

  MediaStreamSession session;
  std::vector<Ingress> events;
  ASSERT_TRUE(session.OnMessage(ConnectedMessage(), events).ok());
  ASSERT_TRUE(session.OnMessage(StartMessage(p), events).ok());
  int64_t seq = 1;
  int64_t chunk = 0;
  std::vector<uint8_t> frame(160);
  for (int i = 0; i < 50; ++i) {
    for (const char* track : {"inbound", "outbound"}) {
      for (auto& b : frame) b = static_cast<uint8_t>(rng());
      ASSERT_TRUE(session
                      .OnMessage(MediaMessage(p.stream_sid, ++seq, track,
                                              ++chunk, i * 20, frame),
                                 events)
                      .ok());
      const auto& a = std::get<AudioChunk>(events.back());
      // direction=inbound: the caller (inbound track) is the prospect.
      EXPECT_EQ(a.speaker, std::string_view(track) == "inbound"
                               ? Speaker::kProspect
                               : Speaker::kAgent);
      EXPECT_EQ(a.timestamp_ms, i * 20);
      ASSERT_EQ(a.samples.size(), 160u);
      for (size_t k = 0; k < 160; ++k) {
        ASSERT_EQ(a.samples[k], audio::UlawToLinear(frame[k]));
      }
    }
  }
  ASSERT_TRUE(
      session.OnMessage(DtmfMessage(p.stream_sid, ++seq, "5"), events).ok());
  ASSERT_TRUE(
      session.OnMessage(MarkMessage(p.stream_sid, ++seq, "m1"), events).ok());
  ASSERT_TRUE(session
                  .OnMessage(StopMessage(p.stream_sid, ++seq, p.account_sid,
                                         p.call_sid),
                             events)
                  .ok());
  ASSERT_EQ(events.size(), 1u + 100u + 1u + 1u);
  const auto& start = std::get<CallStarted>(events.front());
  EXPECT_EQ(start.call_sid, p.call_sid);
  EXPECT_EQ(start.account_sid, p.account_sid);
  EXPECT_EQ(start.direction, CallDirection::kInbound);
  EXPECT_EQ(start.agent_track, "outbound");
  EXPECT_EQ(start.custom_parameters.at("lead_id"), "42");
  const auto& dtmf = std::get<Dtmf>(events[101]);
  EXPECT_EQ(dtmf.digit, "5");
  EXPECT_EQ(dtmf.speaker, Speaker::kProspect);
  EXPECT_EQ(dtmf.timestamp_ms, 49 * 20);
  EXPECT_EQ(std::get<CallEnded>(events.back()).reason, EndReason::kStop);
  EXPECT_EQ(session.stats().frames, 100);
  EXPECT_EQ(session.stats().bytes, 16000);
  EXPECT_EQ(session.stats().sequence_gaps, 0);
  EXPECT_EQ(session.stats().bad_frames, 0);
}

}  // namespace
}  // namespace sc::twilio
