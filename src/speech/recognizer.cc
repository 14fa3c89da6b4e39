#include "speech/recognizer.h"

#include <cstdio>

#include "speech/pocketsphinx/pocketsphinx_recognizer.h"

namespace sc::speech {

RecognizerOptions OptionsForProfile(SpeechProfile profile) {
  RecognizerOptions o;  // The defaults are the fast profile.
  if (profile == SpeechProfile::kAccurate) {
    // PocketSphinx's own settings with the general model: the most
    // accurate configuration measured on general speech, at several times
    // the CPU (docs/speech.md).
    o.language_model_kind = LanguageModelKind::kGeneral;
    o.beam = 1e-48;
    o.wbeam = 7e-29;
    o.pbeam = 1e-48;
    o.lw = 6.5;
    o.maxhmmpf = 30000;
    o.maxwpf = -1;
    o.topn = 4;
    o.pl_window = 5;
    o.ds = 1;
    o.fwdflat = SearchPass::kOn;
    o.bestpath = SearchPass::kOn;
  }
  return o;
}

std::optional<SpeechProfile> ParseSpeechProfile(std::string_view name) {
  if (name == "fast") return SpeechProfile::kFast;
  if (name == "accurate") return SpeechProfile::kAccurate;
  return std::nullopt;
}

const char* SpeechProfileName(SpeechProfile profile) {
  return profile == SpeechProfile::kAccurate ? "accurate" : "fast";
}

std::string DescribeOptions(const RecognizerOptions& o) {
  char buf[512];
  std::snprintf(
      buf, sizeof buf,
      "lm=%s general_words=%d general_weight=%g terms=%zu beam=%g wbeam=%g "
      "pbeam=%g lw=%g maxhmmpf=%d maxwpf=%d topn=%d pl_window=%d ds=%d "
      "fwdflat=%s bestpath=%s extra_args=%zu",
      !o.language_model.empty() ? o.language_model.c_str()
      : o.language_model_kind == LanguageModelKind::kDomain ? "domain"
                                                            : "general",
      o.general_words, o.general_weight, o.domain_terms.size(), o.beam, o.wbeam,
      o.pbeam, o.lw, o.maxhmmpf, o.maxwpf, o.topn, o.pl_window, o.ds,
      o.fwdflat == SearchPass::kOn ? "on" : "off",
      o.bestpath == SearchPass::kOn ? "on" : "off", o.extra_args.size());
  return buf;
}

StatusOr<std::shared_ptr<Recognizer>> OpenRecognizer(
    const RecognizerOptions& options) {
  if (options.engine == "pocketsphinx") return OpenPocketSphinx(options);
  return InvalidArgument("unknown speech engine \"" + options.engine +
                         "\" (available: pocketsphinx)");
}

}  // namespace sc::speech
