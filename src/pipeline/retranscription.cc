#include "pipeline/retranscription.h"

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cmath>
#include <optional>
#include <thread>

#include "audio/wav.h"
#include "core/log.h"
#include "events/event_json.h"
#include "pipeline/time_alignment.h"

namespace sc::pipeline {
namespace {

namespace json = boost::json;

int64_t Ms(double seconds) {
  return static_cast<int64_t>(std::llround(seconds * 1000.0));
}

// The call's start as the live pipeline recorded it (its `call.started`
// event), for the track mapping and the report header.
StatusOr<CallStarted> StartedInfo(storage::Store& store,
                                  const storage::CallRecord& call) {
  SC_ASSIGN_OR_RETURN(std::vector<storage::StoredEvent> first,
                      store.ListEvents(call.call_sid, 0, 1));
  CallStarted info;
  info.call_sid = call.call_sid;
  if (!first.empty() && first[0].type == "call.started") {
    SC_ASSIGN_OR_RETURN(CallEvent e,
                        ParseEventData(first[0].type, first[0].payload_json));
    if (auto* s = std::get_if<CallStartedEvent>(&e)) info = s->info;
  }
  return info;
}

StatusOr<storage::RecordingRecord> PickRecording(
    storage::Store& store, const std::string& call_sid,
    const std::string& recording_sid) {
  if (!recording_sid.empty()) {
    SC_ASSIGN_OR_RETURN(storage::RecordingRecord r,
                        store.GetRecording(recording_sid));
    if (r.call_sid != call_sid) {
      return InvalidArgument("recording " + recording_sid +
                             " belongs to another call");
    }
    if (r.status != storage::RecordingStatus::kStored) {
      return FailedPrecondition("recording " + recording_sid + " is " +
                                storage::RecordingStatusName(r.status) +
                                ", not stored");
    }
    return r;
  }
  SC_ASSIGN_OR_RETURN(std::vector<storage::RecordingRecord> all,
                      store.ListRecordings(call_sid));
  for (auto it = all.rbegin(); it != all.rend(); ++it) {
    if (it->status == storage::RecordingStatus::kStored) return *it;
  }
  return NotFound("call " + call_sid + " has no stored recording");
}

// Waits until the live pipeline has finalized the call, so its analysis
// does not overwrite ours.
StatusOr<storage::CallRecord> WaitUntilFinished(
    storage::Store& store, const std::string& call_sid,
    const RetranscriberDeps& deps, const std::function<bool()>& should_stop) {
  int64_t waited = 0;
  while (true) {
    SC_ASSIGN_OR_RETURN(storage::CallRecord call, store.GetCall(call_sid));
    if (call.state != storage::CallState::kActive) return call;
    if (waited >= deps.max_wait_for_live_ms || (should_stop && should_stop())) {
      return FailedPrecondition("call " + call_sid +
                                " is still active; its live analysis is not "
                                "written yet");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(deps.poll_ms));
    waited += deps.poll_ms;
  }
}

// The live transcript, from the call's stored `transcript.final` events.
StatusOr<std::vector<TranscriptFinal>> LiveFinals(storage::Store& store,
                                                  const std::string& call_sid) {
  SC_ASSIGN_OR_RETURN(std::vector<storage::StoredEvent> events,
                      store.ListEvents(call_sid));
  std::vector<TranscriptFinal> finals;
  for (const storage::StoredEvent& e : events) {
    if (e.type != "transcript.final") continue;
    StatusOr<CallEvent> parsed = ParseEventData(e.type, e.payload_json);
    if (!parsed.ok()) continue;  // Unreadable: not evidence for alignment.
    if (auto* f = std::get_if<TranscriptFinal>(&*parsed)) {
      finals.push_back(std::move(*f));
    }
  }
  return finals;
}

void AddFinals(const std::vector<speech::RemoteSegment>& segments, Speaker who,
               std::vector<TranscriptFinal>& out) {
  int n = 0;
  for (const speech::RemoteSegment& seg : segments) {
    if (seg.text.empty()) continue;
    TranscriptFinal f;
    f.utterance_id = std::string(SpeakerName(who)) + "-r" + std::to_string(++n);
    f.speaker = who;
    f.text = seg.text;
    f.confidence = seg.confidence;
    for (const speech::WordTiming& w : seg.words) {
      f.words.push_back(Word{w.w, Ms(w.start_s), Ms(w.end_s)});
    }
    f.start_ms = f.words.empty() ? Ms(seg.start_s) : f.words.front().start_ms;
    f.end_ms = f.words.empty() ? Ms(seg.end_s) : f.words.back().end_ms;
    out.push_back(std::move(f));
  }
}

// Appends `event` after the call's last stored event and hands it to the
// sinks. A concurrent writer (another retranscription of the same call)
// makes the append fail; it is retried on the new last seq.
StatusOr<int64_t> AppendAndDeliver(const RetranscriberDeps& deps,
                                   const std::string& call_sid, int64_t at_ms,
                                   const CallEvent& event) {
  Status last;
  for (int attempt = 0; attempt < 3; ++attempt) {
    SC_ASSIGN_OR_RETURN(storage::CallRecord call,
                        deps.store->GetCall(call_sid));
    EventEnvelope env{call_sid, call.last_seq + 1, at_ms,
                      deps.clock->NowUnixMs(), event};
    last = deps.store->AppendEvent(
        storage::StoredEvent{call_sid, env.seq, EventType(env.event), at_ms,
                             env.wall_ms, EventDataJson(env.event)});
    if (last.ok()) {
      for (EventSink* sink : deps.sinks) sink->OnEvent(env);
      return env.seq;
    }
    if (last.code() != StatusCode::kFailedPrecondition &&
        last.code() != StatusCode::kAlreadyExists) {
      break;
    }
  }
  return last;
}

}  // namespace

StatusOr<RetranscribeResult> RetranscribeCall(
    const std::string& call_sid, const std::string& recording_sid,
    const RetranscriberDeps& deps, const std::function<bool()>& should_stop) {
  if (deps.store == nullptr || deps.transcriber == nullptr) {
    return InvalidArgument("re-transcription needs a store and a transcriber");
  }
  storage::Store& store = *deps.store;
  SC_ASSIGN_OR_RETURN(storage::CallRecord call, store.GetCall(call_sid));
  SC_ASSIGN_OR_RETURN(storage::RecordingRecord rec,
                      PickRecording(store, call_sid, recording_sid));
  SC_ASSIGN_OR_RETURN(audio::PcmAudio audio, audio::ReadWav(rec.local_path));
  if (audio.channels != 2) {
    return FailedPrecondition(
        "recording " + rec.recording_sid + " has " +
        std::to_string(audio.channels) +
        " channel(s); re-transcription needs a dual-channel recording to tell "
        "the speakers apart");
  }
  SC_ASSIGN_OR_RETURN(CallStarted info, StartedInfo(store, call));
  // Channel 1 (index 0) is the parent leg: Twilio's `inbound` track.
  const int agent_channel = info.agent_track == "outbound" ? 1 : 0;
  std::vector<TranscriptFinal> finals;
  RetranscribeResult result;
  result.recording_sid = rec.recording_sid;
  for (Speaker who : {Speaker::kAgent, Speaker::kProspect}) {
    const int channel =
        who == Speaker::kAgent ? agent_channel : 1 - agent_channel;
    std::vector<int16_t> pcm = audio::ExtractChannel(audio, channel);
    if (pcm.empty()) continue;
    SC_ASSIGN_OR_RETURN(std::vector<speech::RemoteSegment> segments,
                        speech::TranscribeTrack(*deps.transcriber, pcm,
                                                audio.sample_rate, deps.track));
    ++result.requests;
    AddFinals(segments, who, finals);
  }
  std::stable_sort(finals.begin(), finals.end(),
                   [](const TranscriptFinal& a, const TranscriptFinal& b) {
                     return a.start_ms < b.start_ms;
                   });
  result.utterances = static_cast<int>(finals.size());
  // Only now, after the slow part, make sure the live analysis is in.
  SC_ASSIGN_OR_RETURN(call,
                      WaitUntilFinished(store, call_sid, deps, should_stop));
  // Recording times onto call times: the words both transcripts heard.
  SC_ASSIGN_OR_RETURN(std::vector<TranscriptFinal> live,
                      LiveFinals(store, call_sid));
  const std::optional<TimeAlignment> aligned = EstimateTimeOffset(live, finals);
  if (aligned) {
    ShiftFinals(finals, aligned->offset_ms);
    result.offset_ms = aligned->offset_ms;
    LogInfo(
        "retranscribe.aligned",
        {F("call", call_sid), F("recording", rec.recording_sid),
         F("offset_ms", aligned->offset_ms), F("matches", aligned->matches)});
  } else {
    LogWarn("retranscribe.not_aligned",
            {F("call", call_sid), F("recording", rec.recording_sid),
             F("live_utterances", static_cast<int64_t>(live.size())),
             F("note", "times stay recording times")});
  }
  const int64_t duration_ms = std::max(
      call.duration_ms, static_cast<int64_t>(audio.duration_s() * 1000.0) +
                            result.offset_ms.value_or(0));
  StoreCallSettings settings(&store);
  report::ReportOptions ro;
  ro.config = settings.ForCall(info).config;
  report::CallReport r = report::BuildCallReport(
      info, call.started_unix_ms, std::move(finals), duration_ms, ro);
  if (deps.llm != nullptr) {
    Status written = report::WriteFollowUpWithLlm(r, *deps.llm, ro.config);
    if (!written.ok()) {
      LogWarn("retranscribe.llm_follow_up_failed",
              {F("call", call_sid),
               F("code", std::string(StatusCodeName(written.code())))});
    }
  }
  boost::system::error_code ec;
  json::value doc = json::parse(r.json, ec);
  if (ec || !doc.is_object()) {
    return Internal("the rebuilt analysis is not a JSON object");
  }
  doc.as_object()["transcript_source"] = "remote";
  doc.as_object()["recording_sid"] = rec.recording_sid;
  doc.as_object()["recording_offset_ms"] =
      result.offset_ms ? json::value(*result.offset_ms) : json::value(nullptr);
  result.analysis_json = json::serialize(doc);
  SC_RETURN_IF_ERROR(store.SetAnalysis(call_sid, result.analysis_json));
  SC_ASSIGN_OR_RETURN(
      result.event_seq,
      AppendAndDeliver(deps, call_sid, call.duration_ms,
                       AnalysisReady{.transcript_source = "remote"}));
  return result;
}

PostCallRetranscriber::PostCallRetranscriber(RetranscriberDeps deps)
    : deps_(std::move(deps)) {}

PostCallRetranscriber::~PostCallRetranscriber() { Stop(); }

void PostCallRetranscriber::OnRecordingStored(
    const storage::RecordingRecord& recording) {
  if (recording.status != storage::RecordingStatus::kStored) return;
  if (recording.channels == 1) {
    LogInfo(
        "retranscribe.skipped",
        {F("call", recording.call_sid), F("recording", recording.recording_sid),
         F("reason", "mono recording: speakers cannot be told apart")});
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) return;
    ++pending_;
  }
  deps_.pool->Post([this, recording] {
    bool run = false;
    {
      std::lock_guard<std::mutex> lock(mu_);
      run = !stopping_;
    }
    if (run) Run(recording);
    std::lock_guard<std::mutex> lock(mu_);
    --pending_;
    cv_.notify_all();
  });
}

