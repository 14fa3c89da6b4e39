// Post-call analysis: pure functions from a call's final transcript to the
// analysis document (docs/analysis.md).
//
//   CallAnalysis a = AnalyzeCall(info, finals, duration_ms);
//   std::string doc = AnalysisJson(a);
//
// Depends only on core and the event types: deterministic and runnable
// offline on a transcript. Later stages add fields; names never change.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "events/events.h"

namespace sc::analysis {

struct TalkMetrics {
  double agent_talk_s = 0;
  double prospect_talk_s = 0;
  // Shares of total speech time; they sum to 1 when anyone spoke, else 0.
  double agent_ratio = 0;
  double prospect_ratio = 0;
};

// Talk time per speaker: the union of that speaker's utterance intervals
// (overlapping utterances of one speaker are not double counted; overtalk
// counts for both speakers).
TalkMetrics ComputeTalkMetrics(const std::vector<TranscriptFinal>& finals);

struct CallAnalysis {
  CallStarted call;
  int64_t started_unix_ms = 0;
  int64_t duration_ms = 0;
  std::vector<TranscriptFinal> utterances;  // Sorted by start time.
  TalkMetrics talk;
};

// Sorts the utterances by start time and computes every metric.
CallAnalysis AnalyzeCall(const CallStarted& call, int64_t started_unix_ms,
                         std::vector<TranscriptFinal> finals,
                         int64_t duration_ms);

// The analysis document as JSON (docs/analysis.md).
std::string AnalysisJson(const CallAnalysis& analysis);

// A human-readable rendering for `analyze --format text`.
std::string AnalysisText(const CallAnalysis& analysis);

// Reads a transcript file's JSON lines ({"speaker":"agent|prospect",
// "start_s":..,"end_s":..,"text":".."} a line) into finals. InvalidArgument
// names the offending line.
StatusOr<std::vector<TranscriptFinal>> ParseTranscriptJsonl(
    std::string_view text);

}  // namespace sc::analysis
