#include "speech/pocketsphinx/pocketsphinx_recognizer.h"

#include <pocketsphinx.h>
#include <sphinxbase/ckd_alloc.h>
#include <sphinxbase/cmn.h>
#include <sphinxbase/err.h>
#include <sphinxbase/feat.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <sstream>
#include <vector>

#include "speech/pocketsphinx/domain_model.h"
#include "speech/pocketsphinx/ps_session.h"
#include "speech/pocketsphinx/ps_util.h"

namespace sc::speech {

// Measured with sc_measure_cmn (measure_cmn.cc in this folder): the mean
// cepstrum (MFCC c0..c12, PocketSphinx front end with the en-us feat.params)
// over 24 flite utterances (voices kal, awb, rms; 8 sales sentences) passed
// through a telephone channel (sox: sinc 300-3400, 8 kHz u-law) and upsampled
// to 16 kHz with audio::Resampler, frames weighted equally. The model's own
// vector (41.00,-5.29,-0.12,5.09,2.48,-4.07,...) is a wideband mean; with
// nothing above 3.4 kHz the spectral tilt moves c1..c12 a long way. On those
// 24 utterances a cold decoder went from 94% WER (model vector) to 32%, and
// a warm per-track session from 27% to 24.5%. docs/speech.md has the
// commands.
const char kTelephoneCmninit[] =
    "45.30,32.38,-40.26,41.67,-19.24,-22.52,11.46,-41.13,-11.04,-12.69,"
    "-18.64,6.11,-16.74";

namespace {

namespace fs = std::filesystem;

constexpr char kDefaultModelDir[] = "/usr/share/pocketsphinx/model/en-us/en-us";
constexpr int kSampleRate = 16000;
constexpr int kCepstra = 13;  // MFCC c0..c12, the en-us front end.

bool IsFile(const std::string& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

std::string Num(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// Silences PocketSphinx's process-wide log (it otherwise prints its whole
// configuration to stderr). -logfn /dev/null is passed too, but the
// configuration is printed while parsing, before -logfn takes effect.
void SilenceSphinxLog() {
  static std::once_flag once;
  std::call_once(once, [] { err_set_logfp(nullptr); });
}

// "45.30,32.38,..." -> 13 values, as -cmninit is written.
StatusOr<std::vector<mfcc_t>> ParseCmninit(const std::string& text) {
  std::vector<mfcc_t> out;
  std::istringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    char* end = nullptr;
    const double v = std::strtod(item.c_str(), &end);
    if (item.empty() || end == item.c_str() || *end != '\0' ||
        !std::isfinite(v)) {
      return InvalidArgument("session cmninit is not a list of numbers");
    }
    out.push_back(static_cast<mfcc_t>(v));
  }
  if (out.size() != static_cast<size_t>(kCepstra)) {
    return InvalidArgument("session cmninit must have 13 values, not " +
                           std::to_string(out.size()));
  }
  return out;
}

// Seeds the decoder's cepstral mean and adds the session's words. The mean
// is set exactly as -cmninit sets it (acmod.c writes cmn_mean of a fresh
// decoder and leaves the running sum empty), so a session behaves like a
// recognizer built with that -cmninit: the live mean then comes from the
// speech alone once the first utterance ends. (cmn_live_set() would also
// seed the running sum as 500 frames of prior: measured 22.1% WER on the
// demo agent track against 20.7% this way.) Words go in with ps_add_word(),
// which also adds each one to the n-gram model set as a unigram with the mean
// unigram probability (weight 1.0); the search is rebuilt once, after the last
// word.
Status ApplySessionOptions(ps_decoder_t* ps, const SessionOptions& options,
                           const std::vector<mfcc_t>& mean) {
  if (!mean.empty()) {
    feat_t* fcb = ps_get_feat(ps);
    if (fcb == nullptr || fcb->cmn_struct == nullptr ||
        fcb->cmn_struct->veclen != kCepstra) {
      return Internal("pocketsphinx decoder has no 13-coefficient CMN");
    }
    // Every session's decoder is fresh (never decoded), so nothing else of
    // the CMN state needs resetting.
    for (int k = 0; k < kCepstra; ++k) fcb->cmn_struct->cmn_mean[k] = mean[k];
  }
  std::vector<const SessionWord*> added;
  for (const SessionWord& w : options.extra_words) {
    if (w.word.empty() || w.pronunciation.empty()) {
      return InvalidArgument("session word without a pronunciation");
    }
    // ps_lookup_word returns the known pronunciation, allocated.
    if (char* known = ps_lookup_word(ps, w.word.c_str()); known != nullptr) {
      ckd_free(known);
      continue;
    }
    added.push_back(&w);
  }
  for (size_t i = 0; i < added.size(); ++i) {
    const bool last = i + 1 == added.size();
    // Personal data: the message names the position, never the word.
    if (ps_add_word(ps, added[i]->word.c_str(), added[i]->pronunciation.c_str(),
                    last ? TRUE : FALSE) < 0) {
      return InvalidArgument("session word " + std::to_string(i + 1) +
                             " has a pronunciation the model cannot use");
    }
  }
  return Status::Ok();
}

class PocketSphinxRecognizer : public Recognizer {
 public:
  explicit PocketSphinxRecognizer(std::vector<std::string> args)
      : decoders_(std::move(args), "recognizer") {}

  // Loads one decoder to validate the configuration; it is kept for the
  // first session.
  Status Init() { return decoders_.Init(); }

  int sample_rate() const override { return kSampleRate; }
  EngineCapabilities capabilities() const override {
    return {.streaming = true,
            .partial_results = true,
            .word_times = true,
            .keyword_spotting = true,  // speech/keyword_spotter.h
            .session_options = true};
  }

  StatusOr<std::unique_ptr<RecognizerSession>> NewSession() override {
    return NewSession(SessionOptions{});
  }

  StatusOr<std::unique_ptr<RecognizerSession>> NewSession(
      const SessionOptions& options) override {
    // Parsed before a decoder is taken, so a bad value costs nothing.
    std::vector<mfcc_t> mean;
    if (!options.cmninit.empty()) {
      SC_ASSIGN_OR_RETURN(mean, ParseCmninit(options.cmninit));
    }
    SC_ASSIGN_OR_RETURN(ps_decoder_t * ps, decoders_.Take());
    // The session owns the decoder from here, so an error below frees it.
    std::unique_ptr<RecognizerSession> session = MakePsSession(ps, kSampleRate);
    SC_RETURN_IF_ERROR(ApplySessionOptions(ps, options, mean));
    return session;
  }

 private:
  ps::DecoderFactory decoders_;
};

}  // namespace

StatusOr<std::string> PrepareModelDir(
    const std::string& model_dir, const std::string& work_dir,
    const std::map<std::string, std::string>& overrides) {
  std::ifstream in(model_dir + "/feat.params");
  if (!in) return NotFound("no feat.params in model dir " + model_dir);
  std::vector<std::pair<std::string, std::string>> params;
  std::string line;
  bool changed = false;
  auto remaining = overrides;
  while (std::getline(in, line)) {
    std::istringstream ls(line);
    std::string key, value;
    if (!(ls >> key)) continue;
    std::getline(ls >> std::ws, value);
    if (auto it = remaining.find(key); it != remaining.end()) {
      changed |= it->second != value;
      value = it->second;
      remaining.erase(it);
    }
    params.emplace_back(key, value);
  }
  for (const auto& [k, v] : remaining) {
    params.emplace_back(k, v);
    changed = true;
  }
  if (!changed) return model_dir;

  std::string content;
  for (const auto& [k, v] : params) content += k + " " + v + "\n";
  std::error_code ec;
  const std::string abs_model = fs::absolute(model_dir, ec).string();
  char name[32];
  std::snprintf(
      name, sizeof name, "model-%016llx",
      static_cast<unsigned long long>(ps::Fnv1a(abs_model + "\n" + content)));
  const fs::path final_dir = fs::path(work_dir) / name;
  auto is_ready = [&] {
    std::ifstream f(final_dir / "feat.params");
    std::stringstream ss;
    ss << f.rdbuf();
    return f && ss.str() == content;
  };
  if (is_ready()) return final_dir.string();

  fs::create_directories(work_dir, ec);
  if (ec) {
    return IoError("cannot create speech work dir " + work_dir + ": " +
                   ec.message());
  }
  // Build in a private directory and rename it into place, so concurrent
  // processes never see a half-made copy.
  std::random_device rd;
  const fs::path tmp =
      fs::path(work_dir) /
      (".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
  fs::create_directory(tmp, ec);
  if (ec) return IoError("cannot create " + tmp.string() + ": " + ec.message());
  // Error-code overloads throughout: no exception may leave this module.
  for (fs::directory_iterator it(abs_model, ec), end; !ec && it != end;
       it.increment(ec)) {
    const fs::path& p = it->path();
    if (p.filename() == "feat.params") continue;
    fs::create_symlink(p, tmp / p.filename(), ec);
    if (ec) break;
  }
  if (!ec) {
    std::ofstream out(tmp / "feat.params");
    out << content;
    if (!out.flush()) ec = std::make_error_code(std::errc::io_error);
  }
  if (!ec) fs::rename(tmp, final_dir, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove_all(tmp, ignored);
    if (is_ready()) return final_dir.string();  // Another process won.
    return IoError("cannot prepare model copy in " + work_dir + ": " +
                   ec.message());
  }
  return final_dir.string();
}

StatusOr<std::shared_ptr<Recognizer>> OpenPocketSphinx(
    const RecognizerOptions& o) {
  SilenceSphinxLog();
  const std::string model_dir =
      o.model_dir.empty() ? kDefaultModelDir : o.model_dir;
  const std::string base = fs::path(model_dir).parent_path().string();
  const std::string full_dict =
      o.dictionary.empty() ? base + "/cmudict-en-us.dict" : o.dictionary;
  const std::string general_lm = base + "/en-us.lm.bin";
  const bool domain = o.language_model.empty() &&
                      o.language_model_kind == LanguageModelKind::kDomain;
  std::string dict = full_dict;
  std::string lm = o.language_model.empty() ? general_lm : o.language_model;
  if (!IsFile(model_dir + "/mdef") || !IsFile(model_dir + "/feat.params")) {
    return NotFound("speech model directory " + model_dir +
                    " not found or incomplete (needs mdef, feat.params; "
                    "install pocketsphinx-en-us)");
  }
  if (!IsFile(dict))
    return NotFound("pronunciation dictionary not found: " + dict);
  if (!IsFile(lm)) return NotFound("language model not found: " + lm);
  const std::string work_dir =
      o.work_dir.empty() ? ps::DefaultWorkDir() : o.work_dir;
  if (domain) {
    SC_ASSIGN_OR_RETURN(DomainModelFiles files,
                        PrepareDomainModel(o, full_dict, general_lm, work_dir));
    dict = files.dictionary;
    lm = files.language_model;
  }

  std::map<std::string, std::string> feat;
  feat["-cmn"] = o.cmn == CmnMode::kLive ? "live" : "batch";
  if (!o.cmninit.empty()) {
    feat["-cmninit"] = o.cmninit;
  } else if (o.telephone) {
    feat["-cmninit"] = kTelephoneCmninit;
  }
  SC_ASSIGN_OR_RETURN(std::string hmm,
                      PrepareModelDir(model_dir, work_dir, feat));

  std::vector<std::string> args = {
      "-hmm",       hmm,
      "-dict",      dict,
      "-lm",        lm,
      "-logfn",     "/dev/null",
      "-samprate",  std::to_string(kSampleRate),
      "-beam",      Num(o.beam),
      "-wbeam",     Num(o.wbeam),
      "-pbeam",     Num(o.pbeam),
      "-lw",        Num(o.lw),
      "-maxhmmpf",  std::to_string(o.maxhmmpf),
      "-maxwpf",    std::to_string(o.maxwpf),
      "-topn",      std::to_string(o.topn),
      "-pl_window", std::to_string(o.pl_window),
      "-ds",        std::to_string(o.ds),
      "-fwdflat",   o.fwdflat == SearchPass::kOn ? "yes" : "no",
      "-bestpath",  o.bestpath == SearchPass::kOn ? "yes" : "no",
  };
  for (const auto& [k, v] : o.extra_args) {
    args.push_back(k);
    args.push_back(v);
  }
  auto rec = std::make_shared<PocketSphinxRecognizer>(std::move(args));
  SC_RETURN_IF_ERROR(rec->Init());
  return std::shared_ptr<Recognizer>(std::move(rec));
}

}  // namespace sc::speech
