// The objection classifier's model: features of an utterance, a
// multinomial logistic regression over them, its training and its binary
// form. Shared by the build-time trainer (objection_train.cc), which fits
// the model on our own written corpus (objection_corpus.tsv) and links it
// into the library, and by the detector, which loads the linked model
// (ObjectionModel::Builtin) and asks it where the phrase layers are silent
// (docs/objections.md, "Classifier layer").
//
//   const ObjectionModel& m = ObjectionModel::Builtin();
//   ObjectionModel::Probabilities p = m.Classify("our funds dried up");
//   // p[k] for ObjectionModel::Labels()[k]; the last label is "none".
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
// Thread-safety: a model is immutable after training or loading; Classify
// may be called from any thread.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analysis/embeddings.h"

namespace sc::analysis {

struct ObjectionFeatures {
  std::vector<std::string> sparse;  // Unique names.
  SentenceVector dense{};           // Zero when no word has a vector.
};

ObjectionFeatures ExtractObjectionFeatures(const WordEmbeddings& e,
                                           std::string_view text);

struct ObjectionTrainingOptions {
  int epochs = 30;
  double learning_rate = 0.3;  // AdaGrad step.
  double l2_sparse = 1e-4;     // Per update, on the weights it touches.
  double l2_dense = 1e-4;
  double dense_scale = 2.0;  // Sentence vector multiplier.
  uint64_t seed = 1;         // Sample order (deterministic).
};

struct ObjectionExample {
  std::string text;
  int label = 0;  // Index into ObjectionModel::Labels().
};

// Reads the corpus format: `label<TAB>text` lines, `#` comments and blank
// lines ignored. False with `error` naming the line on a bad label or shape.
bool ParseObjectionCorpus(std::string_view tsv,
                          std::vector<ObjectionExample>* out,
                          std::string* error);

class ObjectionModel {
 public:
  static constexpr int kClasses = 12;
  using Probabilities = std::array<double, kClasses>;

  // The 11 categories in ObjectionDetector::Categories() order, then
  // "none".
  static const std::array<std::string_view, kClasses>& Labels();
  static int LabelIndex(std::string_view label);  // -1 when unknown.
  static constexpr int kNone = kClasses - 1;

  // The model linked into the library (trained at build time).
  static const ObjectionModel& Builtin();

  // Deterministic for given examples and options.
  static ObjectionModel Train(std::span<const ObjectionExample> examples,
                              const ObjectionTrainingOptions& options);

  // The binary form (little-endian; objection_model.cc) and back. Parse
  // returns false on a malformed blob.
  std::string Serialize() const;
  static bool Parse(const unsigned char* data, size_t size,
                    ObjectionModel* out);

  Probabilities Classify(std::string_view text) const;
  Probabilities ClassifyFeatures(const ObjectionFeatures& f) const;

  // Which of `tokens` (EmbeddingTokens form) pushes hardest towards
  // `label`: the index of the one whose word feature has the largest weight
  // for it (0 when none is known). The detector reports it as the trigger.
  int StrongestToken(std::span<const std::string> tokens, int label) const;

  size_t feature_count() const { return names_.size(); }

 private:
  float dense_scale_ = 1;
  std::array<float, kClasses> bias_{};
  std::vector<float> dense_;  // kClasses x kEmbeddingDims.
  std::vector<std::string> names_;
  std::vector<float> sparse_;  // names_.size() x kClasses.
  std::unordered_map<std::string, int> index_;
};

}  // namespace sc::analysis
