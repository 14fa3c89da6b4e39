#include "speech/pocketsphinx/ps_session.h"

#include <pocketsphinx.h>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>

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
      : ps_(ps), sample_rate_(sample_rate) {
    frame_rate_ = cmd_ln_int32_r(ps_get_config(ps_), "-frate");
    if (frame_rate_ <= 0) frame_rate_ = 100;
    bestpath_ = cmd_ln_boolean_r(ps_get_config(ps_), "-bestpath");
  }
  ~PsSession() override {
    if (open_) ps_end_utt(ps_);
    ps_free(ps_);
  }

  Status StartUtterance(double at_s) override {
    if (open_) return FailedPrecondition("utterance already open");
    // Segment times are stream-relative and the stream frame count drifts
    // by a padded frame per utterance, so each utterance starts a new
    // stream: times become utterance-relative and exact. This resets only
    // the front end's frame counter and noise estimate; the cepstral mean
    // (what trap 3 needs warm) lives in the feature module and carries on.
    if (ps_start_stream(ps_) < 0 || ps_start_utt(ps_) < 0) {
      return Internal("ps_start_utt failed");
    }
    open_ = true;
    at_s_ = at_s;
    fed_ = 0;
    return Status::Ok();
  }

  Status Feed(std::span<const int16_t> pcm) override {
    if (!open_) return FailedPrecondition("Feed without StartUtterance");
    if (pcm.empty()) return Status::Ok();
    if (ps_process_raw(ps_, pcm.data(), pcm.size(), FALSE, FALSE) < 0) {
      return Internal("ps_process_raw failed");
    }
    fed_ += static_cast<int64_t>(pcm.size());
    return Status::Ok();
  }

  StatusOr<std::optional<Hypothesis>> Partial() override {
    if (!open_) return std::optional<Hypothesis>();
    int32 score = 0;
    const char* hyp = ps_get_hyp(ps_, &score);
    if (hyp == nullptr || *hyp == '\0') return std::optional<Hypothesis>();
    Hypothesis h = Collect(/*with_confidence=*/false);
    if (h.words.empty()) return std::optional<Hypothesis>();
    return std::optional<Hypothesis>(std::move(h));
  }

  StatusOr<Hypothesis> EndUtterance() override {
    if (!open_) return FailedPrecondition("EndUtterance without Start");
    open_ = false;
    if (ps_end_utt(ps_) < 0) return Internal("ps_end_utt failed");
    return Collect(/*with_confidence=*/true);
  }

 private:
  // Builds a hypothesis from the current word segmentation.
  Hypothesis Collect(bool with_confidence) {
    Hypothesis h;
    h.start_s = at_s_;
    h.end_s = at_s_ + static_cast<double>(fed_) / sample_rate_;
    logmath_t* lmath = ps_get_logmath(ps_);
    // Word posteriors come from the lattice, so only exist after the
    // bestpath pass at utterance end.
    const bool posteriors = with_confidence && bestpath_;
    double conf_sum = 0, dur_sum = 0;
    for (ps_seg_t* seg = ps_seg_iter(ps_); seg != nullptr;
         seg = ps_seg_next(seg)) {
      std::string w = CleanWord(ps_seg_word(seg));
      if (w.empty()) continue;
      int sf = 0, ef = 0;
      ps_seg_frames(seg, &sf, &ef);
      WordTiming t;
      t.w = std::move(w);
      t.start_s =
          std::min(h.end_s, at_s_ + static_cast<double>(sf) / frame_rate_);
      t.end_s =
          std::min(h.end_s, at_s_ + static_cast<double>(ef + 1) / frame_rate_);
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

  ps_decoder_t* ps_;
  const int sample_rate_;
  int frame_rate_ = 100;
  bool bestpath_ = true;
  bool open_ = false;
  double at_s_ = 0;
  int64_t fed_ = 0;  // Samples fed in the current utterance.
};

}  // namespace

std::unique_ptr<RecognizerSession> MakePsSession(ps_decoder_t* ps,
                                                 int sample_rate) {
  return std::make_unique<PsSession>(ps, sample_rate);
}

}  // namespace sc::speech
