// Post-call re-transcription end to end on real parts: a live call through
// CallProcessor (the remote engine as the live recognizer, SQLite store),
// then its dual-channel recording re-transcribed by the remote engine
// against src/speech/remote/test_transcription_server.py, which speaks the
// OpenAI wire format. Checks the stored analysis, the channel-to-speaker
// mapping, the appended `analysis.ready` event and the failure paths.
#include "pipeline/retranscription.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include "audio/wav.h"
#include "events/event_json.h"
#include "speech/remote/test_transcription_server.h"

namespace sc::pipeline {
namespace {

namespace json = boost::json;
using std::chrono::milliseconds;

// Collects every event handed to the sinks.
class Capture : public EventSink {
 public:
  void OnEvent(const EventEnvelope& e) override {
    std::lock_guard<std::mutex> lock(mu_);
    events_.push_back(e);
  }
  std::vector<EventEnvelope> events() {
    std::lock_guard<std::mutex> lock(mu_);
    return events_;
  }

 private:
  std::mutex mu_;
  std::vector<EventEnvelope> events_;
};

std::vector<int16_t> Tone(int rate, double seconds, double step, int bias) {
  std::vector<int16_t> pcm(static_cast<size_t>(rate * seconds));
  for (size_t i = 0; i < pcm.size(); ++i) {
    pcm[i] = static_cast<int16_t>(6000 * std::sin(i * step) + bias);
  }
  return pcm;
}

long long Sum(const std::vector<int16_t>& pcm) {
  long long s = 0;
  for (int16_t v : pcm) s += v;
  return s;
}

class RetranscriptionTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ASSERT_TRUE(server_.Start()) << server_.error();
    base_url_ = server_.base_url();
  }
  static void TearDownTestSuite() { server_.Stop(); }

  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("sc-retranscribe-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto store = storage::OpenStore("sqlite:" + (dir_ / "t.db").string());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  speech::RemoteTranscriberOptions Remote(const std::string& model) {
    speech::RemoteTranscriberOptions o;
    o.base_url = base_url_;
    o.model = model;
    o.max_retries = 0;
    o.timeout = milliseconds(10'000);
    return o;
  }

  // A finished live call: both tracks streamed through CallProcessor with
  // the remote engine as the live recognizer, its analysis stored.
  // `lead_s` of silence come first (the stream starts while the call
  // rings; the recording only when it is answered).
  void RunLiveCall(const std::string& agent_track, double lead_s = 0) {
    auto recognizer = speech::OpenRemoteRecognizer(Remote("words"));
    ASSERT_TRUE(recognizer.ok()) << recognizer.status().ToString();
    PipelineContext ctx;
    ctx.recognizer = *recognizer;
    ctx.store = store_.get();
    ctx.sinks = {&live_};
    ctx.pool = &pool_;
    CallStarted started;
    started.call_sid = kCall;
    started.source = "twilio";
    started.agent_track = agent_track;
    started.tracks = {"inbound", "outbound"};
    auto call = CallProcessor::Start(started, {}, ctx);
    ASSERT_TRUE(call.ok()) << call.status().ToString();
    std::vector<int16_t> pcm(static_cast<size_t>(8000 * lead_s), 0);
    const std::vector<int16_t> tone = Tone(8000, 2.0, 0.3, 0);
    pcm.insert(pcm.end(), tone.begin(), tone.end());
    for (size_t i = 0; i < pcm.size(); i += 160) {
      for (Speaker who : {Speaker::kAgent, Speaker::kProspect}) {
        (*call)->PushAudio(AudioChunk{
            who, static_cast<int64_t>(i / 8), 8000,
            std::vector<int16_t>(pcm.begin() + static_cast<long>(i),
                                 pcm.begin() + static_cast<long>(i + 160))});
      }
    }
    (*call)->End(EndReason::kStop, MediaStats{});
    (*call)->WaitFinalized();
  }

  // Stores a dual-channel 8 kHz recording of the call; channel 0 and 1 carry
  // different audio so the echo model tells them apart by sample sum.
  storage::RecordingRecord StoreRecording(int channels) {
    left_ = Tone(8000, 3.0, 0.05, 3);
    right_ = Tone(8000, 3.0, 0.11, -5);
    audio::PcmAudio a;
    a.sample_rate = 8000;
    a.channels = channels;
    for (size_t i = 0; i < left_.size(); ++i) {
      a.samples.push_back(left_[i]);
      if (channels == 2) a.samples.push_back(right_[i]);
    }
    storage::RecordingRecord rec;
    rec.recording_sid = "RE0123456789abcdef0123456789abcdef";
    rec.call_sid = kCall;
    rec.status = storage::RecordingStatus::kStored;
    rec.local_path = (dir_ / "rec.wav").string();
    rec.channels = channels;
    rec.duration_s = 3;
    EXPECT_TRUE(audio::WriteWav(rec.local_path, a).ok());
    EXPECT_TRUE(store_->PutRecording(rec).ok());
    return rec;
  }

  RetranscriberDeps Deps(const speech::RemoteTranscriber* t) {
    RetranscriberDeps d;
    d.store = store_.get();
    d.transcriber = t;
    d.pool = &post_pool_;
    d.sinks = {&live_};
    d.max_wait_for_live_ms = 0;
    return d;
  }

  static constexpr const char* kCall = "CA00000000000000000000000000000001";
  static speech::test_support::TestTranscriptionServer server_;
  static std::string base_url_;
  std::filesystem::path dir_;
  std::unique_ptr<storage::Store> store_;
  Capture live_;
  WorkerPool pool_{2};
  WorkerPool post_pool_{1};
  std::vector<int16_t> left_, right_;
};
speech::test_support::TestTranscriptionServer RetranscriptionTest::server_;
std::string RetranscriptionTest::base_url_;

TEST_F(RetranscriptionTest, RecordingReplacesTheLiveAnalysisAndAnnouncesIt) {
  RunLiveCall("outbound");  // Inbound call: the agent is the dialled party.
  auto live = store_->GetCall(kCall);
  ASSERT_TRUE(live.ok());
  ASSERT_EQ(live->state, storage::CallState::kCompleted);
  ASSERT_FALSE(live->analysis_json.empty());
  EXPECT_EQ(live->analysis_json.find("transcript_source"), std::string::npos);
  const int64_t live_seq = live->last_seq;

  auto t = speech::RemoteTranscriber::Create(Remote("echo"));
  ASSERT_TRUE(t.ok());
  PostCallRetranscriber post_call(Deps(t->get()));
  post_call.OnRecordingStored(StoreRecording(2));
  post_call.WaitIdle();

  auto after = store_->GetCall(kCall);
  ASSERT_TRUE(after.ok());
  json::object doc = json::parse(after->analysis_json).as_object();
  EXPECT_EQ(doc["transcript_source"], "remote");
  EXPECT_EQ(doc["recording_sid"], "RE0123456789abcdef0123456789abcdef");
  // The echo text shares no words with the live transcript: not aligned.
  EXPECT_TRUE(doc["recording_offset_ms"].is_null());
  // agent_track "outbound" = channel 2 of the recording (index 1).
  const std::string agent_sum = "sum " + std::to_string(Sum(right_));
  const std::string prospect_sum = "sum " + std::to_string(Sum(left_));
  int agent = 0, prospect = 0;
  for (const json::value& u : doc["utterances"].as_array()) {
    const std::string speaker(u.at("speaker").as_string());
    const std::string text(u.at("text").as_string());
    if (speaker == "agent") {
      ++agent;
      EXPECT_NE(text.find(agent_sum), std::string::npos) << text;
    } else {
      ++prospect;
      EXPECT_NE(text.find(prospect_sum), std::string::npos) << text;
    }
    EXPECT_NE(text.find("rate 8000 frames 24000"), std::string::npos) << text;
  }
  EXPECT_EQ(agent, 1);
  EXPECT_EQ(prospect, 1);

  // analysis.ready with the source, after every live event, stored and live.
  auto events = store_->ListEvents(kCall);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->back().seq, live_seq + 1);
  EXPECT_EQ(events->back().type, "analysis.ready");
  EXPECT_EQ(events->back().payload_json, "{\"transcript_source\":\"remote\"}");
  const std::vector<EventEnvelope> seen = live_.events();
  ASSERT_FALSE(seen.empty());
  ASSERT_TRUE(std::holds_alternative<AnalysisReady>(seen.back().event));
  EXPECT_EQ(std::get<AnalysisReady>(seen.back().event).transcript_source,
            "remote");
  EXPECT_EQ(seen.back().seq, live_seq + 1);
  auto parsed =
      ParseEventData(events->back().type, events->back().payload_json);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(std::get<AnalysisReady>(*parsed).transcript_source, "remote");
}

