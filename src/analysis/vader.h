// A C++ port of the VADER sentiment rules (Hutto & Gilbert, ICWSM 2014), as
// implemented by the npm package vader-sentiment 1.1.3, which is the oracle
// our tests compare against (vader_oracle_test.cc). Internal to sc_analysis;
// sentiment.h is the public contract and docs/sentiment.md explains the
// rules.
//
// Thread-safety: free functions over immutable inputs.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/vader_lexicon.h"

namespace sc::analysis::vader {

// Which rule set to run.
enum class Rules {
  // Exactly what vader-sentiment 1.1.3 (JavaScript) computes, quirks
  // included: negation, "never so", "but" and idiom checks are case
  // sensitive, and "without doubt" negates what follows.
  kNpmReference,
  // The reference plus the later fixes of the Python vaderSentiment 3.3:
  // case-insensitive checks, "without doubt" does not negate, and "no" before
  // a sentiment word negates it instead of counting as negative itself
  // ("no problem" is positive) unless punctuation separates them ("no, it's
  // fine" keeps "fine" positive).
  kExtended,
};

// One multi-word item imposed by a phrase layer (the sales layer): tokens
// [begin, end) of the token list score as a single sentiment item of
// `valence` (VADER scale, -4..4) placed at `begin`, subject to the same
// boosters, negation, "least", contrast and emphasis rules as a lexicon word.
// The other tokens of the phrase contribute nothing on their own.
struct PhraseItem {
  size_t begin = 0;
  size_t end = 0;
  double valence = 0;
};

// A token of VADER's "words and emoticons" list.
struct Token {
  std::string text;   // As VADER sees it (surrounding punctuation removed).
  std::string lower;  // Lowercased text.
  // True when the token ended in clause punctuation (, . ! ? ; :) in the
  // text, as in "no," : a clause boundary follows it.
  bool punct_after = false;
};

// Splits `text` into VADER's tokens: whitespace-separated, tokens of one
// character dropped, one leading or trailing punctuation mark (or run such as
// "!!" or "?!?") removed when what remains is a word of two or more letters
// with no punctuation, so that emoticons and contractions survive.
std::vector<Token> Tokenize(std::string_view text);

// Lowercases ASCII and Latin-1 letters of UTF-8 text.
std::string Lower(std::string_view s);

// The valence of a regular inflection or derivation of a lexicon word, for
// a token not in the lexicon itself (kExtended only): plural and third
// person "-s", "-ed", "-ing" (and the spoken "-in"), "-ly", "-ness",
// "-er"/"-est", each undoing a doubled consonant or a dropped or changed
// final letter ("awesomely" -> "awesome", "saddest" -> "sad"). Only words of
// five letters or more are tried, so short tokens are never taken for a
// stem. Returns nullptr when no form is in the lexicon.
const double* FindInflected(const Lexicon& lexicon,
                            std::string_view token_lower);

// The per-item valences after every rule (one per token, 0 for tokens that
// carry no sentiment) and the punctuation emphasis of the text.
struct Valences {
  std::vector<double> items;
  double emphasis = 0;  // Added to |sum| when the sum is not 0.
};
Valences ItemValences(const Lexicon& lexicon, std::string_view text,
                      std::span<const Token> tokens,
                      std::span<const PhraseItem> phrases, Rules rules);

// The compound score in [-1, 1]: the sum of item valences after all rules,
// amplified by '!' and '?' in `text`, normalised by x / sqrt(x^2 + 15).
// `tokens` must be Tokenize(text); `phrases` must not overlap and must be
// sorted by `begin`.
double Compound(const Lexicon& lexicon, std::string_view text,
                std::span<const Token> tokens,
                std::span<const PhraseItem> phrases, Rules rules);

}  // namespace sc::analysis::vader
