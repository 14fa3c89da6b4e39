// The domain language model: a trigram model of sales conversations built
// by the product from its own corpus (sales_corpus.cc), the customer's and
// users' terms, and the general model's most frequent words, plus the
// pronunciation dictionary for exactly its vocabulary.
//
//   DomainLmInput in{.corpus = SalesCorpus(), .terms = {"Clear Route"}};
//   SC_ASSIGN_OR_RETURN(DomainLm lm, BuildDomainLm(in, lexicon));
//   // lm.arpa -> an ARPA file, lm.dictionary -> a CMUdict-format file
//
// Corpus format (one sentence per line):
//   - "#" starts a comment line; blank lines are ignored.
//   - "@name = a | b c | d" defines a word class; "{@name}" in a sentence
//     stands for each of its alternatives.
//   - "{a|b c|d}" in a sentence expands to one sentence per alternative.
//     A line's expansions (the product over its slots) are capped at
//     kMaxExpansions by taking an evenly spaced subset, so a slot-heavy
//     template cannot flood the counts.
//   - Text is normalised by NormalizeWords.
//
// Contract: BuildDomainLm fails (InvalidArgument) only when the corpus has
// a malformed line (named with its line number) or yields no sentence.
// Every vocabulary word gets a dictionary entry (the lexicon's
// pronunciations, else a generated one, listed in DomainLm::generated); a
// word that yields no phones is dropped from both. Deterministic: the same
// input gives byte-identical output. Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "speech/lm/lexicon.h"

namespace sc::speech::lm {

inline constexpr int kMaxExpansions = 64;

// The built-in corpus of sales conversations (sales_corpus.cc).
std::string_view SalesCorpus();

// Lower-cases and splits text into dictionary-style words: letters, digits
// and inner apostrophes ("we're") are kept; hyphens and slashes split
// words; other punctuation is dropped. Digits are kept as they are (write
// numbers as words in the corpus).
std::vector<std::string> NormalizeWords(std::string_view text);

// Expands one corpus file into sentences (see the format above).
StatusOr<std::vector<std::vector<std::string>>> ExpandCorpus(
    std::string_view corpus);

struct DomainLmInput {
  std::string_view corpus;
  // Words or phrases (industry terms, user terms, CRM names); each is added
  // as a sentence `term_weight` times, with its original capitalisation
  // used only to spot acronyms for the pronunciation fallback.
  std::vector<std::string> terms;
  int term_weight = 3;
  // The general model's unigram distribution (word, probability), usually
  // its most frequent words; empty for a corpus-only vocabulary.
  std::vector<std::pair<std::string, double>> general_unigrams;
  double general_weight = 0.15;  // Mixture weight of general_unigrams.
  int order = 3;
};

struct DomainLm {
  std::string arpa;
  std::string dictionary;
  size_t vocabulary_size = 0;
  size_t sentences = 0;
  std::vector<std::string> generated;  // Words pronounced by the fallback.
};

StatusOr<DomainLm> BuildDomainLm(const DomainLmInput& input,
                                 const Lexicon& lexicon);

}  // namespace sc::speech::lm
