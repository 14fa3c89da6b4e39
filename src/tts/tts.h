// Text to speech for the earpiece: guidance the agent hears and the prospect
// does not (AiConfig::voice_guidance; docs/guidance.md "Earpiece").
//
//   SC_ASSIGN_OR_RETURN(auto tts, tts::OpenSynthesizer({}));
//   SC_ASSIGN_OR_RETURN(tts::Speech s, tts->Speak("Price, ROI. Ask ..."));
//   std::string wav = audio::EncodeWav(s.samples, s.sample_rate);
//
// Contract:
//   - Speak() returns mono 16-bit PCM at `SynthesizerOptions::sample_rate`
//     (8000 for a telephone leg, 16000 for a browser), resampled from the
//     voice's own rate when they differ.
//   - Text is limited to `max_chars`; longer text, empty text or text with
//     nothing speakable is InvalidArgument. The text is never logged.
//   - The engine is Flite (libflite, Debian's flite1-dev), voices compiled
//     in: "rms" (default, 16 kHz male), "awb" (16 kHz male), "slt" (16 kHz
//     female), "kal" (8 kHz male). An unknown voice is InvalidArgument.
//     rms is the default because it survives a telephone channel best: our
//     recognizer got 28% of a hint's words wrong through 8 kHz with rms,
//     31% kal, 34% awb, 79% slt (tts_test).
//   - Thread-safety: a Synthesizer may be shared; Speak() calls are
//     serialised inside (Flite's voices keep per-utterance state).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace sc::tts {

struct SynthesizerOptions {
  std::string voice = "rms";
  int sample_rate = 16000;  // 8000 or 16000.
  size_t max_chars = 600;
  // Output level relative to the voice's own: earpiece hints are meant to
  // be quieter than the conversation.
  double gain = 0.5;
  // Speaking pace relative to the voice's own (Flite's duration_stretch is
  // its inverse). 1.15 cost 14 WER points in tts_test's round trip (41% vs
  // 28%), so the default is the voice's own pace.
  double pace = 1.0;
};

struct Speech {
  int sample_rate = 0;
  std::vector<int16_t> samples;
  double duration_s() const {
    return sample_rate > 0 ? static_cast<double>(samples.size()) / sample_rate
                           : 0.0;
  }
};

class Synthesizer {
 public:
  virtual ~Synthesizer() = default;
  // At options().sample_rate.
  StatusOr<Speech> Speak(std::string_view text) {
    return Speak(text, options().sample_rate);
  }
  // At `sample_rate` (8000 or 16000, else InvalidArgument).
  virtual StatusOr<Speech> Speak(std::string_view text, int sample_rate) = 0;
  virtual const SynthesizerOptions& options() const = 0;
};

StatusOr<std::unique_ptr<Synthesizer>> OpenSynthesizer(
    const SynthesizerOptions& options);

}  // namespace sc::tts
