#include "analysis/vader.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdlib>

namespace sc::analysis::vader {
namespace {

// Empirically derived constants of the VADER paper.
constexpr double kBoosterIncrement = 0.293;
constexpr double kBoosterDecrement = -0.293;
constexpr double kCapsIncrement = 0.733;
constexpr double kNegationScalar = -0.74;
constexpr double kNormalizeAlpha = 15;

constexpr std::string_view kNegations[] = {
    "aint",    "arent",    "cannot",  "cant",     "couldnt",  "darent",
    "didnt",   "doesnt",   "ain't",   "aren't",   "can't",    "couldn't",
    "daren't", "didn't",   "doesn't", "dont",     "hadnt",    "hasnt",
    "havent",  "isnt",     "mightnt", "mustnt",   "neither",  "don't",
    "hadn't",  "hasn't",   "haven't", "isn't",    "mightn't", "mustn't",
    "neednt",  "needn't",  "never",   "none",     "nope",     "nor",
    "not",     "nothing",  "nowhere", "oughtnt",  "shant",    "shouldnt",
    "uhuh",    "wasnt",    "werent",  "oughtn't", "shan't",   "shouldn't",
    "uh-uh",   "wasn't",   "weren't", "without",  "wont",     "wouldnt",
    "won't",   "wouldn't", "rarely",  "seldom",   "despite"};

struct Booster {
  std::string_view word;
  double scalar;
};
constexpr double kI = kBoosterIncrement;
constexpr double kD = kBoosterDecrement;
constexpr Booster kBoosters[] = {
    {"absolutely", kI},   {"amazingly", kI},     {"awfully", kI},
    {"completely", kI},   {"considerably", kI},  {"decidedly", kI},
    {"deeply", kI},       {"effing", kI},        {"enormously", kI},
    {"entirely", kI},     {"especially", kI},    {"exceptionally", kI},
    {"extremely", kI},    {"fabulously", kI},    {"flipping", kI},
    {"flippin", kI},      {"fricking", kI},      {"frickin", kI},
    {"frigging", kI},     {"friggin", kI},       {"fully", kI},
    {"fucking", kI},      {"greatly", kI},       {"hella", kI},
    {"highly", kI},       {"hugely", kI},        {"incredibly", kI},
    {"intensely", kI},    {"majorly", kI},       {"more", kI},
    {"most", kI},         {"particularly", kI},  {"purely", kI},
    {"quite", kI},        {"really", kI},        {"remarkably", kI},
    {"so", kI},           {"substantially", kI}, {"thoroughly", kI},
    {"totally", kI},      {"tremendously", kI},  {"uber", kI},
    {"unbelievably", kI}, {"unusually", kI},     {"utterly", kI},
    {"very", kI},         {"almost", kD},        {"barely", kD},
    {"hardly", kD},       {"just enough", kD},   {"kind of", kD},
    {"kinda", kD},        {"kindof", kD},        {"kind-of", kD},
    {"less", kD},         {"little", kD},        {"marginally", kD},
    {"occasionally", kD}, {"partly", kD},        {"scarcely", kD},
    {"slightly", kD},     {"somewhat", kD},      {"sort of", kD},
    {"sorta", kD},        {"sortof", kD},        {"sort-of", kD},
};

struct Idiom {
  std::string_view phrase;
  double valence;
};
constexpr Idiom kIdioms[] = {
    {"the shit", 3},       {"the bomb", 3},        {"bad ass", 1.5},
    {"yeah right", -2},    {"cut the mustard", 2}, {"kiss of death", -1.5},
    {"hand to mouth", -2},
};

// The punctuation marks (and runs) VADER strips from either end of a token.
constexpr std::string_view kPunctuation[] = {
    ".",  "!",   "?",  ",",   ";",   ":",   "-",    "'",   "\"",
    "!!", "!!!", "??", "???", "?!?", "!?!", "?!?!", "!?!?"};

bool IsAsciiPunct(unsigned char c) {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) ||
         (c >= 123 && c <= 126);
}

const Booster* FindBooster(std::string_view lower) {
  for (const Booster& b : kBoosters) {
    if (b.word == lower) return &b;
  }
  return nullptr;
}

const Idiom* FindIdiom(std::string_view phrase) {
  for (const Idiom& i : kIdioms) {
    if (i.phrase == phrase) return &i;
  }
  return nullptr;
}

// Decodes one UTF-8 code point at s[*i], advancing *i. Invalid bytes decode
// as themselves so that odd input never stops tokenization.
uint32_t NextCodePoint(std::string_view s, size_t* i) {
  auto c = static_cast<unsigned char>(s[*i]);
  size_t extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
  if (extra == 0 || *i + extra >= s.size()) {
    ++*i;
    return c;
  }
  uint32_t cp = c & (0x3F >> extra);
  for (size_t k = 1; k <= extra; ++k) {
    auto d = static_cast<unsigned char>(s[*i + k]);
    if ((d & 0xC0) != 0x80) {
      ++*i;
      return c;
    }
    cp = (cp << 6) | (d & 0x3F);
  }
  *i += 1 + extra;
  return cp;
}

// JavaScript's \s, which the reference splits on.
bool IsJsSpace(uint32_t cp) {
  return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0xA0 ||
         cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
         cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 ||
         cp == 0xFEFF;
}

// String length as JavaScript counts it (UTF-16 code units), which decides
// which tokens are "single characters".
size_t JsLength(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size();)
    n += NextCodePoint(s, &i) >= 0x10000 ? 2 : 1;
  return n;
}

