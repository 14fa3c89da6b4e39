// Word error rate, for tests and benchmarks.
//
// Contract: words are compared case-insensitively after splitting on
// whitespace; WER = (substitutions + deletions + insertions) / reference
// words (1.0 per inserted word when the reference is empty, 0 if both are).
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sc::speech {

struct WerCounts {
  int substitutions = 0, deletions = 0, insertions = 0, reference_words = 0;
  double rate() const;
  WerCounts& operator+=(const WerCounts& o);
};

WerCounts CountWordErrors(std::string_view reference,
                          std::string_view hypothesis);
inline double WordErrorRate(std::string_view ref, std::string_view hyp) {
  return CountWordErrors(ref, hyp).rate();
}

}  // namespace sc::speech
