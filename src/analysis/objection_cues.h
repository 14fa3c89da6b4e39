// The objection detector's second, broader layer: topic evidence weighed by
// stance. Phrase patterns (objection_pattern.h) are precise but only know
// the phrasings someone wrote down; this layer recognizes an objection it
// has no phrase for from two independent signals:
//  - stance: pushback, hesitation or doubt ("not", "too", "already",
//    "worried", "not sure", "why would", "how do I know", "have to", ...);
//  - topic: words and short phrases of a category ("price", "afford",
//    "other vendors", "sign off", "in writing", ...), each with a weight.
// A topic hit counts only with a stance cue near it, unless it carries its
// own stance ("overpriced", "overkill", "dealbreaker"), in which case a
// negator before it cancels it ("not expensive at all"). Per category the
// evidence is the sum over distinct hits of weight x match grade x stance
// strength; the best category above a threshold is the guess.
//
//   StatusOr<CueScorer> s = CueScorer::Create();   // Once per detector.
//   MatchCache cache(tokens);
//   std::optional<CueGuess> g = s->Guess(cache);
//
// Words match with their regular inflections ("budgets", "switching",
// "priced" find "budget", "switch", "price") or, for topic words of 6+
// letters, by spelling or sound (phonetic.h's fuzzy and phonetic grades),
// so recognizer substitutions still count at a lower grade. Phrases use the
// pattern language with its grades. Internal to src/analysis; the lexicon and
// the rules are documented in docs/objections.md ("Topic evidence").
//
// Thread-safety: a CueScorer is immutable after Create; Guess and Score
// may be called from many threads (each with its own MatchCache).
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/objection_pattern.h"
#include "core/status.h"

namespace sc::analysis {

enum class CueKind {
  kTopic,   // Evidence for its category only next to a stance cue.
  kLoaded,  // Topic and stance in one ("overpriced"); a negator cancels it.
  kStance,  // Pushback or hesitation; `weight` is its strength (0..1).
};

// One lexicon line. `words` is either single words separated by '|'
// ("price|pricing|pricey", matched by stem and sound) or a pattern in the
// language of objection_pattern.h ("other (vendor|vendors|provider)").
struct CueEntry {
  std::string_view category;  // Empty for stance cues.
  double weight;              // Topic weight (0..1) or stance strength.
  CueKind kind;
  std::string_view words;
};

// The built-in lexicon (objection_cue_lexicon.cc), written from general
// sales knowledge, not from any evaluation set.
std::span<const CueEntry> BuiltinCueLexicon();

// A lexicon word and its regular inflections, the word first: "price" ->
// price, prices, priced, pricing; "switch" -> switches, switched,
// switching; "worry" -> worries, worried, worrying. A heard word matches
// a lexicon word itself in preference to another word's inflection
// ("time" is not "timing"). Irregular forms are listed in the lexicon.
// Lowercase ASCII input.
std::vector<std::string> CueVariants(std::string_view word);

struct CueGuess {
  std::string category;
  // 0.45 + 0.1 x evidence (capped at 2): 0.525 to 0.65, below every
  // pattern's exact confidence, so patterns win when both fire.
  double confidence = 0;
  double evidence = 0;
  int token = 0;  // The strongest topic hit's first token (the trigger).
  // The first token of every hit that counted, strongest first.
  std::vector<int> tokens;
};

class CueScorer {
 public:
  // Internal when a built-in lexicon line does not compile.
  static StatusOr<CueScorer> Create();

  // Per category with any stance-backed evidence, best first (ties by the
  // category prior). `cache` must be built over the utterance's tokens.
  // When `max_stance` is given it receives the strength of the strongest
  // stance cue in the utterance (0 without one), topic or not.
  std::vector<CueGuess> Score(MatchCache& cache,
                              double* max_stance = nullptr) const;

  // The best category when its evidence reaches the threshold (0.75: one
  // strong topic word next to a firm stance cue), else nullopt.
  // `max_stance` as for Score.
  std::optional<CueGuess> Guess(MatchCache& cache,
                                double* max_stance = nullptr) const;

 private:
  struct Tables;
  explicit CueScorer(std::shared_ptr<const Tables> t) : t_(std::move(t)) {}
  std::shared_ptr<const Tables> t_;
};

}  // namespace sc::analysis
