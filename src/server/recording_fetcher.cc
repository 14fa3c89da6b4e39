#include "server/recording_fetcher.h"

#include <chrono>

#include "core/log.h"
#include "telephony/twilio/recording_fetch.h"

namespace sc::server {
namespace {

bool Retryable(const Status& s) {
  return s.code() == StatusCode::kNotFound ||
         s.code() == StatusCode::kUnavailable ||
         s.code() == StatusCode::kResourceExhausted;
}

}  // namespace

RecordingFetcher::RecordingFetcher(storage::Store* store,
                                   const twilio::RestClient* client,
                                   twilio::RecordingStore* recordings,
                                   const Clock* clock,
                                   RecordingFetcherOptions options)
    : store_(store),
      client_(client),
      recordings_(recordings),
      clock_(clock),
      options_(options),
      thread_([this] { Run(); }) {}

RecordingFetcher::~RecordingFetcher() { Stop(); }

bool RecordingFetcher::Enqueue(RecordingJob job) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_ || queue_.size() >= options_.max_queue) return false;
    queue_.push_back(std::move(job));
  }
  cv_.notify_all();
  return true;
}

void RecordingFetcher::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_ && !thread_.joinable()) return;
    stopping_ = true;
    if (!queue_.empty()) {
      LogWarn("recording.fetch_dropped",
              {F("jobs", static_cast<uint64_t>(queue_.size()))});
    }
    queue_.clear();
  }
  cv_.notify_all();
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) {
    thread_.join();
  }
}

bool RecordingFetcher::Sleep(int64_t ms) {
  std::unique_lock<std::mutex> lock(mu_);
  return !cv_.wait_for(lock, std::chrono::milliseconds(ms),
                       [this] { return stopping_; });
}

void RecordingFetcher::Run() {
  while (true) {
    RecordingJob job;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      job = std::move(queue_.front());
      queue_.pop_front();
    }
    Fetch(job);
  }
}

void RecordingFetcher::Fetch(const RecordingJob& job) {
  const twilio::RecordingFacts& f = job.facts;
  StatusOr<twilio::FetchedRecording> fetched =
      Internal("recording fetch was not attempted");
  int64_t backoff = options_.backoff_ms;
  for (int attempt = 1; attempt <= options_.max_attempts; ++attempt) {
    fetched = twilio::FetchRecording(*client_, *recordings_, f);
    if (fetched.ok() || !Retryable(fetched.status())) break;
    LogInfo("recording.fetch_retry",
            {F("call", f.call_sid), F("recording", f.recording_sid),
             F("attempt", attempt), F("error", fetched.status().ToString())});
    if (attempt == options_.max_attempts || !Sleep(backoff)) break;
    backoff *= 2;
  }
  // Link the outcome to the call: re-read so the creation time and the
  // callback's facts are kept.
  storage::RecordingRecord rec;
  StatusOr<storage::RecordingRecord> stored =
      store_->GetRecording(f.recording_sid);
  if (stored.ok()) {
    rec = *stored;
  } else {
    rec.recording_sid = f.recording_sid;
    rec.call_sid = f.call_sid;
    rec.account_sid = f.account_sid;
    rec.source_url = f.recording_url;
    rec.created_unix_ms = clock_->NowUnixMs();
  }
  rec.updated_unix_ms = clock_->NowUnixMs();
  if (fetched.ok()) {
    rec.status = storage::RecordingStatus::kStored;
    rec.local_path = fetched->stored.path.empty() ? fetched->stored.location
                                                  : fetched->stored.path;
    rec.channels = fetched->channels;
    rec.duration_s = static_cast<int64_t>(fetched->duration_s + 0.5);
    rec.error.clear();
    LogInfo("recording.stored",
            {F("call", f.call_sid), F("recording", f.recording_sid),
             F("bytes", fetched->stored.size_bytes),
             F("channels", fetched->channels),
             F("duration_s", fetched->duration_s)});
  } else {
    rec.status = storage::RecordingStatus::kFailed;
    rec.error = fetched.status().ToString();
    LogWarn("recording.fetch_failed",
            {F("call", f.call_sid), F("recording", f.recording_sid),
             F("error", rec.error)});
  }
  Status put = store_->PutRecording(rec);
  if (!put.ok()) {
    LogError("recording.link_failed",
             {F("call", f.call_sid), F("recording", f.recording_sid),
              F("error", put.ToString())});
  } else if (rec.status == storage::RecordingStatus::kStored &&
             options_.on_stored) {
    options_.on_stored(rec);
  }
}

}  // namespace sc::server
