// The per-call pipeline: provider-neutral audio in, call events out.
//
//   PipelineContext ctx{recognizer, store, {&live_hub}, &pool};
//   SC_ASSIGN_OR_RETURN(auto call, CallProcessor::Start(started, {}, ctx));
//   call->PushAudio(std::move(chunk));      // from a network thread: never
//   blocks call->End(EndReason::kStop, stats);      // flushes, finalizes,
//   analyses analysis::CallAnalysis a = call->WaitFinalized();
//
// Per track (agent, prospect): resample to a VAD rate if needed -> endpointer
// (WebRTC VAD) -> resample to the recognizer's rate -> one long-lived
// recognizer session. Each track runs on its own serial queue of the worker
// pool, so both sides are recognized in parallel and never on the caller's
// thread. Events are numbered per call (seq 1, 2, ...), written to the store
// as they happen, then handed to the sinks (the live hub) in seq order.
//
// Backpressure: audio waiting for recognition is bounded per track
// (max_backlog_ms); beyond it new audio is dropped, counted in
// MediaStats.dropped_audio_ms and announced by an `alert` event. Control
// events (end of call) are never dropped.
//
// Thread-safety: CallProcessor methods may be called from any thread.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/analysis.h"
#include "audio/vad.h"
#include "core/clock.h"
#include "core/status.h"
#include "events/events.h"
#include "pipeline/intelligence.h"
#include "pipeline/worker_pool.h"
#include "report/report.h"
#include "speech/keyword_spotter.h"
#include "speech/recognizer.h"
#include "storage/store.h"

namespace sc::pipeline {

// Receives every event of every call, in seq order per call. Called on a
// worker thread while the call's event lock is held: must not block for long
// and must not call back into the CallProcessor.
class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual void OnEvent(const EventEnvelope& event) = 0;
};

struct PipelineOptions {
  // Voice activity and endpointing (sample_rate is chosen per source).
  audio::EndpointerOptions endpointer;
  // Audio fed to the recognizer between two partial-result checks.
  int partial_interval_ms = 500;
  // Audio queued for recognition per track beyond which new audio is dropped.
  int64_t max_backlog_ms = 30'000;
  // A jump in stream timestamps up to this long is filled with silence so the
  // call clock stays true; longer jumps are treated as a new origin.
  int64_t max_gap_fill_ms = 3'600'000;
};

struct PipelineContext {
  std::shared_ptr<speech::Recognizer> recognizer;  // Required.
  storage::Store* store = nullptr;  // Optional: events are not persisted.
  std::vector<EventSink*> sinks;    // Not owned; must outlive the calls.
  WorkerPool* pool = nullptr;       // Required.
  Clock* clock = &SystemClock();
  // The salesperson's AI configuration and feedback history per call.
  // Optional: defaults for every call.
  CallSettingsSource* settings = nullptr;
  // Where live calls are findable by sid (card feedback and alternatives
  // from the agent's screen). Optional; not owned.
  class CallRegistry* registry = nullptr;
  // When set, writes the report's summary and follow-up email
  // (report::WriteFollowUpWithLlm) before the analysis is stored; on failure
  // the template text stays. Not owned; must be thread-safe.
  llm::ChatClient* llm = nullptr;
  // Where the end-of-call work (report, LLM, storage) runs, so a slow LLM
  // never holds a recognition worker. Default (null): `pool`.
  WorkerPool* post_call_pool = nullptr;
  // Keyphrase spotting on the prospect's audio beside the recognizer
  // (`[speech] keyword_spotting`): each prospect utterance is also fed to a
  // session of this spotter, on the track's own queue, and its hits are
  // objection evidence (LiveIntelligence::OnFinal). Optional (null: off).
  std::shared_ptr<speech::KeywordSpotter> spotter;
};

