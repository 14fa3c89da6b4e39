#include "pipeline/time_alignment.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>
#include <string>
#include <utility>

namespace sc::pipeline {
namespace {

std::string Normalized(const std::string& word) {
  std::string out;
  for (char c : word) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '\'') {
      out.push_back(static_cast<char>(std::tolower(u)));
    }
  }
  return out;
}

using WordTimes =
    std::map<std::pair<Speaker, std::string>, std::vector<int64_t>>;

WordTimes TimesByWord(const std::vector<TranscriptFinal>& finals,
                      size_t min_letters) {
  WordTimes times;
  for (const TranscriptFinal& f : finals) {
    for (const Word& w : f.words) {
      std::string n = Normalized(w.w);
      if (n.size() < min_letters) continue;
      times[{f.speaker, std::move(n)}].push_back(w.start_ms);
    }
  }
  return times;
}

// The window of width 2 * agree_ms over sorted shifts holding the most:
// {count, index of its first shift}. Ties go to the window nearest zero.
std::pair<int, size_t> DensestWindow(const std::vector<int64_t>& sorted,
                                     int64_t agree_ms) {
  int best = 0;
  size_t best_first = 0;
  int64_t best_center = 0;
  size_t first = 0;
  for (size_t last = 0; last < sorted.size(); ++last) {
    while (sorted[last] - sorted[first] > 2 * agree_ms) ++first;
    const int count = static_cast<int>(last - first + 1);
    const int64_t center = (sorted[first] + sorted[last]) / 2;
    if (count > best ||
        (count == best && std::llabs(center) < std::llabs(best_center))) {
      best = count;
      best_first = first;
      best_center = center;
    }
  }
  return {best, best_first};
}

}  // namespace

std::optional<TimeAlignment> EstimateTimeOffset(
    const std::vector<TranscriptFinal>& reference,
    const std::vector<TranscriptFinal>& other,
    const TimeAlignmentOptions& options) {
  const WordTimes ref = TimesByWord(reference, options.min_letters);
  const WordTimes oth = TimesByWord(other, options.min_letters);
  std::vector<int64_t> shifts;
  for (const auto& [key, other_times] : oth) {
    auto it = ref.find(key);
    if (it == ref.end()) continue;
    const std::vector<int64_t>& ref_times = it->second;
    if (static_cast<int>(ref_times.size()) > options.max_occurrences ||
        static_cast<int>(other_times.size()) > options.max_occurrences) {
      continue;
    }
    for (int64_t o : other_times) {
      for (int64_t r : ref_times) {
        if (std::llabs(r - o) <= options.max_offset_ms) shifts.push_back(r - o);
      }
    }
  }
  if (shifts.empty()) return std::nullopt;
  std::sort(shifts.begin(), shifts.end());
  const auto [count, first] = DensestWindow(shifts, options.agree_ms);
  if (count < options.min_matches) return std::nullopt;
  // The median of the agreeing shifts.
  const int64_t offset = shifts[first + static_cast<size_t>(count) / 2];
  // A rival shift well away from it with half the support or more: the
  // transcripts repeat themselves, or do not share the talk.
  std::vector<int64_t> away;
  for (int64_t d : shifts) {
    if (std::llabs(d - offset) > 4 * options.agree_ms) away.push_back(d);
  }
  if (2 * DensestWindow(away, options.agree_ms).first >= count) {
    return std::nullopt;
  }
  return TimeAlignment{offset, count};
}

void ShiftFinals(std::vector<TranscriptFinal>& finals, int64_t offset_ms) {
  auto shift = [&](int64_t& t) { t = std::max<int64_t>(0, t + offset_ms); };
  for (TranscriptFinal& f : finals) {
    shift(f.start_ms);
    shift(f.end_ms);
    for (Word& w : f.words) {
      shift(w.start_ms);
      shift(w.end_ms);
    }
  }
}

}  // namespace sc::pipeline
