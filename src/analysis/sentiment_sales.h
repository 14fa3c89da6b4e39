// The sales layer of sentiment: multi-word phrases whose meaning in a sales
// call differs from what a general-purpose lexicon says ("too expensive for
// our budget" is resistance though it holds no negative word; "happy with our
// current provider" is resistance though "happy" is positive). Internal to
// sc_analysis; sentiment.h is the public contract, docs/sentiment.md lists
// the phrase families and why they weigh what they weigh.
//
// A phrase matched in an utterance scores as one VADER item (vader.h,
// PhraseItem), so the VADER rules apply to it unchanged: "not too expensive"
// is negated, "kind of too expensive" is dampened, the part before "but"
// counts half.
//
// Thread-safety: a PhraseSet is immutable after Compile() and may be shared.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analysis/vader.h"
#include "core/status.h"

namespace sc::analysis::sales {

// One phrase family. `pattern` is lowercase words separated by spaces; a
// group "(a|b c|)" matches any one of its alternatives, an empty alternative
// making the group optional. Words with an apostrophe also match without it
// ("don't" matches "dont"), since recognizers differ on that. Words of one
// character are not allowed: VADER's tokenizer drops them ("a", "i"), so
// they could never match.
struct PhraseSpec {
  std::string_view pattern;
  double valence;  // VADER scale: -4 (most negative) .. +4.
};

// The built-in sales phrases.
std::span<const PhraseSpec> DefaultSalesPhrases();

class PhraseSet {
 public:
  // Expands every pattern into the word sequences it matches. Returns
  // InvalidArgument naming the pattern when one is malformed (unbalanced
  // group, one-letter word, nested group, empty).
  static StatusOr<PhraseSet> Compile(std::span<const PhraseSpec> specs);

  // DefaultSalesPhrases(), compiled once.
  static const PhraseSet& Default();

  // Leftmost-longest, non-overlapping matches over `tokens`, sorted by
  // position. Matching ignores case and surrounding punctuation, and a
  // phrase never spans a punctuation boundary ("no, thanks" is not "no
  // thanks").
  std::vector<vader::PhraseItem> Match(
      std::span<const vader::Token> tokens) const;

  // The number of word sequences after expansion.
  size_t size() const { return count_; }

 private:
  struct Entry {
    std::vector<std::string> words;
    double valence;
  };
  // Entries by first word, longest first.
  std::unordered_map<std::string, std::vector<Entry>> by_first_;
  size_t count_ = 0;
};

}  // namespace sc::analysis::sales
