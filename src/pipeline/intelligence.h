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

#include <map>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "analysis/conversation_metrics.h"
#include "analysis/objections.h"
#include "analysis/sentiment.h"
#include "events/events.h"
#include "guidance/guidance.h"
#include "speech/keyword_spotter.h"
#include "speech/recognizer.h"

namespace sc::pipeline {

// What the copilot knows about the call's salesperson when the call starts.
struct CallSettings {
  guidance::AiConfig config;
  // Their past verdicts on cards, to prefer approaches they use.
  guidance::FeedbackStats feedback;
  std::string user_id;  // Empty when the call names no known user.
  // From the user's voice profile (voice calibration), when they have one:
  // settings for the agent track's recognizer session only (never the
  // prospect's), and their natural speaking rate, the baseline of the pace
  // metric (MetricsTick::agent_pace_vs_baseline; 0: no baseline).
  speech::SessionOptions agent_session;
  double agent_baseline_wpm = 0;
};

// A keyphrase the spotter heard in an utterance's audio
// (speech/keyword_spotter.h), in call time. Personal data, like the text.
struct SpottedPhrase {
  std::string phrase;  // One of ObjectionDetector::SpottingPhrases().
  int64_t start_ms = 0, end_ms = 0;
  double score = 0;  // KeywordHit::score.
};

// The keyphrase spotter whose hits OnFinal takes as objection evidence
// (PipelineContext::spotter): ObjectionDetector::Default()'s spotting
// phrases at their default thresholds, on the recognizer's model and
// telephone setup. InvalidArgument when the engine cannot spot
// (EngineCapabilities::keyword_spotting); errors as OpenKeywordSpotter.
StatusOr<std::shared_ptr<speech::KeywordSpotter>> OpenObjectionSpotter(
    const speech::RecognizerOptions& recognizer);

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
  //
  // `spotted`: keyphrases the spotter heard in the utterance's audio, used
  // as objection evidence beside the text (docs/objections.md, "Keyphrase
  // spotting"). A phrase maps to the category the detector gives it as
  // text. One that agrees with a text detection raises its confidence
  // (evidence "text+audio"); one whose category the text did not flag adds
  // a detection at kAudioOnlyConfidence (evidence "audio", trigger = the
  // phrase), unless the transcript holds the phrase itself (then the text
  // rules dropped it on purpose, e.g. "not too expensive").
  std::vector<CallEvent> OnFinal(
      TranscriptFinal& final, const std::vector<SpottedPhrase>& spotted = {});

  // Confidence of an objection only the spotter heard: above the default
  // reporting threshold, below every exact phrase match of the text.
  static constexpr double kAudioOnlyConfidence = 0.6;
  // An agreeing hit closes this share of the gap to 1.
  static constexpr double kAgreementBoost = 0.5;

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
  // The objection category of a spotting phrase ("" for none), cached.
  const std::string& PhraseCategory(const std::string& phrase, Speaker speaker);
  // Text detections plus audio evidence, best first, with each one's
  // evidence ("text", "audio", "text+audio") in `evidence`.
  std::vector<analysis::Objection> Merge(
      const TranscriptFinal& final, std::vector<analysis::Objection> text,
      const std::vector<SpottedPhrase>& spotted,
      std::vector<std::string>& evidence);

  CallSettings settings_;
  std::optional<analysis::ObjectionDetector> own_detector_;
  const analysis::ObjectionDetector* detector_ = nullptr;
  analysis::SentimentTracker tracker_;
  analysis::ConversationMeter meter_;
  std::unique_ptr<guidance::GuidanceEngine> engine_;
  std::map<std::string, std::string> phrase_category_;
};

}  // namespace sc::pipeline
