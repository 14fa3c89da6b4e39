// Tests RemoteTranscriber against test_transcription_server.py, a local
// server that parses the multipart request with Python's own email and wave
// modules and answers in the OpenAI verbose_json / error format.
#include "speech/remote/remote_transcriber.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "speech/remote/test_transcription_server.h"
#include "speech/remote/transcription_wire.h"

namespace sc::speech {
namespace {

using std::chrono::milliseconds;
namespace wire = remote::internal;

std::vector<int16_t> Tone(int rate, double seconds) {
  std::vector<int16_t> pcm(static_cast<size_t>(rate * seconds));
  for (size_t i = 0; i < pcm.size(); ++i) {
    pcm[i] = static_cast<int16_t>(8000 * std::sin(i * 0.05) + (i % 7) - 3);
  }
  return pcm;
}

long long Sum(std::span<const int16_t> pcm) {
  long long s = 0;
  for (int16_t v : pcm) s += v;
  return s;
}

class RemoteTranscriberTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ASSERT_TRUE(server_.Start()) << server_.error();
    base_url_ = server_.base_url();
  }
  static void TearDownTestSuite() { server_.Stop(); }

  RemoteTranscriberOptions Options(const std::string& model) {
    RemoteTranscriberOptions o;
    o.base_url = base_url_;
    o.model = model;
    o.timeout = milliseconds(10'000);
    o.sleep = [this](milliseconds d) { sleeps_.push_back(d); };
    return o;
  }

  StatusOr<RemoteTranscript> Run(const RemoteTranscriberOptions& o,
                                 int rate = 16000, double seconds = 2) {
    auto t = RemoteTranscriber::Create(o);
    if (!t.ok()) return t.status();
    const std::vector<int16_t> pcm = Tone(rate, seconds);
    return (*t)->Transcribe(pcm, rate);
  }

  static test_support::TestTranscriptionServer server_;
  static std::string base_url_;
  std::vector<milliseconds> sleeps_;
};
test_support::TestTranscriptionServer RemoteTranscriberTest::server_;
std::string RemoteTranscriberTest::base_url_;

TEST_F(RemoteTranscriberTest, SegmentsWithServerWordTimes) {
  auto t = Run(Options("words"));
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->text, " Hi Michael, this is Anna. How is your day?");
  EXPECT_EQ(t->language, "english");
  EXPECT_DOUBLE_EQ(t->duration_s, 2.0);
  EXPECT_EQ(t->attempts, 1);
  ASSERT_EQ(t->segments.size(), 2u);
  const RemoteSegment& s0 = t->segments[0];
  EXPECT_EQ(s0.text, "Hi Michael, this is Anna.");
  EXPECT_FALSE(s0.word_times_estimated);
  EXPECT_NEAR(s0.confidence, std::exp(-0.1), 1e-9);
  ASSERT_EQ(s0.words.size(), 5u);
  EXPECT_EQ(s0.words[1].w, "Michael,");
  EXPECT_DOUBLE_EQ(s0.words[1].start_s, 0.2);
  EXPECT_DOUBLE_EQ(s0.words[1].end_s, 0.6);
  EXPECT_NEAR(s0.words[1].confidence, std::exp(-0.1), 1e-9);
  ASSERT_EQ(t->segments[1].words.size(), 4u);
  EXPECT_EQ(t->segments[1].words[3].w, "day?");
  EXPECT_DOUBLE_EQ(t->segments[1].words[3].end_s, 2.0);
}

TEST_F(RemoteTranscriberTest, SegmentsOnlyGetEstimatedWordTimes) {
  auto t = Run(Options("segments"));
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->segments.size(), 2u);
  const RemoteSegment& s1 = t->segments[1];
  EXPECT_TRUE(s1.word_times_estimated);
  ASSERT_EQ(s1.words.size(), 4u);
  EXPECT_EQ(s1.words[0].w, "How");
  EXPECT_DOUBLE_EQ(s1.words[0].start_s, 1.2);
  double last = 1.2;
  for (const auto& w : s1.words) {
    EXPECT_GE(w.start_s, last);
    EXPECT_GT(w.end_s, w.start_s);
    last = w.end_s;
  }
  EXPECT_LE(last, 2.0);
}

