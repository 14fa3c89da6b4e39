// Flite behind tts::Synthesizer. Flite is C with global state (its language
// and lexicon registry) and voices that carry per-utterance features, so
// initialisation happens once per process and Speak() holds a lock.
#include <flite/flite.h>

#include <algorithm>
#include <cmath>
#include <mutex>

#include "audio/resampler.h"
#include "tts/tts.h"

extern "C" {
cst_voice* register_cmu_us_slt(const char* voxdir);
cst_voice* register_cmu_us_rms(const char* voxdir);
cst_voice* register_cmu_us_awb(const char* voxdir);
cst_voice* register_cmu_us_kal(const char* voxdir);
}

namespace sc::tts {
namespace {

std::mutex& FliteMutex() {
  static std::mutex m;
  return m;
}

// Registered voices live for the process (Flite keeps them in a global
// list); registering each name once keeps repeated opens cheap.
cst_voice* VoiceByName(const std::string& name) {
  static std::once_flag init;
  std::call_once(init, [] { flite_init(); });
  static cst_voice* slt = nullptr;
  static cst_voice* rms = nullptr;
  static cst_voice* awb = nullptr;
  static cst_voice* kal = nullptr;
  auto get = [](cst_voice*& v, cst_voice* (*reg)(const char*)) {
    if (v == nullptr) v = reg(nullptr);
    return v;
  };
  if (name == "slt") return get(slt, register_cmu_us_slt);
  if (name == "rms") return get(rms, register_cmu_us_rms);
  if (name == "awb") return get(awb, register_cmu_us_awb);
  if (name == "kal") return get(kal, register_cmu_us_kal);
  return nullptr;
}

bool HasSpeakable(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
  });
}

class FliteSynthesizer final : public Synthesizer {
 public:
  FliteSynthesizer(SynthesizerOptions options, cst_voice* voice)
      : options_(std::move(options)), voice_(voice) {}

  using Synthesizer::Speak;
  StatusOr<Speech> Speak(std::string_view text, int sample_rate) override {
    if (sample_rate != 8000 && sample_rate != 16000) {
      return InvalidArgument("tts sample_rate must be 8000 or 16000");
    }
    if (text.size() > options_.max_chars) {
      return InvalidArgument(
          "text to speak has " + std::to_string(text.size()) +
          " characters; the limit is " + std::to_string(options_.max_chars));
    }
    if (!HasSpeakable(text)) {
      return InvalidArgument("text to speak has no words");
    }
    Speech out;
    out.sample_rate = sample_rate;
    std::vector<int16_t> native;
    int native_rate = 0;
    {
      std::lock_guard lock(FliteMutex());
      feat_set_float(voice_->features, "duration_stretch",
                     static_cast<float>(1.0 / options_.pace));
      cst_wave* w = flite_text_to_wave(std::string(text).c_str(), voice_);
      if (w == nullptr || cst_wave_num_samples(w) <= 0) {
        if (w != nullptr) delete_wave(w);
        return Internal("flite produced no audio");
      }
      native_rate = cst_wave_sample_rate(w);
      const int n = cst_wave_num_samples(w);
      const int ch = std::max(1, cst_wave_num_channels(w));
      native.reserve(static_cast<size_t>(n));
      for (int i = 0; i < n; ++i) native.push_back(w->samples[i * ch]);
      delete_wave(w);
    }
    for (int16_t& s : native) {
      s = static_cast<int16_t>(std::clamp(std::lround(s * options_.gain),
                                          long{-32768}, long{32767}));
    }
    if (native_rate == sample_rate) {
      out.samples = std::move(native);
      return out;
    }
    SC_ASSIGN_OR_RETURN(auto rs,
                        audio::Resampler::Create(native_rate, sample_rate));
    // Trailing zeros push the filter's delay line out, so the end of the last
    // word is not cut.
    native.resize(native.size() + static_cast<size_t>(rs->input_latency()) + 1,
                  0);
    rs->Process(native, out.samples);
    return out;
  }

  const SynthesizerOptions& options() const override { return options_; }

 private:
  SynthesizerOptions options_;
  cst_voice* voice_;
};

}  // namespace

StatusOr<std::unique_ptr<Synthesizer>> OpenSynthesizer(
    const SynthesizerOptions& options) {
  if (options.sample_rate != 8000 && options.sample_rate != 16000) {
    return InvalidArgument("tts sample_rate must be 8000 or 16000");
  }
  if (!(options.gain > 0.0 && options.gain <= 1.0)) {
    return InvalidArgument("tts gain must be in (0, 1]");
  }
  if (!(options.pace >= 0.5 && options.pace <= 2.0)) {
    return InvalidArgument("tts pace must be in [0.5, 2]");
  }
  if (options.max_chars == 0) {
    return InvalidArgument("tts max_chars must be positive");
  }
  cst_voice* voice = nullptr;
  {
    std::lock_guard lock(FliteMutex());
    voice = VoiceByName(options.voice);
  }
  if (voice == nullptr) {
    return InvalidArgument("unknown tts voice \"" + options.voice +
                           "\" (slt, rms, awb or kal)");
  }
  return std::unique_ptr<Synthesizer>(
      std::make_unique<FliteSynthesizer>(options, voice));
}

}  // namespace sc::tts
