#include "speech/lm/lexicon.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <limits>
#include <sstream>

namespace sc::speech::lm {

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// Letter names, for spelling acronyms.
const char* LetterName(char c) {
  static const char* kNames[26] = {"EY",
                                   "B IY",
                                   "S IY",
                                   "D IY",
                                   "IY",
                                   "EH F",
                                   "JH IY",
                                   "EY CH",
                                   "AY",
                                   "JH EY",
                                   "K EY",
                                   "EH L",
                                   "EH M",
                                   "EH N",
                                   "OW",
                                   "P IY",
                                   "K Y UW",
                                   "AA R",
                                   "EH S",
                                   "T IY",
                                   "Y UW",
                                   "V IY",
                                   "D AH B AH L Y UW",
                                   "EH K S",
                                   "W AY",
                                   "Z IY"};
  return kNames[c - 'a'];
}

bool IsVowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

// Letter-to-sound rules: graphemes matched longest first at a position,
// with the few context conditions English spelling needs most (soft c and
// g, a silent final e that lengthens the vowel before it). Deliberately
// small: dictionary pieces carry most guesses; these cover the rest.
struct Rule {
  const char* graphemes;
  const char* phones;  // "" for silent letters.
};
const Rule kRules[] = {
    {"tion", "SH AH N"}, {"sion", "ZH AH N"}, {"ture", "CH ER"}, {"ough", "AO"},
    {"igh", "AY"},       {"tch", "CH"},       {"dge", "JH"},     {"sch", "S K"},
    {"ck", "K"},         {"ch", "CH"},        {"sh", "SH"},      {"th", "TH"},
    {"ph", "F"},         {"wh", "W"},         {"ng", "NG"},      {"qu", "K W"},
    {"gh", "G"},         {"kn", "N"},         {"wr", "R"},       {"ee", "IY"},
    {"ea", "IY"},        {"oo", "UW"},        {"ou", "AW"},      {"ow", "OW"},
    {"ai", "EY"},        {"ay", "EY"},        {"ey", "EY"},      {"oi", "OY"},
    {"oy", "OY"},        {"au", "AO"},        {"aw", "AO"},      {"ew", "UW"},
    {"ie", "IY"},        {"oa", "OW"},        {"er", "ER"},      {"ir", "ER"},
    {"ur", "ER"},        {"ar", "AA R"},      {"or", "AO R"},    {"b", "B"},
    {"d", "D"},          {"f", "F"},          {"h", "HH"},       {"j", "JH"},
    {"k", "K"},          {"l", "L"},          {"m", "M"},        {"n", "N"},
    {"p", "P"},          {"r", "R"},          {"s", "S"},        {"t", "T"},
    {"v", "V"},          {"w", "W"},          {"x", "K S"},      {"z", "Z"},
    {"'", ""},
};

// Phones for word[i..i+len) by rule, with `len` set; the single letters
// that depend on context are handled here.
std::string LetterToSound(const std::string& w, size_t i, size_t& len) {
  for (const Rule& r : kRules) {
    const std::string_view g(r.graphemes);
    if (w.compare(i, g.size(), g) == 0) {
      len = g.size();
      // A doubled consonant sounds once ("ll", "ss", "tt").
      if (len == 1 && i + 1 < w.size() && w[i + 1] == w[i] && !IsVowel(w[i])) {
        len = 2;
      }
      return r.phones;
    }
  }
  len = 1;
  const char c = w[i];
  const char next = i + 1 < w.size() ? w[i + 1] : '\0';
  const bool end = i + 1 == w.size();
  // Vowel followed by one consonant and a final e: the long vowel.
  const bool magic_e = i + 3 == w.size() && w[i + 2] == 'e' &&
                       !IsVowel(w[i + 1]) && w[i + 1] != 'r';
  switch (c) {
    case 'a':
      return magic_e ? "EY" : "AE";
    case 'e':
      if (end && i >= 2) return "";  // Silent final e.
      return magic_e ? "IY" : "EH";
    case 'i':
      return magic_e ? "AY" : "IH";
    case 'o':
      return magic_e || end ? "OW" : "AA";
    case 'u':
      return magic_e ? "UW" : "AH";
    case 'y':
      return i == 0 ? "Y" : (end ? "IY" : "IH");
    case 'c':
      if (next == 'c') {
        len = 2;
        return "K";
      }
      return next == 'e' || next == 'i' || next == 'y' ? "S" : "K";
    case 'g':
      if (next == 'g') {
        len = 2;
        return "G";
      }
      return next == 'e' || next == 'i' || next == 'y' ? "JH" : "G";
    default:
      return "";
  }
}

}  // namespace

