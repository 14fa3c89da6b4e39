// PocketSphinx backend of speech::Recognizer (internal to src/speech).
//
// Only src/speech/recognizer.cc calls OpenPocketSphinx; the pipeline uses
// OpenRecognizer(). This folder is the only place that includes PocketSphinx
// headers. Thread-safety and errors: as in speech/recognizer.h.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "core/status.h"
#include "speech/recognizer.h"

namespace sc::speech {

// Cepstral mean of telephone audio (see the .cc and docs/speech.md for how
// it was measured), as a -cmninit value.
extern const char kTelephoneCmninit[];

StatusOr<std::shared_ptr<Recognizer>> OpenPocketSphinx(
    const RecognizerOptions& options);

// Returns a directory equivalent to `model_dir` whose feat.params has the
// keys in `overrides` ("-cmninit" -> "41.0,...") replaced or added. The copy
// lives under `work_dir` (symlinks to the big files) and is named by a hash
// of its content, so it is reused across runs and processes; returns
// model_dir itself when nothing changes. Exposed for tests and tools.
StatusOr<std::string> PrepareModelDir(
    const std::string& model_dir, const std::string& work_dir,
    const std::map<std::string, std::string>& overrides);

}  // namespace sc::speech
