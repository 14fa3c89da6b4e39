#include "analysis/types.h"

namespace sc::analysis {

const char* SentimentLabelName(SentimentLabel l) {
  switch (l) {
    case SentimentLabel::kNegative:
      return "negative";
    case SentimentLabel::kNeutral:
      return "neutral";
    case SentimentLabel::kPositive:
      return "positive";
  }
  return "neutral";
}

}  // namespace sc::analysis
