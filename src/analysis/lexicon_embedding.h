// Valence for words neither VADER nor AFINN rates, predicted from their
// GloVe word vectors (embeddings.h). Internal to sc_analysis; the public
// switch is SentimentOptions::embedding_valence_weight (sentiment.h) and
// docs/sentiment.md ("Embedding valence") explains it.
//
// A ridge regression from a word's vector to its rating is fitted on the
// lexicon itself: every table word the lexicon rates is an example at its
// rating, every table word it does not rate (nor reaches by an inflection)
// an example at 0 with a smaller weight, since VADER's authors treat
// unlisted words as neutral. Nothing of the evaluation sets is used. The
// fitted model then rates each unrated table word past the `min_rank` most
// frequent; predictions of at least `min_abs` (VADER scale) are added to
// the lexicon, scaled by
// `weight`, and go through every VADER rule like a listed word.
//
// Thread-safety: a pure function over immutable inputs.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "analysis/embeddings.h"
#include "analysis/vader_lexicon.h"

namespace sc::analysis::vader {

struct EmbeddingValenceMix {
  // Multiplies each prediction. REQUIRES: >= 0 (0 adds nothing).
  double weight = 0.75;
  // Smallest |prediction| (VADER scale, -4..4) that is added. REQUIRES: >= 0.
  double min_abs = 0.6;
  // Weight of an unrated word as a neutral example (rated words weigh 1).
  double neutral_example_weight = 0.3;
  // Ridge penalty on the coefficients.
  double ridge = 1.0;
  // Words more frequent than this GloVe rank get no predicted valence: the
  // VADER authors rated the frequent words of sentiment-laden text, so a
  // frequent word they left out ("meet", "meeting") is almost surely
  // neutral, and the regression's noise would make it otherwise.
  int min_rank = 5000;
};

// The regression's coefficients: kEmbeddingDims weights, then the bias.
// Empty when the system could not be solved (it always can in practice:
// the ridge term keeps it positive definite).
std::vector<double> FitEmbeddingValence(const Lexicon& rated,
                                        const EmbeddingValenceMix& mix);

// The predicted valence (VADER scale) of a word vector.
double PredictValence(std::span<const double> coefficients,
                      const SentenceVector& word_vector);

// `rated` with predicted valences for the unrated table words added; the
// coefficients used go to `coefficients` when it is not null.
Lexicon WithEmbeddingValence(const Lexicon& rated,
                             const EmbeddingValenceMix& mix,
                             std::vector<double>* coefficients = nullptr);

// A sentence's valence from its words' predicted valences: the SIF-weighted
// mean over the words the table knows, divided by 4 (so in about [-1, 1]);
// 0 for text with no known word. Unlike the VADER rules it sees no
// negation; the sentiment model blends it in with a small weight.
double SentenceValence(std::span<const double> coefficients,
                       std::string_view text);

}  // namespace sc::analysis::vader