StatusOr<Lexicon> Lexicon::Load(const std::string& path) {
  std::ifstream in(path);
  if (!in) return NotFound("cannot read pronunciation dictionary " + path);
  Lexicon lex;
  std::string line;
  while (std::getline(in, line)) lex.AddLine(line);
  if (in.bad()) return IoError("error reading " + path);
  return lex;
}

Lexicon Lexicon::FromText(std::string_view text) {
  Lexicon lex;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    lex.AddLine(text.substr(0, nl));
    text = nl == std::string_view::npos ? "" : text.substr(nl + 1);
  }
  return lex;
}

void Lexicon::AddLine(std::string_view line) {
  const size_t sp = line.find_first_of(" \t");
  if (sp == std::string_view::npos || sp == 0) return;
  std::string word = Lower(line.substr(0, sp));
  if (word.back() == ')') {
    if (size_t p = word.find('('); p != std::string::npos && p > 0) {
      word.resize(p);
    }
  }
  std::string_view rest = line.substr(sp);
  const size_t b = rest.find_first_not_of(" \t");
  const size_t e = rest.find_last_not_of(" \t\r");
  if (b == std::string_view::npos) return;
  entries_[word].emplace_back(rest.substr(b, e - b + 1));
}

const std::vector<std::string>* Lexicon::Find(std::string_view word) const {
  auto it = entries_.find(std::string(word));
  return it == entries_.end() ? nullptr : &it->second;
}

std::string GuessPronunciation(const Lexicon& lexicon, std::string_view word) {
  std::string w;
  bool all_caps = true;
  for (char c : word) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalpha(u)) {
      all_caps &= std::isupper(u) != 0;
      w += static_cast<char>(std::tolower(u));
    } else if (c == '\'') {
      w += c;
    }
  }
  if (w.empty()) return "";
  if (const auto* p = lexicon.Find(w)) return p->front();
  const bool has_vowel = std::any_of(
      w.begin(), w.end(), [](char c) { return IsVowel(c) || c == 'y'; });
  if ((all_caps && w.size() <= 5) || !has_vowel) {
    std::string out;
    for (char c : w) {
      if (c == '\'') continue;
      if (!out.empty()) out += ' ';
      out += LetterName(c);
    }
    return out;
  }
  // Cheapest segmentation into dictionary words (cost 1, 1.5 when shorter
  // than three letters, since short pieces match by accident) and
  // rule-pronounced graphemes (cost 2 each): dictionary pieces win
  // whenever they cover the word.
  const size_t n = w.size();
  constexpr double kInf = std::numeric_limits<double>::infinity();
  std::vector<double> cost(n + 1, kInf);
  std::vector<std::string> phones(n + 1);
  cost[0] = 0;
  for (size_t i = 0; i < n; ++i) {
    if (cost[i] == kInf) continue;
    for (size_t j = i + 2; j <= n; ++j) {
      const auto* p = lexicon.Find(std::string_view(w).substr(i, j - i));
      if (p == nullptr) continue;
      const double c = cost[i] + (j - i < 3 ? 1.5 : 1.0);
      if (c < cost[j]) {
        cost[j] = c;
        phones[j] =
            phones[i].empty() ? p->front() : phones[i] + " " + p->front();
      }
    }
    size_t len = 1;
    const std::string ph = LetterToSound(w, i, len);
    const double c = cost[i] + 2.0;
    if (c < cost[i + len]) {
      cost[i + len] = c;
      phones[i + len] = ph.empty()          ? phones[i]
                        : phones[i].empty() ? ph
                                            : phones[i] + " " + ph;
    }
  }
  return phones[n];
}

}  // namespace sc::speech::lm
