#include "speech/recognizer.h"

#include "speech/pocketsphinx/pocketsphinx_recognizer.h"

namespace sc::speech {

StatusOr<std::shared_ptr<Recognizer>> OpenRecognizer(
    const RecognizerOptions& options) {
  if (options.engine == "pocketsphinx") return OpenPocketSphinx(options);
  return InvalidArgument("unknown speech engine \"" + options.engine +
                         "\" (available: pocketsphinx)");
}

}  // namespace sc::speech
