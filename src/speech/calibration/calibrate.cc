// Calibrate(): the PocketSphinx side of voice calibration. This file and
// the PocketSphinx backend folder are the only places that include
// PocketSphinx headers; it needs the decoder's cepstral mean, which the
// Recognizer interface (rightly) does not expose.
#include <pocketsphinx.h>
#include <sphinxbase/cmn.h>
#include <sphinxbase/err.h>
#include <sphinxbase/feat.h>

#include <cmath>
#include <filesystem>
#include <memory>
#include <mutex>

#include "audio/resampler.h"
#include "audio/vad.h"
#include "speech/calibration/voice_profile.h"
#include "speech/calibration/voice_profile_internal.h"

namespace sc::speech {
namespace {

constexpr char kDefaultModelDir[] = "/usr/share/pocketsphinx/model/en-us/en-us";
constexpr int kRate = 16000;
constexpr int kCepstra = 13;

struct DecoderFree {
  void operator()(ps_decoder_t* ps) const { ps_free(ps); }
};
struct ConfigFree {
  void operator()(cmd_ln_t* c) const { cmd_ln_free_r(c); }
};

bool Exists(const std::string& p) {
  std::error_code ec;
  return std::filesystem::exists(p, ec);
}

// A word PocketSphinx output that is not a spoken word: <s>, </s>, <sil>,
// [NOISE], ++UH++.
bool IsFiller(const char* w) {
  return w == nullptr || *w == '\0' || *w == '<' || *w == '[' ||
         (w[0] == '+' && w[1] == '+');
}

}  // namespace

StatusOr<VoiceProfile> Calibrate(std::span<const int16_t> pcm, int sample_rate,
                                 const CalibrationOptions& options) {
  if (sample_rate < 8000 || sample_rate > 48000) {
    return InvalidArgument("calibration audio rate must be 8000..48000 Hz");
  }
  const std::string model =
      options.model_dir.empty() ? kDefaultModelDir : options.model_dir;
  const std::string dict = options.dictionary.empty()
                               ? model + "/../cmudict-en-us.dict"
                               : options.dictionary;
  const std::string lm = options.language_model.empty()
                             ? model + "/../en-us.lm.bin"
                             : options.language_model;
  for (const std::string& f : {model + "/feat.params", dict, lm}) {
    if (!Exists(f)) return NotFound("speech model file missing: " + f);
  }

  VoiceProfile profile;
  profile.audio_s = static_cast<double>(pcm.size()) / sample_rate;
  if (!options.script.empty()) {
    SC_ASSIGN_OR_RETURN(profile.missing_words,
                        internal::MissingScriptWords(options.script, dict));
  }

  // The recognizer's rate, as the live path feeds it.
  std::vector<int16_t> audio;
  if (sample_rate == kRate) {
    audio.assign(pcm.begin(), pcm.end());
  } else {
    SC_ASSIGN_OR_RETURN(auto rs, audio::Resampler::Create(sample_rate, kRate));
    rs->Process(pcm, audio);
  }
  audio::EndpointerOptions ep_options;
  ep_options.sample_rate = kRate;
  SC_ASSIGN_OR_RETURN(auto ep, audio::Endpointer::Create(ep_options));
  std::vector<audio::EndpointEvent> events;
  ep->Push(audio, events);
  ep->Flush(events);

  // Batch CMN: after each utterance the decoder's mean is that utterance's
  // own (the model's feat.params asks for batch; it is repeated here so a
  // model directory set to live cannot change the meaning).
  static std::once_flag silence_log;
  std::call_once(silence_log, [] { err_set_logfp(nullptr); });
  std::vector<std::string> args = {
      "-hmm",  model,    "-dict",     dict,       "-lm", lm,          "-cmn",
      "batch", "-logfn", "/dev/null", "-fwdflat", "no",  "-bestpath", "no"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  std::unique_ptr<cmd_ln_t, ConfigFree> config(cmd_ln_parse_r(
      nullptr, ps_args(), static_cast<int32>(argv.size()), argv.data(), FALSE));
  if (!config) return InvalidArgument("pocketsphinx rejected the options");
  std::unique_ptr<ps_decoder_t, DecoderFree> ps(ps_init(config.get()));
  if (!ps) return Internal("pocketsphinx failed to load the model");
  const int frate = cmd_ln_int32_r(ps_get_config(ps.get()), "-frate");
  const double frame_s = 1.0 / (frate > 0 ? frate : 100);

  std::vector<double> sum(kCepstra, 0.0);
  double frames = 0;
  std::vector<int16_t> utt;
  auto decode = [&]() -> Status {
    if (utt.empty()) return Status::Ok();
    if (ps_start_utt(ps.get()) < 0 ||
        ps_process_raw(ps.get(), utt.data(), utt.size(), FALSE, TRUE) < 0 ||
        ps_end_utt(ps.get()) < 0) {
      return Internal("pocketsphinx failed to decode a calibration utterance");
    }
    ++profile.utterances;
    const int n = ps_get_n_frames(ps.get());
    const cmn_t* cmn = ps_get_feat(ps.get())->cmn_struct;
    if (n > 0 && cmn != nullptr) {
      for (int k = 0; k < kCepstra; ++k) sum[k] += cmn->cmn_mean[k] * n;
      frames += n;
    }
    int first = -1, last = -1;
    for (ps_seg_t* seg = ps_seg_iter(ps.get()); seg != nullptr;
         seg = ps_seg_next(seg)) {
      if (IsFiller(ps_seg_word(seg))) continue;
      int sf = 0, ef = 0;
      ps_seg_frames(seg, &sf, &ef);
      if (first < 0) first = sf;
      last = ef + 1;  // ef is the segment's last frame, inclusive.
      ++profile.recognized_words;
    }
    if (first >= 0) profile.speech_s += (last - first) * frame_s;
    utt.clear();
    return Status::Ok();
  };
  for (auto& e : events) {
    if (e.kind == audio::EndpointEvent::Kind::kAudio) {
      utt.insert(utt.end(), e.samples.begin(), e.samples.end());
    } else if (e.kind == audio::EndpointEvent::Kind::kEnd) {
      SC_RETURN_IF_ERROR(decode());
    }
  }
  SC_RETURN_IF_ERROR(decode());

  if (profile.speech_s < options.min_speech_s || frames <= 0) {
    return FailedPrecondition(
        "calibration audio holds " +
        std::to_string(static_cast<int>(profile.speech_s)) +
        " s of recognized speech; at least " +
        std::to_string(static_cast<int>(options.min_speech_s)) +
        " s are needed (a few minutes work best)");
  }
  profile.cmninit.resize(kCepstra);
  for (int k = 0; k < kCepstra; ++k) {
    // Two decimals, as -cmninit is written: the profile round-trips
    // through JSON and CmninitString() unchanged.
    profile.cmninit[k] = std::round(sum[k] / frames * 100) / 100;
  }
  const int words = options.script.empty()
                        ? profile.recognized_words
                        : internal::CountScriptWords(options.script);
  profile.rate_source =
      options.script.empty() ? RateSource::kRecognized : RateSource::kScript;
  profile.words_per_minute = words / (profile.speech_s / 60);
  return profile;
}

}  // namespace sc::speech
