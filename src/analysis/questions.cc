#include "analysis/questions.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <iterator>

namespace sc::analysis {
namespace {

using Words = std::vector<std::string>;
using WordSet = std::initializer_list<std::string_view>;

template <typename Set>
bool In(std::string_view w, const Set& set) {
  return std::find(std::begin(set), std::end(set), w) != std::end(set);
}
bool In(std::string_view w, WordSet set) {
  return std::find(set.begin(), set.end(), w) != set.end();
}

// Scores by frame. Strong frames are syntactic evidence nobody uses in a
// statement; cue frames are weaker; below kQuestionThreshold they only
// contribute a score.
constexpr double kStrong = 0.9;
constexpr double kFrame = 0.85;
constexpr double kMid = 0.75;
constexpr double kCue = 0.65;
constexpr double kWeak = 0.4;

constexpr std::string_view kWh[] = {"what", "why",   "how",  "where", "when",
                                    "who",  "which", "whom", "whose"};
constexpr std::string_view kWhContraction[] = {
    "what's",   "how's",  "where's", "who's",  "when's", "why's",  "what're",
    "where're", "who're", "how're",  "why're", "what'd", "how'd",  "where'd",
    "who'd",    "why'd",  "what'll", "who'll", "how'll", "what've"};
constexpr std::string_view kBe[] = {"is", "are", "was", "were", "am"};
constexpr std::string_view kDo[] = {"do", "does", "did"};
constexpr std::string_view kHave[] = {"have", "has", "had"};
constexpr std::string_view kModal[] = {
    "can", "could", "would", "will", "should", "shall", "may", "might", "must"};
constexpr std::string_view kNegAux[] = {
    "isn't",   "aren't", "wasn't",   "weren't", "don't",    "doesn't",
    "didn't",  "can't",  "couldn't", "won't",   "wouldn't", "shouldn't",
    "haven't", "hasn't", "hadn't",   "ain't",   "mustn't"};
constexpr std::string_view kPronoun[] = {
    "you",     "we",       "i",        "they",     "he",      "she",
    "it",      "there",    "y'all",    "ya",       "u",       "that",
    "this",    "these",    "those",    "anyone",   "anybody", "anything",
    "someone", "somebody", "everyone", "everybody"};
constexpr std::string_view kDeterminer[] = {
    "the", "your", "my",   "our",  "his",  "her",   "their",
    "its", "any",  "some", "this", "that", "these", "those"};
// Words that start an utterance without being part of its clause.
constexpr std::string_view kPreamble[] = {
    "so",       "well", "and",     "but",   "or",   "uh",   "um",
    "uhm",      "oh",   "now",     "okay",  "ok",   "yeah", "yes",
    "anyway",   "then", "alright", "hey",   "see",  "huh",  "ah",
    "er",       "erm",  "mm",      "hmm",   "plus", "also", "just",
    "actually", "like", "no",      "right", "boy",  "gosh", "wow"};
// Words after which a restart can begin a new clause in mid-utterance.
constexpr std::string_view kBoundary[] = {
    "so",   "well",    "and",   "but",     "or",     "uh",     "um",    "uhm",
    "oh",   "now",     "okay",  "ok",      "yeah",   "anyway", "then",  "know",
    "mean", "because", "cause", "alright", "thanks", "hi",     "hello", "great",
    "sure", "sorry",   "good",  "fine",    "cool",   "perfect"};
// Words after which a wh-clause is embedded, not asked: "i know what you
// mean", "it depends on how we do it", "that's why we".
constexpr std::string_view kEmbedding[] = {
    "know",   "knows",    "knew",       "see",        "wonder", "wondering",
    "about",  "on",       "in",         "of",         "at",     "for",
    "from",   "to",       "with",       "is",         "was",    "that's",
    "it's",   "what",     "tell",       "ask",        "asked",  "sure",
    "idea",   "remember", "understand", "how",        "where",  "exactly",
    "matter", "depends",  "care",       "decide",     "figure", "explain",
    "show",   "like",     "said",       "says",       "think",  "thought",
    "guess",  "by",       "than",       "and",        "or",     "but",
    "that",   "which",    "why",        "just",       "out",    "sort",
    "kind",   "me",       "you",        "us",         "them",   "him",
    "her",    "learn",    "discuss",    "understood", "saw"};
// Verbs that introduce reported speech: a question after them is quoted
// ("she's like well what are you doing"), not asked.
constexpr std::string_view kQuotative[] = {
    "like",  "said", "says",      "say",    "asked", "goes",
    "going", "went", "wondering", "wonder", "see"};
constexpr std::string_view kHowDegree[] = {
    "many", "much", "long",      "often",   "old",    "far",  "big",
    "soon", "come", "else",      "fast",    "large",  "late", "early",
    "bad",  "good", "important", "serious", "quickly"};
constexpr std::string_view kKindOf[] = {"kind",  "type",  "sort",
                                        "kinds", "types", "sorts"};

bool IsAux(std::string_view w) {
  return In(w, kBe) || In(w, kDo) || In(w, kHave) || In(w, kModal);
}

// Removes hesitation sounds and immediate repetitions of one or two words
// ("do do you", "what uh what kind", "have you have you"), which are
// disfluencies in speech.
// `after_pause[i]` says a hesitation sound preceded word i, which makes a
// restart there plausible.
struct Cleaned {
  Words w;
  std::vector<bool> after_pause;
};

Cleaned CollapseRepeats(Words words) {
  Cleaned out;
  out.w.reserve(words.size());
  bool pause = false;
  for (std::string& word : words) {
    if (In(word, {"uh", "um", "uhm", "er", "erm"})) {
      pause = true;
      continue;
    }
    Words& w = out.w;
    size_t n = w.size();
    if (n >= 1 && w[n - 1] == word) continue;
    w.push_back(std::move(word));
    out.after_pause.push_back(pause);
    pause = false;
    n = w.size();
    if (n >= 4 && w[n - 1] == w[n - 3] && w[n - 2] == w[n - 4]) {
      w.resize(n - 2);
      out.after_pause.resize(n - 2);
    }
  }
  return out;
}

// Skips discourse markers and fillers, and the two-word ones "you know"
// and "i mean", from position `i`.
size_t SkipPreamble(const Words& w, size_t i) {
  while (i < w.size()) {
    if (In(w[i], kPreamble)) {
      ++i;
    } else if (i + 1 < w.size() && ((w[i] == "you" && w[i + 1] == "know") ||
                                    (w[i] == "i" && w[i + 1] == "mean") ||
                                    (w[i] == "let's" && w[i + 1] == "see"))) {
      i += 2;
    } else {
      break;
    }
  }
  return i;
}

// An inverted auxiliary and subject at `i`: "do you", "is the", "could we".
// Be-forms and "have" need a pronoun or a definite determiner (not "a",
// which starts fragments such as "was a good car"), do-forms and modals
// accept any subject-like word.
bool Inversion(const Words& w, size_t i) {
  if (i + 1 >= w.size()) return false;
  std::string_view a = w[i], s = w[i + 1];
  if (In(a, kNegAux)) return In(s, kPronoun) || In(s, kDeterminer);
  if (In(a, kHave)) return In(s, kPronoun) && s != "that" && s != "this";
  if (In(a, kBe)) return In(s, kPronoun) || In(s, kDeterminer);
  if (In(a, kDo) || In(a, kModal)) {
    return In(s, kPronoun) || In(s, kDeterminer) || s == "a" || s == "an";
  }
  return false;
}

// A wh-question frame at `i` (the wh-word), or 0.
double WhFrame(const Words& w, size_t i) {
  std::string_view wh = w[i];
  if (In(wh, kWhContraction)) return kStrong;
  if (!In(wh, kWh)) return 0;
  if (i + 1 >= w.size()) {
    // A bare wh-word: "why", "how"; "what" alone is mostly a request to
    // repeat, which Switchboard does not count as a question.
    return (wh == "why" || wh == "how" || wh == "where" || wh == "when")
               ? kCue
               : kWeak;
  }
  std::string_view n = w[i + 1];
  if ((wh == "what" || wh == "how") && n == "about") return kStrong;
  if (wh == "what" && (n == "if" || n == "else")) return kFrame;
  if (wh == "why" && n == "not") return kFrame;
  // "how shall i say it" is a hesitation, not a question.
  if (wh == "how" && (n == "shall" || n == "should") && i + 3 < w.size() &&
      w[i + 2] == "i" && (w[i + 3] == "say" || w[i + 3] == "put")) {
    return 0;
  }
  if (wh == "how" && In(n, kHowDegree)) return kFrame;
  if (wh == "which") {
    // "which is good" is a relative clause, "which one do you" a question.
    if (n == "one" || n == "ones" || n == "of") return kFrame;
    if (i + 2 < w.size() && IsAux(w[i + 2]) && !In(n, kPronoun)) {
      return kFrame;
    }
    return 0;
  }
  if (IsAux(n) || In(n, kNegAux)) {
    // "when is" and "where was" can open a clause ("when was it i went"),
    // but wh + auxiliary is a question in the vast majority of cases.
    return kStrong;
  }
  if ((wh == "what" || wh == "which") && In(n, kKindOf)) return kFrame;
  // "what time do you", "what car would you buy".
  if ((wh == "what" || wh == "which" || wh == "whose") && i + 2 < w.size() &&
      !In(n, kPronoun) && (IsAux(w[i + 2]) || In(w[i + 2], kNegAux))) {
    return kFrame;
  }
  if (wh == "who" && !In(n, kPronoun)) return kCue;  // "who knows"
  return 0;  // "what we need is", "when i was young": a clause.
}

// A question frame starting exactly at `i`.
QuestionMatch FrameAt(const Words& w, size_t i) {
  QuestionMatch m;
  if (i >= w.size()) return m;
  double wh = WhFrame(w, i);
  if (wh > 0) {
    bool open = i + 1 < w.size() && w[i + 1] == "about";
    m.kind = open ? QuestionKind::kOpenPrompt : QuestionKind::kWh;
    m.score = wh;
    m.word_index = static_cast<int>(i);
    return m;
  }
  if (Inversion(w, i)) {
    m.kind = QuestionKind::kYesNo;
    m.score = kFrame;
    m.word_index = static_cast<int>(i);
    return m;
  }
  return m;
}

bool EndsWith(const Words& w, WordSet tail) {
  if (w.size() < tail.size()) return false;
  return std::equal(tail.begin(), tail.end(), w.end() - tail.size());
}

// A tag or a sentence-final cue: "..., isn't it", "..., right", "or not".
double TagScore(const Words& w, size_t start) {
  size_t n = w.size();
  if (n - start < 2) return 0;
  std::string_view last = w[n - 1], prev = w[n - 2];
  if (In(prev, kNegAux) && In(last, kPronoun) && n - start >= 3) return kFrame;
  // "i don't know if they could or not" embeds the question.
  bool embedded = std::find(w.begin() + start, w.end(), "know") != w.end() ||
                  std::find(w.begin() + start, w.end(), "sure") != w.end();
  if ((EndsWith(w, {"or", "not"}) || EndsWith(w, {"or", "what"})) &&
      !embedded) {
    return kFrame;
  }
  // A wh-word left in place near the end of a second-person statement: "so
  // you have an mfa in what division".
  bool second_person = w[start] == "you" || w[start] == "you're";
  for (size_t k = std::max(start + 1, n >= 4 ? n - 4 : 0);
       second_person && k + 1 < n; ++k) {
    if ((w[k] == "what" || w[k] == "which") &&
        In(w[k - 1], {"in", "of", "for", "at", "on", "from", "with", "by"})) {
      return kCue;
    }
  }
  if (EndsWith(w, {"you", "think"}) && n - start >= 3) return kCue;
  if (EndsWith(w, {"you", "said"}) || EndsWith(w, {"you", "say"})) return kCue;
  if ((last == "huh" || last == "eh") && n - start >= 3) return kCue;
  if ((last == "right" || last == "correct") && n - start >= 3 &&
      !In(prev,
          {"that's",  "that", "all",  "is",    "you're", "alright", "right",
           "exactly", "yeah", "just", "turn",  "the",    "on",      "it's",
           "was",     "go",   "me",   "'s",    "go",     "your",    "our",
           "my",      "his",  "her",  "their", "a",      "in",      "to",
           "are",     "left", "do",   "did"})) {
    return kCue;
  }
  // A positive tag after a statement: "they're fine are they". Needs a
  // statement before it, so the utterance must not itself start inverted.
  if ((In(prev, kBe) || In(prev, kDo)) && In(last, kPronoun) &&
      n - start >= 4 && last != "that" && last != "this" && last != "there") {
    return kWeak;
  }
  return 0;
}

// Declarative questions with a lexical cue at the start.
double DeclarativeCue(const Words& w, size_t i) {
  auto at = [&](size_t k, std::string_view s) {
    return i + k < w.size() && w[i + k] == s;
  };
  if (at(0, "you") && at(1, "mean")) return kCue;
  if (at(0, "you're") && at(1, "saying")) return kCue;
  if (at(0, "i") && (at(1, "wonder") || at(1, "wondered")) &&
      (at(2, "if") || at(2, "whether"))) {
    return kCue;
  }
  // "i was wondering if you could", "i'm wondering whether": only with
  // "if"/"whether", since "i was wondering what the weather was" reports.
  for (size_t k = i; k < i + 4 && k + 1 < w.size(); ++k) {
    if (w[k] == "wondering" && (w[k + 1] == "if" || w[k + 1] == "whether")) {
      return kCue;
    }
  }
  if (at(0, "any") && (at(1, "questions") || at(1, "thoughts"))) return kCue;
  return 0;
}

}  // namespace

const char* QuestionKindName(QuestionKind k) {
  switch (k) {
    case QuestionKind::kNone:
      return "none";
    case QuestionKind::kWh:
      return "wh";
    case QuestionKind::kYesNo:
      return "yes_no";
    case QuestionKind::kOpenPrompt:
      return "open_prompt";
    case QuestionKind::kTag:
      return "tag";
    case QuestionKind::kDeclarative:
      return "declarative";
  }
  return "none";
}

std::vector<std::string> SpokenWords(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    while (!cur.empty() && cur.back() == '\'') cur.pop_back();
    size_t lead = 0;
    while (lead < cur.size() && cur[lead] == '\'') ++lead;
    if (lead < cur.size()) out.push_back(cur.substr(lead));
    cur.clear();
  };
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '\'') {
      cur.push_back(static_cast<char>(std::tolower(u)));
    } else if (c == '-') {
      // In-word hyphens join ("uh-huh"); a trailing one marks a cut-off
      // word ("a-") and is dropped.
      continue;
    } else {
      flush();
    }
  }
  flush();
  return out;
}

