// Speech recognition engine interface. One loaded model (Recognizer) is
// shared by all calls; each call track has its own RecognizerSession.
//
//   SC_ASSIGN_OR_RETURN(auto rec, OpenRecognizer({}));    // PocketSphinx
//   SC_ASSIGN_OR_RETURN(auto session, rec->NewSession()); // per track
//   // or rec->NewSession(SessionOptions{...}) for one speaker's settings
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
#include <string_view>
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
  bool keyword_spotting = false;  // OpenKeywordSpotter works for it.
  bool session_options = false;   // NewSession(SessionOptions) applies them.
};

// How cepstral mean normalisation adapts (PocketSphinx -cmn).
enum class CmnMode {
  kLive,   // Running mean, carried across utterances of a session.
  kBatch,  // Per-utterance mean; in streaming decoding PocketSphinx treats
           // it as live anyway (it cannot see the whole utterance first).
};

// Named search settings, chosen from the measured trade-off table in
// docs/speech.md. The RecognizerOptions defaults are the kFast profile.
enum class SpeechProfile {
  kFast,      // Domain language model and pruned one-pass search: the live
              // default (many calls per core, final text within ~0.1 s).
  kAccurate,  // The general en-us language model and PocketSphinx's own
              // search settings with both rescoring passes (about a core
              // for a few tracks; for re-transcribing recordings).
};

// Which language model decodes, when RecognizerOptions::language_model (an
// explicit file) is empty.
enum class LanguageModelKind {
  // Built by the product at start-up (src/speech/lm/): a trigram model of
  // sales conversations from the built-in corpus plus `domain_terms`, with
  // the `general_words` most frequent words of the general model mixed in
  // for coverage, and a dictionary holding only its words (missing words
  // get pronunciations from the grapheme-to-phoneme fallback). Cached in
  // work_dir by a hash of its inputs.
  kDomain,
  // The model's general en-us.lm.bin (134k words) and full dictionary.
  kGeneral,
};

// A search pass that can be switched off.
enum class SearchPass { kOff, kOn };

struct RecognizerOptions {
  // Backend: "pocketsphinx" is the only one built in.
  std::string engine = "pocketsphinx";
  // Acoustic model directory. Empty: /usr/share/pocketsphinx/model/en-us/en-us
  std::string model_dir;
  // Pronunciation dictionary. Empty: the built domain dictionary (kDomain)
  // or <model_dir>/../cmudict-en-us.dict (kGeneral). With kDomain a
  // non-empty value names the full dictionary the domain one is cut from.
  std::string dictionary;
  // N-gram language model file (ARPA or binary). Non-empty: used as is
  // (with `dictionary` or the full cmudict), language_model_kind ignored.
  std::string language_model;
  LanguageModelKind language_model_kind = LanguageModelKind::kDomain;
  // kDomain: extra words and phrases the calls will contain (the customer's
  // industry terms, each user's terms, CRM company and contact names). Each
  // is added to the training text; words missing from the dictionary get
  // generated pronunciations.
  std::vector<std::string> domain_terms;
  // kDomain: this many of the general model's most frequent words join the
  // vocabulary (as unigrams), so ordinary words outside the sales corpus
  // can still be recognized. 0: corpus words only.
  int general_words = 3000;
  // kDomain: weight of the general unigram distribution in the mixture
  // (0..1); the rest is the corpus model's.
  double general_weight = 0.15;
  // Telephone audio (8 kHz, u-law, 300-3400 Hz, upsampled): start cepstral
  // normalisation from a mean measured on telephone audio instead of the
  // model's wideband one. Without it a cold decoder gets most words wrong.
  bool telephone = true;
  // Explicit -cmninit (13 comma-separated values); overrides `telephone`.
  // Empty: telephone ? the measured telephone vector : the model's own.
  std::string cmninit;
  CmnMode cmn = CmnMode::kLive;
  // Where the model-directory copy with the edited feat.params and the
  // built domain model go (the model's feat.params overrides command-line
  // values, so a copy is the only way to change them). Empty:
  // $XDG_CACHE_HOME/salescopilot or /tmp/salescopilot-model-<uid>. Created
  // if missing; shared safely by concurrent processes.
  std::string work_dir;

