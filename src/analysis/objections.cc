#include "analysis/objections.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

#include "analysis/objection_cues.h"
#include "analysis/objection_inventory.h"
#include "analysis/objection_pattern.h"
#include "analysis/objection_semantic.h"
#include "analysis/text_classifier.h"

namespace sc::analysis {
namespace {

constexpr double kCustomWeight = 0.9;
// Phrases at least this firm ("too expensive", "not interested") stand even
// next to a buying signal; weaker ones are conceded by it.
constexpr double kFirmWeight = 0.9;
// What is left of a conceded objection's confidence ("expensive but worth
// it"): below the default threshold, visible to a caller that lowers it.
constexpr double kConcededFactor = 0.4;
// How far back a negator may sit before the matched phrase and still scope
// over it, counting only transparent words in between.
constexpr int kNegationReach = 5;
// How far after the phrase a dismissal ("is not an issue") may start.
constexpr int kDismissalReach = 4;

// Words a negator's scope passes through on its way to the phrase: the
// copula, pronouns, determiners, intensifiers and neg-raising verbs
// ("I do not think we are happy with ..."). Any other word (notably
// "want", "like", "need") ends the scope: "we do not want to be locked
// in" is still a contract objection.
constexpr std::array<std::string_view, 42> kTransparent = {
    "is",     "are",          "am",       "was",     "were",
    "be",     "been",         "being",    "it",      "that",
    "this",   "we",           "i",        "you",     "they",
    "really", "actually",     "honestly", "exactly", "quite",
    "so",     "very",         "too",      "all",     "at",
    "a",      "an",           "the",      "just",    "necessarily",
    "even",   "particularly", "terribly", "think",   "believe",
    "say",    "saying",       "feel",     "would",   "will",
    "do",     "does"};

bool IsTransparent(std::string_view w) {
  return std::find(kTransparent.begin(), kTransparent.end(), w) !=
         kTransparent.end();
}

// Negators that scope backwards over a phrase. "no" and "nothing" are left
// out: a leading "no" is usually an answer to the agent ("no, we are happy
// with our current provider" is still an objection). So is "without": "month
// to month, without a long commitment" states the objection.
bool IsScopingNegator(std::string_view w) {
  return w == "not" || w == "never" || w == "hardly";
}

bool IsContrast(std::string_view w) {
  return w == "but" || w == "however" || w == "yet";
}

bool IsConcessive(std::string_view w) {
  return w == "although" || w == "though" || w == "while" || w == "despite";
}

struct Rule {
  std::string category;
  double weight = 0;
  PhrasePattern pattern;
};

bool ValidCategory(std::string_view c) {
  if (c.empty()) return false;
  for (char ch : c) {
    if (!(std::islower(static_cast<unsigned char>(ch)) ||
          std::isdigit(static_cast<unsigned char>(ch)) || ch == '_')) {
      return false;
    }
  }
  return true;
}

// True when the pattern source is a plain phrase (no pattern syntax).
bool IsLiteral(std::string_view source) {
  return source.find_first_of("()|*+?") == std::string_view::npos;
}

std::string JoinNormalized(std::string_view phrase) {
  std::string out;
  for (const std::string& w : NormalizeWords(phrase)) {
    if (!out.empty()) out.push_back(' ');
    out += w;
  }
  return out;
}

std::string TrimPunctuation(std::string s) {
  auto keep = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80) != 0;
  };
  size_t b = 0;
  while (b < s.size() && !keep(s[b])) ++b;
  size_t e = s.size();
  while (e > b && !keep(s[e - 1])) --e;
  return s.substr(b, e - b);
}

// A fill-in layer's detection (semantic, classifier).
struct FillInHit {
  std::string category;
  double confidence = 0;
  int token = 0;  // The word that placed it (the trigger).
};

