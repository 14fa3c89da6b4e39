#include "analysis/objection_cues.h"

#include <algorithm>
#include <array>
#include <map>
#include <unordered_map>
#include <utility>

#include "analysis/phonetic.h"

namespace sc::analysis {
namespace {

// How many tokens may separate a topic hit from the stance cue backing it:
// in a long utterance the pushback and the topic must belong together. A
// stance cue before the topic scopes over the clause that follows ("I am
// not sure we would actually use most of those features"), one after it
// usually comments on it directly ("the price is too high").
constexpr int kStanceReachForward = 8;
constexpr int kStanceReachBackward = 4;
// How far back a negator cancels a loaded hit ("not that expensive").
constexpr int kNegationReach = 3;
// One strong topic word next to a firm stance cue.
constexpr double kGuessThreshold = 0.75;
// The winning category needs one hit at least this strong: several weak
// words ("time", "week", "now") in a long utterance are just its subject.
constexpr double kMinStrongestHit = 0.6;
// A leading "no" usually answers the agent's question ("no, that is
// relevant"), so it is only weak pushback.
constexpr double kLeadingNoStrength = 0.5;
constexpr double kMaxEvidence = 2.0;
// A heard word that is not a lexicon word but spelled or sounds like one
// (a recognizer substitution: "pricing" heard as "prizing") counts at the
// grade's factor. Only topic words of 6+ letters on both sides: shorter
// words and loaded words have too many innocent neighbours ("brand" and
// "burned", "shade" and "shady").
constexpr double kFuzzyGrade = 0.85;
constexpr double kSoundAlikeGrade = 0.8;
constexpr size_t kSoundAlikeMinLetters = 6;

// "busy, but good": a contrast that turns positive is not pushback.
bool PositiveAfter(const std::vector<HeardToken>& toks, int i) {
  static constexpr std::array<std::string_view, 9> kWords = {
      "good", "fine", "great", "okay", "ok", "nice", "well", "a", "worth"};
  if (i + 1 >= static_cast<int>(toks.size())) return false;
  const std::string& next = toks[i + 1].text;
  if (next == "a") {
    return i + 2 < static_cast<int>(toks.size()) &&
           (toks[i + 2].text == "good" || toks[i + 2].text == "great");
  }
  return std::find(kWords.begin(), kWords.end(), next) != kWords.end();
}

// Which category wins a tie: roughly how often each objection comes up in
// sales calls, so an ambiguous utterance gets the likelier reading.
constexpr std::array<std::pair<std::string_view, double>, 11> kPriors = {{
    {"price", 0.011},
    {"timing", 0.010},
    {"need", 0.009},
    {"authority", 0.008},
    {"status_quo", 0.007},
    {"competitor", 0.006},
    {"budget", 0.005},
    {"trust", 0.004},
    {"brush_off", 0.003},
    {"technical", 0.002},
    {"contract", 0.001},
}};

double Prior(std::string_view category) {
  for (const auto& [c, p] : kPriors) {
    if (c == category) return p;
  }
  return 0;
}

// Words a negator passes through on its way to a loaded word: "not that
// expensive", "never really risky".
bool Transparent(std::string_view w) {
  static constexpr std::array<std::string_view, 14> kWords = {
      "is",   "are",    "was", "be",  "that", "so",   "too",
      "very", "really", "at",  "all", "that", "even", "particularly"};
  return std::find(kWords.begin(), kWords.end(), w) != kWords.end();
}

bool NegatedAt(const std::vector<HeardToken>& toks, int at) {
  for (int k = at - 1; k >= 0 && k >= at - kNegationReach; --k) {
    const std::string& w = toks[k].text;
    if (w == "not" || w == "never" || w == "hardly") return true;
    if (!Transparent(w)) return false;
  }
  return false;
}

bool EndsWith(std::string_view w, std::string_view s) {
  return w.size() >= s.size() && w.substr(w.size() - s.size()) == s;
}

bool IsVowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

bool IsWordList(std::string_view words) {
  return words.find_first_of(" ()*+?") == std::string_view::npos;
}

}  // namespace

std::vector<std::string> CueVariants(std::string_view word) {
  const std::string w(word);
  std::vector<std::string> out = {w};
  if (w.size() < 3) return out;
  const char last = w.back();
  const char before = w[w.size() - 2];
  const bool sibilant =
      last == 's' || last == 'x' || EndsWith(w, "ch") || EndsWith(w, "sh");
  if (last == 'y' && !IsVowel(before)) {
    const std::string stem = w.substr(0, w.size() - 1);
    out.push_back(stem + "ies");
    out.push_back(stem + "ied");
    out.push_back(w + "ing");
    return out;
  }
  out.push_back(w + (sibilant ? "es" : "s"));
  if (last == 'e') {
    out.push_back(w + "d");
    if (before != 'e') out.push_back(w.substr(0, w.size() - 1) + "ing");
  } else {
    out.push_back(w + "ed");
    out.push_back(w + "ing");
  }
  return out;
}

struct CueScorer::Tables {
  struct WordCue {
    int entry = 0;
    std::string text;
    std::string code;
  };
  std::vector<CueEntry> entries;
  std::vector<WordCue> words;
  // Heard word -> lexicon words: the word itself, then its variants.
  std::unordered_map<std::string, std::vector<int>> exact;
  std::unordered_map<std::string, std::vector<int>> variant;
  std::unordered_map<std::string, std::vector<int>> by_code;  // -> words
  std::vector<std::pair<int, PhrasePattern>> phrases;         // entry, p
};

StatusOr<CueScorer> CueScorer::Create() {
  auto t = std::make_shared<Tables>();
  for (const CueEntry& e : BuiltinCueLexicon()) {
    const int entry = static_cast<int>(t->entries.size());
    t->entries.push_back(e);
    if (!IsWordList(e.words)) {
      StatusOr<PhrasePattern> p = PhrasePattern::Compile(e.words);
      if (!p.ok()) {
        return Internal("built-in objection cue '" + std::string(e.words) +
                        "': " + p.status().message());
      }
      t->phrases.emplace_back(entry, std::move(*p));
      continue;
    }
    size_t b = 0;
    while (b <= e.words.size()) {
      size_t bar = e.words.find('|', b);
      if (bar == std::string_view::npos) bar = e.words.size();
      std::string_view w = e.words.substr(b, bar - b);
      b = bar + 1;
      if (w.empty()) continue;
      const int id = static_cast<int>(t->words.size());
      t->words.push_back({entry, std::string(w), PhoneticCode(w)});
      for (const std::string& v : CueVariants(w)) {
        (v == w ? t->exact : t->variant)[v].push_back(id);
      }
      if (w.size() >= kSoundAlikeMinLetters && e.kind == CueKind::kTopic) {
        t->by_code[t->words.back().code].push_back(id);
      }
    }
  }
  return CueScorer(std::move(t));
}

std::vector<CueGuess> CueScorer::Score(MatchCache& cache,
                                       double* max_stance) const {
  if (max_stance != nullptr) *max_stance = 0;
  const std::vector<HeardToken>& toks = cache.tokens();
  const int n = static_cast<int>(toks.size());
  // `source` identifies what matched: a lexicon word (its id) or a phrase
  // (words.size() + its entry), so one word listed twice counts once.
  struct Hit {
    int entry;
    int source;
    int first;
    int last;
    double grade;
  };
  std::vector<Hit> hits;
  for (int i = 0; i < n; ++i) {
    const std::string& w = toks[i].text;
    // A lexicon word itself wins over another word's variant: "time" is
    // "time", not a variant of "timing".
    const std::vector<int>* ids = nullptr;
    if (auto e = t_->exact.find(w); e != t_->exact.end()) {
      ids = &e->second;
    } else if (auto v = t_->variant.find(w); v != t_->variant.end()) {
      ids = &v->second;
    }
    if (ids != nullptr) {
      for (int id : *ids) hits.push_back({t_->words[id].entry, id, i, i, 1});
      continue;
    }
    if (w.size() < kSoundAlikeMinLetters) continue;
    auto it = t_->by_code.find(toks[i].code);
    if (it == t_->by_code.end()) continue;
    for (int id : it->second) {
      const Tables::WordCue& cue = t_->words[id];
      const WordSimilarity sim =
          CompareWords(cue.text, cue.code, w, toks[i].code);
      if (sim == WordSimilarity::kFuzzy) {
        hits.push_back({cue.entry, id, i, i, kFuzzyGrade});
      } else if (sim == WordSimilarity::kPhonetic) {
        hits.push_back({cue.entry, id, i, i, kSoundAlikeGrade});
      }
    }
  }
  for (const auto& [entry, pattern] : t_->phrases) {
    std::optional<PhraseMatch> m = pattern.FindBest(cache);
    if (m && !m->negator_in_gap) {
      const int source = static_cast<int>(t_->words.size()) + entry;
      hits.push_back({entry, source, m->first, m->last, m->score});
    }
  }

  struct Stance {
    int first;
    int last;
    double strength;
  };
  std::vector<Stance> stances;
  for (const Hit& h : hits) {
    if (t_->entries[h.entry].kind != CueKind::kStance) continue;
    const std::string& w = toks[h.first].text;
    if ((w == "but" || w == "however") && PositiveAfter(toks, h.first)) {
      continue;
    }
    double strength = t_->entries[h.entry].weight * h.grade;
    if (h.first == 0 && w == "no" && n > 2) {
      strength = std::min(strength, kLeadingNoStrength);
    }
    stances.push_back({h.first, h.last, strength});
    if (max_stance != nullptr) *max_stance = std::max(*max_stance, strength);
  }
  // The strongest stance cue within reach of tokens [first, last].
  auto stance_near = [&](int first, int last) {
    double best = 0;
    for (const Stance& s : stances) {
      const bool before = s.last < first;
      const int gap = std::max({0, s.first - last, first - s.last});
      if (gap <= (before ? kStanceReachForward : kStanceReachBackward)) {
        best = std::max(best, s.strength);
      }
    }
    return best;
  };

  // Each hit's value: topic weight x match grade x stance strength.
  struct Valued {
    const Hit* hit;
    double value;
  };
  std::map<std::string_view, std::vector<Valued>> by_category;
  for (const Hit& h : hits) {
    const CueEntry& e = t_->entries[h.entry];
    if (e.kind == CueKind::kStance) continue;
    const double stance = e.kind == CueKind::kLoaded
                              ? (NegatedAt(toks, h.first) ? 0 : 1)
                              : stance_near(h.first, h.last);
    const double value = e.weight * h.grade * stance;
    if (value > 0) by_category[e.category].push_back({&h, value});
  }
  // Per category, strongest hits first; a lexicon word or phrase and a
  // heard word count once each, so overlapping lines ("competitors" in two
  // lists, a word inside a matched phrase) do not add up.
  std::vector<CueGuess> out;
  for (auto& [category, valued] : by_category) {
    std::stable_sort(
        valued.begin(), valued.end(),
        [](const Valued& a, const Valued& b) { return a.value > b.value; });
    CueGuess g;
    g.category = std::string(category);
    std::vector<int> sources_used;
    std::vector<bool> token_used(n, false);
    for (const Valued& v : valued) {
      const Hit& h = *v.hit;
      if (std::find(sources_used.begin(), sources_used.end(), h.source) !=
          sources_used.end()) {
        continue;
      }
      bool overlaps = false;
      for (int k = h.first; k <= h.last; ++k) overlaps |= token_used[k];
      if (overlaps) continue;
      sources_used.push_back(h.source);
      for (int k = h.first; k <= h.last; ++k) token_used[k] = true;
      if (g.tokens.empty()) g.token = h.first;
      g.tokens.push_back(h.first);
      g.evidence += v.value;
    }
    if (valued.front().value < kMinStrongestHit) continue;
    g.confidence = 0.45 + 0.1 * std::min(kMaxEvidence, g.evidence);
    out.push_back(std::move(g));
  }
  std::sort(out.begin(), out.end(), [](const CueGuess& a, const CueGuess& b) {
    const double ka = std::min(kMaxEvidence, a.evidence) + Prior(a.category);
    const double kb = std::min(kMaxEvidence, b.evidence) + Prior(b.category);
    if (ka != kb) return ka > kb;
    return a.category < b.category;
  });
  return out;
}

std::optional<CueGuess> CueScorer::Guess(MatchCache& cache,
                                         double* max_stance) const {
  std::vector<CueGuess> all = Score(cache, max_stance);
  if (all.empty() || all[0].evidence < kGuessThreshold) return std::nullopt;
  return std::move(all[0]);
}

}  // namespace sc::analysis
