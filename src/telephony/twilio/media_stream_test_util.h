// Shared by the MediaStreamSession tests: Twilio's documented messages and a
// harness that checks the error contract on every message.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "audio/ulaw.h"
#include "telephony/twilio/media_stream.h"
#include "telephony/twilio/media_stream_writer.h"

namespace sc::twilio {

// ---- The documented examples, verbatim (TWILIO.md §1.3) --------------------

constexpr std::string_view kDocConnected =
    R"({ "event": "connected", "protocol": "Call", "version": "1.0.0" })";

constexpr std::string_view kDocStart = R"({
  "event": "start",
  "sequenceNumber": "1",
  "start": {
    "accountSid": "ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
    "streamSid": "MZXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
    "callSid": "CAXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
    "tracks": [ "inbound" ],
    "mediaFormat": { "encoding": "audio/x-mulaw", "sampleRate": 8000, "channels": 1 },
    "customParameters": { "FirstName": "Jane", "LastName": "Doe", "RemoteParty": "Bob" }
  },
  "streamSid": "MZXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"
})";

// The doc elides the payloads ("no+JhoaJjpz..."); these are the verbatim
// messages with the payload cut to its first whole base64 quanta.
constexpr std::string_view kDocMedia1 =
    R"({ "event": "media", "sequenceNumber": "3",
  "media": { "track": "outbound", "chunk": "1", "timestamp": "5", "payload": "no+JhoaJjpzS" },
  "streamSid": "MZXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX" })";
constexpr std::string_view kDocMedia2 =
    R"({ "event": "media", "sequenceNumber": "4",
  "media": { "track": "inbound", "chunk": "2", "timestamp": "5", "payload": "no+JhoaJjpzS" },
  "streamSid": "MZXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX" })";
constexpr std::string_view kDocMediaElided =
    R"({ "event": "media", "sequenceNumber": "3",
  "media": { "track": "outbound", "chunk": "1", "timestamp": "5", "payload": "no+JhoaJjpz..." },
  "streamSid": "MZXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX" })";

constexpr std::string_view kDocStop =
    R"({ "event": "stop", "sequenceNumber": "5",
  "stop": { "accountSid": "ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", "callSid": "CAXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX" },
  "streamSid": "MZXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX" })";

constexpr std::string_view kDocDtmf =
    R"({ "event": "dtmf", "streamSid": "MZXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", "sequenceNumber": "5",
  "dtmf": { "track": "inbound_track", "digit": "1" } })";

constexpr std::string_view kDocMark =
    R"({ "event": "mark", "sequenceNumber": "4", "streamSid": "MZXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
  "mark": { "name": "my label" } })";

constexpr std::string_view kSid = "MZXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX";

inline std::vector<int16_t> Decoded(const std::vector<uint8_t>& ulaw) {
  std::vector<int16_t> pcm;
  audio::DecodeUlaw(ulaw, pcm);
  return pcm;
}

inline const std::vector<uint8_t> kDocBytes = {0x9e, 0x8f, 0x89, 0x86, 0x86,
                                               0x89, 0x8e, 0x9c, 0xd2};

// Feeds messages to one session and checks the "errors append nothing and
// are counted" part of the contract on every call.
class Harness {
 public:
  explicit Harness(MediaStreamOptions options = {}) : session(options) {}

  Status Feed(std::string_view text) {
    const size_t before = events.size();
    const int64_t bad = session.stats().bad_frames;
    Status s = session.OnMessage(text, events);
    if (!s.ok()) {
      EXPECT_EQ(events.size(), before)
          << "error appended events: " << s.ToString();
      EXPECT_EQ(session.stats().bad_frames, bad + 1);
    } else {
      EXPECT_EQ(session.stats().bad_frames, bad);
    }
    return s;
  }
  void FeedOk(std::string_view text) {
    Status s = Feed(text);
    ASSERT_TRUE(s.ok()) << s.ToString() << "\n" << text;
  }
  void ExpectError(std::string_view text, StatusCode code,
                   std::string_view substring) {
    Status s = Feed(text);
    EXPECT_EQ(s.code(), code) << s.ToString() << "\n" << text.substr(0, 300);
    EXPECT_NE(s.message().find(substring), std::string::npos)
        << "'" << s.message() << "' lacks '" << substring << "'";
  }
  // Starts a call on stream kSid with the given tracks and parameters.
  void Start(std::vector<std::pair<std::string, std::string>> params = {},
             std::vector<std::string> tracks = {"inbound", "outbound"}) {
    StartParams p;
    p.account_sid = "ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX";
    p.stream_sid = std::string(kSid);
    p.call_sid = "CAXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX";
    p.tracks = std::move(tracks);
    p.custom_parameters = std::move(params);
    FeedOk(ConnectedMessage());
    FeedOk(StartMessage(p));
    events.clear();
  }
  std::string Media(std::string_view track, int64_t ts = 20,
                    std::vector<uint8_t> ulaw = kDocBytes) {
    return MediaMessage(kSid, ++seq, track, ++chunk, ts, ulaw);
  }
  template <typename T>
  const T& Event(size_t i) {
    EXPECT_LT(i, events.size());
    EXPECT_TRUE(std::holds_alternative<T>(events.at(i))) << "event " << i;
    return std::get<T>(events.at(i));
  }

  MediaStreamSession session;
  std::vector<Ingress> events;
  int64_t seq = 1;
  int64_t chunk = 0;
};

// A media message for kSid with the given raw JSON values; an empty value
// leaves the field out.
inline std::string MediaWith(std::string_view seq, std::string_view track,
                             std::string_view timestamp,
                             std::string_view payload) {
  std::string m = R"({"event":"media",)";
  if (!seq.empty()) m += R"("sequenceNumber":)" + std::string(seq) + ",";
  m += R"("media":{)";
  bool first = true;
  auto add = [&](std::string_view k, std::string_view v) {
    if (v.empty()) return;
    if (!first) m += ",";
    first = false;
    m += "\"" + std::string(k) + "\":" + std::string(v);
  };
  add("track", track);
  add("chunk", R"("1")");
  add("timestamp", timestamp);
  add("payload", payload);
  m += R"(},"streamSid":")" + std::string(kSid) + R"("})";
  return m;
}

}  // namespace sc::twilio
