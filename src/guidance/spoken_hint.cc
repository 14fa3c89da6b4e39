#include "guidance/spoken_hint.h"

#include <cctype>
#include <sstream>
#include <vector>

namespace sc::guidance {
namespace {

// Characters a synthesizer would pronounce or stumble on become spaces;
// sentence punctuation stays so the voice pauses in the right places.
std::string Speakable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == ' ' || c == '.' || c == ',' || c == '?' ||
        c == '!' || c == '\'' || c == '-' || c == '%' || c == '$' ||
        u >= 0x80) {
      out += c;
    } else if (c == ':' || c == ';') {
      out += ',';
    } else {
      out += ' ';
    }
  }
  return out;
}

// Up to and including the first sentence end (". ", "? ", "! " or the end).
std::string_view FirstSentence(std::string_view s) {
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    if ((s[i] == '.' || s[i] == '?' || s[i] == '!') && s[i + 1] == ' ') {
      return s.substr(0, i + 1);
    }
  }
  return s;
}

std::vector<std::string> Words(std::string_view s) {
  std::vector<std::string> out;
  std::istringstream in{std::string(s)};
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

}  // namespace

std::string SpokenHint(const GuidanceCard& card, int max_words) {
  std::string title = Speakable(card.title);
  std::vector<std::string> words = Words(title);
  if (!words.empty()) {
    std::string& last = words.back();
    while (!last.empty() && (last.back() == ',' || last.back() == '.')) {
      last.pop_back();
    }
    last += '.';
  }
  for (auto& w : Words(FirstSentence(Speakable(card.text)))) {
    words.push_back(std::move(w));
  }
  std::string out;
  for (int i = 0; i < static_cast<int>(words.size()) && i < max_words; ++i) {
    if (!out.empty()) out += ' ';
    out += words[static_cast<size_t>(i)];
  }
  return out;
}

}  // namespace sc::guidance