TEST_F(RemoteTranscriberTest, MultipartCarriesTheAudioAndFields) {
  RemoteTranscriberOptions o = Options("echo");
  o.prompt_terms = {"Acme", "HubSpot"};
  const std::vector<int16_t> pcm = Tone(16000, 1.5);
  auto rt = RemoteTranscriber::Create(o);
  ASSERT_TRUE(rt.ok());
  auto t = (*rt)->Transcribe(pcm, 16000);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->text, "rate 16000 frames 24000 channels 1 bits 16 sum " +
                         std::to_string(Sum(pcm)) +
                         " language en prompt Acme, HubSpot granularities "
                         "word,segment");

  o.word_timestamps = WordTimestamps::kOff;
  o.language.clear();
  o.prompt_terms.clear();
  const std::vector<int16_t> tel = Tone(8000, 0.5);
  rt = RemoteTranscriber::Create(o);
  ASSERT_TRUE(rt.ok());
  t = (*rt)->Transcribe(tel, 8000);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->text, "rate 8000 frames 4000 channels 1 bits 16 sum " +
                         std::to_string(Sum(tel)) +
                         " language - prompt - granularities -");
}

TEST_F(RemoteTranscriberTest, WrongKeyIsUnauthenticatedWithoutTheKey) {
  RemoteTranscriberOptions o = Options("auth");
  o.api_key = "sk-wrong-key-456";
  auto t = Run(o);
  ASSERT_EQ(t.status().code(), StatusCode::kUnauthenticated)
      << t.status().ToString();
  EXPECT_NE(t.status().message().find("HTTP 401"), std::string::npos);
  EXPECT_NE(t.status().message().find("Incorrect API key"), std::string::npos);
  EXPECT_NE(t.status().message().find("invalid_api_key"), std::string::npos);
  EXPECT_EQ(t.status().message().find("sk-wrong-key-456"), std::string::npos);
  EXPECT_TRUE(sleeps_.empty());  // 401 is not retried.

  o.api_key = "sk-test-123";
  EXPECT_TRUE(Run(o).ok());
}

TEST_F(RemoteTranscriberTest, RateLimitIsRetriedThenSucceeds) {
  auto t = Run(Options("flaky-a"));
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->attempts, 2);
  ASSERT_EQ(sleeps_.size(), 1u);
  EXPECT_EQ(sleeps_[0], milliseconds(0));  // Retry-After: 0.
  EXPECT_EQ(t->segments.size(), 2u);
}

TEST_F(RemoteTranscriberTest, RateLimitWithoutRetriesIsResourceExhausted) {
  RemoteTranscriberOptions o = Options("flaky-b");
  o.max_retries = 0;
  auto t = Run(o);
  EXPECT_EQ(t.status().code(), StatusCode::kResourceExhausted)
      << t.status().ToString();
  EXPECT_NE(t.status().message().find("Rate limit reached"), std::string::npos);
}

TEST_F(RemoteTranscriberTest, ServerErrorIsRetriedWithBackoffThenUnavailable) {
  RemoteTranscriberOptions o = Options("broken");
  o.max_retries = 2;
  o.initial_backoff = milliseconds(100);
  o.max_backoff = milliseconds(150);
  auto t = Run(o);
  EXPECT_EQ(t.status().code(), StatusCode::kUnavailable)
      << t.status().ToString();
  EXPECT_NE(t.status().message().find("HTTP 500"), std::string::npos);
  EXPECT_NE(t.status().message().find("The server had an error"),
            std::string::npos);
  EXPECT_EQ(sleeps_,
            (std::vector<milliseconds>{milliseconds(100), milliseconds(150)}));
}

TEST_F(RemoteTranscriberTest, SlowServerTimesOut) {
  RemoteTranscriberOptions o = Options("slow");
  o.timeout = milliseconds(500);
  const auto start = std::chrono::steady_clock::now();
  auto t = Run(o);
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(t.status().code(), StatusCode::kUnavailable)
      << t.status().ToString();
  EXPECT_NE(t.status().message().find("timed out"), std::string::npos);
  EXPECT_LT(took, std::chrono::milliseconds(2500));
  EXPECT_TRUE(sleeps_.empty());  // A timeout is not retried.
}

