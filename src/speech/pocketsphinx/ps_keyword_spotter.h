// PocketSphinx backend of speech::KeywordSpotter (internal to src/speech).
//
// Each session is a PocketSphinx decoder running a keyphrase ("kws") search
// instead of the n-gram search: a free phone loop competes with every
// phrase, and a phrase whose path beats the loop by its threshold is a hit.
// The decoder has no language model and a dictionary holding only the
// phrases' words (from the full dictionary, or GuessPronunciation for words
// it lacks), so it loads in a few milliseconds and a few megabytes. The
// acoustic model and telephone setup (feat.params copy with the telephone
// cmninit) are the recognizer's. Contract: speech/keyword_spotter.h.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "speech/keyword_spotter.h"
#include "speech/lm/lexicon.h"

namespace sc::speech {

StatusOr<std::shared_ptr<KeywordSpotter>> OpenPocketSphinxSpotter(
    const RecognizerOptions& recognizer, const KeywordSpotterOptions& options);

// The dictionary lines ("word PH ON ES") for the words of `phrases`, sorted
// and unique, and each phrase's phone count (0 when a word has no
// pronunciation). Exposed for tests.
struct SpotterLexicon {
  std::vector<std::string> dictionary_lines;
  std::vector<int> phones;  // Parallel to the phrases.
};
SpotterLexicon BuildSpotterLexicon(const lm::Lexicon& lexicon,
                                   const std::vector<std::string>& phrases);

}  // namespace sc::speech
