// The phrase-pattern language of the objection detector, and the word
// normalization both sides of a match go through. Internal to
// src/analysis; the public contract is objections.h, the language is
// documented in docs/objections.md.
//
//   StatusOr<PhrasePattern> p =
//       PhrasePattern::Compile("we already? (use|work with) +");
//   HeardUtterance u = TokenizeText("we already use another tool");
//   std::optional<PhraseMatch> m = p->FindBest(u.tokens);
//
// Pattern syntax (space-separated units):
//   word          one word, matched exactly, fuzzily or phonetically
//   a|b           one of several single words
//   (a b|c)       one of several word sequences
//   unit?         the word or group is optional
//   *  *N         a gap of 0..3 (0..N) arbitrary words
//   +  +N         a slot of 1..3 (1..N) arbitrary words ("<something>")
// A pattern may not start with a gap or end with '*'. Literal words are
// normalized like heard words (lowercase, contractions expanded), so
// "don't" in a pattern is the two words "do not".
//
// Thread-safety: a compiled PhrasePattern is immutable; FindBest is const
// and may be called from many threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/phonetic.h"
#include "core/status.h"
#include "events/events.h"

namespace sc::analysis {

// A WordSimilarity stored compactly; kNone when nothing matched.
using WordSimilarityGrade = WordSimilarity;

// One normalized word of an utterance.
struct HeardToken {
  std::string text;       // Normalized: lowercase, no punctuation.
  std::string code;       // PhoneticCode(text).
  int piece = 0;          // Index into HeardUtterance::pieces.
  int64_t start_ms = -1;  // Start of its recognized word; -1 without times.
  // This token and the next one written together, and its code: a word the
  // recognizer split in two ("but get") is compared against this. Empty for
  // the last token.
  std::string joined;
  std::string joined_code;
};

// An utterance split for matching. `pieces` are the words as recognized (or
// the whitespace-separated pieces of the text); several tokens may come from
// one piece ("don't" -> "do", "not") and fillers produce none.
struct HeardUtterance {
  std::vector<std::string> pieces;
  std::vector<HeardToken> tokens;
};

// Lowercases, expands contractions ("don't" -> "do not", "it's" -> "it is",
// "competitor's" -> "competitor"), splits hyphens and slashes, drops
// punctuation, recognizer markup ("<sil>", "[NOISE]", "the(2)" -> "the";
// but "[Competitor]" -> "competitor")
// and fillers ("um", "uh").
std::vector<std::string> NormalizeWords(std::string_view text);

// Tokens from the recognized words when the final has any (so each token
// carries its word's start time), else from the text.
HeardUtterance TokenizeUtterance(const TranscriptFinal& utterance);
HeardUtterance TokenizeText(std::string_view text);

// True for "not", "never", "no", "without", "nothing", "neither", "nor",
// "hardly" (after normalization "n't" is "not").
bool IsNegator(std::string_view token);

// Where a pattern matched. Token indexes are inclusive.
struct PhraseMatch {
  int first = 0;
  int last = 0;
  // Product of the per-word grades (1 exact, 0.85 fuzzy, 0.8 phonetic,
  // 0.6 near-phonetic; 0.85 more for a word heard split in two). A match
  // needs at least one exact word and no more inexact words than exact.
  double score = 0;
  bool negator_in_gap = false;  // A gap or slot swallowed a negator.
  bool all_exact = false;
};

// A literal word of a compiled pattern. `id` numbers distinct words
// process-wide (a small interning table filled at compile time), so a
// MatchCache can remember each word's grade against each token.
struct PatternWord {
  std::string text;
  std::string code;
  int id = 0;
};

// Grades of pattern words against the tokens of one utterance, computed
// once and shared by every pattern matched against it. Not thread-safe:
// one per utterance being matched. `tokens` must outlive it.
class MatchCache {
 public:
  explicit MatchCache(const std::vector<HeardToken>& tokens);
  const std::vector<HeardToken>& tokens() const { return *tokens_; }
  // `word` against token t, and against tokens t and t+1 written together.
  WordSimilarityGrade Direct(const PatternWord& word, int t);
  WordSimilarityGrade Joined(const PatternWord& word, int t);
  // True when some token is exactly one of `ids` (sorted): a pattern can
  // only match an utterance that has one of its words exactly.
  bool HasAnyExact(const std::vector<int>& ids) const;
  // True when `word` grades above kNone against some token, on its own or
  // against a token and the next written together.
  bool Anywhere(const PatternWord& word);
  // IsNegator(token t), computed once.
  bool NegatorAt(int t) const { return negator_[static_cast<size_t>(t)]; }

 private:
  WordSimilarityGrade Lookup(std::vector<int8_t>& table, const PatternWord& w,
                             int t, bool joined);
  const std::vector<HeardToken>* tokens_;
  std::vector<int8_t> direct_;  // [id * n + t]; -1 = not computed yet.
  std::vector<int8_t> joined_;
  std::vector<int> present_;  // Sorted ids of the tokens that are words.
  std::vector<bool> negator_;
  std::vector<int8_t> anywhere_;  // [id]; -1 = not computed yet.
  int ids_ = 0;
};

class PhrasePattern {
 public:
  // InvalidArgument (naming the problem) on a syntax error.
  static StatusOr<PhrasePattern> Compile(std::string_view source);

  // The highest-scoring match in `tokens` (the earliest among equals), or
  // nullopt.
  std::optional<PhraseMatch> FindBest(
      const std::vector<HeardToken>& tokens) const;
  // The same, reusing grades across the patterns matched on one utterance.
  std::optional<PhraseMatch> FindBest(MatchCache& cache) const;
  // The same within tokens [from, to) of the cache's utterance, as if they
  // were the whole utterance; token indexes stay the utterance's.
  std::optional<PhraseMatch> FindBest(MatchCache& cache, int from,
                                      int to) const;

  const std::string& source() const { return source_; }

 private:
  using Word = PatternWord;
  struct Element {
    bool is_gap = false;
    bool optional = false;
    int gap_min = 0;
    int gap_max = 0;
    std::vector<std::vector<Word>> alternatives;  // When !is_gap.
  };
  struct Search;

  std::string source_;
  std::vector<Element> elements_;
  std::vector<int> word_ids_;  // Sorted ids of every literal word.
};

}  // namespace sc::analysis
