#include "analysis/objection_pattern.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <mutex>
#include <unordered_map>
#include <utility>

#include "analysis/phonetic.h"

namespace sc::analysis {
namespace {

// Whole-word rewrites: irregular contractions and the apostrophe-less
// spellings common in typed chat and some recognizers.
struct Rewrite {
  std::string_view from;
  std::string_view to;
};
constexpr std::array kRewrites = {
    Rewrite{"can't", "can not"},     Rewrite{"cannot", "can not"},
    Rewrite{"won't", "will not"},    Rewrite{"ain't", "is not"},
    Rewrite{"shan't", "shall not"},  Rewrite{"let's", "let us"},
    Rewrite{"dont", "do not"},       Rewrite{"doesnt", "does not"},
    Rewrite{"didnt", "did not"},     Rewrite{"isnt", "is not"},
    Rewrite{"wasnt", "was not"},     Rewrite{"arent", "are not"},
    Rewrite{"werent", "were not"},   Rewrite{"havent", "have not"},
    Rewrite{"hasnt", "has not"},     Rewrite{"wouldnt", "would not"},
    Rewrite{"couldnt", "could not"}, Rewrite{"shouldnt", "should not"},
    Rewrite{"cant", "can not"},      Rewrite{"wont", "will not"},
    Rewrite{"aint", "is not"},       Rewrite{"im", "i am"},
    Rewrite{"ive", "i have"},        Rewrite{"thats", "that is"},
    Rewrite{"whats", "what is"},     Rewrite{"youre", "you are"},
    Rewrite{"theyre", "they are"},   Rewrite{"ok", "okay"},
    Rewrite{"gonna", "going to"},    Rewrite{"wanna", "want to"},
    Rewrite{"gotta", "got to"},      Rewrite{"kinda", "kind of"},
    Rewrite{"alot", "a lot"},
};

// "'s" after these is "is"; after any other word it is a possessive.
constexpr std::array<std::string_view, 14> kIsStems = {
    "it",  "that",  "there", "what", "here", "he",        "she",
    "who", "where", "how",   "when", "why",  "something", "nothing"};

constexpr std::array<std::string_view, 12> kFillers = {
    "um", "umm", "uh", "uhm", "er",  "erm",
    "ah", "hmm", "hm", "mm",  "mhm", "uhh"};

template <size_t N>
bool In(const std::array<std::string_view, N>& set, std::string_view w) {
  for (std::string_view s : set) {
    if (s == w) return true;
  }
  return false;
}

void AppendSplit(std::string_view text, std::vector<std::string>& out) {
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    size_t j = i;
    while (j < text.size() && text[j] != ' ') ++j;
    if (j > i) out.emplace_back(text.substr(i, j - i));
    i = j;
  }
}

// One apostrophe-bearing or plain lowercase word to its normalized words.
void ExpandWord(std::string w, std::vector<std::string>& out) {
  while (!w.empty() && w.front() == '\'') w.erase(w.begin());
  while (!w.empty() && w.back() == '\'') w.pop_back();
  if (w.empty() || In(kFillers, w)) return;
  for (const Rewrite& r : kRewrites) {
    if (w == r.from) {
      AppendSplit(r.to, out);
      return;
    }
  }
  auto ends = [&](std::string_view suffix) {
    return w.size() > suffix.size() &&
           std::string_view(w).substr(w.size() - suffix.size()) == suffix;
  };
  auto stem = [&](size_t cut) { return w.substr(0, w.size() - cut); };
  if (ends("n't")) {
    out.push_back(stem(3));
    out.emplace_back("not");
  } else if (ends("'re")) {
    out.push_back(stem(3));
    out.emplace_back("are");
  } else if (ends("'ve")) {
    out.push_back(stem(3));
    out.emplace_back("have");
  } else if (ends("'ll")) {
    out.push_back(stem(3));
    out.emplace_back("will");
  } else if (ends("'m")) {
    out.push_back(stem(2));
    out.emplace_back("am");
  } else if (ends("'d")) {
    out.push_back(stem(2));
    out.emplace_back("would");
  } else if (ends("'s")) {
    std::string s = stem(2);
    const bool is = In(kIsStems, s);
    out.push_back(std::move(s));
    if (is) out.emplace_back("is");
  } else {
    out.push_back(std::move(w));
  }
}

// Recognizer markup: "<sil>", "++breath++", "[NOISE]". A bracketed word in
// mixed or lower case ("[Competitor]") is a placeholder in written text and
// is kept as a word.
bool IsMarkup(std::string_view piece) {
  if (piece.empty()) return false;
  if (piece[0] == '<' || piece[0] == '+') return true;
  if (piece[0] != '[') return false;
  for (char c : piece) {
    if (std::islower(static_cast<unsigned char>(c))) {
      return piece == "[noise]" || piece == "[laughter]" ||
             piece == "[breath]" || piece == "[cough]";
    }
  }
  return true;
}

// The normalized words of one whitespace-free piece.
void NormalizePiece(std::string_view piece, std::vector<std::string>& out) {
  if (IsMarkup(piece)) return;
  std::string word;
  for (size_t i = 0; i < piece.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(piece[i]);
    // U+2019 RIGHT SINGLE QUOTATION MARK (E2 80 99) is an apostrophe.
    if (c == 0xE2 && i + 2 < piece.size() &&
        static_cast<unsigned char>(piece[i + 1]) == 0x80 &&
        static_cast<unsigned char>(piece[i + 2]) == 0x99) {
      word.push_back('\'');
      i += 2;
      continue;
    }
    if (c == '(') {
      // "the(2)": a pronunciation variant marker ends the word.
      ExpandWord(std::move(word), out);
      word.clear();
      while (i < piece.size() && piece[i] != ')') ++i;
      continue;
    }
    if (std::isalnum(c) || c == '\'') {
      word.push_back(static_cast<char>(std::tolower(c)));
    } else {
      ExpandWord(std::move(word), out);
      word.clear();
    }
  }
  ExpandWord(std::move(word), out);
}

std::vector<std::string_view> SplitWhitespace(std::string_view text) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])))
      ++i;
    size_t j = i;
    while (j < text.size() &&
           !std::isspace(static_cast<unsigned char>(text[j])))
      ++j;
    if (j > i) out.push_back(text.substr(i, j - i));
    i = j;
  }
  return out;
}

