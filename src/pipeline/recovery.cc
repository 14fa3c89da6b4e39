#include "core/log.h"
#include "events/event_json.h"
#include "pipeline/pipeline.h"

namespace sc::pipeline {
namespace {

// Finalizes one call from its stored events. Steps are ordered so that a
// crash or error at any point leaves the call "active" (recovery runs again)
// or finished with its analysis; never finished without one.
Status RecoverCall(storage::Store& store, Clock& clock,
                   CallSettingsSource* settings,
                   const storage::CallRecord& rec) {
  SC_ASSIGN_OR_RETURN(std::vector<storage::StoredEvent> events,
                      store.ListEvents(rec.call_sid));
  CallStarted info;
  info.call_sid = rec.call_sid;
  std::vector<TranscriptFinal> finals;
  int64_t duration_ms = 0;
  int64_t seq = rec.last_seq;
  bool has_ended = false;  // call.ended was stored before the crash.
  std::string end_reason = "restart";
  MediaStats stats;
  for (const storage::StoredEvent& e : events) {
    duration_ms = std::max(duration_ms, e.at_ms);
    seq = std::max(seq, e.seq);
    if (e.type != "call.started" && e.type != "transcript.final" &&
        e.type != "call.ended") {
      continue;
    }
    auto parsed = ParseEventData(e.type, e.payload_json);
    if (!parsed.ok()) {
      LogWarn("recovery.bad_event", {F("call", rec.call_sid), F("seq", e.seq),
                                     F("error", parsed.status().ToString())});
      continue;
    }
    if (auto* s = std::get_if<CallStartedEvent>(&*parsed)) info = s->info;
    if (auto* f = std::get_if<TranscriptFinal>(&*parsed))
      finals.push_back(std::move(*f));
    if (auto* c = std::get_if<CallEndedEvent>(&*parsed)) {
      has_ended = true;
      end_reason = EndReasonName(c->reason);
      stats = c->stats;
    }
  }
  const int64_t now = clock.NowUnixMs();
  if (!has_ended) {
    SC_RETURN_IF_ERROR(store.AppendEvent(storage::StoredEvent{
        rec.call_sid, ++seq, "call.ended", duration_ms, now,
        EventDataJson(
            CallEndedEvent{EndReason::kRestart, duration_ms, stats})}));
  }
  report::ReportOptions ro;
  if (settings != nullptr) ro.config = settings->ForCall(info).config;
  report::CallReport a = report::BuildCallReport(
      info, rec.started_unix_ms, std::move(finals), duration_ms, ro);
  SC_RETURN_IF_ERROR(store.SetAnalysis(rec.call_sid, a.json));
  SC_RETURN_IF_ERROR(
      store.FinishCall(rec.call_sid, storage::CallState::kInterrupted, now,
                       duration_ms, end_reason, MediaStatsJson(stats)));
  SC_RETURN_IF_ERROR(store.AppendEvent(
      storage::StoredEvent{rec.call_sid, ++seq, "analysis.ready", duration_ms,
                           now, EventDataJson(AnalysisReady{})}));
  LogInfo(
      "recovery.call_finalized",
      {F("call", rec.call_sid), F("reason", end_reason),
       F("utterances", static_cast<int64_t>(a.analysis.utterances.size()))});
  return Status::Ok();
}

}  // namespace

StatusOr<int> RecoverInterruptedCalls(storage::Store& store, Clock& clock,
                                      CallSettingsSource* settings) {
  storage::CallFilter filter;
  filter.state = storage::CallState::kActive;
  filter.limit = 100000;
  SC_ASSIGN_OR_RETURN(std::vector<storage::CallRecord> calls,
                      store.ListCalls(filter));
  int recovered = 0;
  for (const storage::CallRecord& rec : calls) {
    Status st = RecoverCall(store, clock, settings, rec);
    if (st.ok()) {
      ++recovered;
    } else {
      // One broken call must not keep the others unfinalized.
      LogError("recovery.call_failed",
               {F("call", rec.call_sid), F("error", st.ToString())});
    }
  }
  return recovered;
}

}  // namespace sc::pipeline