// Python's str.isupper() restricted to ASCII, as the reference implements it:
// at least one capital and no lowercase letter.
bool IsUpper(std::string_view w) {
  bool upper = false;
  for (char c : w) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') upper = true;
  }
  return upper;
}

// A word with its punctuation stripped, if it qualifies as VADER's "word".
bool IsBareWord(std::string_view core) {
  if (core.empty()) return false;
  for (char c : core) {
    if (IsAsciiPunct(static_cast<unsigned char>(c))) return false;
  }
  return JsLength(core) > 1;
}

}  // namespace

const double* FindInflected(const Lexicon& lexicon, std::string_view w) {
  if (w.size() < 5) return nullptr;
  struct Rule {
    std::string_view suffix;
    std::string_view replacements[3];
  };
  static constexpr Rule kRules[] = {
      {"iness", {"y", "", ""}},   {"ness", {"", "", ""}},
      {"ily", {"y", "", ""}},     {"ably", {"able", "", ""}},
      {"ibly", {"ible", "", ""}}, {"ally", {"al", "", ""}},
      {"ly", {"", "e", ""}},      {"iest", {"y", "", ""}},
      {"est", {"", "e", "#"}},    {"ier", {"y", "", ""}},
      {"er", {"", "e", "#"}},     {"ies", {"y", "", ""}},
      {"es", {"", "e", ""}},      {"s", {"", "", ""}},
      {"ied", {"y", "", ""}},     {"ed", {"", "e", "#"}},
      {"ing", {"", "e", "#"}},    {"in'", {"ing", "e", ""}},
      {"in", {"ing", "", ""}},
  };
  for (const Rule& r : kRules) {
    if (!w.ends_with(r.suffix) || w.size() < r.suffix.size() + 3) continue;
    std::string_view stem = w.substr(0, w.size() - r.suffix.size());
    for (size_t k = 0; k < std::size(r.replacements); ++k) {
      std::string_view rep = r.replacements[k];
      std::string candidate;
      if (rep == "#") {
        // A doubled final consonant: "saddest" -> "sad".
        if (stem.size() < 3 || stem.back() != stem[stem.size() - 2]) continue;
        candidate = std::string(stem.substr(0, stem.size() - 1));
      } else {
        if (rep.empty() && k > 0) continue;  // Unused slot.
        candidate = std::string(stem) + std::string(rep);
      }
      if (const double* v = lexicon.Find(candidate)) return v;
    }
    // The first matching suffix decides; "ness" must not fall back to "s".
    return nullptr;
  }
  return nullptr;
}

namespace {

class Scorer {
 public:
  Scorer(const Lexicon& lexicon, std::span<const Token> tokens,
         std::span<const PhraseItem> phrases, Rules rules)
      : lexicon_(lexicon), tokens_(tokens), rules_(rules) {
    phrase_.assign(tokens.size(), -1);
    for (size_t p = 0; p < phrases.size(); ++p) {
      for (size_t i = phrases[p].begin; i < phrases[p].end && i < tokens.size();
           ++i) {
        phrase_[i] = static_cast<int>(p);
      }
    }
    phrases_ = phrases;
    size_t caps = 0;
    for (const Token& t : tokens) caps += IsUpper(t.text) ? 1 : 0;
    size_t diff = tokens.size() - caps;
    cap_diff_ = diff > 0 && diff < tokens.size();
  }

