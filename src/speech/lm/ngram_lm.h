// Back-off n-gram language model builder: counts sentences and writes an
// ARPA model that PocketSphinx (and any ARPA reader) loads.
//
//   NgramLmBuilder b({.order = 3});
//   b.AddSentence({"thanks", "for", "your", "time"});   // repeatedly
//   b.AddUnigramPrior(general_words);                    // optional
//   SC_ASSIGN_OR_RETURN(std::string arpa, b.BuildArpa());
//
// Contract:
//   - Smoothing is interpolated modified Kneser-Ney (Chen & Goodman 1998):
//     three discounts per order estimated from the counts-of-counts,
//     continuation counts for the lower orders, and the interpolated
//     probabilities written as ARPA back-off entries with exact back-off
//     weights, so the model scores every n-gram as the interpolated model
//     does and each context's distribution sums to one.
//   - Each sentence is wrapped in <s> ... </s>. Words are taken as given
//     (normalise them first; see NormalizeWords in domain_lm.h).
//   - The unigram level is a mixture: (1 - prior_weight) * the corpus's
//     Kneser-Ney unigram + prior_weight * the prior distribution (words of
//     the prior that the corpus lacks enter the vocabulary this way). Without
//     a prior the corpus unigram's leftover mass goes to a uniform
//     distribution over the vocabulary.
//   - BuildArpa returns FailedPrecondition when nothing was added.
//   - Thread-safety: none; one builder per thread. Memory: the n-gram
//     tables of the added text (a few MB for tens of thousands of
//     sentences).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/status.h"

namespace sc::speech::lm {

struct NgramLmOptions {
  int order = 3;  // 1..5.
  // Weight of the unigram prior in the unigram mixture (0..1); ignored
  // without a prior.
  double prior_weight = 0.15;
};

class NgramLmBuilder {
 public:
  explicit NgramLmBuilder(const NgramLmOptions& options);

  // Adds one sentence `count` times (a weight for short, important
  // phrases). Empty sentences are ignored.
  void AddSentence(const std::vector<std::string>& words, int count = 1);

  // Sets the prior unigram distribution: (word, probability) pairs, not
  // necessarily normalised (they are rescaled to sum to one).
  void SetUnigramPrior(std::vector<std::pair<std::string, double>> prior);

  // The model as ARPA text.
  StatusOr<std::string> BuildArpa() const;

  // The vocabulary: every word of the model except <s> and </s>, sorted.
  std::vector<std::string> Vocabulary() const;

 private:
  using Key = std::vector<int32_t>;
  int32_t Id(const std::string& w);

  NgramLmOptions options_;
  std::unordered_map<std::string, int32_t> ids_;
  std::vector<std::string> words_;
  // Raw counts of every n-gram of the highest order, and of the lower
  // orders' n-grams that begin with <s> (which have no left context).
  std::map<Key, int64_t> counts_;
  std::vector<std::pair<std::string, double>> prior_;
};

}  // namespace sc::speech::lm