TEST_F(RetranscriptionTest, RemoteTimesAreMovedOntoTheCallsClock) {
  // The live recognizer and the re-transcription both hear "Hi Michael,
  // this is Anna. How is your day?" (the test server's "words" reply), live
  // 4 s into the stream, in the recording from its start.
  RunLiveCall("outbound", 4.0);
  auto events = store_->ListEvents(kCall);
  ASSERT_TRUE(events.ok());
  int64_t live_michael = -1;
  for (const storage::StoredEvent& e : *events) {
    if (e.type != "transcript.final") continue;
    auto parsed = ParseEventData(e.type, e.payload_json);
    ASSERT_TRUE(parsed.ok());
    const auto& f = std::get<TranscriptFinal>(*parsed);
    if (f.speaker == Speaker::kAgent && f.words.size() > 1) {
      live_michael = f.words[1].start_ms;
    }
  }
  ASSERT_GT(live_michael, 3500);
  const int64_t expected = live_michael - 200;  // "Michael," at 0.2 s.

  auto t = speech::RemoteTranscriber::Create(Remote("words"));
  ASSERT_TRUE(t.ok());
  StoreRecording(2);
  auto r = RetranscribeCall(kCall, "", Deps(t->get()));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->offset_ms.has_value());
  EXPECT_EQ(*r->offset_ms, expected);
  json::object doc = json::parse(r->analysis_json).as_object();
  EXPECT_EQ(doc["recording_offset_ms"].as_int64(), expected);
  const json::array& utterances = doc["utterances"].as_array();
  ASSERT_FALSE(utterances.empty());
  EXPECT_NEAR(utterances[0].at("start_s").to_number<double>(),
              static_cast<double>(expected) / 1000.0, 1e-9);
}