class CallProcessor : public std::enable_shared_from_this<CallProcessor> {
 public:
  // Creates the call record (when a store is given), emits `call.started`
  // and opens one recognizer session per speaker. AlreadyExists when the
  // store already holds this call sid.
  static StatusOr<std::shared_ptr<CallProcessor>> Start(
      const CallStarted& call, const PipelineOptions& options,
      const PipelineContext& context);
  ~CallProcessor();

  // Queues audio for recognition. Never blocks; drops (and counts) audio when
  // the speaker's backlog is over the bound.
  void PushAudio(AudioChunk chunk);
  void PushDtmf(const Dtmf& dtmf);
  // Emits an `alert` event (e.g. media trouble seen by the source).
  void RaiseAlert(int64_t at_ms, Alert alert);
  // Ends the call: utterances in flight are finished, `call.ended` is
  // emitted with `stats` (plus the pipeline's own drop counts), the analysis
  // is built and stored and `analysis.ready` is emitted. Later calls are
  // ignored.
  void End(EndReason reason, const MediaStats& stats);

  // The agent asked for another approach to guidance card `card_id`: emits
  // the new card (a `guidance.card` event) and returns it. NotFound for an
  // unknown card, FailedPrecondition when it has no alternative or the call
  // has ended.
  StatusOr<GuidanceCard> RequestAlternative(std::string_view card_id);
  // The agent used or dismissed a card: emits `guidance.feedback`. The
  // engine prefers used approaches for the rest of the call.
  StatusOr<CardFeedback> GiveFeedback(std::string_view card_id,
                                      guidance::FeedbackAction action);

  // Blocks until End() has been fully processed.
  report::CallReport WaitFinalized();
  bool finalized() const;
  const std::string& call_sid() const;

  // Audio dropped so far because of backlog, in ms.
  int64_t dropped_audio_ms() const;
  // Audio queued for recognition and not yet processed, both tracks, in ms.
  int64_t backlog_ms() const;

 private:
  struct State;
  explicit CallProcessor(std::unique_ptr<State> state);
  std::unique_ptr<State> s_;
};

// Live calls by sid. Thread-safe. Calls register when they start and leave
// when they are finalized.
class CallRegistry {
 public:
  void Add(const std::string& call_sid, std::weak_ptr<CallProcessor> call);
  void Remove(const std::string& call_sid);
  // Null when the call is not live (never started here, or finalized).
  std::shared_ptr<CallProcessor> Find(const std::string& call_sid) const;

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::weak_ptr<CallProcessor>>
      calls_;  // GUARDED_BY(mu_)
};

// Call settings from the store: the AI configuration saved for the call's
// user (custom parameter `user_id`, or `user`) and their card feedback on
// earlier calls of the same tenant. Defaults when the call names no user,
// names a user that is not stored or belongs to another tenant than the
// call's (custom parameter `tenant_id`, else "default"; both logged), or
// nothing is saved; a configuration that no longer parses is logged and
// replaced by defaults. The user's latest voice profile sets the agent
// track's session options and the pace baseline (docs/speech-engines.md,
// voice calibration).
class StoreCallSettings : public CallSettingsSource {
 public:
  explicit StoreCallSettings(storage::Store* store) : store_(store) {}
  CallSettings ForCall(const CallStarted& call) override;

 private:
  // The user's latest voice profile in `tenant` (voice calibration), if
  // any: the agent track's session options and the pace baseline.
  void ApplyVoiceProfile(const std::string& tenant, CallSettings& out);

  storage::Store* store_;
};

// Finalizes calls the store still marks active (the server stopped during
// them): each gets `call.ended` (reason "restart"), its analysis from the
// stored transcript, state "interrupted" and `analysis.ready`. Returns how
// many calls were recovered.
// `settings` (optional) gives each call's user configuration for the report.
StatusOr<int> RecoverInterruptedCalls(storage::Store& store, Clock& clock,
                                      CallSettingsSource* settings = nullptr);

}  // namespace sc::pipeline