void PostCallRetranscriber::Run(const storage::RecordingRecord& recording) {
  const auto t0 = std::chrono::steady_clock::now();
  LogInfo("retranscribe.started", {F("call", recording.call_sid),
                                   F("recording", recording.recording_sid)});
  auto stop = [this] {
    std::lock_guard<std::mutex> lock(mu_);
    return stopping_;
  };
  StatusOr<RetranscribeResult> r = RetranscribeCall(
      recording.call_sid, recording.recording_sid, deps_, stop);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
          .count();
  if (!r.ok()) {
    // The live analysis stays; `calls retranscribe` can try again later.
    LogWarn(
        "retranscribe.failed",
        {F("call", recording.call_sid), F("recording", recording.recording_sid),
         F("error", r.status().ToString()), F("seconds", seconds)});
    return;
  }
  LogInfo("retranscribe.done", {F("call", recording.call_sid),
                                F("recording", recording.recording_sid),
                                F("utterances", r->utterances),
                                F("seq", r->event_seq), F("seconds", seconds)});
}

void PostCallRetranscriber::Stop() {
  std::unique_lock<std::mutex> lock(mu_);
  stopping_ = true;
  cv_.wait(lock, [this] { return pending_ == 0; });
}

void PostCallRetranscriber::WaitIdle() {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [this] { return pending_ == 0; });
}

}  // namespace sc::pipeline
