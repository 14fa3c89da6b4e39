// Post-call re-transcription: once a call's dual-channel recording has been
// fetched, each channel is transcribed by the remote engine (an
// OpenAI-compatible /v1/audio/transcriptions server, usually a whisper model
// more accurate than the live engine), the report is rebuilt from that
// transcript and stored as the call's analysis, and `analysis.ready` with
// `transcript_source: "remote"` is emitted (docs/operations.md,
// "Re-transcription").
//
//   RetranscriberDeps deps{store, &transcriber, &pool, {&live_hub}};
//   PostCallRetranscriber post_call(deps);
//   post_call.OnRecordingStored(recording);  // from the fetcher; never blocks
//   ...
//   post_call.Stop();  // drops queued jobs, waits for the one running
//
//   // Or on demand, blocking (`salescopilot calls retranscribe`):
//   SC_ASSIGN_OR_RETURN(RetranscribeResult r,
//                       RetranscribeCall(call_sid, {}, deps_without_pool));
//
// Contract:
//   - The remote analysis replaces the live one as the call's analysis
//     document (`transcript_source: "remote"` in it); the live transcript
//     stays in the call's stored `transcript.final` events, so nothing is
//     lost and `calls show --live` rebuilds the live report from them.
//   - Channels map to speakers as the call's tracks did: channel 1 of a
//     Twilio dual-channel recording is the parent leg, which is the media
//     stream's `inbound` track, channel 2 the `outbound` track; so the agent
//     is channel 2 when the call's `agent_track` was "outbound", else
//     channel 1.
//   - Failures (server down, HTTP 4xx/5xx after retries, a mono or missing
//     recording, a call still active after `max_wait_for_live_ms`) leave the
//     stored analysis and events untouched; PostCallRetranscriber logs them
//     with the call and recording sids (never the transcript).
//   - Times in the remote analysis are call times, like the live ones: the
//     recording starts when the call is answered and the live stream may
//     start earlier, so the remote transcript is shifted by the offset the
//     words both transcripts heard agree on (`recording_offset_ms` in the
//     document). With too few shared words (a silent live track, a live
//     recognizer that heard little) the times stay recording times,
//     `recording_offset_ms` is null and a warning is logged.
//
// Thread-safety: RetranscribeCall is safe to call from any thread (the
// store and transcriber are thread-safe); it blocks for network round
// trips: never on a network thread. PostCallRetranscriber's methods may be
// called from any thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "llm/chat_client.h"
#include "pipeline/pipeline.h"
#include "speech/remote/remote_transcriber.h"
#include "storage/store.h"

namespace sc::pipeline {

struct RetranscriberDeps {
  storage::Store* store = nullptr;                         // Required.
  const speech::RemoteTranscriber* transcriber = nullptr;  // Required.
  // Where PostCallRetranscriber runs its jobs (RetranscribeCall ignores
  // it). Required for PostCallRetranscriber.
  WorkerPool* pool = nullptr;
  // Receive the `analysis.ready` event (the live hub). Not owned; must
  // outlive the retranscriber (Stop() before destroying them).
  std::vector<EventSink*> sinks;
  Clock* clock = &SystemClock();
  // When set, rewrites the summary and follow-up email as the live path
  // does; on failure the template text stays. Not owned; thread-safe.
  llm::ChatClient* llm = nullptr;
  speech::TrackOptions track;
  // A recording can arrive before the live call is finalized; the job waits
  // this long for the call to leave the "active" state, polling every
  // `poll_ms`, then gives up (FailedPrecondition).
  int64_t max_wait_for_live_ms = 120'000;
  int64_t poll_ms = 500;
};

struct RetranscribeResult {
  std::string recording_sid;
  int utterances = 0;     // Final utterances of both channels.
  int requests = 0;       // Channels transcribed (HTTP requests may be more).
  int64_t event_seq = 0;  // Seq of the `analysis.ready` it emitted.
  // Call time = recording time + offset_ms, from the words the live and
  // remote transcripts share (pipeline/time_alignment.h); nullopt when they
  // share too few, and the times stay recording times.
  std::optional<int64_t> offset_ms;
  std::string analysis_json;  // Personal data.
};

// Re-transcribes one call from `recording_sid`'s stored file (empty: the
// call's newest recording with status "stored"). NotFound for an unknown
// call or when it has no stored recording; FailedPrecondition for a mono
// recording or a call still active; the transcriber's errors as they are
// (Unavailable, InvalidArgument, Unauthenticated...); the store's errors.
// `should_stop` (optional) ends the wait for an active call early.
StatusOr<RetranscribeResult> RetranscribeCall(
    const std::string& call_sid, const std::string& recording_sid,
    const RetranscriberDeps& deps,
    const std::function<bool()>& should_stop = nullptr);

class PostCallRetranscriber {
 public:
  // REQUIRES: deps.store, deps.transcriber and deps.pool set.
  explicit PostCallRetranscriber(RetranscriberDeps deps);
  ~PostCallRetranscriber();  // Calls Stop().
  PostCallRetranscriber(const PostCallRetranscriber&) = delete;
  PostCallRetranscriber& operator=(const PostCallRetranscriber&) = delete;

  // Queues the re-transcription of `recording`'s call on the pool when the
  // recording is stored with two channels; otherwise logs why it is
  // skipped. Never blocks; ignored after Stop().
  void OnRecordingStored(const storage::RecordingRecord& recording);
  // Jobs not yet started are dropped (the recording stays; `calls
  // retranscribe` can redo them); waits for the one in progress. Idempotent.
  void Stop();
  // Blocks until no job is queued or running (tests).
  void WaitIdle();

 private:
  void Run(const storage::RecordingRecord& recording);

  const RetranscriberDeps deps_;
  std::mutex mu_;
  std::condition_variable cv_;
  int pending_ = 0;        // GUARDED_BY(mu_): queued or running jobs.
  bool stopping_ = false;  // GUARDED_BY(mu_)
};

}  // namespace sc::pipeline
