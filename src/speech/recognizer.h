// Speech recognition engine interface. One loaded model (Recognizer) is
// shared by all calls; each call track has its own RecognizerSession.
//
//   SC_ASSIGN_OR_RETURN(auto rec, OpenRecognizer({}));    // PocketSphinx
//   SC_ASSIGN_OR_RETURN(auto session, rec->NewSession()); // per track
//   SC_RETURN_IF_ERROR(session->StartUtterance(12.34));
//   SC_RETURN_IF_ERROR(session->Feed(pcm16k));            // repeatedly
//   SC_ASSIGN_OR_RETURN(auto partial, session->Partial()); // any time
//   SC_ASSIGN_OR_RETURN(Hypothesis final, session->EndUtterance());
//
// Contract:
//   - Audio is mono int16 at Recognizer::sample_rate() (16 kHz for
//     PocketSphinx: upsample telephone audio with audio::Resampler first).
//   - A session keeps its engine state (e.g. cepstral normalisation) across
//     utterances, so keep one session per call track for the whole call.
//   - Hypotheses carry words only: filler and silence tokens (<s>, </s>,
//     <sil>, [NOISE], ++...++) are removed and pronunciation variants
//     ("word(2)") are stripped. Times are call times in seconds: the
//     StartUtterance time plus the offset in the fed audio.
//   - Transcripts are personal data: log them only in sc::Pii() fields.
//   - Errors are Status values; no exception leaves this module.
//   - Thread-safety: Recognizer is thread-safe. A RecognizerSession is not:
//     the caller serializes calls on one session; distinct sessions may be
//     used from different threads at once.
// Engine selection, telephone setup and measured figures: docs/speech.md.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"

namespace sc::speech {

struct WordTiming {
  std::string w;
  double start_s = 0, end_s = 0;  // Call time; end is exclusive.
  double confidence = 0;          // 0..1; see docs/speech.md.
};

struct Hypothesis {
  std::string text;  // The words joined by single spaces; may be empty.
  std::vector<WordTiming> words;
  double confidence = 0;  // 0..1.
  // The utterance's span of audio fed so far (start time to start time +
  // fed duration); every word lies inside it.
  double start_s = 0, end_s = 0;
};

struct EngineCapabilities {
  bool streaming = false;         // Feed() decodes incrementally.
  bool partial_results = false;   // Partial() returns guesses mid-utterance.
  bool word_times = false;        // Hypothesis::words carry times.
  bool keyword_spotting = false;  // (Not exposed by this interface yet.)
};

// How cepstral mean normalisation adapts (PocketSphinx -cmn).
enum class CmnMode {
  kLive,   // Running mean, carried across utterances of a session.
  kBatch,  // Per-utterance mean; in streaming decoding PocketSphinx treats
           // it as live anyway (it cannot see the whole utterance first).
};

struct RecognizerOptions {
  // Backend: "pocketsphinx" is the only one built in.
  std::string engine = "pocketsphinx";
  // Acoustic model directory. Empty: /usr/share/pocketsphinx/model/en-us/en-us
  std::string model_dir;
  // Pronunciation dictionary. Empty: <model_dir>/../cmudict-en-us.dict
  std::string dictionary;
  // N-gram language model (ARPA or binary). Empty:
  // <model_dir>/../en-us.lm.bin
  std::string language_model;
  // Telephone audio (8 kHz, u-law, 300-3400 Hz, upsampled): start cepstral
  // normalisation from a mean measured on telephone audio instead of the
  // model's wideband one. Without it a cold decoder gets most words wrong.
  bool telephone = true;
  // Explicit -cmninit (13 comma-separated values); overrides `telephone`.
  // Empty: telephone ? the measured telephone vector : the model's own.
  std::string cmninit;
  CmnMode cmn = CmnMode::kLive;
  // Where the model-directory copy with the edited feat.params goes (the
  // model's feat.params overrides command-line values, so a copy is the
  // only way to change them). Empty: $XDG_CACHE_HOME/salescopilot or
  // /tmp/salescopilot-model-<uid>. Created if missing; shared safely by
  // concurrent processes.
  std::string work_dir;

  // Search settings. Defaults are PocketSphinx's own (accuracy first);
  // docs/speech.md lists faster settings and what they cost.
  double beam = 1e-48;   // Main pruning beam.
  double wbeam = 7e-29;  // Word-exit beam.
  double pbeam = 1e-48;  // Phone-transition beam.
  double lw = 6.5;       // Language weight.
  int maxhmmpf = 30000;  // Max active HMMs per frame (-1: no limit).
  int maxwpf = -1;       // Max distinct word exits per frame (-1: no limit).
  int topn = 4;          // Gaussians scored per frame.
  int pl_window = 5;     // Phoneme lookahead window (0: off).
  int ds = 1;            // Frame downsampling ratio.
  bool fwdflat = true;   // Second (flat lexicon) pass at utterance end.
  bool bestpath = true;  // Lattice pass at utterance end; needed for
                         // posterior-based confidences.
  // Extra engine arguments ("-flag", "value"), applied last.
  std::vector<std::pair<std::string, std::string>> extra_args;
};

class RecognizerSession {
 public:
  virtual ~RecognizerSession() = default;
  // Begins an utterance. at_s: call time of the first sample fed next.
  // FailedPrecondition if an utterance is already open.
  virtual Status StartUtterance(double at_s) = 0;
  // Decodes `pcm` (at Recognizer::sample_rate()). FailedPrecondition if no
  // utterance is open.
  virtual Status Feed(std::span<const int16_t> pcm) = 0;
  // The current best guess, or nullopt if nothing has been recognized yet
  // (or no utterance is open). Cheap enough to call every few hundred ms.
  virtual StatusOr<std::optional<Hypothesis>> Partial() = 0;
  // Ends the utterance and returns the final hypothesis (possibly with no
  // words). FailedPrecondition if no utterance is open. The session is then
  // ready for the next StartUtterance.
  virtual StatusOr<Hypothesis> EndUtterance() = 0;
};

class Recognizer {
 public:
  virtual ~Recognizer() = default;
  virtual int sample_rate() const = 0;
  virtual EngineCapabilities capabilities() const = 0;
  // A new per-track session. For PocketSphinx this loads a decoder (about
  // 0.25 s CPU and 110 MB).
  virtual StatusOr<std::unique_ptr<RecognizerSession>> NewSession() = 0;
};

// Opens the engine named by options.engine. InvalidArgument for an unknown
// engine or bad option; NotFound when model files are missing.
StatusOr<std::shared_ptr<Recognizer>> OpenRecognizer(
    const RecognizerOptions& options);

}  // namespace sc::speech
