#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>

#include "audio/resampler.h"
#include "core/log.h"
#include "events/event_json.h"
#include "pipeline/pipeline.h"

namespace sc::pipeline {
namespace {

bool VadNativeRate(int rate) {
  return rate == 8000 || rate == 16000 || rate == 32000 || rate == 48000;
}

int64_t SamplesToMs(int64_t samples, int rate) {
  return rate > 0 ? samples * 1000 / rate : 0;
}

}  // namespace

// One speaker's chain. Everything but `backlog_ms` and `dropping` is touched
// only by tasks on `queue`, which never run concurrently.
struct Track {
  Speaker speaker = Speaker::kAgent;
  std::unique_ptr<SerialQueue> queue;
  std::atomic<int64_t> backlog_ms{0};
  std::atomic<bool> dropping{false};

  std::unique_ptr<speech::RecognizerSession> session;
  bool session_failed = false;
  // Keyphrase spotting (prospect track, when configured); a failure turns it
  // off for the track and leaves recognition alone.
  std::unique_ptr<speech::KeywordSpotterSession> spotter;
  bool rate_change_reported = false;
  int input_rate = 0;
  int vad_rate = 0;
  std::unique_ptr<audio::Resampler> to_vad;
  std::unique_ptr<audio::Endpointer> vad;
  std::unique_ptr<audio::Resampler> to_asr;
  int64_t next_sample = 0;  // At vad_rate; sample 0 is call time 0.
  int64_t origin_ms = 0;    // Call time of sample 0 (moves on long jumps).
  bool in_utterance = false;
  int64_t utterance_start_ms = 0;
  int64_t fed_since_partial = 0;  // Samples at the recognizer's rate.
  int utterance_count = 0;
  std::string utterance_id;
  std::string last_partial;
  std::vector<audio::EndpointEvent> endpoint_events;

  int64_t CallMs(int64_t sample) const {
    return origin_ms + SamplesToMs(sample, vad_rate);
  }
};

struct CallProcessor::State {
  CallStarted info;
  PipelineOptions options;
  PipelineContext ctx;
  int64_t started_unix_ms = 0;
  Track tracks[2];
  std::atomic<bool> end_requested{false};
  std::atomic<int> tracks_pending_end{2};
  std::atomic<int64_t> dropped_ms{0};
  EndReason end_reason = EndReason::kStop;  // Written before the flush tasks.
  MediaStats end_stats;

  std::mutex emit_mu;
  int64_t seq = 0;                          // GUARDED_BY(emit_mu)
  std::vector<TranscriptFinal> finals;      // GUARDED_BY(emit_mu)
  std::unique_ptr<LiveIntelligence> intel;  // GUARDED_BY(emit_mu)
  int64_t last_at_ms = 0;                   // GUARDED_BY(emit_mu)
  // Events the store refused (e.g. briefly unavailable); retried, in order,
  // before the next event is written, so the stored sequence never has gaps.
  std::vector<storage::StoredEvent> unpersisted;  // GUARDED_BY(emit_mu)
  bool closed = false;  // GUARDED_BY(emit_mu): analysis.ready was emitted.

  std::mutex done_mu;
  std::condition_variable done_cv;
  bool done = false;          // GUARDED_BY(done_mu)
  report::CallReport result;  // GUARDED_BY(done_mu)