TEST_F(RemoteTranscriberTest, MalformedReplyIsUnavailable) {
  auto t = Run(Options("malformed"));
  EXPECT_EQ(t.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(t.status().message().find("malformed"), std::string::npos);
}

TEST_F(RemoteTranscriberTest, UnknownModelIsNotFound) {
  auto t = Run(Options("no-such-model"));
  EXPECT_EQ(t.status().code(), StatusCode::kNotFound);
  EXPECT_NE(t.status().message().find("does not exist"), std::string::npos);
}

TEST_F(RemoteTranscriberTest, RefusedConnectionIsUnavailable) {
  RemoteTranscriberOptions o = Options("words");
  o.base_url = "http://127.0.0.1:1/v1";
  auto t = Run(o);
  EXPECT_EQ(t.status().code(), StatusCode::kUnavailable);
}

TEST_F(RemoteTranscriberTest, LongTrackIsSentInPiecesWithTrackTimes) {
  auto rt = RemoteTranscriber::Create(Options("echo"));
  ASSERT_TRUE(rt.ok());
  std::vector<int16_t> pcm = Tone(8000, 25);
  // A silent stretch inside the search window of the first cut.
  for (size_t i = 9 * 8000; i < 9 * 8000 + 400; ++i) pcm[i] = 0;
  auto segs =
      TranscribeTrack(**rt, pcm, 8000, {.max_piece_s = 10, .cut_search_s = 2});
  ASSERT_TRUE(segs.ok()) << segs.status().ToString();
  ASSERT_EQ(segs->size(), 3u);
  double expected_start = 0;
  int total_frames = 0;
  for (const RemoteSegment& s : *segs) {
    EXPECT_NEAR(s.start_s, expected_start, 1e-9);
    int frames = 0;
    ASSERT_EQ(std::sscanf(s.text.c_str(), "rate 8000 frames %d", &frames), 1);
    total_frames += frames;
    expected_start = s.end_s;
  }
  EXPECT_EQ(total_frames, static_cast<int>(pcm.size()));
  // The first cut falls in the silent 50 ms, not at the 10 s limit.
  EXPECT_GT((*segs)[0].end_s, 9.0);
  EXPECT_LT((*segs)[0].end_s, 9.06);
}

TEST_F(RemoteTranscriberTest, RecognizerSessionTranscribesAtUtteranceEnd) {
  auto rec = OpenRemoteRecognizer(Options("words"));
  ASSERT_TRUE(rec.ok()) << rec.status().ToString();
  EXPECT_EQ((*rec)->sample_rate(), 16000);
  const EngineCapabilities caps = (*rec)->capabilities();
  EXPECT_FALSE(caps.streaming);
  EXPECT_FALSE(caps.partial_results);
  EXPECT_TRUE(caps.word_times);
  auto session = (*rec)->NewSession();
  ASSERT_TRUE(session.ok());
  RecognizerSession& s = **session;
  EXPECT_EQ(s.Feed(Tone(16000, 0.1)).code(), StatusCode::kFailedPrecondition);
  ASSERT_TRUE(s.StartUtterance(10.0).ok());
  const std::vector<int16_t> pcm = Tone(16000, 2);
  ASSERT_TRUE(s.Feed(std::span(pcm).first(16000)).ok());
  ASSERT_TRUE(s.Feed(std::span(pcm).subspan(16000)).ok());
  auto partial = s.Partial();
  ASSERT_TRUE(partial.ok());
  EXPECT_FALSE(partial->has_value());
  auto h = s.EndUtterance();
  ASSERT_TRUE(h.ok()) << h.status().ToString();
  EXPECT_EQ(h->text, "Hi Michael, this is Anna. How is your day?");
  EXPECT_DOUBLE_EQ(h->start_s, 10.0);
  EXPECT_DOUBLE_EQ(h->end_s, 12.0);
  ASSERT_EQ(h->words.size(), 9u);
  EXPECT_DOUBLE_EQ(h->words[1].start_s, 10.2);
  EXPECT_DOUBLE_EQ(h->words[8].end_s, 12.0);
  EXPECT_GT(h->confidence, 0.7);
  // The session is ready for the next utterance; an empty one costs no
  // request.
  ASSERT_TRUE(s.StartUtterance(20.0).ok());
  auto empty = s.EndUtterance();
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->words.empty());
}

