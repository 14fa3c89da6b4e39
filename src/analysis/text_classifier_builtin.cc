// The models sc_text_classifier_train fitted at build time, linked in by
// the generated *_model_data.cc sources.
#include <cstdlib>
#include <iostream>

#include "analysis/text_classifier.h"

namespace sc::analysis {

const unsigned char* EmbeddedObjectionModel(std::size_t* size);
const unsigned char* EmbeddedSentimentModel(std::size_t* size);

namespace {

const TextClassifier* Load(const unsigned char* (*embedded)(std::size_t*),
                           const char* name) {
  auto* m = new TextClassifier;
  size_t size = 0;
  const unsigned char* data = embedded(&size);
  if (!TextClassifier::Parse(data, size, m)) {
    // The trainer wrote it in this same build; a mismatch is a build bug.
    std::cerr << name << " classifier: embedded model is malformed\n";
    std::abort();
  }
  return m;
}

}  // namespace

const TextClassifier& TextClassifier::Objections() {
  static const TextClassifier* const kModel =
      Load(EmbeddedObjectionModel, "objection");
  return *kModel;
}

const TextClassifier& TextClassifier::Sentiment() {
  static const TextClassifier* const kModel =
      Load(EmbeddedSentimentModel, "sentiment");
  return *kModel;
}

}  // namespace sc::analysis
