#include "speech/pocketsphinx/ps_keyword_spotter.h"

#include <pocketsphinx.h>
#include <sphinxbase/err.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <sstream>

#include "core/log.h"
#include "speech/pocketsphinx/pocketsphinx_recognizer.h"
#include "speech/pocketsphinx/ps_util.h"

namespace sc::speech {

namespace {

namespace fs = std::filesystem;

constexpr char kDefaultModelDir[] = "/usr/share/pocketsphinx/model/en-us/en-us";
constexpr int kSampleRate = 16000;
// PocketSphinx keeps search scores in logmath units shifted right by this
// (SENSCR_SHIFT in its hmm.h); kws thresholds and detection scores use it.
constexpr int kSenscrShift = 10;
// The threshold written into the keyphrase list: low enough that every hit
// a phrase's own threshold could accept is reported, so thresholds are
// applied here on the reported score (PocketSphinx's comparison and its
// reported detection score are not on one scale in this version: a list
// threshold of 1e-5 let through hits it reports at 1e-46).
constexpr char kListThreshold[] = "1e-150";

std::vector<std::string> SplitWords(const std::string& phrase) {
  std::vector<std::string> words;
  std::istringstream in(phrase);
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

// Writes `content` to `path` unless a file with that content is there
// already; through a private name and a rename, so concurrent processes
// never read half a file.
Status WriteOnce(const fs::path& path, const std::string& content) {
  {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    if (in && ss.str() == content) return Status::Ok();
  }
  std::random_device rd;
  const fs::path tmp =
      path.parent_path() /
      (".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
  {
    std::ofstream out(tmp, std::ios::binary);
    out << content;
    if (!out.flush()) return IoError("cannot write " + tmp.string());
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return IoError("cannot write " + path.string());
  }
  return Status::Ok();
}

class PsSpotterSession : public KeywordSpotterSession {
 public:
  PsSpotterSession(ps_decoder_t* ps,
                   const std::map<std::string, double>* thresholds)
      : utt_(ps, kSampleRate, "keyword spotter"), thresholds_(thresholds) {}

  Status StartUtterance(double at_s) override { return utt_.Start(at_s); }

  Status Feed(std::span<const int16_t> pcm) override { return utt_.Feed(pcm); }

  StatusOr<std::vector<KeywordHit>> EndUtterance() override {
    SC_RETURN_IF_ERROR(utt_.End());
    logmath_t* lmath = ps_get_logmath(utt_.decoder());
    std::vector<KeywordHit> hits;
    for (ps_seg_t* seg = ps_seg_iter(utt_.decoder()); seg != nullptr;
         seg = ps_seg_next(seg)) {
      int sf = 0, ef = 0;
      ps_seg_frames(seg, &sf, &ef);
      int32 ascr = 0, lscr = 0, lback = 0;
      const int32 prob = ps_seg_prob(seg, &ascr, &lscr, &lback);
      KeywordHit h;
      // Words as listed (PocketSphinx keeps the space before "/1e-150/").
      std::istringstream words(ps_seg_word(seg));
      for (std::string w; words >> w;) {
        if (!h.phrase.empty()) h.phrase += ' ';
        h.phrase += w;
      }
      h.start_s = utt_.FrameTime(sf);
      h.end_s = utt_.FrameTime(ef + 1);
      h.score = logmath_log_to_log10(lmath, prob * (1 << kSenscrShift));
      auto thr = thresholds_->find(h.phrase);
      if (thr == thresholds_->end() || h.score < thr->second) continue;
      hits.push_back(std::move(h));
    }
    // PocketSphinx merges overlapping detections of one phrase itself; its
    // list is newest first.
    std::sort(hits.begin(), hits.end(),
              [](const KeywordHit& a, const KeywordHit& b) {
                return a.start_s < b.start_s ||
                       (a.start_s == b.start_s && a.phrase < b.phrase);
              });
    return hits;
  }

 private:
  ps::DecoderUtterances utt_;
  const std::map<std::string, double>* thresholds_;  // Owned by the spotter.
};

class PsKeywordSpotter : public KeywordSpotter {
 public:
  PsKeywordSpotter(std::vector<std::string> args,
                   std::vector<SpotPhrase> phrases)
      : decoders_(std::move(args), "keyword spotter"),
        phrases_(std::move(phrases)) {
    for (const SpotPhrase& p : phrases_) thresholds_[p.phrase] = *p.threshold;
  }

  Status Init() { return decoders_.Init(); }

  int sample_rate() const override { return kSampleRate; }
  const std::vector<SpotPhrase>& phrases() const override { return phrases_; }

  StatusOr<std::unique_ptr<KeywordSpotterSession>> NewSession() override {
    SC_ASSIGN_OR_RETURN(ps_decoder_t * ps, decoders_.Take());
    return std::unique_ptr<KeywordSpotterSession>(
        std::make_unique<PsSpotterSession>(ps, &thresholds_));
  }

 private:
  ps::DecoderFactory decoders_;
  const std::vector<SpotPhrase> phrases_;
  std::map<std::string, double> thresholds_;  // Immutable after construction.
};

}  // namespace

double DefaultSpotThreshold(int phones) {
  // Measured on the five tune calls with kws_bench (docs/speech.md,
  // "Keyphrase spotting"): scores fall with the phrase's length (each phone
  // adds its own mismatch against the free phone loop), so the threshold is
  // per phone. True hits scored -4.1 to -7.7 per phone (one at -11), false
  // alarms -9.0 to -16.5; -8.25 keeps every true hit above -8 and no false
  // alarm of a category the text had not found.
  return -8.25 * std::max(phones, 1);
}

SpotterLexicon BuildSpotterLexicon(const lm::Lexicon& lexicon,
                                   const std::vector<std::string>& phrases) {
  SpotterLexicon out;
  std::map<std::string, std::string> prons;
  for (const std::string& phrase : phrases) {
    int phones = 0;
    bool ok = true;
    std::vector<std::string> words = SplitWords(phrase);
    for (const std::string& w : words) {
      std::string pron = GuessPronunciation(lexicon, w);
      if (pron.empty()) {
        ok = false;
        break;
      }
      phones += static_cast<int>(SplitWords(pron).size());
      prons.emplace(w, std::move(pron));
    }
    out.phones.push_back(ok && !words.empty() ? phones : 0);
  }
  for (const auto& [w, p] : prons) out.dictionary_lines.push_back(w + " " + p);
  return out;
}

StatusOr<std::shared_ptr<KeywordSpotter>> OpenPocketSphinxSpotter(
    const RecognizerOptions& o, const KeywordSpotterOptions& options) {
  err_set_logfp(nullptr);  // As the recognizer: PocketSphinx logs a lot.
  const std::string model_dir =
      o.model_dir.empty() ? kDefaultModelDir : o.model_dir;
  const std::string base = fs::path(model_dir).parent_path().string();
  const std::string full_dict =
      o.dictionary.empty() ? base + "/cmudict-en-us.dict" : o.dictionary;
  std::error_code ec;
  if (!fs::is_regular_file(model_dir + "/mdef", ec)) {
    return NotFound("speech model directory " + model_dir +
                    " not found or incomplete (install pocketsphinx-en-us)");
  }
  // Lower-case words separated by single spaces, as PocketSphinx expects.
  std::vector<std::string> texts;
  std::vector<std::optional<double>> thresholds;
  std::set<std::string> seen;
  for (const SpotPhrase& p : options.phrases) {
    std::string text;
    for (const std::string& w : SplitWords(p.phrase)) {
      if (!text.empty()) text += ' ';
      for (char c : w) {
        text += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
    }
    if (text.empty() || !seen.insert(text).second) continue;
    texts.push_back(text);
    thresholds.push_back(p.threshold);
  }
  if (texts.empty()) return InvalidArgument("keyword spotter: no phrases");
  SC_ASSIGN_OR_RETURN(lm::Lexicon lexicon, lm::Lexicon::Load(full_dict));
  SpotterLexicon lex = BuildSpotterLexicon(lexicon, texts);

  std::vector<SpotPhrase> kept;
  std::string list;
  for (size_t i = 0; i < texts.size(); ++i) {
    if (lex.phones[i] == 0) {
      LogWarn("speech.spot_phrase_unpronounceable",
              {F("index", static_cast<int64_t>(i))});
      continue;
    }
    const double thr =
        thresholds[i].value_or(DefaultSpotThreshold(lex.phones[i]));
    kept.push_back({texts[i], thr});
    list += texts[i] + " /" + kListThreshold + "/\n";
  }
  if (kept.empty()) {
    return InvalidArgument("keyword spotter: no phrase could be pronounced");
  }
  std::string dict;
  for (const std::string& l : lex.dictionary_lines) dict += l + "\n";

  std::map<std::string, std::string> feat;
  feat["-cmn"] = o.cmn == CmnMode::kLive ? "live" : "batch";
  if (!o.cmninit.empty()) {
    feat["-cmninit"] = o.cmninit;
  } else if (o.telephone) {
    feat["-cmninit"] = kTelephoneCmninit;
  }
  const std::string work_dir =
      o.work_dir.empty() ? ps::DefaultWorkDir() : o.work_dir;
  SC_ASSIGN_OR_RETURN(std::string hmm,
                      PrepareModelDir(model_dir, work_dir, feat));
  fs::create_directories(work_dir, ec);
  char name[40];
  std::snprintf(name, sizeof name, "kws-%016llx",
                static_cast<unsigned long long>(ps::Fnv1a(dict + "\n" + list)));
  const fs::path stem = fs::path(work_dir) / name;
  SC_RETURN_IF_ERROR(WriteOnce(stem.string() + ".dict", dict));
  SC_RETURN_IF_ERROR(WriteOnce(stem.string() + ".kws", list));

  std::vector<std::string> args = {
      "-hmm",
      hmm,
      "-dict",
      stem.string() + ".dict",
      "-kws",
      stem.string() + ".kws",
      "-logfn",
      "/dev/null",
      "-samprate",
      std::to_string(kSampleRate),
      // Every detection at the end of the utterance is final: no need to
      // hold the latest ones back for a better score.
      "-kws_delay",
      "0",
      // Fixed rather than the recognizer's: the thresholds were measured
      // with it, and scores move with the Gaussian count.
      "-topn",
      "2",
      "-ds",
      std::to_string(std::max(1, options.frame_step)),
  };
  auto spotter =
      std::make_shared<PsKeywordSpotter>(std::move(args), std::move(kept));
  SC_RETURN_IF_ERROR(spotter->Init());
  return std::shared_ptr<KeywordSpotter>(std::move(spotter));
}

}  // namespace sc::speech