// The semantic layer's verdict on an utterance (objection_semantic.h):
// the closest category when it beats the non-objection prototypes by the
// margin for an utterance with a stance cue of `stance` strength (0: none).
// Confidence grows with the excess margin from 0.5 to 0.62, below the
// topic cues' range, so every other layer wins over it.
std::optional<FillInHit> SemanticDetect(const std::vector<HeardToken>& toks,
                                        double stance,
                                        const ObjectionOptions& options) {
  // Fewer than three words ("no", "okay then") say too little to place.
  if (toks.size() < 3) return std::nullopt;
  std::vector<std::string> words;
  words.reserve(toks.size());
  for (const HeardToken& t : toks) words.push_back(t.text);
  const SemanticScores s = SemanticObjections::Builtin().ScoreTokens(words);
  const double need = stance > 0 ? options.semantic_min_margin
                                 : options.semantic_min_margin_alone;
  if (!s.known || s.best - s.none < need) return std::nullopt;
  FillInHit h;
  h.category = s.best_category;
  h.confidence = 0.5 + std::min(0.12, 0.6 * (s.best - s.none - need));
  // The trigger: the rarest word the table knows (the SIF weights make it
  // the one that moved the vector most).
  const WordEmbeddings& e = WordEmbeddings::Builtin();
  uint32_t rarest = 0;
  for (size_t i = 0; i < words.size(); ++i) {
    const int k = e.Find(words[i]);
    if (k >= 0 && e.Rank(k) >= rarest) {
      rarest = e.Rank(k);
      h.token = static_cast<int>(i);
    }
  }
  return h;
}

// The classifier layer's verdict (text_classifier.h): its most probable
// category when that reaches the options' probability for an utterance with
// a stance cue of `stance` strength (0: none) and beats "none" by their
// lead. Confidence 0.5 at the threshold, up to 0.62, below the topic cues'
// range, so every phrase layer wins over it.
std::optional<FillInHit> ClassifierDetect(const std::vector<HeardToken>& toks,
                                          double stance,
                                          const ObjectionOptions& options) {
  // Fewer than two words ("no", "okay") say too little to place.
  if (toks.size() < 2) return std::nullopt;
  std::string text;
  std::vector<std::string> words;
  for (const HeardToken& t : toks) {
    if (!text.empty()) text.push_back(' ');
    text += t.text;
    words.push_back(t.text);
  }
  const TextClassifier& m = TextClassifier::Objections();
  const std::vector<double> p = m.Classify(text);
  constexpr int kNone = TextClassifier::kObjectionNone;
  int best = 0;
  for (int c = 1; c < kNone; ++c) {
    if (p[c] > p[best]) best = c;
  }
  const double need = stance > 0 ? options.classifier_min_probability
                                 : options.classifier_min_probability_alone;
  if (p[best] < need || p[best] - p[kNone] < options.classifier_min_lead) {
    return std::nullopt;
  }
  FillInHit h;
  h.category = m.labels()[best];
  h.confidence = 0.5 + std::min(0.12, 0.24 * (p[best] - need));
  h.token = m.StrongestToken(words, best);
  return h;
}

}  // namespace

struct ObjectionDetector::Compiled {
  ObjectionOptions options;
  std::vector<Rule> rules;
  std::vector<PhrasePattern> dismissals;
  std::vector<PhrasePattern> resolutions;
  std::vector<PhrasePattern> buying_signals;
  std::vector<std::string> spotting;
  std::optional<CueScorer> cues;  // Set when topic cues are on.
};

const ObjectionDetector* ObjectionDetector::Default() {
  static const ObjectionDetector* const kDetector = [] {
    auto d = Create({});
    return d.ok() ? new ObjectionDetector(std::move(d).value()) : nullptr;
  }();
  return kDetector;
}

const std::vector<std::string>& ObjectionDetector::Categories() {
  static const std::vector<std::string> kCategories = {
      "price",     "budget", "competitor", "status_quo", "contract", "timing",
      "authority", "need",   "trust",      "technical",  "brush_off"};
  return kCategories;
}

