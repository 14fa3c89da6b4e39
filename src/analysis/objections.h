// Objection detection: which objections a prospect raises in an utterance.
//
//   StatusOr<ObjectionDetector> d = ObjectionDetector::Create({});
//   for (const Objection& o : d->Detect(final)) ...   // best first
//
// Categories, the phrase inventory, the matching grades and the negation
// and contrast rules are documented in docs/objections.md. In short:
//  - Each category has phrase patterns with gaps and slots ("we already?
//    (use|work with) +"); a match's confidence is the pattern's weight times
//    the grade of each word: exact, fuzzy (spelling within 1-2 edits) or
//    phonetic (same sound code, phonetic.h), so recognizer substitutions
//    ("to expensive", "contact" for "contract", "but get" for "budget")
//    still match, with lower confidence.
//  - A negator scoping over the phrase ("we are not happy with our current
//    provider", "it is not that we are not interested"), a negator inside a
//    gap ("price is honestly not the issue") or a dismissal right after it
//    ("... is not a problem") drops the detection; an objection conceded by
//    a contrast ("it is expensive but worth it") keeps 0.4 of its
//    confidence, which the default threshold drops.
//  - When no pattern matches, a stance cue ("not", "too", "rather",
//    "worried", "but", ...) plus topic words of a category ("price",
//    "boss", "contract") yields that category at 0.525-0.65 confidence.
//  - When neither fires, the semantic layer compares the utterance's
//    sentence vector (GloVe, embeddings.h) with short objections we wrote
//    per category and with ordinary sales talk, and reports the closest
//    category when it is clearly an objection (0.5-0.62 confidence).
//  - When nothing else fires, a logistic regression trained at build time
//    on sentences we wrote (text_classifier.h) reports its most probable
//    category when it is confident enough (0.5-0.62 confidence).
//  - User key triggers (patterns with a category) and trigger words
//    (category "custom") extend the inventory.
//
// Input is a final transcript: recognizer output is lowercase and
// unpunctuated; typed text with punctuation and contractions works too.
//
// Thread-safety: an ObjectionDetector is immutable after Create; Detect and
// SpottingPhrases may be called from any number of threads. Copies share
// the compiled patterns.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "analysis/types.h"
#include "core/status.h"
#include "events/events.h"

namespace sc::analysis {

// A user's key trigger: when `phrase` (the pattern language of
// docs/objections.md; a plain phrase is a valid pattern) is heard, report
// an objection of `category` (lowercase letters, digits and '_').
struct ObjectionTrigger {
  std::string phrase;
  std::string category;
};

// Whose utterances Detect looks at.
enum class ObjectionSpeakers { kProspect, kAgent, kBoth };

// Whether an utterance no pattern matches may still be classified from a
// stance cue plus topic words (docs/objections.md, "Topic cues"): more
// recall on unusual phrasings, some false alarms.
enum class TopicCues { kOn, kOff };

// Whether utterances the patterns miss or only weakly place may be
// classified by meaning: closeness of the utterance's sentence vector to
// our per-category prototype objections (docs/objections.md, "Semantic
// layer").
enum class SemanticLayer { kOn, kOff };

// Whether utterances no other layer placed may be classified by the
// objection classifier (text_classifier.h), a logistic regression trained
// at build time on sentences we wrote (docs/objections.md, "Classifier
// layer").
enum class ClassifierLayer { kOn, kOff };

struct ObjectionOptions {
  // Extra phrases with their categories, matched like the built-in ones
  // with confidence weight 0.9. Default: none.
  std::vector<ObjectionTrigger> custom_triggers;
  // Single trigger words, reported with category "custom" (weight 0.9).
  // Default: none.
  std::vector<std::string> trigger_words;
  // Detections with a lower confidence are not reported. In [0, 1].
  // Default 0.5: keeps every exact built-in match and single-substitution
  // fuzzy and phonetic matches; drops conceded objections.
  double min_confidence = 0.5;
  // Default: the prospect only (agents name objections while handling them).
  ObjectionSpeakers speakers = ObjectionSpeakers::kProspect;
  // Default on; its detections have confidence 0.525-0.65.
  TopicCues topic_cues = TopicCues::kOn;
  // Default on; its detections have confidence 0.5-0.62.
  SemanticLayer semantic = SemanticLayer::kOn;
  // The semantic layer reports its closest category when that category's
  // score beats the score of the non-objection prototypes by
  // `semantic_min_margin` and the utterance holds a stance cue (pushback or
  // hesitation: "not", "too", "worried", ...), or by
  // `semantic_min_margin_alone` without one. Defaults chosen on the dev sets
  // and our tune sentences (docs/evaluation.md). REQUIRES: both in [0, 2].
  double semantic_min_margin = 0.05;
  double semantic_min_margin_alone = 0.15;
  // Default on; its detections have confidence 0.5-0.62.
  ClassifierLayer classifier = ClassifierLayer::kOn;
  // The classifier layer reports its most probable category when that
  // probability reaches `classifier_min_probability` and the utterance
  // holds a stance cue (as for the semantic layer), or
  // `classifier_min_probability_alone` without one, and beats "none" by
  // `classifier_min_lead`. Chosen on the dev sets and our tune sentences
  // (docs/evaluation.md). REQUIRES: probabilities in [0, 1], lead in
  // [-1, 1].
  double classifier_min_probability = 0.7;
  double classifier_min_probability_alone = 0.8;
  double classifier_min_lead = 0.0;
};

class ObjectionDetector {
 public:
  // InvalidArgument when a custom trigger does not compile (naming its
  // index), has a bad category, or min_confidence is outside [0, 1].
  static StatusOr<ObjectionDetector> Create(ObjectionOptions options);

  // The objections in one utterance: at most one per category (the most
  // confident match), sorted by confidence, best first (ties by category
  // name). Empty when the utterance's speaker is not analysed. `at_ms` is
  // the start of the first triggering word when the final has word times,
  // else the utterance start; `suggestion` is left empty for guidance.
  std::vector<Objection> Detect(const TranscriptFinal& utterance) const;

  // Short, distinctive phrases of the inventory and of the user's literal
  // triggers and trigger words, normalized (lowercase, contractions
  // expanded), sorted and unique: what a recognizer with keyword spotting
  // should listen for. Detection does not depend on spotting.
  std::vector<std::string> SpottingPhrases() const;

  // The built-in categories, in docs/objections.md order: price, budget,
  // competitor, status_quo, contract, timing, authority, need, trust,
  // technical, brush_off.
  static const std::vector<std::string>& Categories();

  // The detector with default options (the built-in inventory), built on
  // first use and shared; null only if the built-in inventory failed to
  // compile, which objections_test rules out.
  static const ObjectionDetector* Default();

 private:
  struct Compiled;
  explicit ObjectionDetector(std::shared_ptr<const Compiled> compiled)
      : compiled_(std::move(compiled)) {}

  std::shared_ptr<const Compiled> compiled_;
};

}  // namespace sc::analysis