  void Emit(int64_t at_ms, CallEvent event);
  // REQUIRES: emit_mu held.
  void EmitLocked(int64_t at_ms, CallEvent event);
  void ProcessChunk(Track& t, const AudioChunk& chunk);
  void Feed(Track& t, std::span<const int16_t> pcm);
  void HandleEndpoints(Track& t);
  void FinishUtterance(Track& t, int64_t end_ms);
  void RecognizerFailed(Track& t, const Status& status);
  void SpotterFailed(Track& t, const Status& status);
  void Finalize();
};

void CallProcessor::State::Emit(int64_t at_ms, CallEvent event) {
  std::lock_guard<std::mutex> lock(emit_mu);
  EmitLocked(at_ms, std::move(event));
}

void CallProcessor::State::EmitLocked(int64_t at_ms, CallEvent event) {
  if (closed) {
    LogDebug("pipeline.event_after_close",
             {F("call", info.call_sid), F("type", EventType(event))});
    return;
  }
  last_at_ms = std::max(last_at_ms, at_ms);
  EventEnvelope env{info.call_sid, ++seq, at_ms, ctx.clock->NowUnixMs(),
                    std::move(event)};
  if (std::holds_alternative<AnalysisReady>(env.event)) closed = true;
  if (ctx.store != nullptr) {
    unpersisted.push_back(
        storage::StoredEvent{env.call_sid, env.seq, EventType(env.event),
                             env.at_ms, env.wall_ms, EventDataJson(env.event)});
    Status st = unpersisted.size() == 1 ? ctx.store->AppendEvent(unpersisted[0])
                                        : ctx.store->AppendEvents(unpersisted);
    if (st.ok()) {
      unpersisted.clear();
    } else {
      LogError("pipeline.persist_failed",
               {F("call", info.call_sid), F("seq", env.seq),
                F("pending", static_cast<uint64_t>(unpersisted.size())),
                F("error", st.ToString())});
    }
  }
  if (auto* f = std::get_if<TranscriptFinal>(&env.event)) finals.push_back(*f);
  for (EventSink* sink : ctx.sinks) sink->OnEvent(env);
}

void CallProcessor::State::RecognizerFailed(Track& t, const Status& status) {
  LogError("pipeline.recognizer_failed",
           {F("call", info.call_sid), F("speaker", SpeakerName(t.speaker)),
            F("error", status.ToString())});
  if (!t.session_failed) {
    t.session_failed = true;
    Emit(t.CallMs(t.next_sample),
         Alert{"recognizer_error",
               std::string("speech recognition failed for ") +
                   SpeakerName(t.speaker) + ": " + status.ToString()});
  }
}

void CallProcessor::State::SpotterFailed(Track& t, const Status& status) {
  LogError("pipeline.spotter_failed",
           {F("call", info.call_sid), F("speaker", SpeakerName(t.speaker)),
            F("error", status.ToString())});
  t.spotter.reset();
}

void CallProcessor::State::ProcessChunk(Track& t, const AudioChunk& chunk) {
  if (chunk.samples.empty() && t.vad) return;
  if (t.input_rate == 0) {
    t.input_rate = chunk.sample_rate;
    t.vad_rate = VadNativeRate(chunk.sample_rate) ? chunk.sample_rate : 16000;
    if (t.vad_rate != t.input_rate) {
      auto rs = audio::Resampler::Create(t.input_rate, t.vad_rate);
      if (!rs.ok()) return RecognizerFailed(t, rs.status());
      t.to_vad = std::move(rs).value();
    }
    audio::EndpointerOptions eo = options.endpointer;
    eo.sample_rate = t.vad_rate;
    auto vad = audio::Endpointer::Create(eo);
    if (!vad.ok()) return RecognizerFailed(t, vad.status());
    t.vad = std::move(vad).value();
  } else if (chunk.sample_rate != t.input_rate) {
    if (!t.rate_change_reported) {
      t.rate_change_reported = true;
      Emit(chunk.timestamp_ms,
           Alert{"media_error",
                 "sample rate changed mid-stream; audio ignored"});
    }
    return;
  }
  if (!t.vad) return;  // The chain could not be built; already reported.
  // Keep the call clock true: silence fills short timestamp jumps (hold,
  // silence suppression, lost frames); a very long jump moves the origin.
  const int64_t expected_ms = t.CallMs(t.next_sample);
  const int64_t gap_ms = chunk.timestamp_ms - expected_ms;
  if (gap_ms > 40) {
    if (gap_ms <= options.max_gap_fill_ms) {
      std::vector<int16_t> zeros(static_cast<size_t>(t.vad_rate));  // 1 s
      int64_t remaining = gap_ms * t.vad_rate / 1000;
      while (remaining > 0) {
        int64_t n = std::min<int64_t>(remaining, t.vad_rate);
        Feed(t, std::span<const int16_t>(zeros.data(), static_cast<size_t>(n)));
        remaining -= n;
      }
    } else {
      t.vad->Flush(t.endpoint_events);
      HandleEndpoints(t);
      t.origin_ms = chunk.timestamp_ms - SamplesToMs(t.next_sample, t.vad_rate);
    }
  }
  if (t.to_vad) {  // Only recordings at unusual rates come this way.
    std::vector<int16_t> converted;
    t.to_vad->Process(chunk.samples, converted);
    Feed(t, converted);
  } else {
    Feed(t, chunk.samples);
  }
}

void CallProcessor::State::Feed(Track& t, std::span<const int16_t> pcm) {
  t.vad->Push(pcm, t.endpoint_events);
  t.next_sample += static_cast<int64_t>(pcm.size());
  HandleEndpoints(t);
}

void CallProcessor::State::HandleEndpoints(Track& t) {
  const int asr_rate = ctx.recognizer->sample_rate();
  for (audio::EndpointEvent& ev : t.endpoint_events) {
    switch (ev.kind) {
      case audio::EndpointEvent::Kind::kStart: {
        t.in_utterance = true;
        t.utterance_start_ms = t.CallMs(ev.sample);
        t.utterance_id = std::string(SpeakerName(t.speaker)) + "-" +
                         std::to_string(++t.utterance_count);
        t.last_partial.clear();
        t.fed_since_partial = 0;
        t.to_asr.reset();
        if (t.vad_rate != asr_rate) {
          auto rs = audio::Resampler::Create(t.vad_rate, asr_rate);
          if (!rs.ok()) {
            RecognizerFailed(t, rs.status());
            break;
          }
          t.to_asr = std::move(rs).value();
        }
        if (t.session && !t.session_failed) {
          Status st = t.session->StartUtterance(
              static_cast<double>(t.utterance_start_ms) / 1000.0);
          if (!st.ok()) RecognizerFailed(t, st);
        }
        if (t.spotter) {
          Status st = t.spotter->StartUtterance(
              static_cast<double>(t.utterance_start_ms) / 1000.0);
          if (!st.ok()) SpotterFailed(t, st);
        }
        break;
      }
      case audio::EndpointEvent::Kind::kAudio: {
        if (!t.in_utterance || !t.session || t.session_failed) break;
        std::span<const int16_t> pcm = ev.samples;
        std::vector<int16_t> up;
        if (t.to_asr) {
          t.to_asr->Process(ev.samples, up);
          pcm = up;
        }
        Status st = t.session->Feed(pcm);
        if (!st.ok()) {
          RecognizerFailed(t, st);
          break;
        }
        if (t.spotter) {
          if (Status sst = t.spotter->Feed(pcm); !sst.ok()) {
            SpotterFailed(t, sst);
          }
        }
        t.fed_since_partial += static_cast<int64_t>(pcm.size());
        if (t.fed_since_partial * 1000 >=
            static_cast<int64_t>(options.partial_interval_ms) * asr_rate) {
          t.fed_since_partial = 0;
          auto partial = t.session->Partial();
          if (partial.ok() && partial->has_value() &&
              !(*partial)->text.empty() && (*partial)->text != t.last_partial) {
            t.last_partial = (*partial)->text;
            int64_t now_ms =
                t.CallMs(ev.sample) +
                SamplesToMs(static_cast<int64_t>(ev.samples.size()),
                            t.vad_rate);
            Emit(now_ms, TranscriptPartial{t.utterance_id, t.speaker,
                                           t.utterance_start_ms, now_ms,
                                           t.last_partial});
          }
        }
        break;
      }
      case audio::EndpointEvent::Kind::kEnd:
        FinishUtterance(t, t.CallMs(ev.sample));
        break;
    }
  }
  t.endpoint_events.clear();
}

void CallProcessor::State::FinishUtterance(Track& t, int64_t end_ms) {
  if (!t.in_utterance) return;
  t.in_utterance = false;
  if (!t.session || t.session_failed) return;
  auto hyp = t.session->EndUtterance();
  std::vector<SpottedPhrase> spotted;
  if (t.spotter) {
    auto hits = t.spotter->EndUtterance();
    if (!hits.ok()) {
      SpotterFailed(t, hits.status());
    } else {
      for (const speech::KeywordHit& h : *hits) {
        spotted.push_back(
            {h.phrase, static_cast<int64_t>(h.start_s * 1000 + 0.5),
             static_cast<int64_t>(h.end_s * 1000 + 0.5), h.score});
      }
    }
  }
  if (!hyp.ok()) return RecognizerFailed(t, hyp.status());
  if (hyp->text.empty()) return;  // Noise the recognizer found no words in.
  TranscriptFinal f;
  f.utterance_id = t.utterance_id;
  f.speaker = t.speaker;
  f.text = hyp->text;
  f.confidence = hyp->confidence;
  for (const speech::WordTiming& w : hyp->words) {
    f.words.push_back(Word{w.w, static_cast<int64_t>(w.start_s * 1000 + 0.5),
                           static_cast<int64_t>(w.end_s * 1000 + 0.5)});
  }
  // Speech extent: from the first to the last recognized word; the VAD
  // segment (which includes pre-roll and hangover) only when there are none.
  f.start_ms =
      f.words.empty() ? t.utterance_start_ms : f.words.front().start_ms;
  f.end_ms = f.words.empty() ? end_ms : f.words.back().end_ms;
  // The final and what it causes (objections, cards, the metrics tick) go
  // out together, so metrics ticks are monotonic in seq order even with both
  // tracks finishing at once.
  std::lock_guard<std::mutex> lock(emit_mu);
  std::vector<CallEvent> more = intel->OnFinal(f, spotted);
  EmitLocked(end_ms, std::move(f));
  for (CallEvent& e : more) EmitLocked(end_ms, std::move(e));
}

void CallProcessor::State::Finalize() {
  MediaStats stats = end_stats;
  stats.dropped_audio_ms += dropped_ms.load();
  // Both tracks have run their last task (tracks_pending_end reached 0), so
  // their positions are final and safe to read here.
  int64_t duration_ms = 0;
  for (const Track& t : tracks) {
    duration_ms = std::max(duration_ms, t.CallMs(t.next_sample));
  }
  std::vector<TranscriptFinal> finals_copy;
  Emit(duration_ms, CallEndedEvent{end_reason, duration_ms, stats});
  report::ReportOptions ro;
  {
    std::lock_guard<std::mutex> lock(emit_mu);
    finals_copy = finals;
    ro.config = intel->settings().config;
  }
  report::CallReport a = report::BuildCallReport(
      info, started_unix_ms, std::move(finals_copy), duration_ms, ro);
  if (ctx.llm != nullptr) {
    Status written = report::WriteFollowUpWithLlm(a, *ctx.llm, ro.config);
    if (!written.ok()) {
      // Only the code: a rejected reply's message may quote the model's
      // text, which is built from the call's personal data.
      LogWarn("pipeline.llm_follow_up_failed",
              {F("call", info.call_sid),
               F("code", std::string(StatusCodeName(written.code())))});
    }
  }
  Status stored;
  if (ctx.store != nullptr) {
    // Analysis first: a call is only marked finished once its analysis is
    // stored, so a failure here leaves it to start-up recovery.
    Status st = ctx.store->SetAnalysis(info.call_sid, a.json);
    if (st.ok()) {
      st = ctx.store->FinishCall(
          info.call_sid, storage::CallState::kCompleted, ctx.clock->NowUnixMs(),
          duration_ms, EndReasonName(end_reason), MediaStatsJson(stats));
    }
    if (!st.ok()) stored = st;
  }
  if (stored.ok()) {
    Emit(duration_ms, AnalysisReady{});
  } else {
    // The call stays "active" in the store, so the next start-up's recovery
    // finalizes it from the stored events.
    LogError("pipeline.finalize_failed",
             {F("call", info.call_sid), F("error", stored.ToString())});
    Emit(duration_ms,
         Alert{"storage_error", "the call's analysis could not be stored: " +
                                    stored.ToString()});
  }
  LogInfo("call.finalized",
          {F("call", info.call_sid), F("reason", EndReasonName(end_reason)),
           F("duration_ms", duration_ms),
           F("utterances", static_cast<int64_t>(a.analysis.utterances.size())),
           F("objections", static_cast<int64_t>(a.analysis.objections.size())),
           F("dropped_audio_ms", stats.dropped_audio_ms)});
  if (ctx.registry != nullptr) ctx.registry->Remove(info.call_sid);
  std::lock_guard<std::mutex> lock(done_mu);
  result = std::move(a);
  done = true;
  done_cv.notify_all();
}

CallProcessor::CallProcessor(std::unique_ptr<State> state)
    : s_(std::move(state)) {}
CallProcessor::~CallProcessor() = default;

StatusOr<std::shared_ptr<CallProcessor>> CallProcessor::Start(
    const CallStarted& call, const PipelineOptions& options,
    const PipelineContext& context) {
  if (!context.recognizer || context.pool == nullptr) {
    return InvalidArgument("pipeline needs a recognizer and a worker pool");
  }
  if (call.call_sid.empty()) return InvalidArgument("call sid is empty");
  auto s = std::make_unique<State>();
  s->info = call;
  s->options = options;
  s->ctx = context;
  s->started_unix_ms = context.clock->NowUnixMs();
  if (context.store != nullptr) {
    storage::CallRecord rec;
    rec.call_sid = call.call_sid;
    rec.stream_sid = call.stream_sid;
    rec.account_sid = call.account_sid;
    rec.direction = CallDirectionName(call.direction);
    rec.source = call.source;
    // The TwiML we return names them user_id / tenant_id; "user" is the
    // older name (and simulate's).
    for (const char* key : {"user_id", "user"}) {
      auto it = call.custom_parameters.find(key);
      if (it != call.custom_parameters.end() && rec.agent_id.empty()) {
        rec.agent_id = it->second;
      }
    }
    if (auto it = call.custom_parameters.find("tenant_id");
        it != call.custom_parameters.end() && !it->second.empty()) {
      rec.tenant_id = it->second;
    }
    rec.custom_parameters_json = StringMapJson(call.custom_parameters);
    rec.started_unix_ms = s->started_unix_ms;
    SC_RETURN_IF_ERROR(context.store->CreateCall(rec));
  }
  CallSettings settings;
  if (context.settings != nullptr) settings = context.settings->ForCall(call);
  const speech::SessionOptions agent_session = settings.agent_session;
  s->intel = std::make_unique<LiveIntelligence>(std::move(settings));
  for (int i = 0; i < 2; ++i) {
    s->tracks[i].speaker = static_cast<Speaker>(i);
    s->tracks[i].queue = context.pool->NewSerialQueue();
  }
  std::shared_ptr<CallProcessor> p(new CallProcessor(std::move(s)));
  p->s_->Emit(0, CallStartedEvent{call});
  if (context.registry != nullptr) context.registry->Add(call.call_sid, p);
  // Sessions are opened on the workers: loading one costs CPU time the
  // caller's (network) thread must not spend.
  for (Track& t : p->s_->tracks) {
    // Only the agent's track gets the salesperson's voice profile.
    speech::SessionOptions session_options;
    if (t.speaker == Speaker::kAgent) {
      session_options = agent_session;
    }
    t.queue->Post([self = p, &t, so = std::move(session_options)] {
      auto session = self->s_->ctx.recognizer->NewSession(so);
      if (!session.ok() && !so.empty()) {
        // A profile the engine refuses must not cost the call its
        // transcript: fall back to the shared settings.
        LogWarn("pipeline.voice_profile_refused",
                {F("call", self->s_->info.call_sid),
                 F("error", session.status().ToString())});
        session = self->s_->ctx.recognizer->NewSession();
      }
      if (session.ok() && t.speaker == Speaker::kProspect &&
          self->s_->ctx.spotter) {
        auto spotter = self->s_->ctx.spotter->NewSession();
        if (spotter.ok()) {
          t.spotter = std::move(spotter).value();
        } else {
          self->s_->SpotterFailed(t, spotter.status());
        }
      }
      if (session.ok()) {
        t.session = std::move(session).value();
      } else {
        self->s_->RecognizerFailed(t, session.status());
      }
    });
  }
  LogInfo("call.started", {F("call", call.call_sid), F("source", call.source),
                           F("direction", CallDirectionName(call.direction))});
  return p;
}

void CallProcessor::PushAudio(AudioChunk chunk) {
  if (s_->end_requested.load()) return;
  Track& t = s_->tracks[static_cast<int>(chunk.speaker)];
  int64_t ms = SamplesToMs(static_cast<int64_t>(chunk.samples.size()),
                           chunk.sample_rate);
  if (t.backlog_ms.load() + ms > s_->options.max_backlog_ms) {
    s_->dropped_ms += ms;
    if (!t.dropping.exchange(true)) {
      LogWarn("pipeline.audio_dropped", {F("call", s_->info.call_sid),
                                         F("speaker", SpeakerName(t.speaker))});
      s_->ctx.pool->Post([self = shared_from_this(), at = chunk.timestamp_ms,
                          who = t.speaker] {
        self->s_->Emit(
            at, Alert{"audio_dropped",
                      std::string("recognition is behind; audio of the ") +
                          SpeakerName(who) + " is being dropped"});
      });
    }
    return;
  }
  t.dropping.store(false);
  t.backlog_ms += ms;
  t.queue->Post([self = shared_from_this(), &t, ms, c = std::move(chunk)] {
    self->s_->ProcessChunk(t, c);
    t.backlog_ms -= ms;
  });
}

void CallProcessor::PushDtmf(const Dtmf& dtmf) {
  if (s_->end_requested.load()) return;
  Track& t = s_->tracks[static_cast<int>(dtmf.speaker)];
  t.queue->Post([self = shared_from_this(), dtmf] {
    self->s_->Emit(dtmf.timestamp_ms, DtmfEvent{dtmf.speaker, dtmf.digit});
  });
}

void CallProcessor::RaiseAlert(int64_t at_ms, Alert alert) {
  s_->ctx.pool->Post([self = shared_from_this(), at_ms, a = std::move(alert)] {
    self->s_->Emit(at_ms, a);
  });
}

int64_t CallProcessor::backlog_ms() const {
  return s_->tracks[0].backlog_ms.load() + s_->tracks[1].backlog_ms.load();
}

void CallProcessor::End(EndReason reason, const MediaStats& stats) {
  if (s_->end_requested.exchange(true)) return;
  s_->end_reason = reason;
  s_->end_stats = stats;
  for (Track& t : s_->tracks) {
    t.queue->Post([self = shared_from_this(), &t] {
      State& s = *self->s_;
      if (t.vad) {
        t.vad->Flush(t.endpoint_events);
        s.HandleEndpoints(t);
      }
      s.FinishUtterance(t, t.CallMs(t.next_sample));
      if (--s.tracks_pending_end == 0) {
        if (s.ctx.post_call_pool != nullptr) {
          s.ctx.post_call_pool->Post([self] { self->s_->Finalize(); });
        } else {
          s.Finalize();
        }
      }
    });
  }
}

StatusOr<GuidanceCard> CallProcessor::RequestAlternative(
    std::string_view card_id) {
  std::lock_guard<std::mutex> lock(s_->emit_mu);
  if (s_->closed || s_->end_requested.load()) {
    return FailedPrecondition("the call has ended");
  }
  SC_ASSIGN_OR_RETURN(GuidanceCard card,
                      s_->intel->Alternative(card_id, s_->last_at_ms));
  s_->EmitLocked(s_->last_at_ms, card);
  return card;
}

StatusOr<CardFeedback> CallProcessor::GiveFeedback(
    std::string_view card_id, guidance::FeedbackAction action) {
  std::lock_guard<std::mutex> lock(s_->emit_mu);
  if (s_->closed) return FailedPrecondition("the call's analysis is done");
  SC_ASSIGN_OR_RETURN(CardFeedback fb,
                      s_->intel->Feedback(card_id, action, s_->last_at_ms));
  s_->EmitLocked(s_->last_at_ms, fb);
  return fb;
}

void CallRegistry::Add(const std::string& call_sid,
                       std::weak_ptr<CallProcessor> call) {
  std::lock_guard<std::mutex> lock(mu_);
  calls_[call_sid] = std::move(call);
}

void CallRegistry::Remove(const std::string& call_sid) {
  std::lock_guard<std::mutex> lock(mu_);
  calls_.erase(call_sid);
}

std::shared_ptr<CallProcessor> CallRegistry::Find(
    const std::string& call_sid) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = calls_.find(call_sid);
  return it == calls_.end() ? nullptr : it->second.lock();
}

report::CallReport CallProcessor::WaitFinalized() {
  std::unique_lock<std::mutex> lock(s_->done_mu);
  s_->done_cv.wait(lock, [this] { return s_->done; });
  return s_->result;
}

bool CallProcessor::finalized() const {
  std::lock_guard<std::mutex> lock(s_->done_mu);
  return s_->done;
}

const std::string& CallProcessor::call_sid() const { return s_->info.call_sid; }

int64_t CallProcessor::dropped_audio_ms() const {
  return s_->dropped_ms.load();
}

}  // namespace sc::pipeline