void AddPiece(HeardUtterance& u, std::string_view piece, int64_t start_ms) {
  std::vector<std::string> words;
  NormalizePiece(piece, words);
  const int index = static_cast<int>(u.pieces.size());
  u.pieces.emplace_back(piece);
  for (std::string& w : words) {
    HeardToken t;
    t.code = PhoneticCode(w);
    t.text = std::move(w);
    t.piece = index;
    t.start_ms = start_ms;
    u.tokens.push_back(std::move(t));
  }
}

double Grade(WordSimilarity s) {
  switch (s) {
    case WordSimilarity::kExact:
      return 1.0;
    case WordSimilarity::kFuzzy:
      return 0.85;
    case WordSimilarity::kPhonetic:
      return 0.8;
    case WordSimilarity::kNearPhonetic:
      return 0.6;
    case WordSimilarity::kNone:
      break;
  }
  return 0;
}

// A heard word split in two ("but get" for "budget") is matched only
// against expected words at least this long.
constexpr size_t kMinJoinedLength = 5;
constexpr double kJoinedPenalty = 0.85;

// Whether `want` may be compared with `got` and the token after it written
// together (`got` is not the last token): recognizer splits keep roughly
// the word's length.
bool JoinedComparable(const PatternWord& want, const HeardToken& got) {
  return want.text.size() >= kMinJoinedLength &&
         got.joined.size() + 2 >= want.text.size() &&
         got.joined.size() <= want.text.size() + 2;
}

}  // namespace

std::vector<std::string> NormalizeWords(std::string_view text) {
  std::vector<std::string> out;
  for (std::string_view piece : SplitWhitespace(text)) {
    NormalizePiece(piece, out);
  }
  return out;
}

void JoinNeighbours(HeardUtterance& u) {
  for (size_t i = 0; i + 1 < u.tokens.size(); ++i) {
    u.tokens[i].joined = u.tokens[i].text + u.tokens[i + 1].text;
    u.tokens[i].joined_code = PhoneticCode(u.tokens[i].joined);
  }
}

HeardUtterance TokenizeUtterance(const TranscriptFinal& utterance) {
  if (utterance.words.empty()) return TokenizeText(utterance.text);
  HeardUtterance u;
  for (const Word& w : utterance.words) AddPiece(u, w.w, w.start_ms);
  JoinNeighbours(u);
  return u;
}

