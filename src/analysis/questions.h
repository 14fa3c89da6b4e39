// Question detection for unpunctuated speech-recognizer output.
//
//   if (analysis::IsQuestion("so how many trucks do you run")) ...
//   QuestionMatch m = analysis::DetectQuestion(text);  // kind and score
//
// The recognizer gives words without punctuation, so "?" is never available.
// The detector looks at word order instead (docs/metrics.md, "Questions"):
//  - wh-questions: a wh-word followed by an auxiliary or by a fixed
//    question frame ("what do you", "how many", "what kind of ... do"),
//    but not free relatives such as "what we need is" or "when i was";
//  - yes/no questions by auxiliary inversion ("do you", "are they",
//    "could we", "is there"), also after a restart in mid-utterance;
//  - open prompts: "what about", "how about", "what if";
//  - tag questions: "..., isn't it", "..., don't you think", "..., right"
//    (not "that's right"), "..., or not";
//  - declarative questions with a cue: "you mean ...", "so you're saying",
//    "i was wondering if", a statement ending in "you said".
// Leading discourse markers and disfluencies ("so", "well", "uh", "and",
// "you know") are skipped and immediate repetitions ("do do you") are
// collapsed first. Declarative questions without a cue ("you're off the
// main road") are not detectable from the words alone and are missed.
//
// Measured on Switchboard dialog acts (tests/eval/eval_questions.cc; figures
// in docs/evaluation.md). Deterministic; thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sc::analysis {

enum class QuestionKind {
  kNone,         // Not a question.
  kWh,           // "what do you use today"
  kYesNo,        // "do you have a budget for this"
  kOpenPrompt,   // "what about your team", "how about tuesday"
  kTag,          // "that's the plan isn't it"
  kDeclarative,  // "you mean the whole fleet", "i was wondering if ..."
};
const char* QuestionKindName(QuestionKind k);  // "none" | "wh" | "yes_no" ...

struct QuestionMatch {
  QuestionKind kind = QuestionKind::kNone;
  // How sure the detector is, 0..1; kNone has 0. Strong frames (wh-word +
  // auxiliary, inversion at the start) score near 0.9, cue-based
  // declarative and mid-utterance matches lower.
  double score = 0;
  // Index into SpokenWords(text) of the word where the question starts.
  int word_index = -1;
};

// Scores above or equal to this count as questions in IsQuestion.
inline constexpr double kQuestionThreshold = 0.5;

QuestionMatch DetectQuestion(std::string_view text);

// DetectQuestion(text).score >= kQuestionThreshold.
bool IsQuestion(std::string_view text);

// The words the detector (and the filler counter in conversation_metrics.h)
// sees: lower-cased ASCII, punctuation other than in-word apostrophes
// and in-word hyphens removed ("uh-huh" stays one word, "a-" becomes "a"),
// split on whitespace.
std::vector<std::string> SpokenWords(std::string_view text);

}  // namespace sc::analysis
