#include "analysis/lexicon_afinn.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analysis/vader.h"

namespace sc::analysis::vader {

Lexicon WithAfinn(const Lexicon& primary, const AfinnMix& mix) {
  std::vector<std::pair<std::string, double>> changes;
  for (const LexiconEntry& e : EmbeddedAfinn165()) {
    std::string token = Lower(e.token);
    if (token.find(' ') != std::string::npos) continue;
    const double afinn = e.valence * kAfinnToVader;
    if (const double* v = primary.Find(token)) {
      changes.emplace_back(std::move(token),
                           (1 - mix.blend) * *v + mix.blend * afinn);
    } else if (FindInflected(primary, token) == nullptr) {
      changes.emplace_back(std::move(token), afinn * mix.fallback_weight);
    }
  }
  return primary.With(changes);
}

}  // namespace sc::analysis::vader