  // Search settings: the kFast profile (see docs/speech.md for the table;
  // OptionsForProfile(kAccurate) restores PocketSphinx's own).
  double beam = 1e-40;   // Main pruning beam.
  double wbeam = 1e-24;  // Word-exit beam.
  double pbeam = 1e-40;  // Phone-transition beam.
  double lw = 6.5;       // Language weight.
  int maxhmmpf = 2000;   // Max active HMMs per frame (-1: no limit).
  int maxwpf = 20;       // Max distinct word exits per frame (-1: no limit);
                         // 10 emptied whole utterances of a cold session.
  int topn = 2;          // Gaussians scored per frame.
  int pl_window = 10;    // Phoneme lookahead window (0: off).
  int ds = 1;            // Frame downsampling ratio.
  // Second (flat lexicon) pass at utterance end: better words, but its cost
  // sits between end of speech and the final transcript.
  SearchPass fwdflat = SearchPass::kOff;
  // Lattice pass at utterance end; needed for posterior-based confidences
  // (without it word and utterance confidences are 0). Cheap with the
  // domain model (a few ms per utterance) and slightly more accurate.
  SearchPass bestpath = SearchPass::kOn;
  // Extra engine arguments ("-flag", "value"), applied last.
  std::vector<std::pair<std::string, std::string>> extra_args;
};

// The options of `profile` (all other fields at their defaults).
RecognizerOptions OptionsForProfile(SpeechProfile profile);
// "fast" / "accurate"; nullopt for anything else.
std::optional<SpeechProfile> ParseSpeechProfile(std::string_view name);
const char* SpeechProfileName(SpeechProfile profile);

// One line naming the options that matter for speed and accuracy, for
// benchmarks and logs.
std::string DescribeOptions(const RecognizerOptions& options);

// A word a session should know beyond the recognizer's vocabulary (a
// user's calibration words, voice_profile.h).
struct SessionWord {
  std::string word;           // Lower-case, as the recognizer outputs it.
  std::string pronunciation;  // ARPAbet phones separated by spaces.
};

// Per-session settings: what one speaker's track needs beyond the shared
// model (e.g. the salesperson's voice profile). Default: the recognizer's
// own settings.
struct SessionOptions {
  // -cmninit for this session only (13 comma-separated values): the cepstral
  // mean the session's normalisation starts from. Empty: the recognizer's
  // (RecognizerOptions::cmninit / telephone).
  std::string cmninit;
  // Added to this session's dictionary with their pronunciations (and, for
  // an n-gram language model that lacks them, as unigrams with the mean
  // unigram probability), so they can be recognized on this track only.
  // Words the recognizer already knows are left as they are.
  std::vector<SessionWord> extra_words;

  bool empty() const { return cmninit.empty() && extra_words.empty(); }
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
  // A new per-track session. For PocketSphinx this loads a decoder: about
  // 0.02 s CPU and 9 MB with the domain model, 0.3 s and 90 MB with the
  // general one (docs/speech.md).
  virtual StatusOr<std::unique_ptr<RecognizerSession>> NewSession() = 0;
  // A new per-track session with its own settings. InvalidArgument for a
  // malformed cmninit or pronunciation (phones the model lacks). Engines
  // without per-session settings (capabilities().session_options false)
  // ignore them and return NewSession(): the settings tune accuracy, they
  // never change what a session means. PocketSphinx adds the extra words
  // with one search rebuild per session: lost in the noise of loading the
  // session's decoder (docs/speech-engines.md, voice calibration).
  // Inline, like every other member, so the interface needs no library of
  // its own: engines in other libraries (remote) implement it freely.
  virtual StatusOr<std::unique_ptr<RecognizerSession>> NewSession(
      const SessionOptions& /*options*/) {
    return NewSession();
  }
};

// Opens the engine named by options.engine. InvalidArgument for an unknown
// engine or bad option; NotFound when model files are missing.
StatusOr<std::shared_ptr<Recognizer>> OpenRecognizer(
    const RecognizerOptions& options);

}  // namespace sc::speech
