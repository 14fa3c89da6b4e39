#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "telephony/twilio/media_stream.h"
#include "telephony/twilio/media_stream_test_util.h"

namespace sc::twilio {
namespace {

// Every way a message can be rejected (docs/media-stream.md §3).

TEST(MediaStreamTest, BadBase64IsRejected) {
  Harness h;
  h.Start();
  for (std::string_view payload : {"Zg", "Zg=", "Zh==", "Zm9v\\n", "Zm-v",
                                   "Zm=v", "====", "no+JhoaJjpz"}) {
    h.ExpectError(R"({"event":"media","sequenceNumber":"2","media":{"track":)"
                  R"("inbound","chunk":"1","timestamp":"0","payload":")" +
                      std::string(payload) + R"("},"streamSid":")" +
                      std::string(kSid) + R"("})",
                  StatusCode::kInvalidArgument, "media.payload: base64");
  }
  EXPECT_EQ(h.session.stats().frames, 0);
  h.FeedOk(h.Media("inbound"));  // Still usable.
}

// ---- Malformed input
// ---------------------------------------------------------

TEST(MediaStreamTest, MalformedJson) {
  Harness h;
  for (std::string_view text :
       {"", "{", "{\"event\":\"media\"", "{\"event\":}", "not json",
        "{\"event\":\"connected\"} trailing", "{\"a\":1,}", "\xff\xfe",
        "{\"event\":\"connected\",\"x\":\"\xc3\x28\"}"}) {
    h.ExpectError(text, StatusCode::kInvalidArgument, "malformed JSON");
  }
  std::string deep(100, '[');
  h.ExpectError(deep, StatusCode::kInvalidArgument, "malformed JSON");
}

TEST(MediaStreamTest, NonObjectJson) {
  Harness h;
  for (std::string_view text : {"[]", "\"media\"", "42", "null", "true"}) {
    h.ExpectError(text, StatusCode::kInvalidArgument, "not a JSON object");
  }
}

TEST(MediaStreamTest, MissingOrMistypedEvent) {
  Harness h;
  h.ExpectError("{}", StatusCode::kInvalidArgument, "missing field 'event'");
  h.ExpectError(R"({"event":1})", StatusCode::kInvalidArgument,
                "'event' must be a string");
  h.ExpectError(R"({"Event":"media"})", StatusCode::kInvalidArgument,
                "missing field 'event'");
}

TEST(MediaStreamTest, UnknownEventIsNamed) {
  Harness h;
  h.Start();
  h.ExpectError(R"({"event":"closed"})", StatusCode::kInvalidArgument,
                "unknown event 'closed'");
  h.ExpectError(R"({"event":"clear"})", StatusCode::kInvalidArgument,
                "unknown event 'clear'");
  // Long or binary names are cut and sanitized.
  Status s = h.Feed(R"({"event":")" + std::string(1000, 'x') + "\\n\"}");
  EXPECT_LT(s.message().size(), 80u);
}

TEST(MediaStreamTest, EventsBeforeStart) {
  Harness h;
  h.FeedOk(kDocConnected);
  h.ExpectError(kDocMedia1, StatusCode::kInvalidArgument, "media before start");
  h.ExpectError(kDocDtmf, StatusCode::kInvalidArgument, "dtmf before start");
  h.ExpectError(kDocMark, StatusCode::kInvalidArgument, "mark before start");
  h.ExpectError(kDocStop, StatusCode::kInvalidArgument, "stop before start");
  EXPECT_FALSE(h.session.ended());
  h.FeedOk(kDocStart);  // Still usable.
  EXPECT_EQ(h.session.stats().bad_frames, 4);
}

TEST(MediaStreamTest, WrongStreamSid) {
  Harness h;
  h.Start();
  const std::vector<uint8_t> audio(160, 0xff);
  h.ExpectError(MediaMessage("MZother", 2, "inbound", 1, 0, audio),
                StatusCode::kInvalidArgument, "frame for unknown stream");
  h.ExpectError(StopMessage("MZother", 3, "AC", "CA"),
                StatusCode::kInvalidArgument, "frame for unknown stream");
  h.ExpectError(DtmfMessage("MZother", 3, "1"), StatusCode::kInvalidArgument,
                "frame for unknown stream");
  h.ExpectError(R"({"event":"media","sequenceNumber":"2","media":{}})",
                StatusCode::kInvalidArgument, "missing field 'streamSid'");
  h.ExpectError(
      R"({"event":"media","sequenceNumber":"2","media":{},"streamSid":7})",
      StatusCode::kInvalidArgument, "'streamSid' must be a string");
  EXPECT_FALSE(h.session.ended());
  // Frames for other streams do not count in the sequence of ours.
  h.FeedOk(h.Media("inbound"));
  EXPECT_EQ(h.session.stats().sequence_gaps, 0);
}

TEST(MediaStreamTest, DuplicateStartRejected) {
  Harness h;
  h.Start();
  h.ExpectError(kDocStart, StatusCode::kInvalidArgument, "duplicate start");
  EXPECT_EQ(h.session.call_sid(), "CAXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX");
  h.FeedOk(h.Media("inbound"));
}

