#include "analysis/lexicon_embedding.h"

#include <array>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "analysis/embeddings.h"
#include "analysis/vader.h"

namespace sc::analysis::vader {
namespace {

constexpr int kFeatures = kEmbeddingDims + 1;  // The vector and a bias.

// Solves the symmetric positive definite system a x = b in place by
// Cholesky decomposition; false when it is not positive definite.
bool SolveSpd(std::vector<double>& a, std::vector<double>& b) {
  const int n = static_cast<int>(b.size());
  for (int j = 0; j < n; ++j) {
    double d = a[j * n + j];
    for (int k = 0; k < j; ++k) d -= a[j * n + k] * a[j * n + k];
    if (d <= 0) return false;
    d = std::sqrt(d);
    a[j * n + j] = d;
    for (int i = j + 1; i < n; ++i) {
      double s = a[i * n + j];
      for (int k = 0; k < j; ++k) s -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = s / d;
    }
  }
  for (int i = 0; i < n; ++i) {  // L y = b.
    double s = b[i];
    for (int k = 0; k < i; ++k) s -= a[i * n + k] * b[k];
    b[i] = s / a[i * n + i];
  }
  for (int i = n - 1; i >= 0; --i) {  // L^T x = y.
    double s = b[i];
    for (int k = i + 1; k < n; ++k) s -= a[k * n + i] * b[k];
    b[i] = s / a[i * n + i];
  }
  return true;
}

}  // namespace

std::vector<double> FitEmbeddingValence(const Lexicon& rated,
                                        const EmbeddingValenceMix& mix) {
  const WordEmbeddings& e = WordEmbeddings::Builtin();
  if (e.size() == 0) return {};
  // Which table words are rated (target), unrated (neutral example and
  // candidate) or reached by an inflection (left alone).
  const int n = static_cast<int>(e.size());
  std::vector<signed char> kind(n, 0);  // 1 rated, 0 unrated, -1 inflected.
  std::vector<double> target(n, 0);
  for (int i = 0; i < n; ++i) {
    const std::string_view w = e.Word(i);
    if (const double* v = rated.Find(w)) {
      kind[i] = 1;
      target[i] = *v;
    } else if (FindInflected(rated, w) != nullptr) {
      kind[i] = -1;
    }
  }
  // Normal equations of the weighted ridge regression, upper triangle
  // accumulated then mirrored.
  std::vector<double> xtx(kFeatures * kFeatures, 0), xty(kFeatures, 0);
  std::array<double, kFeatures> x;
  for (int i = 0; i < n; ++i) {
    if (kind[i] < 0) continue;
    const double w = kind[i] == 1 ? 1.0 : mix.neutral_example_weight;
    if (w <= 0) continue;
    const SentenceVector v = e.Vector(i);
    for (int d = 0; d < kEmbeddingDims; ++d) x[d] = v[d];
    x[kEmbeddingDims] = 1;
    for (int r = 0; r < kFeatures; ++r) {
      const double wr = w * x[r];
      xty[r] += wr * target[i];
      for (int c = r; c < kFeatures; ++c) xtx[r * kFeatures + c] += wr * x[c];
    }
  }
  for (int r = 0; r < kFeatures; ++r) {
    for (int c = 0; c < r; ++c) xtx[r * kFeatures + c] = xtx[c * kFeatures + r];
    if (r < kEmbeddingDims) xtx[r * kFeatures + r] += mix.ridge;
  }
  if (!SolveSpd(xtx, xty)) return {};
  return xty;
}

double PredictValence(std::span<const double> coefficients,
                      const SentenceVector& word_vector) {
  if (coefficients.size() != kFeatures) return 0;
  double p = coefficients[kEmbeddingDims];
  for (int d = 0; d < kEmbeddingDims; ++d) {
    p += coefficients[d] * word_vector[d];
  }
  return p;
}

Lexicon WithEmbeddingValence(const Lexicon& rated,
                             const EmbeddingValenceMix& mix,
                             std::vector<double>* coefficients) {
  std::vector<double> coef = FitEmbeddingValence(rated, mix);
  if (coefficients != nullptr) *coefficients = coef;
  if (coef.empty() || mix.weight <= 0) return rated;
  const WordEmbeddings& e = WordEmbeddings::Builtin();
  std::vector<std::pair<std::string, double>> additions;
  for (int i = 0; i < static_cast<int>(e.size()); ++i) {
    const std::string_view w = e.Word(i);
    // Words of one letter and tokens with an apostrophe are not VADER
    // tokens worth rating.
    if (w.size() < 2 || w.find('\'') != std::string_view::npos) continue;
    if (static_cast<int>(e.Rank(i)) < mix.min_rank) continue;
    if (rated.Find(w) != nullptr || FindInflected(rated, w) != nullptr) {
      continue;
    }
    const double p = PredictValence(coef, e.Vector(i));
    if (std::fabs(p) < mix.min_abs) continue;
    additions.emplace_back(std::string(w), mix.weight * p);
  }
  return rated.With(additions);
}

double SentenceValence(std::span<const double> coefficients,
                       std::string_view text) {
  if (coefficients.size() != kFeatures) return 0;
  const WordEmbeddings& e = WordEmbeddings::Builtin();
  double sum = 0, weights = 0;
  for (const std::string& t : EmbeddingTokens(text)) {
    const int i = e.Find(t);
    if (i < 0) continue;
    const double w = SifWeight(e, i, {});
    sum += w * PredictValence(coefficients, e.Vector(i));
    weights += w;
  }
  return weights > 0 ? sum / weights / 4.0 : 0;
}

}  // namespace sc::analysis::vader