HeardUtterance TokenizeText(std::string_view text) {
  HeardUtterance u;
  for (std::string_view piece : SplitWhitespace(text)) AddPiece(u, piece, -1);
  JoinNeighbours(u);
  return u;
}

bool IsNegator(std::string_view t) {
  return t == "not" || t == "never" || t == "no" || t == "without" ||
         t == "nothing" || t == "neither" || t == "nor" || t == "hardly";
}

// ---- Word ids and the per-utterance cache
// ------------------------------------

namespace {

// Process-wide: built-in words are interned once; custom triggers add
// their few words. Guarded by its mutex; only Compile writes.
struct WordIds {
  std::mutex mu;
  std::unordered_map<std::string, int> ids;
};

WordIds& GlobalWordIds() {
  static WordIds* ids = new WordIds();  // Never destroyed: used at exit.
  return *ids;
}

int InternWord(const std::string& text) {
  WordIds& w = GlobalWordIds();
  std::lock_guard<std::mutex> lock(w.mu);
  auto [it, inserted] = w.ids.emplace(text, static_cast<int>(w.ids.size()));
  return it->second;
}

}  // namespace

MatchCache::MatchCache(const std::vector<HeardToken>& tokens)
    : tokens_(&tokens) {
  {
    WordIds& w = GlobalWordIds();
    std::lock_guard<std::mutex> lock(w.mu);
    ids_ = static_cast<int>(w.ids.size());
    for (const HeardToken& t : tokens) {
      auto it = w.ids.find(t.text);
      if (it != w.ids.end()) present_.push_back(it->second);
    }
  }
  negator_.reserve(tokens.size());
  for (const HeardToken& t : tokens) negator_.push_back(IsNegator(t.text));
  std::sort(present_.begin(), present_.end());
  direct_.assign(static_cast<size_t>(ids_) * tokens.size(), -1);
  joined_.assign(static_cast<size_t>(ids_) * tokens.size(), -1);
  anywhere_.assign(static_cast<size_t>(ids_), -1);
}

bool MatchCache::Anywhere(const PatternWord& w) {
  auto compute = [&] {
    if (std::binary_search(present_.begin(), present_.end(), w.id)) {
      return true;
    }
    const int n = static_cast<int>(tokens_->size());
    for (int t = 0; t < n; ++t) {
      const HeardToken& got = (*tokens_)[t];
      if (MaybeSimilar(w.text, w.code, got.text, got.code) &&
          Direct(w, t) != WordSimilarity::kNone) {
        return true;
      }
      if (t + 1 < n && JoinedComparable(w, got) &&
          MaybeSimilar(w.text, w.code, got.joined, got.joined_code) &&
          Joined(w, t) != WordSimilarity::kNone) {
        return true;
      }
    }
    return false;
  };
  if (w.id >= ids_) return compute();
  int8_t& slot = anywhere_[static_cast<size_t>(w.id)];
  if (slot < 0) slot = compute() ? 1 : 0;
  return slot == 1;
}

bool MatchCache::HasAnyExact(const std::vector<int>& ids) const {
  auto a = present_.begin();
  auto b = ids.begin();
  while (a != present_.end() && b != ids.end()) {
    if (*a == *b) return true;
    if (*a < *b) {
      ++a;
    } else {
      ++b;
    }
  }
  return false;
}

WordSimilarityGrade MatchCache::Lookup(std::vector<int8_t>& table,
                                       const PatternWord& w, int t,
                                       bool joined) {
  const HeardToken& got = (*tokens_)[t];
  auto compute = [&] {
    return joined ? CompareWords(w.text, w.code, got.joined, got.joined_code)
                  : CompareWords(w.text, w.code, got.text, got.code);
  };
  // Words interned after this cache was made (a detector created on
  // another thread meanwhile) are simply not cached.
  if (w.id >= ids_) return compute();
  int8_t& slot = table[static_cast<size_t>(w.id) * tokens_->size() + t];
  if (slot < 0) slot = static_cast<int8_t>(compute());
  return static_cast<WordSimilarityGrade>(slot);
}

WordSimilarityGrade MatchCache::Direct(const PatternWord& w, int t) {
  return Lookup(direct_, w, t, false);
}

WordSimilarityGrade MatchCache::Joined(const PatternWord& w, int t) {
  return Lookup(joined_, w, t, true);
}

