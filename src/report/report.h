// The post-call report: the whole analysis document of one call
// (docs/analysis.md) - transcript with sentiment, objections with the
// playbook's suggestion, conversation metrics, and the coaching report with
// the follow-up - built from the call's final utterances.
//
//   report::ReportOptions o;
//   o.config = user_ai_config;
//   CallReport r = report::BuildCallReport(info, started_unix_ms, finals,
//                                          duration_ms, o);
//   store.SetAnalysis(call_sid, r.json);
//
// One function for every producer (the live pipeline at call end, start-up
// recovery, `analyze`, `calls show`), so the document never depends on where
// the call came from. Deterministic for the same inputs and options; an
// optional LLM rewrite of the summary and email is applied separately
// (ApplyWrittenFollowUp) because it is slow and may fail.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/analysis.h"
#include "coaching/coaching.h"
#include "coaching/dates.h"
#include "events/events.h"
#include "guidance/ai_config.h"
#include "guidance/playbook.h"
#include "llm/chat_client.h"

namespace sc::report {

struct ReportOptions {
  // The user's AI configuration (benchmark, style, triggers). Default:
  // AiConfig's defaults.
  guidance::AiConfig config;
  // The day of the call, for spoken dates ("next wednesday"). Default: the
  // UTC date of started_unix_ms, or of `today_unix_ms` when that is 0.
  std::optional<coaching::CivilDate> call_date;
  int64_t today_unix_ms = 0;
  // Scoring and detection (null: the defaults; the detector then also
  // carries the user's key triggers and trigger words from `config`).
  const analysis::SentimentModel* sentiment = nullptr;
  const analysis::ObjectionDetector* objections = nullptr;
  // Null: the built-in playbook.
  const guidance::Playbook* playbook = nullptr;
};

struct CallReport {
  analysis::CallAnalysis analysis;
  coaching::CoachingReport coaching;
  std::string json;  // The analysis document. Contains personal data.
};

CallReport BuildCallReport(const CallStarted& call, int64_t started_unix_ms,
                           std::vector<TranscriptFinal> finals,
                           int64_t duration_ms, const ReportOptions& options);

// The objection detector for a user's configuration: the built-in
// inventory plus their key triggers and trigger words. InvalidArgument
// names a trigger that does not compile.
StatusOr<analysis::ObjectionDetector> DetectorFor(
    const guidance::AiConfig& config);

// The UTC civil date of a Unix time in ms.
coaching::CivilDate UtcDate(int64_t unix_ms);

// Replaces the summary and the follow-up email (e.g. by an LLM's text) and
// re-renders `json`.
void ApplyWrittenFollowUp(CallReport& report, std::string summary,
                          std::string email_subject, std::string email_body);

// Has `client` rewrite the summary and the follow-up email from the
// report's facts (llm::WriteSummaryAndEmail) and applies the result. On any
// error the report keeps its template text and the Status says why; the
// caller logs it. Slow (a network round trip): never on a recognition
// thread.
Status WriteFollowUpWithLlm(CallReport& report, llm::ChatClient& client,
                            const guidance::AiConfig& config);

// A human-readable rendering for `analyze --format text`.
std::string CallReportText(const CallReport& report);

}  // namespace sc::report
