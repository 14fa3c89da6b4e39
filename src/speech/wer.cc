#include "speech/wer.h"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace sc::speech {
namespace {

std::vector<std::string> Words(std::string_view s) {
  std::string lower(s);
  for (char& c : lower) c = static_cast<char>(std::tolower(c));
  std::istringstream in(lower);
  std::vector<std::string> w;
  for (std::string x; in >> x;) w.push_back(x);
  return w;
}

}  // namespace

double WerCounts::rate() const {
  const int errors = substitutions + deletions + insertions;
  if (reference_words == 0) return errors;
  return static_cast<double>(errors) / reference_words;
}

WerCounts& WerCounts::operator+=(const WerCounts& o) {
  substitutions += o.substitutions;
  deletions += o.deletions;
  insertions += o.insertions;
  reference_words += o.reference_words;
  return *this;
}

WerCounts CountWordErrors(std::string_view reference,
                          std::string_view hypothesis) {
  const auto r = Words(reference), h = Words(hypothesis);
  // Levenshtein over words, keeping the edit counts of the best path.
  struct Cell {
    int cost = 0, s = 0, d = 0, i = 0;
  };
  std::vector<std::vector<Cell>> t(r.size() + 1,
                                   std::vector<Cell>(h.size() + 1));
  for (size_t a = 1; a <= r.size(); ++a) t[a][0] = {int(a), 0, int(a), 0};
  for (size_t b = 1; b <= h.size(); ++b) t[0][b] = {int(b), 0, 0, int(b)};
  for (size_t a = 1; a <= r.size(); ++a) {
    for (size_t b = 1; b <= h.size(); ++b) {
      Cell best = t[a - 1][b - 1];
      if (r[a - 1] != h[b - 1]) {
        ++best.cost;
        ++best.s;
      }
      Cell del = t[a - 1][b];
      ++del.cost;
      ++del.d;
      Cell ins = t[a][b - 1];
      ++ins.cost;
      ++ins.i;
      if (del.cost < best.cost) best = del;
      if (ins.cost < best.cost) best = ins;
      t[a][b] = best;
    }
  }
  const Cell& c = t[r.size()][h.size()];
  return {c.s, c.d, c.i, static_cast<int>(r.size())};
}

}  // namespace sc::speech
