#include "analysis/embeddings.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>

namespace sc::analysis {

// Defined in the generated embedding_table_data.cc (sc_embeddings_embed).
const unsigned char* EmbeddedVectorTable(std::size_t* size);

namespace {

// Table layout written by embeddings_embed.cc, host byte order:
//   char magic[8] = "SCEMB001"; uint32 n, dims, blob_size, reserved;
//   uint32 offsets[n + 1];   // into the word bytes, words sorted
//   uint32 ranks[n];         // GloVe frequency rank
//   float scales[n];         // component = int8 x scale
//   int8 vectors[n * dims];
//   char words[blob_size];
constexpr size_t kHeader = 24;

uint32_t Load32(const unsigned char* p) {
  uint32_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// Zipf estimate of a word's unigram probability from its rank: p(r) =
// 1 / ((r + 1) H), H the harmonic number of the 400k-word GloVe vocabulary.
double ZipfProbability(uint32_t rank) {
  constexpr double kHarmonic = 13.48;  // ln(400000) + 0.5772
  return 1.0 / ((static_cast<double>(rank) + 1.0) * kHarmonic);
}

}  // namespace

void Normalize(SentenceVector* v) {
  double n = 0;
  for (float x : *v) n += double(x) * x;
  if (n <= 0) return;
  const float inv = static_cast<float>(1.0 / std::sqrt(n));
  for (float& x : *v) x *= inv;
}

const WordEmbeddings& WordEmbeddings::Builtin() {
  static const WordEmbeddings* const kTable = [] {
    auto* e = new WordEmbeddings();
    size_t size = 0;
    const unsigned char* p = EmbeddedVectorTable(&size);
    // The generator checked the data; these checks catch a broken link.
    if (size < kHeader || std::memcmp(p, "SCEMB001", 8) != 0 ||
        Load32(p + 12) != kEmbeddingDims) {
      return e;  // Empty: every lookup misses.
    }
    const uint32_t n = Load32(p + 8);
    const uint32_t blob = Load32(p + 16);
    const size_t need = kHeader + 4ull * (n + 1) + 4ull * n + 4ull * n +
                        size_t(n) * kEmbeddingDims + blob;
    if (need != size) return e;
    const unsigned char* q = p + kHeader;
    e->offset_copy_.resize(n + 1);
    std::memcpy(e->offset_copy_.data(), q, 4ull * (n + 1));
    e->offsets_ = e->offset_copy_.data();
    q += 4ull * (n + 1);
    e->ranks_ = q;
    q += 4ull * n;
    e->scales_ = q;
    q += 4ull * n;
    e->vectors_ = reinterpret_cast<const int8_t*>(q);
    q += size_t(n) * kEmbeddingDims;
    e->words_ = reinterpret_cast<const char*>(q);
    e->count_ = n;
    return e;
  }();
  return *kTable;
}

std::string_view WordEmbeddings::Word(int index) const {
  return std::string_view(words_ + offsets_[index],
                          offsets_[index + 1] - offsets_[index]);
}

int WordEmbeddings::Find(std::string_view word) const {
  size_t lo = 0, hi = count_;
  while (lo < hi) {
    const size_t mid = (lo + hi) / 2;
    const std::string_view w = Word(static_cast<int>(mid));
    if (w < word) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo < count_ && Word(static_cast<int>(lo)) == word
             ? static_cast<int>(lo)
             : -1;
}

uint32_t WordEmbeddings::Rank(int index) const {
  return Load32(ranks_ + 4ull * index);
}

void WordEmbeddings::Accumulate(int index, float weight,
                                SentenceVector* acc) const {
  float scale;
  std::memcpy(&scale, scales_ + 4ull * index, sizeof scale);
  const float f = weight * scale;
  const int8_t* v = vectors_ + size_t(index) * kEmbeddingDims;
  for (int d = 0; d < kEmbeddingDims; ++d) (*acc)[d] += f * v[d];
}

SentenceVector WordEmbeddings::Vector(int index) const {
  SentenceVector v{};
  Accumulate(index, 1.0f, &v);
  return v;
}

std::vector<std::string> EmbeddingTokens(std::string_view text) {
  std::vector<std::string> out;
  std::string w;
  auto flush = [&] {
    if (w.empty()) return;
    // Contractions, as the recognizer spells them out.
    const size_t ap = w.find('\'');
    if (ap != std::string::npos) {
      std::string stem = w.substr(0, ap);
      const std::string tail = w.substr(ap + 1);
      if (tail == "t" && stem.size() > 1 && stem.back() == 'n') {
        stem.pop_back();
        if (stem == "ca") stem = "can";
        if (stem == "wo") stem = "will";
        if (stem == "sha") stem = "shall";
        if (!stem.empty()) out.push_back(stem);
        out.push_back("not");
      } else {
        if (!stem.empty()) out.push_back(stem);
        if (tail == "re") out.push_back("are");
        if (tail == "m") out.push_back("am");
        if (tail == "ll") out.push_back("will");
        if (tail == "ve") out.push_back("have");
        if (tail == "d") out.push_back("would");
        if (tail == "s") out.push_back("'s");
      }
    } else {
      out.push_back(w);
    }
    w.clear();
  };
  for (size_t k = 0; k < text.size(); ++k) {
    unsigned char c = static_cast<unsigned char>(text[k]);
    // A typographic apostrophe (U+2019, UTF-8 e2 80 99) is an apostrophe.
    if (c == 0xe2 && text.substr(k, 3) == "\xe2\x80\x99") {
      c = '\'';
      k += 2;
    }
    if (std::isalpha(c)) {
      w.push_back(static_cast<char>(std::tolower(c)));
    } else if ((c == '\'') && !w.empty()) {
      w.push_back('\'');
    } else {
      flush();
    }
  }
  flush();
  return out;
}

float SifWeight(const WordEmbeddings& e, int index,
                const SentenceEmbeddingOptions& options) {
  const double p = ZipfProbability(e.Rank(index));
  return static_cast<float>(options.sif_a / (options.sif_a + p));
}

bool EmbedTokens(const WordEmbeddings& e, std::span<const std::string> tokens,
                 const SentenceEmbeddingOptions& options, SentenceVector* out) {
  out->fill(0);
  bool any = false;
  for (const std::string& t : tokens) {
    const int i = e.Find(t);
    if (i < 0) continue;
    e.Accumulate(i, SifWeight(e, i, options), out);
    any = true;
  }
  if (any) Normalize(out);
  return any;
}

bool EmbedSentence(const WordEmbeddings& e, std::string_view text,
                   const SentenceEmbeddingOptions& options,
                   SentenceVector* out) {
  const std::vector<std::string> tokens = EmbeddingTokens(text);
  return EmbedTokens(e, tokens, options, out);
}

double Cosine(const SentenceVector& a, const SentenceVector& b) {
  double ab = 0, aa = 0, bb = 0;
  for (int d = 0; d < kEmbeddingDims; ++d) {
    ab += double(a[d]) * b[d];
    aa += double(a[d]) * a[d];
    bb += double(b[d]) * b[d];
  }
  if (aa <= 0 || bb <= 0) return 0;
  return ab / std::sqrt(aa * bb);
}

SentenceVector CommonComponent(std::span<const SentenceVector> vectors) {
  SentenceVector u{};
  if (vectors.empty()) return u;
  // Start from the mean, which is close to the top direction for SIF
  // averages (they share a large common part), then power-iterate X^T X.
  for (const SentenceVector& v : vectors) {
    for (int d = 0; d < kEmbeddingDims; ++d) u[d] += v[d];
  }
  Normalize(&u);
  for (int it = 0; it < 50; ++it) {
    SentenceVector next{};
    for (const SentenceVector& v : vectors) {
      double dot = 0;
      for (int d = 0; d < kEmbeddingDims; ++d) dot += double(v[d]) * u[d];
      for (int d = 0; d < kEmbeddingDims; ++d) {
        next[d] += static_cast<float>(dot * v[d]);
      }
    }
    Normalize(&next);
    u = next;
  }
  return u;
}

void RemoveComponent(const SentenceVector& u, SentenceVector* v) {
  double dot = 0;
  for (int d = 0; d < kEmbeddingDims; ++d) dot += double((*v)[d]) * u[d];
  for (int d = 0; d < kEmbeddingDims; ++d) {
    (*v)[d] -= static_cast<float>(dot * u[d]);
  }
  Normalize(v);
}

}  // namespace sc::analysis