StatusOr<ObjectionDetector> ObjectionDetector::Create(
    ObjectionOptions options) {
  if (!(options.min_confidence >= 0 && options.min_confidence <= 1)) {
    return InvalidArgument("min_confidence must be in [0, 1]");
  }
  if (!(options.semantic_min_margin >= 0 && options.semantic_min_margin <= 2) ||
      !(options.semantic_min_margin_alone >= 0 &&
        options.semantic_min_margin_alone <= 2)) {
    return InvalidArgument(
        "semantic_min_margin and semantic_min_margin_alone must be in [0, 2]");
  }
  if (!(options.classifier_min_probability >= 0 &&
        options.classifier_min_probability <= 1) ||
      !(options.classifier_min_probability_alone >= 0 &&
        options.classifier_min_probability_alone <= 1) ||
      !(options.classifier_min_lead >= -1 &&
        options.classifier_min_lead <= 1)) {
    return InvalidArgument(
        "classifier_min_probability(_alone) must be in [0, 1] and "
        "classifier_min_lead in [-1, 1]");
  }
  auto c = std::make_shared<Compiled>();
  std::set<std::string> spotting;
  for (const InventoryEntry& e : BuiltinObjectionInventory()) {
    StatusOr<PhrasePattern> p = PhrasePattern::Compile(e.pattern);
    if (!p.ok()) {
      return Internal("built-in objection pattern '" + std::string(e.pattern) +
                      "': " + p.status().message());
    }
    c->rules.push_back({std::string(e.category), e.weight, std::move(*p)});
    if (!e.spot.empty()) spotting.insert(JoinNormalized(e.spot));
  }
  for (size_t i = 0; i < options.custom_triggers.size(); ++i) {
    const ObjectionTrigger& t = options.custom_triggers[i];
    const std::string where = "custom trigger " + std::to_string(i);
    if (!ValidCategory(t.category)) {
      return InvalidArgument(where +
                             ": category must be lowercase letters, digits "
                             "or '_'");
    }
    StatusOr<PhrasePattern> p = PhrasePattern::Compile(t.phrase);
    if (!p.ok()) return InvalidArgument(where + ": " + p.status().message());
    c->rules.push_back({t.category, kCustomWeight, std::move(*p)});
    if (IsLiteral(t.phrase)) spotting.insert(JoinNormalized(t.phrase));
  }
  for (size_t i = 0; i < options.trigger_words.size(); ++i) {
    const std::string& w = options.trigger_words[i];
    const std::string where = "trigger word " + std::to_string(i);
    if (!IsLiteral(w) || NormalizeWords(w).size() != 1) {
      return InvalidArgument(where + ": must be a single word");
    }
    StatusOr<PhrasePattern> p = PhrasePattern::Compile(w);
    if (!p.ok()) return InvalidArgument(where + ": " + p.status().message());
    c->rules.push_back({"custom", kCustomWeight, std::move(*p)});
    spotting.insert(JoinNormalized(w));
  }
  // "<objection> is not a problem": the speaker dismisses what was matched.
  for (std::string_view d :
       {"not (a|an|the|really a|really an|much of a|that big of a|that much "
        "of a|a big|a real|the main|the real|our)? (issue|problem|concern|"
        "factor|obstacle|deal|worry|question|hurdle)",
        "(does not|do not) (really)? matter"}) {
    c->dismissals.push_back(*PhrasePattern::Compile(d));
  }
  // What follows a contrast when the objection is conceded.
  for (std::string_view r : {
           "worth (it|the money|the price|the cost|the investment|every)",
           "(makes|make) sense",
           "(can|could|will) (make it work|manage|afford it|find the money|"
           "find the budget|justify it)",
           "(we|i) (will|would|can|could) (go ahead|do it|take it|sign|buy "
           "it|try it|move forward)",
           "(it is|that is|that will be|that would be) (fine|okay|no problem|"
           "acceptable)",
           "(we|i) (really)? (like|love|want|need) (it|this|that)",
           "(let us|happy to|glad to|willing to) (do it|go ahead|pay|try it|"
           "move forward)",
           "pays for itself",
       }) {
    c->resolutions.push_back(*PhrasePattern::Compile(r));
  }
  // A buying signal anywhere in the utterance ("we are looking to replace
  // it", "that would be great", "I am the one who signs off") concedes the
  // weaker phrases and silences the topic cues: the topic is being
  // discussed, not objected to.
  for (std::string_view b : {
           "(looking|want|wanting|hoping|planning|ready|excited|eager|keen) "
           "to (replace|switch|change|upgrade|move forward|get started|buy|"
           "sign|start|try|roll|go ahead|move ahead)",
           "(that|it|this) (would|will) (really)? be (great|perfect|helpful|"
           "useful|ideal|awesome|fantastic|wonderful)",
           "(sounds|looks) (really)? (great|good|perfect|reasonable|fair|"
           "fine)",
           "(i am|we are) the (one|ones|person|people|decision maker|decision "
           "makers)",
           "(i|we) (can|will|could) (sign|approve|decide|make the call|make "
           "that call|make the decision)",
       }) {
    c->buying_signals.push_back(*PhrasePattern::Compile(b));
  }
  if (options.topic_cues == TopicCues::kOn) {
    StatusOr<CueScorer> cues = CueScorer::Create();
    if (!cues.ok()) return cues.status();
    c->cues = std::move(*cues);
  }
  c->spotting.assign(spotting.begin(), spotting.end());
  c->options = std::move(options);
  return ObjectionDetector(std::move(c));
}