TEST_F(RetranscriptionTest, InboundAgentTrackIsChannelOne) {
  RunLiveCall("inbound");  // Outbound call from the browser.
  StoreRecording(2);
  auto t = speech::RemoteTranscriber::Create(Remote("echo"));
  ASSERT_TRUE(t.ok());
  auto r = RetranscribeCall(kCall, "", Deps(t->get()));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->utterances, 2);
  EXPECT_EQ(r->requests, 2);
  json::object doc = json::parse(r->analysis_json).as_object();
  for (const json::value& u : doc["utterances"].as_array()) {
    const std::string text(u.at("text").as_string());
    const bool agent = u.at("speaker").as_string() == "agent";
    EXPECT_NE(text.find("sum " + std::to_string(Sum(agent ? left_ : right_))),
              std::string::npos)
        << text;
  }
}

TEST_F(RetranscriptionTest, ServerErrorsLeaveTheLiveAnalysis) {
  RunLiveCall("inbound");
  auto live = store_->GetCall(kCall);
  ASSERT_TRUE(live.ok());
  const storage::RecordingRecord rec = StoreRecording(2);
  // HTTP 500, a refused connection, an unknown model (404).
  speech::RemoteTranscriberOptions closed = Remote("words");
  closed.base_url = "http://127.0.0.1:1/v1";
  for (const speech::RemoteTranscriberOptions& o :
       {Remote("broken"), closed, Remote("no-such-model")}) {
    auto t = speech::RemoteTranscriber::Create(o);
    ASSERT_TRUE(t.ok());
    PostCallRetranscriber post_call(Deps(t->get()));
    post_call.OnRecordingStored(rec);
    post_call.WaitIdle();
    auto after = store_->GetCall(kCall);
    ASSERT_TRUE(after.ok());
    EXPECT_EQ(after->analysis_json, live->analysis_json) << o.model;
    EXPECT_EQ(after->last_seq, live->last_seq) << o.model;
    auto direct = RetranscribeCall(kCall, "", Deps(t->get()));
    EXPECT_FALSE(direct.ok()) << o.model;
  }
}

TEST_F(RetranscriptionTest, MonoOrMissingRecordingsAndActiveCallsAreRefused) {
  auto t = speech::RemoteTranscriber::Create(Remote("echo"));
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(RetranscribeCall("CAunknown", "", Deps(t->get())).status().code(),
            StatusCode::kNotFound);
  RunLiveCall("inbound");
  EXPECT_EQ(RetranscribeCall(kCall, "", Deps(t->get())).status().code(),
            StatusCode::kNotFound);  // No recording yet.
  StoreRecording(1);
  EXPECT_EQ(RetranscribeCall(kCall, "", Deps(t->get())).status().code(),
            StatusCode::kFailedPrecondition);

  // A call the live pipeline has not finalized yet.
  storage::CallRecord active;
  active.call_sid = "CA00000000000000000000000000000002";
  ASSERT_TRUE(store_->CreateCall(active).ok());
  storage::RecordingRecord rec = StoreRecording(2);
  rec.call_sid = active.call_sid;
  rec.recording_sid = "RE00000000000000000000000000000002";
  ASSERT_TRUE(store_->PutRecording(rec).ok());
  auto r = RetranscribeCall(active.call_sid, "", Deps(t->get()));
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition)
      << r.status().ToString();
}

}  // namespace
}  // namespace sc::pipeline
