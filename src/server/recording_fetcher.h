// RecordingFetcher: downloads finished call recordings from Twilio into the
// recording store on its own thread, so the network threads never wait on
// Twilio, and links each to its call in the database (RecordingRecord
// status "stored" with the local path, or "failed" with the reason).
//
//   RecordingFetcher fetcher(store, rest_client, recordings, clock, {});
//   fetcher.Enqueue(job);   // from a request handler; never blocks
//   ...
//   fetcher.Stop();         // finishes the download in progress, drops the
//   rest
//
// Retries: Twilio may answer 404 for a recording it is still processing and
// any download can fail transiently, so NotFound, Unavailable and
// ResourceExhausted are retried after backoff_ms, doubling, up to
// max_attempts; other errors (a bad sid, a non-WAV body) fail at once.
// Every outcome is logged with the call and recording sids, never a URL
// with credentials (the REST client never puts them in URLs).
//
// Thread-safety: Enqueue and Stop may be called from any thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include "core/clock.h"
#include "server/twilio_routes.h"
#include "storage/store.h"
#include "telephony/twilio/recording_store.h"
#include "telephony/twilio/rest_client.h"

namespace sc::server {

struct RecordingFetcherOptions {
  size_t max_queue = 1000;  // Enqueue refuses beyond this many waiting jobs.
  int max_attempts = 5;
  int64_t backoff_ms = 1000;  // Before the first retry; doubles each time.
  // Called on the fetcher's thread once a recording is stored and linked to
  // its call (status "stored"), e.g. to queue post-call re-transcription.
  // Must not block for long. Empty: nothing.
  std::function<void(const storage::RecordingRecord&)> on_stored;
};

class RecordingFetcher {
 public:
  // None of the pointers is owned; all must outlive the fetcher.
  RecordingFetcher(storage::Store* store, const twilio::RestClient* client,
                   twilio::RecordingStore* recordings, const Clock* clock,
                   RecordingFetcherOptions options);
  ~RecordingFetcher();  // Calls Stop().
  RecordingFetcher(const RecordingFetcher&) = delete;
  RecordingFetcher& operator=(const RecordingFetcher&) = delete;

  // Queues a job; false when stopped or the queue is full.
  bool Enqueue(RecordingJob job);
  // Stops the thread: the job in progress ends after its current attempt;
  // queued jobs are dropped (their recordings stay "completed" in the
  // database, and Twilio keeps the media). Idempotent.
  void Stop();

 private:
  void Run();
  void Fetch(const RecordingJob& job);
  // Sleeps up to `ms`; false when Stop() interrupted it.
  bool Sleep(int64_t ms);

  storage::Store* const store_;
  const twilio::RestClient* const client_;
  twilio::RecordingStore* const recordings_;
  const Clock* const clock_;
  const RecordingFetcherOptions options_;

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<RecordingJob> queue_;  // GUARDED_BY(mu_)
  bool stopping_ = false;           // GUARDED_BY(mu_)
  std::thread thread_;
};

}  // namespace sc::server
