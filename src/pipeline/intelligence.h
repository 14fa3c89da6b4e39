// Live conversation intelligence for one call: what happens to each final
// utterance between the recognizer and the sinks (docs/events.md).
//
//   LiveIntelligence intel(settings);          // One per call.
//   std::vector<CallEvent> more = intel.OnFinal(final);
//   // `final.sentiment` is now set; emit `final`, then `more` in order.
//
// For every final: its sentiment (and the speaker's rolling trend), the
// objections it raises with the playbook's suggestion, the guidance cards
// they and the other nudges (mood change, talk ratio, checklist) produce,
// and a metrics tick with every live conversation metric. The analyzers
// are the same pure code the post-call report uses (src/analysis,
// src/guidance), so live and post-call agree.
//
// Thread-safety: not thread-safe; the call's processor serializes calls
// (it holds its event lock).
#pragma once

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "analysis/conversation_metrics.h"
#include "analysis/objections.h"
#include "analysis/sentiment.h"
#include "events/events.h"
#include "guidance/guidance.h"

namespace sc::pipeline {

// What the copilot knows about the call's salesperson when the call starts.
struct CallSettings {
  guidance::AiConfig config;
  // Their past verdicts on cards, to prefer approaches they use.
  guidance::FeedbackStats feedback;
  std::string user_id;  // Empty when the call names no known user.
};

// Looks up the settings for a starting call (e.g. from the store by the
// call's `user` parameter). Called on a worker thread; must be thread-safe.
class CallSettingsSource {
 public:
  virtual ~CallSettingsSource() = default;
  virtual CallSettings ForCall(const CallStarted& call) = 0;
};

class LiveIntelligence {
 public:
  explicit LiveIntelligence(CallSettings settings);

  // Sets `final.sentiment` and returns the events the utterance causes, in
  // emission order: objection events, guidance cards, a mood-change alert,
  // then one metrics tick.
  std::vector<CallEvent> OnFinal(TranscriptFinal& final);

  // The agent asked for another approach to `card_id`. NotFound /
  // FailedPrecondition as GuidanceEngine::Alternative.
  StatusOr<GuidanceCard> Alternative(std::string_view card_id, int64_t at_ms);
  // The agent used or dismissed a card.
  StatusOr<CardFeedback> Feedback(std::string_view card_id,
                                  guidance::FeedbackAction action,
                                  int64_t at_ms);

  const CallSettings& settings() const { return settings_; }

 private:
  GuidanceCard ToEvent(const guidance::Card& card) const;

  CallSettings settings_;
  std::optional<analysis::ObjectionDetector> own_detector_;
  const analysis::ObjectionDetector* detector_ = nullptr;
  analysis::SentimentTracker tracker_;
  analysis::ConversationMeter meter_;
  std::unique_ptr<guidance::GuidanceEngine> engine_;
};

}  // namespace sc::pipeline
