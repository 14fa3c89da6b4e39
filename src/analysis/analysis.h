// Post-call analysis: pure functions from a call's final transcript to the
// analysis document (docs/analysis.md): utterances with their sentiment,
// the objections heard, and the conversation metrics.
//
//   CallAnalysis a = AnalyzeCall(info, started_unix_ms, finals, duration_ms);
//   std::string doc = AnalysisJson(a);
//
// Coaching, guidance suggestions and the follow-up are added on top by the
// report module (src/report/report.h), which owns the whole document.
//
// Depends only on core and the event types: deterministic and runnable
// offline on a transcript. Later stages add fields; names never change.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/conversation_metrics.h"
#include "analysis/objections.h"
#include "analysis/sentiment.h"
#include "analysis/types.h"
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
  std::vector<Sentiment> sentiments;        // Parallel to `utterances`.
  std::vector<Objection> objections;        // In time order.
  TalkMetrics talk;
  ConversationMetrics metrics;
};

struct AnalyzeOptions {
  // Scores each utterance. Default (null): SentimentModel::Default().
  const SentimentModel* sentiment = nullptr;
  // Finds objections. Default (null): a detector with default options.
  const ObjectionDetector* objections = nullptr;
};

// Sorts the utterances by start time, scores their sentiment, detects the
// objections and computes every metric. Each utterance's `sentiment` field
// is set to the score in `sentiments`.
CallAnalysis AnalyzeCall(const CallStarted& call, int64_t started_unix_ms,
                         std::vector<TranscriptFinal> finals,
                         int64_t duration_ms,
                         const AnalyzeOptions& options = {});

// The event form of a sentiment (transcript.final's `sentiment`).
UtteranceSentiment ToUtteranceSentiment(const Sentiment& s);

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