  std::vector<double> Valences() {
    std::vector<double> out;
    out.reserve(tokens_.size());
    for (size_t i = 0; i < tokens_.size(); ++i) out.push_back(ItemValence(i));
    ButCheck(&out);
    return out;
  }

 private:
  // The token as the case-sensitive checks of the reference see it; the
  // extended rules compare lowercased tokens.
  const std::string& W(size_t i) const {
    return rules_ == Rules::kExtended ? tokens_[i].lower : tokens_[i].text;
  }
  bool Extended() const { return rules_ == Rules::kExtended; }

  bool InLexicon(size_t i) const { return Find(i) != nullptr; }

  // The lexicon valence of token i. The extended rules also find inflected
  // forms of lexicon words ("brilliantly", "lovin", "annoyances").
  const double* Find(size_t i) const {
    const double* v = lexicon_.Find(tokens_[i].lower);
    if (v == nullptr && Extended())
      v = FindInflected(lexicon_, tokens_[i].lower);
    return v;
  }
  // Sentiment-laden tokens are skipped when looking back for modifiers.
  bool Laden(size_t i) const { return phrase_[i] >= 0 || InLexicon(i); }

  static bool Negated(std::string_view w) {
    for (std::string_view n : kNegations) {
      if (n == w) return true;
    }
    return w.find("n't") != std::string_view::npos;
  }

  double ScalarIncDec(size_t j, double valence) const {
    const Booster* b = FindBooster(tokens_[j].lower);
    if (b == nullptr) return 0;
    double scalar = valence < 0 ? -b->scalar : b->scalar;
    if (cap_diff_ && IsUpper(tokens_[j].text)) {
      scalar += valence > 0 ? kCapsIncrement : -kCapsIncrement;
    }
    return scalar;
  }

  double ItemValence(size_t i) {
    const size_t n = tokens_.size();
    double valence = 0;
    const int p = phrase_[i];
    if (p >= 0) {
      if (phrases_[p].begin != i) return 0;
      valence = phrases_[p].valence;
    } else {
      if ((i + 1 < n && tokens_[i].lower == "kind" &&
           tokens_[i + 1].lower == "of") ||
          FindBooster(tokens_[i].lower) != nullptr) {
        return 0;
      }
      const double* v = Find(i);
      if (v == nullptr) return 0;
      valence = *v;
      if (Extended()) valence = NoCheck(i, valence);
    }
    if (IsUpper(tokens_[i].text) && cap_diff_) {
      valence += valence > 0 ? kCapsIncrement : -kCapsIncrement;
    }
    for (size_t start = 0; start < 3; ++start) {
      if (i > start && !Laden(i - (start + 1))) {
        double s = ScalarIncDec(i - (start + 1), valence);
        if (start == 1 && s != 0) {
          s *= 0.95;
        } else if (start == 2 && s != 0) {
          s *= 0.9;
        }
        valence += s;
        valence = NeverCheck(valence, start, i);
        if (start == 2) valence = IdiomsCheck(valence, i);
      }
    }
    return LeastCheck(valence, i);
  }

  // Python vaderSentiment 3.3: "no" right before a sentiment word negates it
  // rather than adding its own negativity. Unlike Python, a "no" followed by
  // punctuation ("no, that's great") is an answer, not a negation.
  double NoCheck(size_t i, double valence) const {
    const size_t n = tokens_.size();
    auto is_no = [&](size_t j) {
      return tokens_[j].lower == "no" && !tokens_[j].punct_after;
    };
    if (is_no(i) && i + 1 < n && Laden(i + 1)) valence = 0;
    if ((i > 0 && is_no(i - 1)) || (i > 1 && is_no(i - 2)) ||
        (i > 2 && is_no(i - 3) &&
         (tokens_[i - 1].lower == "or" || tokens_[i - 1].lower == "nor"))) {
      valence = *Find(i) * kNegationScalar;
    }
    return valence;
  }

