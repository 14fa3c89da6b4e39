#include "speech/lm/domain_lm.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "speech/lm/ngram_lm.h"

namespace sc::speech::lm {

namespace {

std::string_view Trim(std::string_view s) {
  const size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  const size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

std::vector<std::string> SplitAlternatives(std::string_view s) {
  std::vector<std::string> out;
  while (true) {
    const size_t bar = s.find('|');
    out.emplace_back(Trim(s.substr(0, bar)));
    if (bar == std::string_view::npos) break;
    s = s.substr(bar + 1);
  }
  return out;
}

}  // namespace

std::vector<std::string> NormalizeWords(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    while (!cur.empty() && cur.back() == '\'') cur.pop_back();
    size_t b = 0;
    while (b < cur.size() && cur[b] == '\'') ++b;
    if (b < cur.size()) out.push_back(cur.substr(b));
    cur.clear();
  };
  for (char ch : text) {
    const auto u = static_cast<unsigned char>(ch);
    if (std::isalnum(u)) {
      cur += static_cast<char>(std::tolower(u));
    } else if (ch == '\'' && !cur.empty()) {
      cur += ch;
    } else {
      flush();
    }
  }
  flush();
  return out;
}

StatusOr<std::vector<std::vector<std::string>>> ExpandCorpus(
    std::string_view corpus) {
  std::map<std::string, std::vector<std::string>> classes;
  std::vector<std::vector<std::string>> out;
  int line_no = 0;
  while (!corpus.empty()) {
    const size_t nl = corpus.find('\n');
    const std::string_view line = Trim(corpus.substr(0, nl));
    corpus = nl == std::string_view::npos ? "" : corpus.substr(nl + 1);
    ++line_no;
    auto bad = [&](const std::string& why) {
      return InvalidArgument("corpus line " + std::to_string(line_no) + ": " +
                             why);
    };
    if (line.empty() || line.front() == '#') continue;
    if (line.front() == '@') {
      const size_t eq = line.find('=');
      if (eq == std::string_view::npos) return bad("class without '='");
      const std::string name(Trim(line.substr(1, eq - 1)));
      if (name.empty()) return bad("class without a name");
      classes[name] = SplitAlternatives(line.substr(eq + 1));
      continue;
    }
    // Split into literal text and slots.
    std::vector<std::vector<std::string>> parts;
    std::string_view rest = line;
    while (!rest.empty()) {
      const size_t open = rest.find('{');
      if (open != 0) {
        parts.push_back({std::string(rest.substr(0, open))});
        if (open == std::string_view::npos) break;
      }
      const size_t close = rest.find('}', open);
      if (close == std::string_view::npos) return bad("unclosed '{'");
      const std::string_view slot =
          Trim(rest.substr(open + 1, close - open - 1));
      if (!slot.empty() && slot.front() == '@') {
        auto it = classes.find(std::string(Trim(slot.substr(1))));
        if (it == classes.end()) {
          return bad("unknown class " + std::string(slot));
        }
        parts.push_back(it->second);
      } else {
        parts.push_back(SplitAlternatives(slot));
      }
      rest = rest.substr(close + 1);
    }
    size_t total = 1;
    for (const auto& p : parts) {
      total = std::min<size_t>(total * p.size(), 1u << 30);
    }
    // An evenly spaced subset of the expansions: index k * total / n, read
    // as a mixed-radix number over the slots.
    const size_t n = std::min<size_t>(total, kMaxExpansions);
    for (size_t k = 0; k < n; ++k) {
      size_t idx = k * total / n;
      std::string text;
      for (auto p = parts.rbegin(); p != parts.rend(); ++p) {
        const std::string& alt = (*p)[idx % p->size()];
        idx /= p->size();
        text = alt + " " + text;
      }
      auto words = NormalizeWords(text);
      if (!words.empty()) out.push_back(std::move(words));
    }
  }
  if (out.empty()) return InvalidArgument("corpus has no sentences");
  return out;
}

StatusOr<DomainLm> BuildDomainLm(const DomainLmInput& input,
                                 const Lexicon& lexicon) {
  SC_ASSIGN_OR_RETURN(auto sentences, ExpandCorpus(input.corpus));
  NgramLmBuilder builder(
      {.order = input.order, .prior_weight = input.general_weight});
  // Original spellings of term words, so acronyms are spelled out.
  std::map<std::string, std::string> spelled;
  for (const auto& term : input.terms) {
    std::string word;
    for (char c : term + " ") {
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '\'') {
        word += c;
      } else if (!word.empty()) {
        auto norm = NormalizeWords(word);
        if (norm.size() == 1) spelled.emplace(norm[0], word);
        word.clear();
      }
    }
  }
  // Words with no pronunciation at all cannot be in the model.
  std::map<std::string, std::string> guessed;
  std::set<std::string> unpronounceable;
  auto pronounceable = [&](const std::string& w) {
    if (lexicon.Find(w) != nullptr || guessed.contains(w)) return true;
    if (unpronounceable.contains(w)) return false;
    auto it = spelled.find(w);
    std::string p =
        GuessPronunciation(lexicon, it == spelled.end() ? w : it->second);
    if (p.empty()) {
      unpronounceable.insert(w);
      return false;
    }
    guessed.emplace(w, std::move(p));
    return true;
  };
  auto add = [&](std::vector<std::string> words, int count) {
    std::erase_if(words,
                  [&](const std::string& w) { return !pronounceable(w); });
    builder.AddSentence(words, count);
  };
  for (auto& s : sentences) add(std::move(s), 1);
  for (const auto& term : input.terms) {
    add(NormalizeWords(term), input.term_weight);
  }
  std::vector<std::pair<std::string, double>> prior;
  for (const auto& [w, p] : input.general_unigrams) {
    // General words only join when the dictionary knows them: a guessed
    // pronunciation is worth it for a customer's term, not for filler.
    if (lexicon.Find(w) != nullptr) prior.emplace_back(w, p);
  }
  builder.SetUnigramPrior(std::move(prior));

  DomainLm out;
  out.sentences = sentences.size();
  SC_ASSIGN_OR_RETURN(out.arpa, builder.BuildArpa());
  for (const std::string& w : builder.Vocabulary()) {
    ++out.vocabulary_size;
    if (const auto* prons = lexicon.Find(w)) {
      for (size_t i = 0; i < prons->size(); ++i) {
        out.dictionary += w;
        if (i > 0) {
          out.dictionary += '(';
          out.dictionary += std::to_string(i + 1);
          out.dictionary += ')';
        }
        out.dictionary += ' ';
        out.dictionary += (*prons)[i];
        out.dictionary += '\n';
      }
    } else if (auto it = guessed.find(w); it != guessed.end()) {
      out.dictionary += w + " " + it->second + "\n";
      out.generated.push_back(w);
    }
  }
  return out;
}

}  // namespace sc::speech::lm
