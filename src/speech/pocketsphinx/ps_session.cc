#include "speech/pocketsphinx/ps_session.h"

#include <pocketsphinx.h>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>

#include "speech/pocketsphinx/ps_util.h"

namespace sc::speech {

std::string CleanWord(std::string_view w) {
  if (w.empty() || w.front() == '<' || w.front() == '[' ||
      w.starts_with("++")) {
    return "";
  }
  if (w.back() == ')') {
    if (auto p = w.find('('); p != std::string_view::npos && p > 0) {
      w = w.substr(0, p);
    }
  }
  return std::string(w);
}

namespace {

class PsSession : public RecognizerSession {
 public:
  PsSession(ps_decoder_t* ps, int sample_rate)
      : utt_(ps, sample_rate, "recognizer") {
    bestpath_ = cmd_ln_boolean_r(ps_get_config(ps), "-bestpath");
  }

  Status StartUtterance(double at_s) override { return utt_.Start(at_s); }

  Status Feed(std::span<const int16_t> pcm) override { return utt_.Feed(pcm); }

  StatusOr<std::optional<Hypothesis>> Partial() override {
    if (!utt_.open()) return std::optional<Hypothesis>();
    int32 score = 0;
    const char* hyp = ps_get_hyp(utt_.decoder(), &score);
    if (hyp == nullptr || *hyp == '\0') return std::optional<Hypothesis>();
    Hypothesis h = Collect(/*with_confidence=*/false);
    if (h.words.empty()) return std::optional<Hypothesis>();
    return std::optional<Hypothesis>(std::move(h));
  }

  StatusOr<Hypothesis> EndUtterance() override {
    SC_RETURN_IF_ERROR(utt_.End());
    return Collect(/*with_confidence=*/true);
  }

 private:
  // Builds a hypothesis from the current word segmentation.
  Hypothesis Collect(bool with_confidence) {
    Hypothesis h;
    h.start_s = utt_.start_s();
    h.end_s = utt_.end_s();
    logmath_t* lmath = ps_get_logmath(utt_.decoder());
    // Word posteriors come from the lattice, so only exist after the
    // bestpath pass at utterance end.
    const bool posteriors = with_confidence && bestpath_;
    double conf_sum = 0, dur_sum = 0;
    for (ps_seg_t* seg = ps_seg_iter(utt_.decoder()); seg != nullptr;
         seg = ps_seg_next(seg)) {
      std::string w = CleanWord(ps_seg_word(seg));
      if (w.empty()) continue;
      int sf = 0, ef = 0;
      ps_seg_frames(seg, &sf, &ef);
      WordTiming t;
      t.w = std::move(w);
      t.start_s = utt_.FrameTime(sf);
      t.end_s = utt_.FrameTime(ef + 1);
      if (posteriors) {
        int32 ascr = 0, lscr = 0, lback = 0;
        const int32 post = ps_seg_prob(seg, &ascr, &lscr, &lback);
        t.confidence = std::clamp(logmath_exp(lmath, post), 0.0, 1.0);
        const double d = std::max(0.01, t.end_s - t.start_s);
        conf_sum += t.confidence * d;
        dur_sum += d;
      }
      if (!h.text.empty()) h.text += ' ';
      h.text += t.w;
      h.words.push_back(std::move(t));
    }
    // Utterance confidence: duration-weighted mean word posterior. (The
    // posterior of the whole path, ps_get_prob, shrinks with length and is
    // nearly always ~0 for a sentence, so it ranks nothing.)
    if (dur_sum > 0) h.confidence = conf_sum / dur_sum;
    return h;
  }

  ps::DecoderUtterances utt_;
  bool bestpath_ = true;
};

}  // namespace

std::unique_ptr<RecognizerSession> MakePsSession(ps_decoder_t* ps,
                                                 int sample_rate) {
  return std::make_unique<PsSession>(ps, sample_rate);
}

}  // namespace sc::speech