// ---- Compilation ----------------------------------------------------------

StatusOr<PhrasePattern> PhrasePattern::Compile(std::string_view source) {
  PhrasePattern p;
  p.source_ = std::string(source);
  // Split into units at spaces outside parentheses.
  std::vector<std::string_view> units;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i <= source.size(); ++i) {
    const char c = i < source.size() ? source[i] : ' ';
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (depth < 0) return InvalidArgument("unbalanced ')' in pattern");
    if (c == ' ' && depth == 0) {
      if (i > start) units.push_back(source.substr(start, i - start));
      start = i + 1;
    }
  }
  if (depth != 0) return InvalidArgument("unbalanced '(' in pattern");
  if (units.empty()) return InvalidArgument("empty pattern");

  for (std::string_view unit : units) {
    Element e;
    if (unit[0] == '*' || unit[0] == '+') {
      e.is_gap = true;
      e.gap_min = unit[0] == '+' ? 1 : 0;
      e.gap_max = 3;
      if (unit.size() > 1) {
        std::string_view digits = unit.substr(1);
        if (digits.size() > 1 ||
            !std::isdigit(static_cast<unsigned char>(digits[0]))) {
          return InvalidArgument("bad gap '" + std::string(unit) +
                                 "' (expected *, *N, + or +N with N 1-9)");
        }
        e.gap_max = digits[0] - '0';
        if (e.gap_max < std::max(1, e.gap_min)) {
          return InvalidArgument("empty gap '" + std::string(unit) + "'");
        }
      }
      if (p.elements_.empty()) {
        return InvalidArgument("a pattern cannot start with a gap");
      }
      if (p.elements_.back().is_gap) {
        return InvalidArgument("two gaps in a row");
      }
      p.elements_.push_back(std::move(e));
      continue;
    }
    if (unit.back() == '?') {
      e.optional = true;
      unit.remove_suffix(1);
    }
    if (!unit.empty() && unit.front() == '(') {
      if (unit.size() < 2 || unit.back() != ')') {
        return InvalidArgument("bad group '" + std::string(unit) + "'");
      }
      unit = unit.substr(1, unit.size() - 2);
    }
    if (unit.find_first_of("()*+?") != std::string_view::npos) {
      return InvalidArgument("nested group or gap in '" + std::string(unit) +
                             "'");
    }
    size_t from = 0;
    while (from <= unit.size()) {
      size_t bar = unit.find('|', from);
      if (bar == std::string_view::npos) bar = unit.size();
      std::vector<Word> alternative;
      for (std::string& w : NormalizeWords(unit.substr(from, bar - from))) {
        std::string code = PhoneticCode(w);
        const int id = InternWord(w);
        p.word_ids_.push_back(id);
        alternative.push_back({std::move(w), std::move(code), id});
      }
      if (alternative.empty()) {
        return InvalidArgument("empty alternative in '" + std::string(unit) +
                               "'");
      }
      e.alternatives.push_back(std::move(alternative));
      from = bar + 1;
    }
    p.elements_.push_back(std::move(e));
  }
  if (p.elements_.back().is_gap && p.elements_.back().gap_min == 0) {
    return InvalidArgument("a pattern cannot end with '*'");
  }
  std::sort(p.word_ids_.begin(), p.word_ids_.end());
  p.word_ids_.erase(std::unique(p.word_ids_.begin(), p.word_ids_.end()),
                    p.word_ids_.end());
  bool has_word = false;
  for (const Element& e : p.elements_) has_word |= !e.is_gap && !e.optional;
  if (!has_word) {
    return InvalidArgument("a pattern needs at least one required word");
  }
  return p;
}

// ---- Matching ---------------------------------------------------------------

// A depth-first search over elements and token positions; patterns are a
// few elements long and gaps are bounded, so the search stays small.
struct PhrasePattern::Search {
  const std::vector<Element>& elements;
  const std::vector<HeardToken>& tokens;
  const int end;  // Tokens at or past `end` are outside the search.
  MatchCache& cache;
  std::optional<PhraseMatch> best;

  struct State {
    double score = 1;
    int first = -1;
    int last = -1;
    bool negator_in_gap = false;
    int exact = 0;    // Words heard exactly.
    int inexact = 0;  // Words heard fuzzily, phonetically or split.
  };

