#include "analysis/phonetic.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <vector>

namespace sc::analysis {
namespace {

bool IsVowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

bool IsFrontVowel(char c) { return c == 'e' || c == 'i' || c == 'y'; }

}  // namespace

std::string PhoneticCode(std::string_view word) {
  std::string w;
  w.reserve(word.size());
  for (char c : word) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c >= 'a' && c <= 'z') w.push_back(c);
  }
  const size_t n = w.size();
  // Letters past the end read as '\0', which is neither a vowel nor any of
  // the letters the rules look ahead for.
  auto at = [&](size_t i) { return i < n ? w[i] : '\0'; };

  std::string code;
  size_t i = 0;
  // Silent first letters: "knee", "gnome", "pneumatic", "wrong", "aesthetic".
  if (n >= 2) {
    std::string_view head(w.data(), 2);
    if (head == "kn" || head == "gn" || head == "pn" || head == "wr" ||
        head == "ae") {
      i = 1;
    }
  }
  const size_t first = i;
  for (; i < n; ++i) {
    const char c = w[i];
    const char prev = i > 0 ? w[i - 1] : '\0';
    const char next = at(i + 1);
    const char next2 = at(i + 2);
    // A doubled letter sounds once ("ss", "tt"); "cc" can be "ks" so stays.
    if (i > first && c == prev && c != 'c') continue;
    switch (c) {
      case 'a':
      case 'e':
      case 'i':
      case 'o':
      case 'u':
        if (i == first) code.push_back('A');
        break;
      case 'b':
        if (!(prev == 'm' && i + 1 == n)) code.push_back('B');  // "climb".
        break;
      case 'c':
        if (next == 'i' && next2 == 'a') {
          code.push_back('X');  // "special".
        } else if (next == 'h') {
          code.push_back(prev == 's' ? 'K' : 'X');  // "school" / "check".
        } else if (IsFrontVowel(next)) {
          if (prev != 's') code.push_back('S');  // "price"; "science".
        } else {
          code.push_back('K');
        }
        break;
      case 'd':
        if (next == 'g' && IsFrontVowel(next2)) {
          code.push_back('J');  // "budget", "edge": the g is part of it.
          ++i;
        } else {
          code.push_back('T');
        }
        break;
      case 'g':
        if (next == 'h') {
          if (i + 2 == n) {
            code.push_back('F');  // "tough".
          } else if (IsVowel(next2)) {
            code.push_back('K');  // "ghost".
          }                       // Else silent: "night", "bought".
        } else if (next == 'n' && (i + 2 == n || w.substr(i + 1) == "ned")) {
          // Silent: "sign", "signed".
        } else if (IsFrontVowel(next)) {
          code.push_back('J');
        } else {
          code.push_back('K');
        }
        break;
      case 'h':
        // Silent after the consonants it modifies and before a consonant.
        if (prev != 'c' && prev != 's' && prev != 'p' && prev != 't' &&
            prev != 'g' && IsVowel(next)) {
          code.push_back('H');
        }
        break;
      case 'k':
        if (prev != 'c') code.push_back('K');
        break;
      case 'p':
        code.push_back(next == 'h' ? 'F' : 'P');
        break;
      case 'q':
        code.push_back('K');
        break;
      case 's':
        if (next == 'h' || (next == 'i' && (next2 == 'o' || next2 == 'a'))) {
          code.push_back('X');
        } else {
          code.push_back('S');
        }
        break;
      case 't':
        if (next == 'i' && (next2 == 'o' || next2 == 'a')) {
          code.push_back('X');  // "nation".
        } else if (next == 'h') {
          code.push_back('0');
        } else if (!(next == 'c' && next2 == 'h')) {  // "match": silent t.
          code.push_back('T');
        }
        break;
      case 'v':
        code.push_back('F');
        break;
      case 'w':
        if (IsVowel(next)) code.push_back('W');
        break;
      case 'x':
        if (i == first) {
          code.push_back('S');  // "xylophone".
        } else {
          code.append("KS");
        }
        break;
      case 'y':
        if (IsVowel(next)) code.push_back('Y');
        break;
      case 'z':
        code.push_back('S');
        break;
      default:  // f j l m n r.
        code.push_back(static_cast<char>(c - 'a' + 'A'));
        break;
    }
  }
  // Neighbouring letters of one class sound once ("ck" already merged;
  // "xs" in "excess" would otherwise give "KSS").
  code.erase(std::unique(code.begin(), code.end()), code.end());
  return code;
}

int EditDistance(std::string_view a, std::string_view b, int limit) {
  const int la = static_cast<int>(a.size());
  const int lb = static_cast<int>(b.size());
  if (std::abs(la - lb) > limit) return limit + 1;
  // Words are short: keep the row on the stack unless one is not.
  std::array<int, 64> small;
  std::vector<int> large;
  int* row = small.data();
  if (lb + 1 > static_cast<int>(small.size())) {
    large.resize(lb + 1);
    row = large.data();
  }
  for (int j = 0; j <= lb; ++j) row[j] = j;
  for (int i = 1; i <= la; ++i) {
    int diag = row[0];
    row[0] = i;
    int best = row[0];
    for (int j = 1; j <= lb; ++j) {
      const int up = row[j];
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + cost});
      diag = up;
      best = std::min(best, row[j]);
    }
    // Every later cell derives from this row, and costs never decrease.
    if (best > limit) return limit + 1;
  }
  return std::min(row[lb], limit + 1);
}

WordSimilarity CompareWords(std::string_view expected,
                            std::string_view expected_code,
                            std::string_view heard,
                            std::string_view heard_code) {
  if (expected == heard) return WordSimilarity::kExact;
  // Sound codes drop vowels, so on their own they equate words of very
  // different lengths ("is" and "issue" are both "AS"); the recognizer's
  // substitutions keep roughly the length of the word.
  const size_t shorter = std::min(expected.size(), heard.size());
  const size_t longer = std::max(expected.size(), heard.size());
  const bool comparable_length = longer - shorter <= 2 && 2 * shorter >= longer;
  // Short words share codes by accident ("kid" and "quote" are both KT):
  // they also need the same first letter, and a one-letter code ("to",
  // "tied", "day" are all T) only joins words of at most three letters.
  const bool short_ok = shorter > 5 || expected[0] == heard[0];
  const bool tiny_ok = expected_code.size() > 1 || longer <= 3;
  const bool same_code = !expected_code.empty() &&
                         expected_code == heard_code && comparable_length &&
                         short_ok && tiny_ok;
  if (expected.size() >= 4 && heard.size() >= 4 &&
      (expected[0] == heard[0] || same_code)) {
    const int limit = expected.size() >= 8 && heard.size() >= 8 ? 2 : 1;
    if (EditDistance(expected, heard, limit) <= limit) {
      return WordSimilarity::kFuzzy;
    }
  }
  if (same_code) return WordSimilarity::kPhonetic;
  if (comparable_length && expected_code.size() >= 4 &&
      heard_code.size() >= 4 && expected_code[0] == heard_code[0] &&
      EditDistance(expected_code, heard_code, 1) <= 1) {
    return WordSimilarity::kNearPhonetic;
  }
  return WordSimilarity::kNone;
}

}  // namespace sc::analysis