QuestionMatch DetectQuestion(std::string_view text) {
  Cleaned cleaned = CollapseRepeats(SpokenWords(text));
  const Words& w = cleaned.w;
  QuestionMatch best;
  if (w.empty()) return best;
  auto consider = [&](QuestionMatch m) {
    if (m.score > best.score) best = m;
  };
  size_t start = SkipPreamble(w, 0);
  if (start >= w.size()) return best;

  consider(FrameAt(w, start));
  double cue = DeclarativeCue(w, start);
  if (cue > 0) {
    consider({QuestionKind::kDeclarative, cue, static_cast<int>(start)});
  }
  double tag = TagScore(w, start);
  if (tag > 0) {
    consider({QuestionKind::kTag, tag, static_cast<int>(w.size() - 2)});
  }
  if (best.score >= kFrame) return best;

  // A question after a restart or a statement in the same utterance:
  // "it's uh is your cat an indoor cat", "we route fleets so how many trucks
  // do you run". Only after a boundary word, and only with a second-person
  // or first-person-plural subject, which statements rarely invert.
  for (size_t i = start + 1; i + 1 < w.size(); ++i) {
    // A full wh-frame ("what would you", "how do we") may follow any word
    // except one that embeds it ("i know what you", "see how we");
    // inversions need a boundary word or a hesitation before them.
    bool boundary = In(w[i - 1], kBoundary) || cleaned.after_pause[i];
    bool wh_ok = In(w[i], kWh) && !In(w[i - 1], kEmbedding);
    if (!boundary && !wh_ok) continue;
    if (w[i - 1] == "know" && (i < 2 || w[i - 2] != "you")) continue;
    if (w[i - 1] == "mean" && (i < 2 || w[i - 2] != "i")) continue;
    size_t j = SkipPreamble(w, i);
    if (j + 1 >= w.size() || j != i) continue;
    bool quoted = false;
    for (size_t k = i >= 4 ? i - 4 : 0; k < i; ++k) {
      quoted = quoted || In(w[k], kQuotative);
    }
    if (quoted) continue;
    QuestionMatch m = FrameAt(w, j);
    std::string_view subj = w[j + 1];
    bool you_know = j + 2 < w.size() && w[j + 2] == "know" && subj == "you";
    if (m.kind == QuestionKind::kYesNo) {
      // "... is you know" and "... and do you know" are mostly the filler
      // "you know" again.
      if (you_know || !In(subj, {"you", "your", "we", "y'all"})) continue;
    } else if (m.kind == QuestionKind::kWh) {
      // Only the full frame wh + auxiliary + subject ("what are you",
      // "how do we", "what's your"): "in what you can smell and what's bad"
      // embeds a clause.
      bool contraction = In(w[j], kWhContraction);
      size_t s = contraction ? j + 1 : j + 2;
      if (s >= w.size() || (!contraction && !IsAux(w[j + 1])) ||
          !(In(w[s], kPronoun) || In(w[s], kDeterminer))) {
        continue;
      }
    } else {
      continue;
    }
    if (m.score > 0) {
      m.score = std::min(m.score, kMid);
      consider(m);
    }
  }
  return best;
}

bool IsQuestion(std::string_view text) {
  return DetectQuestion(text).score >= kQuestionThreshold;
}

}  // namespace sc::analysis
