// The objection detector's semantic layer: how close an utterance is, in
// meaning, to short objections we wrote per category (the prototypes,
// objection_prototypes.cc) and to ordinary sales talk that is not an
// objection. It generalises over wording the phrase patterns and topic
// cues do not know ("that figure made my jaw drop") because sentence
// vectors (embeddings.h) place paraphrases close together.
//
//   const SemanticObjections& s = SemanticObjections::Builtin();
//   SemanticScores sc = s.Score("funds are frozen until spring");
//   // sc.best_category == "budget", sc.best, sc.none ...
//
// Per category the score is the mean cosine of the utterance to its
// `top_k` closest prototypes, after removing the direction common to all
// prototypes (SIF's common component, computed from our own prototypes).
// The detector (objections.cc, docs/objections.md "Semantic layer") decides
// when a score is strong enough to report.
//
// Internal to src/analysis. Thread-safety: any thread; the only mutable
// state is a per-word cache behind a mutex.
#pragma once

#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analysis/embeddings.h"

namespace sc::analysis {

// One prototype sentence; category "none" marks non-objection talk.
struct ObjectionPrototype {
  std::string_view category;
  std::string_view text;
};

// The built-in prototypes, written for this layer from general sales
// knowledge (never from an evaluation set).
std::span<const ObjectionPrototype> BuiltinObjectionPrototypes();

struct SemanticScores {
  bool known = false;  // False when no word of the text has a vector.
  std::string best_category;
  double best = 0;    // Score of best_category.
  double second = 0;  // Score of the runner-up category.
  double none = 0;    // Score of the non-objection prototypes.
  // Every category's score, in ObjectionDetector::Categories() order.
  std::vector<double> scores;
};

class SemanticObjections {
 public:
  static const SemanticObjections& Builtin();

  SemanticScores Score(std::string_view text) const;
  SemanticScores ScoreTokens(std::span<const std::string> tokens) const;

 private:
  struct Proto {
    int category;  // Index into categories; -1 for "none".
    SentenceVector v;
  };
  SemanticObjections();
  std::vector<std::string> categories_;
  std::vector<Proto> protos_;
  SentenceVector common_{};
  // Content words of the prototypes, once per category, as unit vectors
  // in one dimension-major float matrix (element [d * K + k] is component d
  // of keyword k), and each one's category index (categories_.size() for
  // "none"): the word alignment score is then K-wide multiply-adds the
  // compiler vectorizes.
  std::vector<float> keyword_vectors_;
  std::vector<int> keyword_category_;

  // A table word's best keyword cosine per category (and "none" last),
  // computed on first use: calls repeat their words, and this is most of
  // the layer's cost. At most one entry per table word (~2 MB).
  std::vector<float> Alignment(int word) const;
  mutable std::mutex cache_mu_;
  mutable std::unordered_map<int, std::vector<float>>
      cache_;  // GUARDED_BY(cache_mu_)
};

}  // namespace sc::analysis
