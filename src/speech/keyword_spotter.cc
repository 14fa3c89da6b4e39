#include "speech/keyword_spotter.h"

#include "speech/pocketsphinx/ps_keyword_spotter.h"

namespace sc::speech {

StatusOr<std::shared_ptr<KeywordSpotter>> OpenKeywordSpotter(
    const RecognizerOptions& recognizer, const KeywordSpotterOptions& options) {
  if (recognizer.engine == "pocketsphinx") {
    return OpenPocketSphinxSpotter(recognizer, options);
  }
  return InvalidArgument("speech engine \"" + recognizer.engine +
                         "\" cannot spot keyphrases");
}

}  // namespace sc::speech