  double NeverCheck(double valence, size_t start, size_t i) const {
    auto so_or_this = [&](size_t j) { return W(j) == "so" || W(j) == "this"; };
    auto without_doubt = [&]() {
      if (!Extended()) return false;
      if (start == 1) return W(i - 2) == "without" && W(i - 1) == "doubt";
      return W(i - 3) == "without" &&
             (W(i - 2) == "doubt" || W(i - 1) == "doubt");
    };
    if (start == 0) {
      if (Negated(W(i - 1))) valence *= kNegationScalar;
    } else if (start == 1) {
      if (W(i - 2) == "never" && so_or_this(i - 1)) {
        valence *= 1.5;
      } else if (without_doubt()) {
        // "Without doubt" affirms; it does not negate.
      } else if (Negated(W(i - 2))) {
        valence *= kNegationScalar;
      }
    } else {
      if ((W(i - 3) == "never" && so_or_this(i - 2)) || so_or_this(i - 1)) {
        valence *= 1.25;
      } else if (without_doubt()) {
      } else if (Negated(W(i - 3))) {
        valence *= kNegationScalar;
      }
    }
    return valence;
  }

  double IdiomsCheck(double valence, size_t i) const {
    const size_t n = tokens_.size();
    auto join = [&](size_t a, size_t b) {
      std::string s = W(a);
      for (size_t k = a + 1; k <= b; ++k) s += " " + W(k);
      return s;
    };
    const std::string three_two = join(i - 3, i - 2);
    const std::string two_one = join(i - 2, i - 1);
    const std::string sequences[] = {join(i - 1, i), join(i - 2, i), two_one,
                                     join(i - 3, i - 1), three_two};
    for (const std::string& s : sequences) {
      if (const Idiom* idiom = FindIdiom(s)) {
        valence = idiom->valence;
        break;
      }
    }
    if (n - 1 > i) {
      if (const Idiom* idiom = FindIdiom(join(i, i + 1))) {
        valence = idiom->valence;
      }
    }
    if (n - 1 > i + 1) {
      if (const Idiom* idiom = FindIdiom(join(i, i + 2))) {
        valence = idiom->valence;
      }
    }
    if (FindBooster(three_two) != nullptr || FindBooster(two_one) != nullptr) {
      valence += kBoosterDecrement;
    }
    return valence;
  }

  double LeastCheck(double valence, size_t i) const {
    // "least" is not in the lexicon, which the reference also checks.
    if (i > 1 && tokens_[i - 1].lower == "least" && !InLexicon(i - 1)) {
      if (tokens_[i - 2].lower != "at" && tokens_[i - 2].lower != "very") {
        valence *= kNegationScalar;
      }
    } else if (i > 0 && tokens_[i - 1].lower == "least" && !InLexicon(i - 1)) {
      valence *= kNegationScalar;
    }
    return valence;
  }

  // Contrast: what precedes the first "but" counts half, what follows it
  // half as much again.
  void ButCheck(std::vector<double>* valences) const {
    size_t but = tokens_.size();
    auto find = [&](std::string_view word, bool lower) {
      for (size_t i = 0; i < tokens_.size(); ++i) {
        if ((lower ? tokens_[i].lower : tokens_[i].text) == word) return i;
      }
      return tokens_.size();
    };
    if (Extended()) {
      but = find("but", true);
    } else {
      but = find("but", false);
      if (but == tokens_.size()) but = find("BUT", false);
    }
    if (but == tokens_.size()) return;
    for (size_t i = 0; i < valences->size(); ++i) {
      if (i < but) {
        (*valences)[i] *= 0.5;
      } else if (i > but) {
        (*valences)[i] *= 1.5;
      }
    }
  }

  const Lexicon& lexicon_;
  std::span<const Token> tokens_;
  std::span<const PhraseItem> phrases_;
  Rules rules_;
  std::vector<int> phrase_;  // Phrase index per token, or -1.
  bool cap_diff_ = false;
};

double PunctuationEmphasis(std::string_view text) {
  auto exclamations = std::count(text.begin(), text.end(), '!');
  auto questions = std::count(text.begin(), text.end(), '?');
  double amplifier =
      0.292 * static_cast<double>(std::min<long>(exclamations, 4));
  if (questions > 1) {
    amplifier += questions <= 3 ? static_cast<double>(questions) * 0.18 : 0.96;
  }
  return amplifier;
}

}  // namespace