TEST(MediaStreamTest, OversizeRejectedBeforeParsing) {
  Harness h;
  h.Start();
  // Not JSON at all: a parser would say "malformed"; the size check is first.
  const std::string huge(10 * 1024 * 1024, 'x');
  h.ExpectError(huge, StatusCode::kResourceExhausted, "exceeds the limit");

  // The limit is inclusive and configurable.
  // (A 300-byte frame, so that the limit is above the start message.)
  const std::vector<uint8_t> audio(300, 0xff);
  const std::string frame = MediaMessage(kSid, 2, "inbound", 1, 20, audio);
  Harness exact(MediaStreamOptions{.max_message_bytes = frame.size()});
  exact.Start();
  exact.FeedOk(frame);
  exact.ExpectError(MediaMessage(kSid, 3, "inbound", 2, 40, audio) + " ",
                    StatusCode::kResourceExhausted, "limit");
  EXPECT_EQ(exact.session.stats().frames, 1);
}

TEST(MediaStreamTest, StartValidation) {
  auto start = [](std::string_view start_body,
                  std::string_view top_sid = R"(,"streamSid":"MZ1")") {
    return std::string(R"({"event":"start","sequenceNumber":"1","start":{)") +
           std::string(start_body) + "}" + std::string(top_sid) + "}";
  };
  const std::string kFormat =
      R"("mediaFormat":{"encoding":"audio/x-mulaw","sampleRate":8000,"channels":1})";
  const std::string kIds =
      R"("accountSid":"AC1","streamSid":"MZ1","callSid":"CA1",)";
  struct Case {
    std::string text;
    std::string error;
  };
  const Case kCases[] = {
      {R"({"event":"start","sequenceNumber":"1","streamSid":"MZ1"})",
       "missing field 'start'"},
      {R"({"event":"start","start":{}})", "missing field 'sequenceNumber'"},
      {start(R"("accountSid":"AC1","callSid":"CA1","tracks":["inbound"],)" +
             kFormat),
       "missing field 'streamSid'"},
      {start(R"("accountSid":"AC1","streamSid":"MZ1","tracks":["inbound"],)" +
             kFormat),
       "missing field 'callSid'"},
      {start(
           R"("accountSid":"AC1","streamSid":"","callSid":"CA1","tracks":["inbound"],)" +
           kFormat),
       "empty streamSid"},
      {start(kIds + kFormat), "missing field 'tracks'"},
      {start(kIds + R"("tracks":[],)" + kFormat), "non-empty array"},
      {start(kIds + R"("tracks":"inbound",)" + kFormat), "non-empty array"},
      {start(kIds + R"("tracks":[1],)" + kFormat), "non-empty array"},
      {start(kIds + R"("tracks":["both"],)" + kFormat), "unknown track 'both'"},
      {start(kIds + R"("tracks":["inbound"])"), "missing field 'mediaFormat'"},
      {start(
           kIds +
           R"("tracks":["inbound"],"mediaFormat":{"encoding":"audio/l16","sampleRate":8000,"channels":1})"),
       "unsupported mediaFormat"},
      {start(
           kIds +
           R"("tracks":["inbound"],"mediaFormat":{"encoding":"audio/x-mulaw","sampleRate":16000,"channels":1})"),
       "unsupported mediaFormat"},
      {start(
           kIds +
           R"("tracks":["inbound"],"mediaFormat":{"encoding":"audio/x-mulaw","sampleRate":8000,"channels":2})"),
       "unsupported mediaFormat"},
      {start(
           kIds +
           R"("tracks":["inbound"],"mediaFormat":{"encoding":"audio/x-mulaw","sampleRate":8000.5,"channels":1})"),
       "unsupported mediaFormat"},
      {start(
           kIds +
           R"("tracks":["inbound"],"mediaFormat":{"encoding":"audio/x-mulaw","channels":1})"),
       "unsupported mediaFormat"},
      {start(kIds + R"("tracks":["inbound"],)" + kFormat,
             R"(,"streamSid":"MZ2")"),
       "differs"},
  };
  for (const Case& c : kCases) {
    Harness h;
    h.ExpectError(c.text, StatusCode::kInvalidArgument, c.error);
    EXPECT_FALSE(h.session.started());
  }
  // Lenient: the top-level streamSid may be absent, and sampleRate/channels
  // may come as digit strings.
  Harness h;
  h.FeedOk(start(
      kIds +
          R"("tracks":["inbound","outbound"],"mediaFormat":{"encoding":"audio/x-mulaw","sampleRate":"8000","channels":"1"})",
      ""));
  EXPECT_TRUE(h.session.started());
}

// ---- Field types ------------------------------------------------------------

