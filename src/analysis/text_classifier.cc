#include "analysis/text_classifier.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <set>

namespace sc::analysis {
namespace {

constexpr int kD = kEmbeddingDims;
constexpr char kMagic[4] = {'S', 'C', 'T', 'C'};
constexpr uint32_t kVersion = 1;
constexpr uint32_t kMaxClasses = 64;
constexpr int kNegationReach = 3;

bool IsNegator(std::string_view w) {
  static const std::set<std::string_view> kNegators = {
      "not", "no",     "never",   "nothing", "none",   "nobody",
      "nor", "cannot", "without", "hardly",  "neither"};
  return kNegators.count(w) > 0;
}

const char* LengthBand(size_t n) {
  if (n <= 3) return "len:1-3";
  if (n <= 7) return "len:4-7";
  if (n <= 15) return "len:8-15";
  return "len:16+";
}

template <typename T>
void Put(std::string* out, T v) {
  char b[sizeof(T)];
  std::memcpy(b, &v, sizeof(T));
  out->append(b, sizeof(T));
}

// Reads a T at `*p` when it fits before `end`.
template <typename T>
bool Get(const unsigned char** p, const unsigned char* end, T* v) {
  if (static_cast<size_t>(end - *p) < sizeof(T)) return false;
  std::memcpy(v, *p, sizeof(T));
  *p += sizeof(T);
  return true;
}

// Reads a NUL-terminated string at `*p`.
bool GetString(const unsigned char** p, const unsigned char* end,
               std::string* s) {
  const void* nul = std::memchr(*p, '\0', static_cast<size_t>(end - *p));
  if (nul == nullptr) return false;
  const auto* z = static_cast<const unsigned char*>(nul);
  s->assign(reinterpret_cast<const char*>(*p), static_cast<size_t>(z - *p));
  *p = z + 1;
  return true;
}

void Softmax(std::vector<double>* z) {
  const double m = *std::max_element(z->begin(), z->end());
  double sum = 0;
  for (double& v : *z) sum += (v = std::exp(v - m));
  for (double& v : *z) v /= sum;
}

}  // namespace

TextFeatures ExtractTextFeatures(const WordEmbeddings& e,
                                 std::string_view text) {
  TextFeatures f;
  const std::vector<std::string> toks = EmbeddingTokens(text);
  std::set<std::string> names;
  int negated_until = -1;
  for (size_t i = 0; i < toks.size(); ++i) {
    const std::string& w = toks[i];
    names.insert("u:" + w);
    if (static_cast<int>(i) <= negated_until) names.insert("n:" + w);
    if (IsNegator(w)) negated_until = static_cast<int>(i) + kNegationReach;
    if (w.size() >= 7) names.insert("p:" + w.substr(0, 5));
    names.insert("b:" + (i == 0 ? std::string("<s>") : toks[i - 1]) + " " + w);
  }
  if (!toks.empty()) names.insert("b:" + toks.back() + " </s>");
  names.insert(LengthBand(toks.size()));
  f.sparse.assign(names.begin(), names.end());
  EmbedTokens(e, toks, {}, &f.dense);
  return f;
}

bool ParseLabelledCorpus(std::string_view tsv,
                         std::span<const std::string> labels,
                         std::vector<LabelledText>* out, std::string* error) {
  int line_no = 0;
  while (!tsv.empty()) {
    const size_t nl = tsv.find('\n');
    std::string_view line = tsv.substr(0, nl);
    tsv =
        nl == std::string_view::npos ? std::string_view() : tsv.substr(nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    const size_t tab = line.find('\t');
    if (tab == std::string_view::npos ||
        line.find('\t', tab + 1) != std::string_view::npos ||
        tab + 1 == line.size()) {
      *error = "line " + std::to_string(line_no) + ": want label<TAB>text";
      return false;
    }
    const auto it =
        std::find(labels.begin(), labels.end(), line.substr(0, tab));
    if (it == labels.end()) {
      *error = "line " + std::to_string(line_no) + ": unknown label '" +
               std::string(line.substr(0, tab)) + "'";
      return false;
    }
    LabelledText x;
    x.label = static_cast<int>(it - labels.begin());
    x.text = std::string(line.substr(tab + 1));
    out->push_back(std::move(x));
  }
  return true;
}

int TextClassifier::LabelIndex(std::string_view label) const {
  const auto it = std::find(labels_.begin(), labels_.end(), label);
  return it == labels_.end() ? -1 : static_cast<int>(it - labels_.begin());
}

TextClassifier TextClassifier::Train(std::span<const LabelledText> examples,
                                     std::vector<std::string> labels,
                                     const TrainingOptions& options) {
  const WordEmbeddings& e = WordEmbeddings::Builtin();
  TextClassifier m;
  m.labels_ = std::move(labels);
  const int kC = m.classes();
  m.dense_scale_ = static_cast<float>(options.dense_scale);
  // Features once; the vocabulary is every name the corpus produces,
  // sorted, so the model does not depend on hash order.
  std::vector<TextFeatures> feats;
  feats.reserve(examples.size());
  std::set<std::string> vocab;
  for (const LabelledText& x : examples) {
    feats.push_back(ExtractTextFeatures(e, x.text));
    vocab.insert(feats.back().sparse.begin(), feats.back().sparse.end());
  }
  m.names_.assign(vocab.begin(), vocab.end());
  for (size_t i = 0; i < m.names_.size(); ++i) {
    m.index_[m.names_[i]] = static_cast<int>(i);
  }
  std::vector<std::vector<int>> ids(feats.size());
  for (size_t i = 0; i < feats.size(); ++i) {
    for (const std::string& n : feats[i].sparse) ids[i].push_back(m.index_[n]);
  }

  // Multinomial logistic regression, AdaGrad, L2 on the touched weights.
  const size_t nf = m.names_.size();
  m.bias_.assign(kC, 0.f);
  m.sparse_.assign(nf * kC, 0.f);
  m.dense_.assign(size_t(kC) * kD, 0.f);
  std::vector<double> g2_sparse(nf * kC, 1e-8), g2_dense(size_t(kC) * kD, 1e-8);
  std::vector<double> g2_bias(kC, 1e-8);
  std::vector<size_t> order(examples.size());
  std::iota(order.begin(), order.end(), size_t{0});
  uint64_t rng = options.seed * 6364136223846793005ull + 1442695040888963407ull;
  auto next = [&rng] {
    rng = rng * 6364136223846793005ull + 1442695040888963407ull;
    return rng >> 33;
  };
  const double lr = options.learning_rate;
  std::vector<double> p(kC);
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    for (size_t i = order.size(); i > 1; --i) {
      std::swap(order[i - 1], order[next() % i]);
    }
    for (size_t s : order) {
      const TextFeatures& f = feats[s];
      const double v = ids[s].empty() ? 0 : 1 / std::sqrt(ids[s].size());
      for (int c = 0; c < kC; ++c) {
        double z = m.bias_[c];
        for (int id : ids[s]) z += v * m.sparse_[size_t(id) * kC + c];
        for (int d = 0; d < kD; ++d) {
          z += m.dense_scale_ * f.dense[d] * m.dense_[size_t(c) * kD + d];
        }
        p[c] = z;
      }
      Softmax(&p);
      for (int c = 0; c < kC; ++c) {
        const double g = p[c] - (c == examples[s].label ? 1.0 : 0.0);
        g2_bias[c] += g * g;
        m.bias_[c] -= static_cast<float>(lr * g / std::sqrt(g2_bias[c]));
        for (int id : ids[s]) {
          const size_t k = size_t(id) * kC + c;
          const double gk = g * v + options.l2_sparse * m.sparse_[k];
          g2_sparse[k] += gk * gk;
          m.sparse_[k] -= static_cast<float>(lr * gk / std::sqrt(g2_sparse[k]));
        }
        for (int d = 0; d < kD; ++d) {
          const size_t k = size_t(c) * kD + d;
          const double gk =
              g * m.dense_scale_ * f.dense[d] + options.l2_dense * m.dense_[k];
          g2_dense[k] += gk * gk;
          m.dense_[k] -= static_cast<float>(lr * gk / std::sqrt(g2_dense[k]));
        }
      }
    }
  }
  return m;
}

// Layout: "SCTC", u32 version, u32 classes, u32 dims, u32 features,
// f32 dense_scale, the labels (NUL-terminated), f32 bias[classes],
// f32 dense[classes x dims], f32 sparse[features x classes], then the
// feature names, each NUL-terminated, in index order.
std::string TextClassifier::Serialize() const {
  std::string out(kMagic, 4);
  Put(&out, kVersion);
  Put(&out, uint32_t(classes()));
  Put(&out, uint32_t(kD));
  Put(&out, uint32_t(names_.size()));
  Put(&out, dense_scale_);
  for (const std::string& l : labels_) {
    out += l;
    out.push_back('\0');
  }
  for (float b : bias_) Put(&out, b);
  for (float w : dense_) Put(&out, w);
  for (float w : sparse_) Put(&out, w);
  for (const std::string& n : names_) {
    out += n;
    out.push_back('\0');
  }
  return out;
}

bool TextClassifier::Parse(const unsigned char* data, size_t size,
                           TextClassifier* out) {
  const unsigned char* p = data;
  const unsigned char* end = data + size;
  if (size < 4 || std::memcmp(p, kMagic, 4) != 0) return false;
  p += 4;
  uint32_t version = 0, classes = 0, dims = 0, features = 0;
  TextClassifier m;
  if (!Get(&p, end, &version) || version != kVersion ||
      !Get(&p, end, &classes) || classes < 2 || classes > kMaxClasses ||
      !Get(&p, end, &dims) || dims != kD || !Get(&p, end, &features) ||
      !Get(&p, end, &m.dense_scale_)) {
    return false;
  }
  m.labels_.resize(classes);
  for (std::string& l : m.labels_) {
    if (!GetString(&p, end, &l)) return false;
  }
  // Every weight must fit before the names, so a corrupt count cannot ask
  // for a huge allocation.
  const size_t floats = size_t(classes) * (1 + kD + size_t(features));
  if (static_cast<size_t>(end - p) / sizeof(float) < floats) return false;
  m.bias_.resize(classes);
  for (float& b : m.bias_) Get(&p, end, &b);
  m.dense_.resize(size_t(classes) * kD);
  for (float& w : m.dense_) Get(&p, end, &w);
  m.sparse_.resize(size_t(features) * classes);
  for (float& w : m.sparse_) Get(&p, end, &w);
  m.names_.resize(features);
  for (uint32_t i = 0; i < features; ++i) {
    if (!GetString(&p, end, &m.names_[i])) return false;
    m.index_[m.names_[i]] = static_cast<int>(i);
  }
  if (p != end || m.index_.size() != features) return false;
  *out = std::move(m);
  return true;
}

std::vector<double> TextClassifier::ClassifyFeatures(
    const TextFeatures& f) const {
  const int kC = classes();
  std::vector<int> ids;
  for (const std::string& n : f.sparse) {
    const auto it = index_.find(n);
    if (it != index_.end()) ids.push_back(it->second);
  }
  // Scaled by the utterance's own feature count, known or not, as in
  // training (an unknown word still dilutes the known ones).
  const double v = f.sparse.empty() ? 0 : 1 / std::sqrt(f.sparse.size());
  std::vector<double> z(kC);
  for (int c = 0; c < kC; ++c) {
    double s = bias_[c];
    for (int id : ids) s += v * sparse_[size_t(id) * kC + c];
    for (int d = 0; d < kD; ++d) {
      s += dense_scale_ * f.dense[d] * dense_[size_t(c) * kD + d];
    }
    z[c] = s;
  }
  Softmax(&z);
  return z;
}

std::vector<double> TextClassifier::Classify(std::string_view text) const {
  return ClassifyFeatures(ExtractTextFeatures(WordEmbeddings::Builtin(), text));
}

int TextClassifier::StrongestToken(std::span<const std::string> tokens,
                                   int label) const {
  int best = 0;
  float best_w = -1e30f;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const auto it = index_.find("u:" + tokens[i]);
    if (it == index_.end()) continue;
    const float w = sparse_[size_t(it->second) * classes() + label];
    if (w > best_w) {
      best_w = w;
      best = static_cast<int>(i);
    }
  }
  return best;
}

}  // namespace sc::analysis
