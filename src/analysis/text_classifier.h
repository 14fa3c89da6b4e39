// A small trained text classifier: features of an utterance, a multinomial
// logistic regression over them, its training and its binary form. Two
// models are trained at build time by sc_text_classifier_train on corpora
// we wrote ourselves and linked into the library:
//  - objections (objection_corpus*.tsv): the 11 objection categories and
//    "none", asked where the phrase layers are silent (docs/objections.md,
//    "Classifier layer");
//  - sentiment (sentiment_corpus.tsv): positive, neutral, negative, blended
//    with the lexicon score (docs/sentiment.md, "Sentiment classifier").
//
//   const TextClassifier& m = TextClassifier::Objections();
//   std::vector<double> p = m.Classify("our funds dried up");
//   // p[k] for m.labels()[k]; for objections the last label is "none".
//
// Features, each present or not (scaled by 1/sqrt(count)):
//   "u:" word   every token (EmbeddingTokens: lowercase, contractions
//               expanded, as the recognizer writes them);
//   "n:" word   a token within three words after a negator ("not", "no",
//               "never", "without", ...): "not expensive" is not "expensive";
//   "b:" pair   adjacent tokens, with "<s>" and "</s>" at the ends;
//   "p:" stem   the first five letters of tokens of seven or more letters,
//               for inflections the corpus lacks ("integrating");
//   "len:" band the utterance's length (1-3, 4-7, 8-15, 16+ tokens);
// plus the utterance's SIF sentence vector (embeddings.h), which carries
// the classifier over to words the corpus never used.
//
// Thread-safety: a model is immutable after training or loading; every
// const method may be called from any thread.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analysis/embeddings.h"

namespace sc::analysis {

struct TextFeatures {
  std::vector<std::string> sparse;  // Unique names.
  SentenceVector dense{};           // Zero when no word has a vector.
};

TextFeatures ExtractTextFeatures(const WordEmbeddings& e,
                                 std::string_view text);

struct TrainingOptions {
  int epochs = 30;
  double learning_rate = 0.3;  // AdaGrad step.
  double l2_sparse = 1e-4;     // Per update, on the weights it touches.
  double l2_dense = 1e-4;
  double dense_scale = 2.0;  // Sentence vector multiplier.
  uint64_t seed = 1;         // Sample order (deterministic).
};

struct LabelledText {
  std::string text;
  int label = 0;  // Index into the model's labels.
};

// Reads the corpus format: `label<TAB>text` lines, `#` comments and blank
// lines ignored; labels must be among `labels`. False with `error` naming
// the line on a bad label or shape.
bool ParseLabelledCorpus(std::string_view tsv,
                         std::span<const std::string> labels,
                         std::vector<LabelledText>* out, std::string* error);

class TextClassifier {
 public:
  // The objection model: ObjectionDetector::Categories() in order, then
  // "none" (kObjectionNone).
  static const TextClassifier& Objections();
  static constexpr int kObjectionNone = 11;
  // The sentiment model: "negative", "neutral", "positive", in that order.
  static const TextClassifier& Sentiment();
  static constexpr int kSentimentNegative = 0;
  static constexpr int kSentimentPositive = 2;

  // Deterministic for given examples, labels and options. REQUIRES: at
  // least two labels; every example's label indexes `labels`.
  static TextClassifier Train(std::span<const LabelledText> examples,
                              std::vector<std::string> labels,
                              const TrainingOptions& options);

  // The binary form (little-endian; text_classifier.cc) and back. Parse
  // returns false on a malformed blob.
  std::string Serialize() const;
  static bool Parse(const unsigned char* data, size_t size,
                    TextClassifier* out);

  const std::vector<std::string>& labels() const { return labels_; }
  int LabelIndex(std::string_view label) const;  // -1 when unknown.

  // Probabilities per label, summing to 1.
  std::vector<double> Classify(std::string_view text) const;
  std::vector<double> ClassifyFeatures(const TextFeatures& f) const;

  // Which of `tokens` (EmbeddingTokens form) pushes hardest towards
  // `label`: the index of the one whose word feature has the largest weight
  // for it (0 when none is known). The objection detector reports it as the
  // trigger.
  int StrongestToken(std::span<const std::string> tokens, int label) const;

  size_t feature_count() const { return names_.size(); }

 private:
  int classes() const { return static_cast<int>(labels_.size()); }

  std::vector<std::string> labels_;
  float dense_scale_ = 1;
  std::vector<float> bias_;   // classes.
  std::vector<float> dense_;  // classes x kEmbeddingDims.
  std::vector<std::string> names_;
  std::vector<float> sparse_;  // names_.size() x classes.
  std::unordered_map<std::string, int> index_;
};

}  // namespace sc::analysis