TEST(MediaStreamTest, IntegerFieldsAcceptDigitStringsAndNumbers) {
  Harness h;
  h.Start();
  h.FeedOk(MediaWith(R"("2")", R"("inbound")", R"("20")", R"("AAAA")"));
  h.FeedOk(MediaWith("3", R"("inbound")", "40", R"("AAAA")"));  // Numbers.
  h.FeedOk(MediaWith(R"("0004")", R"("inbound")", R"("0060")", R"("AAAA")"));
  ASSERT_EQ(h.events.size(), 3u);
  EXPECT_EQ(h.Event<AudioChunk>(1).timestamp_ms, 40);
  EXPECT_EQ(h.Event<AudioChunk>(2).timestamp_ms, 60);
  EXPECT_EQ(h.session.stats().sequence_gaps, 0);
}

TEST(MediaStreamTest, MistypedFieldsRejected) {
  Harness h;
  h.Start();
  const std::string_view kOkTrack = R"("inbound")";
  const std::string_view kOkTs = R"("20")";
  const std::string_view kOkPayload = R"("AAAA")";
  struct Case {
    std::string text;
    std::string error;
  };
  const Case kCases[] = {
      {MediaWith("", kOkTrack, kOkTs, kOkPayload),
       "missing field 'sequenceNumber'"},
      {MediaWith("-1", kOkTrack, kOkTs, kOkPayload),
       "'sequenceNumber' must be"},
      {MediaWith("2.5", kOkTrack, kOkTs, kOkPayload),
       "'sequenceNumber' must be"},
      {MediaWith(R"("")", kOkTrack, kOkTs, kOkPayload),
       "'sequenceNumber' must be"},
      {MediaWith(R"("2a")", kOkTrack, kOkTs, kOkPayload),
       "'sequenceNumber' must be"},
      {MediaWith(R"(" 2")", kOkTrack, kOkTs, kOkPayload),
       "'sequenceNumber' must be"},
      {MediaWith(R"("-2")", kOkTrack, kOkTs, kOkPayload),
       "'sequenceNumber' must be"},
      {MediaWith(R"("1234567890123456789")", kOkTrack, kOkTs, kOkPayload),
       "'sequenceNumber' must be"},
      {MediaWith("12345678901234567890", kOkTrack, kOkTs, kOkPayload),
       "'sequenceNumber' must be"},
      {MediaWith("true", kOkTrack, kOkTs, kOkPayload),
       "'sequenceNumber' must be"},
      {MediaWith("null", kOkTrack, kOkTs, kOkPayload),
       "'sequenceNumber' must be"},
      {MediaWith(R"("2")", "", kOkTs, kOkPayload), "missing field 'track'"},
      {MediaWith(R"("2")", "1", kOkTs, kOkPayload), "'track' must be a string"},
      {MediaWith(R"("2")", R"("both")", kOkTs, kOkPayload),
       "unknown track 'both'"},
      {MediaWith(R"("2")", R"("inbound_track")", kOkTs, kOkPayload),
       "unknown track 'inbound_track'"},
      {MediaWith(R"("2")", R"("Inbound")", kOkTs, kOkPayload), "unknown track"},
      {MediaWith(R"("2")", kOkTrack, "", kOkPayload),
       "missing field 'timestamp'"},
      {MediaWith(R"("2")", kOkTrack, R"("5ms")", kOkPayload),
       "'timestamp' must be"},
      {MediaWith(R"("2")", kOkTrack, "-5", kOkPayload), "'timestamp' must be"},
      {MediaWith(R"("2")", kOkTrack, kOkTs, ""), "missing field 'payload'"},
      {MediaWith(R"("2")", kOkTrack, kOkTs, "[1]"),
       "'payload' must be a string"},
      {R"({"event":"media","sequenceNumber":"2","streamSid":"MZXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"})",
       "missing field 'media'"},
      {R"({"event":"media","sequenceNumber":"2","media":"x","streamSid":"MZXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"})",
       "'media' must be an object"},
      {R"({"event":"dtmf","sequenceNumber":"2","streamSid":"MZXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX","dtmf":{"track":"sideways","digit":"1"}})",
       "unknown track 'sideways'"},
      {R"({"event":"dtmf","sequenceNumber":"2","streamSid":"MZXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX","dtmf":{"track":"inbound_track","digit":""}})",
       "empty digit"},
      {R"({"event":"dtmf","sequenceNumber":"2","streamSid":"MZXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX","dtmf":{"track":"inbound_track","digit":1}})",
       "'digit' must be a string"},
      {R"({"event":"dtmf","sequenceNumber":"2","streamSid":"MZXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"})",
       "missing field 'dtmf'"},
  };
  for (const Case& c : kCases) {
    h.ExpectError(c.text, StatusCode::kInvalidArgument, c.error);
  }
  EXPECT_EQ(h.session.stats().frames, 0);
  EXPECT_EQ(h.session.stats().bad_frames,
            static_cast<int64_t>(std::size(kCases)));
}

TEST(MediaStreamTest, ErrorMessagesCarryNoDigits) {
  Harness h;
  h.Start();
  Status s = h.Feed(
      R"({"event":"dtmf","sequenceNumber":"2","streamSid":"MZXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX","dtmf":{"track":"nope","digit":"98765"}})");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.message().find("98765"), std::string::npos);
}
}  // namespace
}  // namespace sc::twilio
