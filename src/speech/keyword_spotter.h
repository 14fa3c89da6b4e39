// Keyphrase spotting: listens for a fixed list of phrases in the audio
// beside the recognizer, and says which were heard and when. One loaded
// spotter (KeywordSpotter) is shared by all calls; each call track has its
// own KeywordSpotterSession.
//
//   KeywordSpotterOptions so;
//   so.phrases = {{"too expensive"}, {"check with my boss"}};
//   SC_ASSIGN_OR_RETURN(auto spotter, OpenKeywordSpotter(recognizer_options,
//                                                        so));
//   SC_ASSIGN_OR_RETURN(auto session, spotter->NewSession());  // per track
//   SC_RETURN_IF_ERROR(session->StartUtterance(12.34));
//   SC_RETURN_IF_ERROR(session->Feed(pcm16k));                 // repeatedly
//   SC_ASSIGN_OR_RETURN(std::vector<KeywordHit> hits, session->EndUtterance());
//
// Contract:
//   - Audio is mono int16 at KeywordSpotter::sample_rate() (16 kHz for
//     PocketSphinx), the same audio the track's RecognizerSession gets.
//   - A phrase is lowercase words separated by single spaces. Words the
//     engine's dictionary lacks get generated pronunciations; a phrase that
//     cannot be pronounced at all is left out (KeywordSpotter::phrases()
//     lists what is listened for).
//   - A hit's score compares the phrase with the best free sequence of
//     sounds over the same audio: log10 of their likelihood ratio. It is
//     usually negative (a free phone loop fits any audio at least as well);
//     closer to 0 is surer. Only hits at or above the phrase's threshold are
//     reported. Overlapping hits of one phrase are merged (best kept).
//   - Times are call times in seconds, like Hypothesis times.
//   - Phrases are not personal data (they come from the objection inventory
//     and the user's trigger configuration), but a hit says what a caller
//     said: log hits only in sc::Pii() fields.
//   - Errors are Status values; no exception leaves this module.
//   - Thread-safety: KeywordSpotter is thread-safe; a session is not (the
//     caller serializes calls on one session).
// Engine support is declared by EngineCapabilities::keyword_spotting;
// measured cost and thresholds: docs/speech.md, "Keyphrase spotting".
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "speech/recognizer.h"

namespace sc::speech {

struct SpotPhrase {
  std::string phrase;
  // Minimum score (log10 likelihood ratio) of a reported hit. Unset: the
  // default for the phrase's length (DefaultSpotThreshold).
  std::optional<double> threshold;
};

struct KeywordSpotterOptions {
  // What to listen for. Duplicates are ignored. Required (non-empty).
  std::vector<SpotPhrase> phrases;
  // Frame downsampling: score every `frame_step`-th frame only (PocketSphinx
  // -ds). Default 1 (every frame; docs/speech.md has the measured trade).
  int frame_step = 1;
};

// The threshold used for a phrase of `phones` phonemes when
// SpotPhrase::threshold is unset, measured on the tune calls
// (docs/speech.md): scores fall with the phrase's length, so it is a score
// per phone times the phone count.
double DefaultSpotThreshold(int phones);

struct KeywordHit {
  std::string phrase;
  double start_s = 0, end_s = 0;  // Call time; end is exclusive.
  double score = 0;               // log10 likelihood ratio (see above).
};

class KeywordSpotterSession {
 public:
  virtual ~KeywordSpotterSession() = default;
  // Begins an utterance. at_s: call time of the first sample fed next.
  // FailedPrecondition if an utterance is already open.
  virtual Status StartUtterance(double at_s) = 0;
  // Listens to `pcm`. FailedPrecondition if no utterance is open.
  virtual Status Feed(std::span<const int16_t> pcm) = 0;
  // Ends the utterance and returns its hits in time order (possibly none).
  // FailedPrecondition if no utterance is open.
  virtual StatusOr<std::vector<KeywordHit>> EndUtterance() = 0;
};

class KeywordSpotter {
 public:
  virtual ~KeywordSpotter() = default;
  virtual int sample_rate() const = 0;
  // The phrases listened for (those that could be pronounced), each with
  // the threshold in force (always set).
  virtual const std::vector<SpotPhrase>& phrases() const = 0;
  // A new per-track session (PocketSphinx: a small decoder of its own).
  virtual StatusOr<std::unique_ptr<KeywordSpotterSession>> NewSession() = 0;
};

// Opens a spotter for the engine, model and telephone setup named by
// `recognizer` (only engine, model_dir, dictionary, telephone, cmninit,
// cmn and work_dir are used). InvalidArgument when the engine cannot spot
// or no phrase can be pronounced; NotFound when model files are missing.
StatusOr<std::shared_ptr<KeywordSpotter>> OpenKeywordSpotter(
    const RecognizerOptions& recognizer, const KeywordSpotterOptions& options);

}  // namespace sc::speech