std::string Lower(std::string_view s) {
  std::string out(s);
  for (size_t i = 0; i < out.size(); ++i) {
    auto c = static_cast<unsigned char>(out[i]);
    if (c >= 'A' && c <= 'Z') {
      out[i] = static_cast<char>(c + 32);
    } else if (c == 0xC3 && i + 1 < out.size()) {
      // U+00C0..U+00DE (Latin-1 capitals, except U+00D7 the multiplication
      // sign) lowercase by adding 0x20.
      auto d = static_cast<unsigned char>(out[i + 1]);
      if (d >= 0x80 && d <= 0x9E && d != 0x97) {
        out[i + 1] = static_cast<char>(d + 0x20);
      }
      ++i;
    }
  }
  return out;
}

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  size_t start = 0;
  auto flush = [&](size_t end) {
    std::string_view raw = text.substr(start, end - start);
    if (JsLength(raw) <= 1) return;
    Token t;
    t.text = std::string(raw);
    for (std::string_view p : kPunctuation) {
      if (raw.size() > p.size() && raw.starts_with(p) &&
          IsBareWord(raw.substr(p.size()))) {
        t.text = std::string(raw.substr(p.size()));
        break;
      }
      if (raw.size() > p.size() && raw.ends_with(p) &&
          IsBareWord(raw.substr(0, raw.size() - p.size()))) {
        t.text = std::string(raw.substr(0, raw.size() - p.size()));
        break;
      }
    }
    t.lower = Lower(t.text);
    t.punct_after =
        std::string_view(",.!?;:").find(raw.back()) != std::string_view::npos;
    tokens.push_back(std::move(t));
  };
  for (size_t i = 0; i < text.size();) {
    size_t at = i;
    if (IsJsSpace(NextCodePoint(text, &i))) {
      flush(at);
      start = i;
    }
  }
  flush(text.size());
  return tokens;
}

Valences ItemValences(const Lexicon& lexicon, std::string_view text,
                      std::span<const Token> tokens,
                      std::span<const PhraseItem> phrases, Rules rules) {
  Valences v;
  if (tokens.empty()) return v;
  v.items = Scorer(lexicon, tokens, phrases, rules).Valences();
  v.emphasis = PunctuationEmphasis(text);
  return v;
}

double Compound(const Lexicon& lexicon, std::string_view text,
                std::span<const Token> tokens,
                std::span<const PhraseItem> phrases, Rules rules) {
  Valences v = ItemValences(lexicon, text, tokens, phrases, rules);
  double sum = 0;
  for (double x : v.items) sum += x;
  if (sum == 0) return 0;
  sum += sum > 0 ? v.emphasis : -v.emphasis;
  double score = sum / std::sqrt(sum * sum + kNormalizeAlpha);
  return std::clamp(score, -1.0, 1.0);
}

// ---- Lexicon ---------------------------------------------------------------

const Lexicon& Lexicon::Embedded() {
  static const Lexicon* const lexicon = [] {
    auto* l = new Lexicon();
    for (const LexiconEntry& e : EmbeddedLexicon()) {
      l->map_.insert_or_assign(std::string(e.token), e.valence);
    }
    return l;
  }();
  return *lexicon;
}

StatusOr<Lexicon> Lexicon::ParseTsv(std::string_view text) {
  Lexicon lexicon;
  size_t line_no = 0;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text =
        nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    size_t tab = line.find('\t');
    if (tab == 0 || tab == std::string_view::npos) {
      return InvalidArgument("lexicon line " + std::to_string(line_no) +
                             ": expected token<TAB>valence");
    }
    std::string mean(line.substr(tab + 1, line.find('\t', tab + 1) - tab - 1));
    char* end = nullptr;
    double valence = std::strtod(mean.c_str(), &end);
    if (mean.empty() || end != mean.c_str() + mean.size() ||
        !std::isfinite(valence)) {
      return InvalidArgument("lexicon line " + std::to_string(line_no) +
                             ": bad valence");
    }
    lexicon.map_.insert_or_assign(std::string(line.substr(0, tab)), valence);
  }
  if (lexicon.map_.empty()) return InvalidArgument("lexicon has no entries");
  return lexicon;
}

Lexicon Lexicon::With(
    const std::vector<std::pair<std::string, double>>& additions) const {
  Lexicon out = *this;
  for (const auto& [token, valence] : additions) {
    out.map_.insert_or_assign(token, valence);
  }
  return out;
}

const double* Lexicon::Find(std::string_view token_lower) const {
  auto it = map_.find(token_lower);
  return it == map_.end() ? nullptr : &it->second;
}

}  // namespace sc::analysis::vader
