// Builds (or finds in the cache) the domain language model and dictionary
// for RecognizerOptions::language_model_kind == kDomain (internal to
// src/speech/pocketsphinx).
#pragma once

#include <string>

#include "core/status.h"
#include "speech/recognizer.h"

namespace sc::speech {

struct DomainModelFiles {
  std::string language_model;  // Binary (DMP) file PocketSphinx loads fast.
  std::string dictionary;      // CMUdict-format file of its vocabulary.
  bool from_cache = false;     // True when nothing had to be built.
};

// `full_dictionary` is the dictionary the domain one is cut from (and the
// grapheme-to-phoneme fallback analyses); `general_lm` the model whose
// most frequent options.general_words words are mixed in. The files live in
// `work_dir`, named by a hash of every input (so a changed corpus, term
// list or setting builds a new pair; the old ones are left for other
// processes that may use them), written to a temporary name and renamed
// into place. NotFound / IoError when an input cannot be read or the
// output written; InvalidArgument when PocketSphinx rejects the model.
StatusOr<DomainModelFiles> PrepareDomainModel(
    const RecognizerOptions& options, const std::string& full_dictionary,
    const std::string& general_lm, const std::string& work_dir);

}  // namespace sc::speech