std::vector<Objection> ObjectionDetector::Detect(
    const TranscriptFinal& utterance) const {
  std::vector<Objection> out;
  const ObjectionSpeakers who = compiled_->options.speakers;
  if (who != ObjectionSpeakers::kBoth &&
      (utterance.speaker == Speaker::kProspect) !=
          (who == ObjectionSpeakers::kProspect)) {
    return out;
  }
  const HeardUtterance heard = TokenizeUtterance(utterance);
  const std::vector<HeardToken>& toks = heard.tokens;
  if (toks.empty()) return out;
  const int n = static_cast<int>(toks.size());

  // Positions of contrast and concessive markers, for the concession rule.
  std::vector<int> contrasts;
  std::vector<int> concessives;
  for (int i = 0; i < n; ++i) {
    if (IsContrast(toks[i].text)) contrasts.push_back(i);
    // "even if" / "even though" are concessive; a bare trailing "though"
    // ("we are happy with our provider, though") is not.
    if (IsConcessive(toks[i].text) && i + 1 < n) concessives.push_back(i);
    if (toks[i].text == "even" && i + 1 < n && toks[i + 1].text == "if") {
      concessives.push_back(i);
    }
  }
  // Does a positive resolution start at or after token `from`?
  MatchCache cache(toks);
  auto resolved_after = [&](int from) {
    for (const PhrasePattern& r : compiled_->resolutions) {
      if (r.FindBest(cache, from, n)) return true;
    }
    return false;
  };

  bool buying = false;
  for (const PhrasePattern& b : compiled_->buying_signals) {
    buying |= b.FindBest(cache).has_value();
  }
  std::map<std::string, Objection> best;  // Per category.
  auto emit = [&](const std::string& category, double confidence, int first,
                  int last) {
    auto it = best.find(category);
    if (it != best.end() && it->second.confidence >= confidence) return;
    Objection o;
    o.category = category;
    o.confidence = std::min(1.0, confidence);
    o.speaker = utterance.speaker;
    o.at_ms =
        toks[first].start_ms >= 0 ? toks[first].start_ms : utterance.start_ms;
    o.utterance_id = utterance.utterance_id;
    o.text = utterance.text;
    std::string trigger;
    for (int p = toks[first].piece; p <= toks[last].piece; ++p) {
      if (!trigger.empty()) trigger.push_back(' ');
      trigger += heard.pieces[p];
    }
    o.trigger = TrimPunctuation(std::move(trigger));
    best[category] = std::move(o);
  };
  bool any_match = false;  // Even one the rules below dropped.
  for (const Rule& rule : compiled_->rules) {
    std::optional<PhraseMatch> m = rule.pattern.FindBest(cache);
    if (!m) continue;
    any_match = true;
    // Gap negation: "price is honestly not the issue".
    if (m->negator_in_gap) continue;
    // Scoped negation: "we are not happy with our current provider".
    bool negated = false;
    for (int k = m->first - 1; k >= 0 && k >= m->first - kNegationReach; --k) {
      if (IsScopingNegator(toks[k].text)) {
        negated = true;
        break;
      }
      if (!IsTransparent(toks[k].text)) break;
    }
    if (negated) continue;
    // Dismissal: "the price ... is not a problem".
    bool dismissed = false;
    if (m->last + 1 < n) {
      const int from = m->last + 1;
      const int end = std::min(n, from + kDismissalReach + 6);
      for (const PhrasePattern& d : compiled_->dismissals) {
        std::optional<PhraseMatch> dm = d.FindBest(cache, from, end);
        if (dm && dm->first - from < kDismissalReach) dismissed = true;
      }
    }
    if (dismissed) continue;

    double confidence = rule.weight * m->score;
    // Concession: "expensive but worth it", "although it is expensive, it
    // pays for itself". A contrast before the phrase ("it is nice, but too
    // expensive") makes the phrase the point, so nothing changes.
    bool conceded = false;
    for (int c : contrasts) {
      if (c > m->last && resolved_after(c + 1)) conceded = true;
    }
    for (int c : concessives) {
      if (c < m->first && resolved_after(m->last + 1)) conceded = true;
    }
    if (buying && rule.weight < kFirmWeight) conceded = true;
    if (conceded) confidence *= kConcededFactor;
    if (confidence < compiled_->options.min_confidence) continue;
    emit(rule.category, confidence, m->first, m->last);
  }
  // Topic cues only fill in when no pattern matched at all (a pattern the
  // rules dropped was understood, not missed), and never over a dismissal
  // or a conceded contrast anywhere in the utterance.
  bool calm = buying;
  if (!any_match) {
    for (const PhrasePattern& d : compiled_->dismissals) {
      calm |= d.FindBest(cache).has_value();
    }
    for (int c : contrasts) calm |= resolved_after(c + 1);
  }
  double stance = 0;  // The strongest stance cue, for the semantic layer.
  if (!any_match && !calm && compiled_->cues) {
    std::optional<CueGuess> g = compiled_->cues->Guess(cache, &stance);
    if (g && g->confidence >= compiled_->options.min_confidence) {
      emit(g->category, g->confidence, g->token, g->token);
    }
  }
  auto emit_hit = [&](const std::optional<FillInHit>& h) {
    if (h && h->confidence >= compiled_->options.min_confidence) {
      emit(h->category, h->confidence, h->token, h->token);
    }
  };
  // The semantic layer fills in under the same conditions when the topic
  // cues found nothing either: a new wording of a known objection; the
  // classifier last, when that found nothing too.
  const bool fill_in = !any_match && !calm;
  if (fill_in && best.empty() &&
      compiled_->options.semantic == SemanticLayer::kOn) {
    emit_hit(SemanticDetect(toks, stance, compiled_->options));
  }
  if (fill_in && best.empty() &&
      compiled_->options.classifier == ClassifierLayer::kOn) {
    emit_hit(ClassifierDetect(toks, stance, compiled_->options));
  }
  for (auto& [category, o] : best) out.push_back(std::move(o));
  std::stable_sort(out.begin(), out.end(),
                   [](const Objection& a, const Objection& b) {
                     return a.confidence > b.confidence;
                   });
  return out;
}

std::vector<std::string> ObjectionDetector::SpottingPhrases() const {
  return compiled_->spotting;
}

}  // namespace sc::analysis
