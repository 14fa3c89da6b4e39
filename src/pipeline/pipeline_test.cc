// Contract tests of the call pipeline with a scripted recognizer standing in
// for the speech engine (the real engine runs in tests/integration).
#include "pipeline/pipeline.h"

#include <gtest/gtest.h>

#include <cmath>
#include <mutex>
#include <thread>

#include "audio/test_signal.h"
#include "events/event_json.h"
#include "pipeline/test_call_audio.h"

namespace sc::pipeline {
namespace {

// Reports one word per 300 ms of audio fed, timed from the utterance start.
class ScriptedSession : public speech::RecognizerSession {
 public:
  Status StartUtterance(double at_s) override {
    at_s_ = at_s;
    samples_ = 0;
    return Status::Ok();
  }
  Status Feed(std::span<const int16_t> pcm) override {
    samples_ += static_cast<int64_t>(pcm.size());
    return Status::Ok();
  }
  StatusOr<std::optional<speech::Hypothesis>> Partial() override {
    return std::optional<speech::Hypothesis>(Hyp());
  }
  StatusOr<speech::Hypothesis> EndUtterance() override { return Hyp(); }

 private:
  speech::Hypothesis Hyp() const {
    speech::Hypothesis h;
    double dur = static_cast<double>(samples_) / 16000.0;
    for (int i = 0; i < static_cast<int>(dur / 0.3); ++i) {
      h.words.push_back({"w" + std::to_string(i), at_s_ + 0.3 * i,
                         at_s_ + 0.3 * (i + 1), 1.0});
      h.text += (i ? " w" : "w") + std::to_string(i);
    }
    h.confidence = 0.9;
    return h;
  }
  double at_s_ = 0;
  int64_t samples_ = 0;
};

class ScriptedRecognizer : public speech::Recognizer {
 public:
  int sample_rate() const override { return 16000; }
  speech::EngineCapabilities capabilities() const override {
    return {true, true, true, false};
  }
  StatusOr<std::unique_ptr<speech::RecognizerSession>> NewSession() override {
    return NewSession(speech::SessionOptions{});
  }
  // Records the options each session was opened with (voice profiles).
  StatusOr<std::unique_ptr<speech::RecognizerSession>> NewSession(
      const speech::SessionOptions& options) override {
    std::lock_guard<std::mutex> lock(mu);
    sessions.push_back(options);
    return std::unique_ptr<speech::RecognizerSession>(new ScriptedSession());
  }
  std::mutex mu;
  std::vector<speech::SessionOptions> sessions;  // GUARDED_BY(mu)
};

class CollectingSink : public EventSink {
 public:
  void OnEvent(const EventEnvelope& e) override {
    std::lock_guard<std::mutex> lock(mu);
    events.push_back(e);
  }
  std::mutex mu;
  std::vector<EventEnvelope> events;
};

std::vector<int16_t> Voiced(int ms, int rate = 8000) {
  return audio::VoicedSignal(ms, rate);
}

struct Harness {
  Harness() {
    ctx.recognizer = std::make_shared<ScriptedRecognizer>();
    ctx.pool = &pool;
    ctx.sinks = {&sink};
    auto opened = storage::OpenStore("sqlite::memory:");
    EXPECT_TRUE(opened.ok());
    store = std::move(opened).value();
    ctx.store = store.get();
  }
  // Feeds `pcm` as 20 ms chunks starting at `at_ms`.
  void Play(CallProcessor& call, Speaker who, const std::vector<int16_t>& pcm,
            int64_t at_ms) {
    PushPcm(call, who, pcm, at_ms);
  }
  WorkerPool pool{2};
  CollectingSink sink;
  std::unique_ptr<storage::Store> store;
  PipelineContext ctx;
};

CallStarted Call(const std::string& sid) { return FileCall(sid); }

TEST(PipelineTest, TwoSpeakersGiveOrderedStoredEventsAndAnalysis) {
  Harness h;
  auto call = CallProcessor::Start(Call("CA1"), {}, h.ctx);
  ASSERT_TRUE(call.ok()) << call.status().ToString();
  std::vector<int16_t> silence(8000 * 2, 0);
  h.Play(**call, Speaker::kAgent, Voiced(3000), 0);
  h.Play(**call, Speaker::kProspect, silence, 0);
  h.Play(**call, Speaker::kProspect, Voiced(1500), 4000);
  (*call)->End(EndReason::kStop, MediaStats{});
  analysis::CallAnalysis a = (*call)->WaitFinalized().analysis;

  ASSERT_GE(a.utterances.size(), 2u);
  EXPECT_EQ(a.utterances.front().speaker, Speaker::kAgent);
  EXPECT_EQ(a.utterances.back().speaker, Speaker::kProspect);
  EXPECT_NEAR(a.utterances.back().start_ms, 4000, 300);
  EXPECT_GT(a.talk.agent_ratio, a.talk.prospect_ratio);
  EXPECT_NEAR(a.talk.agent_ratio + a.talk.prospect_ratio, 1.0, 1e-9);

  // Live events and stored events agree, in seq order, 1..N.
  auto stored = h.store->ListEvents("CA1");
  ASSERT_TRUE(stored.ok());
  std::lock_guard<std::mutex> lock(h.sink.mu);
  ASSERT_EQ(stored->size(), h.sink.events.size());
  for (size_t i = 0; i < stored->size(); ++i) {
    EXPECT_EQ((*stored)[i].seq, static_cast<int64_t>(i + 1));
    EXPECT_EQ((*stored)[i].type, EventType(h.sink.events[i].event));
  }
  EXPECT_EQ(stored->front().type, "call.started");
  EXPECT_EQ(stored->back().type, "analysis.ready");
  EXPECT_EQ((*stored)[stored->size() - 2].type, "call.ended");
  bool saw_partial = false;
  for (const auto& e : *stored) saw_partial |= e.type == "transcript.partial";
  EXPECT_TRUE(saw_partial);

  auto rec = h.store->GetCall("CA1");
  ASSERT_TRUE(rec.ok());
  EXPECT_EQ(rec->state, storage::CallState::kCompleted);
  EXPECT_EQ(rec->end_reason, "stop");
  EXPECT_NE(rec->analysis_json.find("\"talk_ratio\""), std::string::npos);
}

TEST(PipelineTest, UtteranceInFlightIsFinishedOnDisconnect) {
  Harness h;
  auto call = CallProcessor::Start(Call("CA2"), {}, h.ctx);
  ASSERT_TRUE(call.ok());
  h.Play(**call, Speaker::kAgent, Voiced(2000), 0);  // No trailing silence.
  (*call)->End(EndReason::kDisconnect, MediaStats{});
  auto a = (*call)->WaitFinalized().analysis;
  ASSERT_EQ(a.utterances.size(), 1u);
  auto rec = h.store->GetCall("CA2");
  EXPECT_EQ(rec->end_reason, "disconnect");
}

// Voice calibration: the call's user has a stored voice profile, so the
// agent's session (and only it) opens with the profile's cmninit and words,
// and metrics ticks carry the agent's pace against the profile's rate.
TEST(PipelineTest, AgentSessionGetsTheUsersVoiceProfile) {
  Harness h;
  auto rec = std::make_shared<ScriptedRecognizer>();
  h.ctx.recognizer = rec;
  StoreCallSettings settings(h.store.get());
  h.ctx.settings = &settings;
  ASSERT_TRUE(h.store->CreateTenant({"acme", "Acme", 1}).ok());
  storage::UserRecord u;
  u.user_id = "alice";
  u.tenant_id = "acme";
  u.identity = "alice_1";
  ASSERT_TRUE(h.store->CreateUser(u).ok());
  storage::VoiceProfileRecord p;
  p.tenant_id = "acme";
  p.user_id = "alice";
  p.profile_json =
      R"({"version":1,"cmninit":[45.3,32.38,-40.26,41.67,-19.24,-22.52,)"
      R"(11.46,-41.13,-11.04,-12.69,-18.64,6.11,-16.74],)"
      R"("words_per_minute":150,"rate_source":"script",)"
      R"("missing_words":[{"word":"zorblax","pronunciation":"Z AO R B L AE K S"}]})";
  p.audio_s = 120;
  ASSERT_TRUE(h.store->PutVoiceProfile(p).ok());

  CallStarted c = Call("CA-profile");
  c.custom_parameters = {{"user_id", "alice"}, {"tenant_id", "acme"}};
  auto call = CallProcessor::Start(c, {}, h.ctx);
  ASSERT_TRUE(call.ok()) << call.status().ToString();
  h.Play(**call, Speaker::kAgent, Voiced(3000), 0);
  (*call)->End(EndReason::kStop, MediaStats{});
  (*call)->WaitFinalized();

  {
    std::lock_guard<std::mutex> lock(rec->mu);
    ASSERT_EQ(rec->sessions.size(), 2u);
    int with_profile = 0, plain = 0;
    for (const speech::SessionOptions& o : rec->sessions) {
      if (o.empty()) {
        ++plain;  // The prospect's.
        continue;
      }
      ++with_profile;
      EXPECT_EQ(o.cmninit,
                "45.30,32.38,-40.26,41.67,-19.24,-22.52,11.46,-41.13,-11.04,"
                "-12.69,-18.64,6.11,-16.74");
      ASSERT_EQ(o.extra_words.size(), 1u);
      EXPECT_EQ(o.extra_words[0].word, "zorblax");
      EXPECT_EQ(o.extra_words[0].pronunciation, "Z AO R B L AE K S");
    }
    EXPECT_EQ(with_profile, 1);
    EXPECT_EQ(plain, 1);
  }
  // The scripted recognizer says 200 words/min: pace 200/150.
  bool saw_pace = false;
  std::lock_guard<std::mutex> lock(h.sink.mu);
  for (const EventEnvelope& e : h.sink.events) {
    if (const auto* m = std::get_if<MetricsTick>(&e.event)) {
      if (m->agent_pace_vs_baseline > 0) {
        saw_pace = true;
        EXPECT_NEAR(m->agent_pace_vs_baseline,
                    m->words_per_minute.agent / 150.0, 1e-9);
      }
    }
  }
  EXPECT_TRUE(saw_pace);
}

// Without a profile every session opens with the recognizer's own settings.
TEST(PipelineTest, CallWithoutProfileOpensPlainSessions) {
  Harness h;
  auto rec = std::make_shared<ScriptedRecognizer>();
  h.ctx.recognizer = rec;
  StoreCallSettings settings(h.store.get());
  h.ctx.settings = &settings;
  CallStarted c = Call("CA-plain");
  c.custom_parameters = {{"user_id", "nobody"}};
  auto call = CallProcessor::Start(c, {}, h.ctx);
  ASSERT_TRUE(call.ok());
  (*call)->End(EndReason::kStop, MediaStats{});
  (*call)->WaitFinalized();
  std::lock_guard<std::mutex> lock(rec->mu);
  ASSERT_EQ(rec->sessions.size(), 2u);
  for (const auto& o : rec->sessions) EXPECT_TRUE(o.empty());
}

TEST(PipelineTest, TimestampGapsKeepTheCallClock) {
  Harness h;
  auto call = CallProcessor::Start(Call("CA3"), {}, h.ctx);
  ASSERT_TRUE(call.ok());
  h.Play(**call, Speaker::kProspect, Voiced(1000), 10'000);  // Starts at 10 s.
  (*call)->End(EndReason::kStop, MediaStats{});
  auto a = (*call)->WaitFinalized().analysis;
  ASSERT_EQ(a.utterances.size(), 1u);
  EXPECT_NEAR(a.utterances[0].start_ms, 10'000, 300);
  EXPECT_GE(a.duration_ms, 11'000);
}

TEST(PipelineTest, BacklogOverflowIsCountedAndAnnounced) {
  Harness h;
  PipelineOptions o;
  o.max_backlog_ms = 100;  // Far less than we push at once.
  auto call = CallProcessor::Start(Call("CA4"), o, h.ctx);
  ASSERT_TRUE(call.ok());
  h.Play(**call, Speaker::kAgent, Voiced(5000), 0);
  (*call)->End(EndReason::kStop, MediaStats{});
  (*call)->WaitFinalized();
  EXPECT_GT((*call)->dropped_audio_ms(), 0);
  auto stored = h.store->ListEvents("CA4");
  bool alert = false, ended_counts = false;
  for (const auto& e : *stored) {
    alert |= e.type == "alert" &&
             e.payload_json.find("audio_dropped") != std::string::npos;
    if (e.type == "call.ended") {
      ended_counts =
          e.payload_json.find("\"dropped_audio_ms\":0") == std::string::npos;
    }
  }
  EXPECT_TRUE(alert);
  EXPECT_TRUE(ended_counts);
}

TEST(PipelineTest, DuplicateCallIsRejected) {
  Harness h;
  auto first = CallProcessor::Start(Call("CA5"), {}, h.ctx);
  ASSERT_TRUE(first.ok());
  auto second = CallProcessor::Start(Call("CA5"), {}, h.ctx);
  EXPECT_EQ(second.status().code(), StatusCode::kAlreadyExists);
  (*first)->End(EndReason::kStop, {});
  (*first)->WaitFinalized();
}

TEST(PipelineTest, AnyInputRateIsAccepted) {
  Harness h;
  auto call = CallProcessor::Start(Call("CA6"), {}, h.ctx);
  ASSERT_TRUE(call.ok());
  std::vector<int16_t> v = Voiced(2000, 44100);
  AudioChunk c{Speaker::kAgent, 0, 44100, v};
  (*call)->PushAudio(std::move(c));
  (*call)->End(EndReason::kEndOfFile, {});
  auto a = (*call)->WaitFinalized().analysis;
  ASSERT_EQ(a.utterances.size(), 1u);
  EXPECT_NEAR(a.utterances[0].start_ms, 0, 300);
}

TEST(RecoveryTest, InterruptedCallIsFinalizedFromStoredEvents) {
  auto store = storage::OpenStore("sqlite::memory:");
  ASSERT_TRUE(store.ok());
  storage::CallRecord rec;
  rec.call_sid = "CA7";
  ASSERT_TRUE((*store)->CreateCall(rec).ok());
  CallStarted info = Call("CA7");
  TranscriptFinal f{"agent-1", Speaker::kAgent, 0, 2000, "hello", 0.9, {}};
  ASSERT_TRUE((*store)
                  ->AppendEvents({{"CA7", 1, "call.started", 0, 1,
                                   EventDataJson(CallStartedEvent{info})},
                                  {"CA7", 2, "transcript.final", 2000, 2,
                                   EventDataJson(f)}})
                  .ok());
  ManualClock clock;
  auto n = RecoverInterruptedCalls(**store, clock);
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(*n, 1);
  auto after = (*store)->GetCall("CA7");
  EXPECT_EQ(after->state, storage::CallState::kInterrupted);
  EXPECT_NE(after->analysis_json.find("hello"), std::string::npos);
  auto events = (*store)->ListEvents("CA7");
  ASSERT_EQ(events->size(), 4u);
  EXPECT_EQ((*events)[2].type, "call.ended");
  EXPECT_EQ((*events)[3].type, "analysis.ready");
  EXPECT_EQ(*RecoverInterruptedCalls(**store, clock), 0);  // Idempotent.
}

TEST(RecoveryTest, CallEndedStoredBeforeTheCrashIsNotRepeated) {
  auto store = storage::OpenStore("sqlite::memory:");
  ASSERT_TRUE(store.ok());
  storage::CallRecord rec;
  rec.call_sid = "CA8";
  ASSERT_TRUE((*store)->CreateCall(rec).ok());
  ASSERT_TRUE(
      (*store)
          ->AppendEvents({{"CA8", 1, "call.started", 0, 1,
                           EventDataJson(CallStartedEvent{Call("CA8")})},
                          {"CA8", 2, "call.ended", 900, 2,
                           EventDataJson(CallEndedEvent{
                               EndReason::kStop, 900, {50, 8000, 0, 0, 0}})}})
          .ok());
  ManualClock clock;
  ASSERT_EQ(*RecoverInterruptedCalls(**store, clock), 1);
  auto events = (*store)->ListEvents("CA8");
  ASSERT_EQ(events->size(), 3u);
  EXPECT_EQ((*events)[2].type, "analysis.ready");
  auto after = (*store)->GetCall("CA8");
  EXPECT_EQ(after->end_reason, "stop");
  EXPECT_NE(after->stats_json.find("\"frames\":50"), std::string::npos);
}

TEST(PipelineTest, NothingIsEmittedAfterAnalysisReady) {
  Harness h;
  auto call = CallProcessor::Start(Call("CA9"), {}, h.ctx);
  ASSERT_TRUE(call.ok());
  (*call)->End(EndReason::kStop, {});
  (*call)->WaitFinalized();
  (*call)->RaiseAlert(0, Alert{"late", "too late"});
  h.pool.Post([] {});
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  auto events = h.store->ListEvents("CA9");
  EXPECT_EQ(events->back().type, "analysis.ready");
}

TEST(PipelineTest, BrokenEndpointerOptionsDoNotCrash) {
  Harness h;
  PipelineOptions o;
  o.endpointer.frame_ms = 7;  // Not a WebRTC VAD frame size.
  auto call = CallProcessor::Start(Call("CA10"), o, h.ctx);
  ASSERT_TRUE(call.ok());
  h.Play(**call, Speaker::kAgent, Voiced(500), 0);
  (*call)->End(EndReason::kStop, {});
  auto a = (*call)->WaitFinalized().analysis;
  EXPECT_TRUE(a.utterances.empty());
  auto events = h.store->ListEvents("CA10");
  bool alert = false;
  for (const auto& e : *events)
    alert |= e.payload_json.find("recognizer_error") != std::string::npos;
  EXPECT_TRUE(alert);
}

}  // namespace
}  // namespace sc::pipeline
