// Voice calibration: per-user recognizer settings learned from a few
// minutes of one user's natural speech (docs/speech-engines.md).
//
//   SC_ASSIGN_OR_RETURN(audio::PcmAudio a, audio::ReadWav("me.wav"));
//   CalibrationOptions o;
//   o.script = text_the_user_read;  // Optional.
//   SC_ASSIGN_OR_RETURN(VoiceProfile p,
//                       Calibrate(audio::ExtractChannel(a, 0),
//                                 a.sample_rate, o));
//   store.Put(user, VoiceProfileJson(p));
//   ...
//   RecognizerOptions r;                  // For that user's track:
//   r.cmninit = p.CmninitString();        // a warm cepstral mean,
//   r.domain_terms += p.MissingWordList(); // their words,
//   // and p.words_per_minute as the user's pace baseline.
//
// What is learned, and how:
//   - cmninit: the cepstral mean (MFCC c0..c12) of the user's voice through
//     the channel the recording came through, as PocketSphinx's -cmninit
//     expects it: the audio is cut into utterances by the endpointer
//     (audio/vad.h), each is decoded with PocketSphinx in batch CMN mode
//     (so the decoder's cepstral mean is that utterance's mean, from the
//     en-us front end at 16 kHz), and the means are averaged weighted by
//     frame count. A live decoder started from it needs no warm-up
//     utterances. Record through the same kind of line the calls use
//     (telephone audio for telephone calls).
//   - words_per_minute: the speaking-rate baseline for the pace metric,
//     words over speaking time, where speaking time is the span from each
//     utterance's first to last recognized word. Words are the script's
//     when one is given (what the user actually said), else the recognized
//     ones (recognition errors then bias it, usually low).
//   - missing_words: words of the script that the pronunciation
//     dictionary lacks, each with a generated pronunciation
//     (lm/lexicon.h). Audio alone cannot tell which words are missing: a
//     recognizer only ever outputs words it knows.
//
// Errors: InvalidArgument for a bad rate or options; FailedPrecondition
// when the audio holds too little speech (min_speech_s) to learn from;
// NotFound when model files are missing; Internal when PocketSphinx fails.
// Thread-safety: Calibrate() loads its own decoder and may run on several
// threads at once (about 0.3 s to load, 110 MB, and one core for roughly a
// third of the audio's duration). It blocks: run it on a worker.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace sc::speech {

struct CalibrationOptions {
  // Acoustic model directory. Empty: /usr/share/pocketsphinx/model/en-us/en-us
  std::string model_dir;
  // Pronunciation dictionary (decoding and missing words). Empty:
  // <model_dir>/../cmudict-en-us.dict
  std::string dictionary;
  // Language model for decoding. Empty: <model_dir>/../en-us.lm.bin
  std::string language_model;
  // The text the user read, if the session used a calibration script.
  // Empty: no missing words, and the rate comes from recognized words.
  // Personal data: never logged.
  std::string script;
  // Less recognized speech than this fails with FailedPrecondition: a mean
  // over a few seconds says more about those words than about the voice.
  double min_speech_s = 20;
};

// How words_per_minute was counted.
enum class RateSource {
  kScript,      // The script's words over the recognized speaking time.
  kRecognized,  // Recognized words over the recognized speaking time.
};

struct MissingWord {
  std::string word;           // Lower-case.
  std::string pronunciation;  // ARPAbet phones, a generated guess.
};

struct VoiceProfile {
  static constexpr int kVersion = 1;
  int version = kVersion;
  std::vector<double> cmninit;  // 13 values, c0..c12.
  double words_per_minute = 0;
  RateSource rate_source = RateSource::kRecognized;
  double audio_s = 0;   // Length of the calibration audio.
  double speech_s = 0;  // Speaking time the rate is measured over.
  int utterances = 0;   // Endpointer utterances decoded.
  int recognized_words = 0;
  std::vector<MissingWord> missing_words;

  // "45.30,32.38,..." (two decimals): a RecognizerOptions::cmninit value.
  std::string CmninitString() const;
  // The missing words alone, for RecognizerOptions::domain_terms.
  std::vector<std::string> MissingWordList() const;
};

StatusOr<VoiceProfile> Calibrate(std::span<const int16_t> pcm, int sample_rate,
                                 const CalibrationOptions& options = {});

// {"version":1,"cmninit":[...13 numbers],"words_per_minute":...,
//  "rate_source":"script"|"recognized","audio_s":...,"speech_s":...,
//  "utterances":...,"recognized_words":...,
//  "missing_words":[{"word":"...","pronunciation":"..."}]}
std::string VoiceProfileJson(const VoiceProfile& profile);
// InvalidArgument for malformed JSON, a version other than 1, or a cmninit
// that is not 13 finite numbers. Unknown keys are ignored (newer writers
// may add some).
StatusOr<VoiceProfile> ParseVoiceProfileJson(std::string_view json);

}  // namespace sc::speech
