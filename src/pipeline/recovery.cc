#include "core/log.h"
#include "events/event_json.h"
#include "pipeline/pipeline.h"

namespace sc::pipeline {

StatusOr<int> RecoverInterruptedCalls(storage::Store& store, Clock& clock) {
  storage::CallFilter filter;
  filter.state = storage::CallState::kActive;
  filter.limit = 100000;
  SC_ASSIGN_OR_RETURN(std::vector<storage::CallRecord> calls,
                      store.ListCalls(filter));
  int recovered = 0;
  for (const storage::CallRecord& rec : calls) {
    SC_ASSIGN_OR_RETURN(std::vector<storage::StoredEvent> events,
                        store.ListEvents(rec.call_sid));
    CallStarted info;
    info.call_sid = rec.call_sid;
    std::vector<TranscriptFinal> finals;
    int64_t duration_ms = 0;
    int64_t seq = rec.last_seq;
    for (const storage::StoredEvent& e : events) {
      duration_ms = std::max(duration_ms, e.at_ms);
      seq = std::max(seq, e.seq);
      if (e.type != "call.started" && e.type != "transcript.final") continue;
      auto parsed = ParseEventData(e.type, e.payload_json);
      if (!parsed.ok()) {
        LogWarn("recovery.bad_event", {F("call", rec.call_sid), F("seq", e.seq),
                                       F("error", parsed.status().ToString())});
        continue;
      }
      if (auto* s = std::get_if<CallStartedEvent>(&*parsed)) info = s->info;
      if (auto* f = std::get_if<TranscriptFinal>(&*parsed)) {
        finals.push_back(std::move(*f));
      }
    }
    CallEndedEvent ended{EndReason::kRestart, duration_ms, {}};
    std::string ended_json = EventDataJson(ended);
    int64_t now = clock.NowUnixMs();
    analysis::CallAnalysis a = analysis::AnalyzeCall(
        info, rec.started_unix_ms, std::move(finals), duration_ms);
    SC_RETURN_IF_ERROR(store.AppendEvents(
        {storage::StoredEvent{rec.call_sid, seq + 1, "call.ended", duration_ms,
                              now, ended_json},
         storage::StoredEvent{rec.call_sid, seq + 2, "analysis.ready",
                              duration_ms, now, EventDataJson(AnalysisReady{})}}));
    SC_RETURN_IF_ERROR(store.FinishCall(rec.call_sid,
                                        storage::CallState::kInterrupted, now,
                                        duration_ms, "restart", ended_json));
    SC_RETURN_IF_ERROR(store.SetAnalysis(rec.call_sid, analysis::AnalysisJson(a)));
    LogInfo("recovery.call_finalized",
            {F("call", rec.call_sid), F("utterances",
                                        static_cast<int64_t>(a.utterances.size()))});
    ++recovered;
  }
  return recovered;
}

}  // namespace sc::pipeline