  void Consume(State& s, int from, int to) const {  // [from, to)
    if (to <= from) return;
    if (s.first < 0) s.first = from;
    s.last = to - 1;
  }

  void Record(const State& s) {
    // Recognizer errors are tolerated around an anchor, not everywhere: a
    // match needs at least as many exact words as inexact ones, so a lone
    // sound-alike ("pretty" for "pricey") never matches on its own.
    if (s.first < 0 || s.exact < std::max(1, s.inexact)) return;
    if (!best || s.score > best->score + 1e-12) {
      best = PhraseMatch{s.first, s.last, s.score, s.negator_in_gap,
                         s.inexact == 0};
    }
  }

  // Grades only lower a score and a match must beat the best one strictly,
  // so a branch already at or below the best cannot win.
  bool Hopeless(const State& s) const {
    return best && s.score <= best->score + 1e-12;
  }

  void Step(size_t e, int t, State s) {
    if (Hopeless(s)) return;
    if (e == elements.size()) {
      Record(s);
      return;
    }
    const auto& el = elements[e];
    const int n = end;
    if (el.is_gap) {
      State g = s;
      for (int k = 0; k <= el.gap_max && t + k <= n; ++k) {
        if (k > 0 && cache.NegatorAt(t + k - 1)) {
          g.negator_in_gap = true;
        }
        if (k < el.gap_min) continue;
        State next = g;
        Consume(next, t, t + k);
        Step(e + 1, t + k, next);
      }
      return;
    }
    if (el.optional) Step(e + 1, t, s);
    for (const auto& alternative : el.alternatives) {
      Words(e, alternative, 0, t, s);
    }
  }

  // Matches alternative[w...] at token t, then continues with element e+1.
  void Words(size_t e, const std::vector<PhrasePattern::Word>& alternative,
             size_t w, int t, State s) {
    if (w == alternative.size()) {
      Step(e + 1, t, s);
      return;
    }
    if (Hopeless(s)) return;
    const int n = end;
    if (t >= n) return;
    const auto& want = alternative[w];
    const HeardToken& got = tokens[t];
    WordSimilarity sim = cache.Direct(want, t);
    if (sim != WordSimilarity::kNone) {
      State next = s;
      next.score *= Grade(sim);
      if (sim == WordSimilarity::kExact) {
        ++next.exact;
      } else {
        ++next.inexact;
      }
      Consume(next, t, t + 1);
      Words(e, alternative, w + 1, t + 1, next);
    }
    if (sim != WordSimilarity::kExact && t + 1 < n &&
        JoinedComparable(want, got)) {
      WordSimilarity js = cache.Joined(want, t);
      if (js != WordSimilarity::kNone) {
        State next = s;
        next.score *= Grade(js) * kJoinedPenalty;
        ++next.inexact;
        Consume(next, t, t + 2);
        Words(e, alternative, w + 1, t + 2, next);
      }
    }
  }
};

std::optional<PhraseMatch> PhrasePattern::FindBest(
    const std::vector<HeardToken>& tokens) const {
  MatchCache cache(tokens);
  return FindBest(cache);
}

std::optional<PhraseMatch> PhrasePattern::FindBest(MatchCache& cache) const {
  return FindBest(cache, 0, static_cast<int>(cache.tokens().size()));
}

std::optional<PhraseMatch> PhrasePattern::FindBest(MatchCache& cache, int from,
                                                   int to) const {
  const std::vector<HeardToken>& tokens = cache.tokens();
  from = std::max(from, 0);
  to = std::min(to, static_cast<int>(tokens.size()));
  if (from >= to || !cache.HasAnyExact(word_ids_)) return std::nullopt;
  // Every required element needs an alternative whose words are all heard
  // somewhere; most patterns sharing a common word with the utterance stop
  // here, on grades the other patterns reuse.
  for (const Element& e : elements_) {
    if (e.is_gap || e.optional) continue;
    bool viable = false;
    for (const std::vector<Word>& alternative : e.alternatives) {
      viable = std::all_of(alternative.begin(), alternative.end(),
                           [&](const Word& w) { return cache.Anywhere(w); });
      if (viable) break;
    }
    if (!viable) return std::nullopt;
  }
  Search search{elements_, tokens, to, cache, std::nullopt};
  for (int t = from; t < to; ++t) search.Step(0, t, Search::State{});
  return search.best;
}

}  // namespace sc::analysis
