#include "analysis/objection_semantic.h"

#include <algorithm>
#include <functional>
#include <set>
#include <utility>

#include "analysis/objections.h"

namespace sc::analysis {
namespace {

// Mean over the k closest prototypes: one stray close prototype counts
// less than a category that several prototypes agree on.
// (Chosen on our tune set and the dev one-liners with eval_objections
// --semantic-alone: 1, 2 and 3 score within 0.03 of each other.)
constexpr int kTopK = 2;
// Weight of the word alignment score against the sentence cosine. Sentence
// averages blur the few words that carry an objection's topic; aligning
// each content word with its closest prototype keyword keeps them. On the
// dev one-liners (semantic layer alone) top-1 rose from 0.53 (sentence
// cosine only) to 0.64 at 0.7; 0.6 to 0.9 score alike.
constexpr double kAlign = 0.7;
// A content word has a SIF weight above this (not a function word).
constexpr float kContentWeight = 0.5f;

double TopMean(std::vector<double>& sims) {
  if (sims.empty()) return 0;
  const int k = std::min<int>(kTopK, static_cast<int>(sims.size()));
  std::partial_sort(sims.begin(), sims.begin() + k, sims.end(),
                    std::greater<double>());
  double s = 0;
  for (int i = 0; i < k; ++i) s += sims[i];
  return s / k;
}

}  // namespace

const SemanticObjections& SemanticObjections::Builtin() {
  static const SemanticObjections* const kLayer = new SemanticObjections();
  return *kLayer;
}

SemanticObjections::SemanticObjections() {
  categories_ = ObjectionDetector::Categories();
  const WordEmbeddings& e = WordEmbeddings::Builtin();
  std::vector<SentenceVector> all;
  for (const ObjectionPrototype& p : BuiltinObjectionPrototypes()) {
    Proto proto;
    auto it = std::find(categories_.begin(), categories_.end(), p.category);
    proto.category = it == categories_.end()
                         ? -1
                         : static_cast<int>(it - categories_.begin());
    if (!EmbedSentence(e, p.text, {}, &proto.v)) continue;
    protos_.push_back(proto);
    all.push_back(proto.v);
  }
  // The prototypes' content words, once per category, for the word
  // alignment score.
  std::set<std::pair<int, int>> seen;
  std::vector<SentenceVector> rows;
  const int none_index = static_cast<int>(categories_.size());
  for (const ObjectionPrototype& p : BuiltinObjectionPrototypes()) {
    auto it = std::find(categories_.begin(), categories_.end(), p.category);
    const int cat = it == categories_.end()
                        ? none_index
                        : static_cast<int>(it - categories_.begin());
    for (const std::string& t : EmbeddingTokens(p.text)) {
      const int i = e.Find(t);
      if (i < 0 || SifWeight(e, i, {}) < kContentWeight) continue;
      if (!seen.insert({cat, i}).second) continue;
      SentenceVector v = e.Vector(i);
      Normalize(&v);
      rows.push_back(v);
      keyword_category_.push_back(cat);
    }
  }
  const size_t kw = rows.size();
  keyword_vectors_.assign(kw * kEmbeddingDims, 0);
  for (size_t k = 0; k < kw; ++k) {
    for (int d = 0; d < kEmbeddingDims; ++d) {
      keyword_vectors_[d * kw + k] = rows[k][d];
    }
  }
  common_ = CommonComponent(all);
  for (Proto& p : protos_) RemoveComponent(common_, &p.v);
}

std::vector<float> SemanticObjections::Alignment(int word) const {
  {
    std::lock_guard<std::mutex> lock(cache_mu_);
    auto it = cache_.find(word);
    if (it != cache_.end()) return it->second;
  }
  SentenceVector u = WordEmbeddings::Builtin().Vector(word);
  Normalize(&u);
  const size_t kw = keyword_category_.size();
  std::vector<float> dots(kw, 0.0f);
  for (int d = 0; d < kEmbeddingDims; ++d) {
    const float ud = u[d];
    const float* col = keyword_vectors_.data() + d * kw;
    for (size_t k = 0; k < kw; ++k) dots[k] += ud * col[k];
  }
  std::vector<float> best(categories_.size() + 1, -1.0f);
  for (size_t k = 0; k < kw; ++k) {
    float& b = best[keyword_category_[k]];
    b = std::max(b, dots[k]);
  }
  std::lock_guard<std::mutex> lock(cache_mu_);
  cache_.emplace(word, best);
  return best;
}

SemanticScores SemanticObjections::Score(std::string_view text) const {
  const std::vector<std::string> tokens = EmbeddingTokens(text);
  return ScoreTokens(tokens);
}

SemanticScores SemanticObjections::ScoreTokens(
    std::span<const std::string> tokens) const {
  SemanticScores out;
  out.scores.assign(categories_.size(), 0);
  SentenceVector v;
  if (!EmbedTokens(WordEmbeddings::Builtin(), tokens, {}, &v)) return out;
  RemoveComponent(common_, &v);
  out.known = true;
  std::vector<std::vector<double>> sims(categories_.size());
  std::vector<double> none;
  for (const Proto& p : protos_) {
    const double c = Cosine(v, p.v);
    if (p.category < 0) {
      none.push_back(c);
    } else {
      sims[p.category].push_back(c);
    }
  }
  out.none = TopMean(none);
  {
    // Word alignment: per category, the weighted mean over the utterance's
    // content words of the best cosine to one of its keywords.
    const WordEmbeddings& e = WordEmbeddings::Builtin();
    std::vector<double> align(categories_.size() + 1, 0);
    double wsum = 0;
    for (const std::string& t : tokens) {
      const int i = e.Find(t);
      if (i < 0) continue;
      const float w = SifWeight(e, i, {});
      if (w < kContentWeight) continue;
      const std::vector<float> best = Alignment(i);
      for (size_t c = 0; c < best.size(); ++c) align[c] += w * best[c];
      wsum += w;
    }
    if (wsum > 0) {
      for (size_t c = 0; c < sims.size(); ++c) {
        sims[c].assign(
            1, (1 - kAlign) * TopMean(sims[c]) + kAlign * align[c] / wsum);
      }
      out.none =
          (1 - kAlign) * out.none + kAlign * align[categories_.size()] / wsum;
    }
  }
  int best = -1, second = -1;
  for (size_t i = 0; i < sims.size(); ++i) {
    out.scores[i] = TopMean(sims[i]);
    const int ii = static_cast<int>(i);
    if (best < 0 || out.scores[i] > out.scores[best]) {
      second = best;
      best = ii;
    } else if (second < 0 || out.scores[i] > out.scores[second]) {
      second = ii;
    }
  }
  out.best_category = categories_[best];
  out.best = out.scores[best];
  out.second = second >= 0 ? out.scores[second] : 0;
  return out;
}

}  // namespace sc::analysis
