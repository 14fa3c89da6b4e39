// Value types shared by the analyzers (sentiment, objections, metrics),
// guidance and coaching. Plain values; no behaviour.
#pragma once

#include <cstdint>
#include <string>

#include "events/events.h"

namespace sc::analysis {

enum class SentimentLabel { kNegative, kNeutral, kPositive };
const char* SentimentLabelName(SentimentLabel l);  // "negative"|"neutral"|...

// The sentiment of one utterance. `score` is in [-1, 1] (VADER's compound
// score after the sales layer); `label` is derived from it by thresholds
// documented in sentiment.h.
struct Sentiment {
  double score = 0;
  SentimentLabel label = SentimentLabel::kNeutral;
};

// One objection heard in one utterance.
struct Objection {
  std::string category;   // "price", "budget", ... (docs/objections.md), or a
                          // user-defined trigger's category.
  double confidence = 0;  // 0..1
  Speaker speaker = Speaker::kProspect;
  int64_t at_ms = 0;  // Start of the triggering words (call clock).
  std::string utterance_id;
  std::string text;        // The utterance's text. Personal data.
  std::string trigger;     // The words that triggered it (as recognized).
  std::string suggestion;  // Filled by guidance; empty from the detector.
};

}  // namespace sc::analysis