TEST(RemoteTranscriberOptionsTest, BadOptionsAreInvalidArgument) {
  RemoteTranscriberOptions o;
  o.base_url = "ftp://example.com/v1";
  EXPECT_EQ(RemoteTranscriber::Create(o).status().code(),
            StatusCode::kInvalidArgument);
  o.base_url = "http://127.0.0.1:9000/v1";
  o.api_key = "sk\r\nX-Evil: 1";
  auto bad_key = RemoteTranscriber::Create(o);
  EXPECT_EQ(bad_key.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad_key.status().message().find("sk"), std::string::npos);
  o.api_key.clear();
  o.max_retries = 11;
  EXPECT_FALSE(RemoteTranscriber::Create(o).ok());
  o.max_retries = 2;
  o.model.clear();
  EXPECT_FALSE(RemoteTranscriber::Create(o).ok());
}

TEST(TranscriptionWireTest, WavHeader) {
  const std::vector<int16_t> pcm = {1, -2, 0x1234};
  const std::string wav = wire::EncodeWav(pcm, 8000);
  ASSERT_EQ(wav.size(), 44u + 6u);
  EXPECT_EQ(wav.substr(0, 4), "RIFF");
  EXPECT_EQ(wav.substr(8, 8), "WAVEfmt ");
  EXPECT_EQ(static_cast<uint8_t>(wav[24]), 0x40);  // 8000 = 0x1f40.
  EXPECT_EQ(static_cast<uint8_t>(wav[25]), 0x1f);
  EXPECT_EQ(wav.substr(36, 4), "data");
  EXPECT_EQ(static_cast<uint8_t>(wav[40]), 6);
  EXPECT_EQ(static_cast<uint8_t>(wav[46]), 0xfe);  // -2, little-endian.
  EXPECT_EQ(static_cast<uint8_t>(wav[47]), 0xff);
}

TEST(TranscriptionWireTest, BoundaryAvoidsTheContent) {
  std::vector<wire::FormField> f = {{"file", ""}};
  const std::string first = wire::ChooseBoundary(f, 1);
  f[0].value = "xx" + first + "yy";
  const std::string second = wire::ChooseBoundary(f, 1);
  EXPECT_NE(first, second);
  EXPECT_EQ(f[0].value.find(second), std::string::npos);
}

TEST(TranscriptionWireTest, TextOnlyReplyIsOneSegment) {
  auto t = wire::ParseVerboseJson(R"({"text":" Hello there."})", 3.0);
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t->segments.size(), 1u);
  EXPECT_DOUBLE_EQ(t->segments[0].end_s, 3.0);
  EXPECT_EQ(t->segments[0].words.size(), 2u);
  EXPECT_FALSE(wire::ParseVerboseJson(R"({"segments":[]})", 1).ok());
  EXPECT_FALSE(wire::ParseVerboseJson(R"({"text":"a","words":{}})", 1).ok());
  EXPECT_FALSE(wire::ParseVerboseJson("[1,2]", 1).ok());
}

TEST(TranscriptionWireTest, ErrorStatusMapping) {
  EXPECT_EQ(wire::HttpErrorStatus(400, "{}", "").code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(wire::HttpErrorStatus(403, "", "").code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(wire::HttpErrorStatus(413, "too big", "").code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(wire::HttpErrorStatus(503, "<html>busy</html>", "").code(),
            StatusCode::kUnavailable);
  const Status s = wire::HttpErrorStatus(
      401, R"({"error":{"message":"bad key sk-abc","code":"invalid_api_key"}})",
      "sk-abc");
  EXPECT_EQ(s.code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(s.message(),
            "speech server replied HTTP 401: bad key [redacted] (code "
            "invalid_api_key)");
}

}  // namespace
}  // namespace sc::speech
