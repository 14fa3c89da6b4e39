#include "speech/lm/ngram_lm.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace sc::speech::lm {

namespace {

constexpr int32_t kBos = 0;  // <s>
constexpr int32_t kEos = 1;  // </s>

// Per n-gram, while building one order.
struct Entry {
  double count = 0;  // Raw or continuation count (see BuildArpa).
  double prob = 0;   // Interpolated probability p(w | context).
  double bow = 0;    // Back-off weight when the n-gram is a context.
  bool is_context = false;
};

// Modified Kneser-Ney discounts D1, D2, D3+ for one order, from the counts
// of n-grams seen exactly 1..4 times (Chen & Goodman's estimates). Tiny or
// synthetic corpora can make the estimates degenerate; they then fall back
// to fixed discounts, each kept below the count it discounts.
struct Discounts {
  double d[4] = {0, 0.5, 1.0, 1.5};  // d[c] for c = 1, 2, 3+.
  double For(double c) const {
    return d[std::min<int>(3, static_cast<int>(c))];
  }
};

Discounts EstimateDiscounts(const std::map<std::vector<int32_t>, Entry>& t) {
  double n[5] = {0, 0, 0, 0, 0};
  for (const auto& [k, e] : t) {
    const int c = static_cast<int>(std::lround(e.count));
    if (c >= 1 && c <= 4) n[c] += 1;
  }
  Discounts out;
  if (n[1] > 0 && n[2] > 0 && n[3] > 0 && n[4] > 0) {
    const double y = n[1] / (n[1] + 2 * n[2]);
    const double d1 = 1 - 2 * y * n[2] / n[1];
    const double d2 = 2 - 3 * y * n[3] / n[2];
    const double d3 = 3 - 4 * y * n[4] / n[3];
    if (d1 > 0 && d2 > 0 && d3 > 0) {
      out.d[1] = std::min(d1, 0.95);
      out.d[2] = std::min(d2, 1.9);
      out.d[3] = std::min(d3, 2.9);
    }
  }
  return out;
}

std::string FormatLog(double p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6f", p > 0 ? std::log10(p) : -99.0);
  return buf;
}

}  // namespace

NgramLmBuilder::NgramLmBuilder(const NgramLmOptions& options)
    : options_(options) {
  options_.order = std::clamp(options_.order, 1, 5);
  options_.prior_weight = std::clamp(options_.prior_weight, 0.0, 1.0);
  Id("<s>");
  Id("</s>");
}

int32_t NgramLmBuilder::Id(const std::string& w) {
  auto [it, inserted] = ids_.emplace(w, static_cast<int32_t>(words_.size()));
  if (inserted) words_.push_back(w);
  return it->second;
}

void NgramLmBuilder::AddSentence(const std::vector<std::string>& words,
                                 int count) {
  if (words.empty() || count <= 0) return;
  Key s = {kBos};
  for (const auto& w : words) {
    if (w.empty() || w == "<s>" || w == "</s>") continue;
    s.push_back(Id(w));
  }
  if (s.size() == 1) return;
  s.push_back(kEos);
  // Every n-gram of every order up to `order`: the highest order's counts
  // directly, and the lower orders' for the n-grams that start the
  // sentence (the only ones whose counts are raw counts in Kneser-Ney).
  const size_t n = static_cast<size_t>(options_.order);
  for (size_t i = 0; i < s.size(); ++i) {
    for (size_t len = 1; len <= n && i + len <= s.size(); ++len) {
      counts_[Key(s.begin() + static_cast<std::ptrdiff_t>(i),
                  s.begin() + static_cast<std::ptrdiff_t>(i + len))] += count;
    }
  }
}

void NgramLmBuilder::SetUnigramPrior(
    std::vector<std::pair<std::string, double>> prior) {
  prior_ = std::move(prior);
}

std::vector<std::string> NgramLmBuilder::Vocabulary() const {
  std::vector<std::string> v;
  for (size_t i = 2; i < words_.size(); ++i) v.push_back(words_[i]);
  for (const auto& [w, p] : prior_) {
    if (!ids_.contains(w) && w != "<s>" && w != "</s>") v.push_back(w);
  }
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

StatusOr<std::string> NgramLmBuilder::BuildArpa() const {
  if (counts_.empty()) return FailedPrecondition("no sentences added");
  const int order = options_.order;
  // The vocabulary: corpus words, then prior words the corpus lacks.
  std::vector<std::string> words = words_;
  std::unordered_map<std::string, int32_t> ids = ids_;
  std::vector<double> prior(words.size(), 0.0);
  double prior_total = 0;
  for (const auto& [w, p] : prior_) {
    if (p <= 0 || w == "<s>" || w == "</s>") continue;
    auto [it, inserted] = ids.emplace(w, static_cast<int32_t>(words.size()));
    if (inserted) {
      words.push_back(w);
      prior.push_back(0);
    }
    prior[static_cast<size_t>(it->second)] += p;
    prior_total += p;
  }
  const double lambda = prior_total > 0 ? options_.prior_weight : 0.0;

  // Kneser-Ney counts per order: the highest order and n-grams starting
  // with <s> keep raw counts; every other lower-order n-gram counts the
  // distinct words seen before it.
  std::vector<std::map<Key, Entry>> t(static_cast<size_t>(order) + 1);
  for (const auto& [k, c] : counts_) {
    const size_t len = k.size();
    if (len == static_cast<size_t>(order) || k.front() == kBos) {
      t[len][k].count += static_cast<double>(c);
    }
    if (len >= 2) {
      t[len - 1][Key(k.begin() + 1, k.end())].count += 1;
    }
  }
  // (Suffixes never start with <s>, so the n-grams that do keep their
  // raw counts.)
  t[1].erase(Key{kBos});  // <s> is never predicted.

  // Unigrams: Kneser-Ney over the corpus, its leftover mass spread
  // uniformly over the vocabulary (without </s>'s exclusion: </s> is a
  // predicted token), then mixed with the prior.
  const size_t v = words.size() - 1;  // Every word but <s>.
  {
    const Discounts d = EstimateDiscounts(t[1]);
    double total = 0, left = 0;
    for (const auto& [k, e] : t[1]) {
      total += e.count;
      left += d.For(e.count);
    }
    const double gamma = total > 0 ? left / total : 1.0;
    for (size_t i = 1; i < words.size(); ++i) {
      Entry& e = t[1][Key{static_cast<int32_t>(i)}];
      const double kn =
          (total > 0 ? std::max(e.count - d.For(e.count), 0.0) / total : 0.0) +
          gamma / static_cast<double>(v);
      const double pr = prior_total > 0 ? prior[i] / prior_total : 0.0;
      e.prob = (1 - lambda) * kn + lambda * pr;
    }
  }

  // Higher orders: interpolate with the order below. For interpolated
  // Kneser-Ney the exact ARPA back-off weight of a context is its
  // interpolation weight gamma(h): the mass left over by the seen words,
  // spread by the lower order over the unseen ones.
  for (int len = 2; len <= order; ++len) {
    auto& cur = t[static_cast<size_t>(len)];
    auto& lower = t[static_cast<size_t>(len - 1)];
    const Discounts d = EstimateDiscounts(cur);
    // Sums per context; n-grams of one context are adjacent in the map.
    for (auto it = cur.begin(); it != cur.end();) {
      const Key ctx(it->first.begin(), it->first.end() - 1);
      auto end = it;
      double total = 0, left = 0;
      for (; end != cur.end() &&
             std::equal(ctx.begin(), ctx.end(), end->first.begin());
           ++end) {
        total += end->second.count;
        left += d.For(end->second.count);
      }
      const double gamma = total > 0 ? left / total : 1.0;
      for (auto j = it; j != end; ++j) {
        const Key suffix(j->first.begin() + 1, j->first.end());
        auto low = lower.find(suffix);
        const double p_low = low == lower.end() ? 0.0 : low->second.prob;
        j->second.prob =
            std::max(j->second.count - d.For(j->second.count), 0.0) / total +
            gamma * p_low;
      }
      if (ctx.size() == 1 && ctx[0] == kBos) {
        lower[ctx].prob = 0;  // <s> as a unigram: only a context.
      }
      Entry& c = lower[ctx];
      c.is_context = true;
      c.bow = gamma;
      it = end;
    }
  }

  std::string out = "\\data\\\n";
  for (int len = 1; len <= order; ++len) {
    out += "ngram " + std::to_string(len) + "=" +
           std::to_string(t[static_cast<size_t>(len)].size()) + "\n";
  }
  for (int len = 1; len <= order; ++len) {
    out += "\n\\" + std::to_string(len) + "-grams:\n";
    for (const auto& [k, e] : t[static_cast<size_t>(len)]) {
      out += len == 1 && k[0] == kBos ? "-99.000000" : FormatLog(e.prob);
      out += '\t';
      for (size_t i = 0; i < k.size(); ++i) {
        if (i) out += ' ';
        out += words[static_cast<size_t>(k[i])];
      }
      if (len < order && e.is_context) {
        out += '\t';
        out += FormatLog(e.bow);
      }
      out += '\n';
    }
  }
  out += "\n\\end\\\n";
  return out;
}

}  // namespace sc::speech::lm
