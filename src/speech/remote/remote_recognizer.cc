// RemoteTranscriber as a speech::Recognizer (see OpenRemoteRecognizer in
// remote_transcriber.h): a batch engine behind the streaming interface.
#include <algorithm>
#include <memory>
#include <optional>
#include <vector>

#include "speech/remote/remote_transcriber.h"

namespace sc::speech {
namespace {

class RemoteSession : public RecognizerSession {
 public:
  RemoteSession(std::shared_ptr<const RemoteTranscriber> transcriber,
                int sample_rate)
      : transcriber_(std::move(transcriber)), sample_rate_(sample_rate) {}

  Status StartUtterance(double at_s) override {
    if (open_) return FailedPrecondition("an utterance is already open");
    open_ = true;
    start_s_ = at_s;
    audio_.clear();
    return Status::Ok();
  }

  Status Feed(std::span<const int16_t> pcm) override {
    if (!open_) return FailedPrecondition("no utterance is open");
    const size_t limit = static_cast<size_t>(
        RemoteTranscriber::kMaxRequestSeconds * sample_rate_);
    if (audio_.size() + pcm.size() > limit) {
      return ResourceExhausted(
          "utterance longer than a remote request "
          "allows");
    }
    audio_.insert(audio_.end(), pcm.begin(), pcm.end());
    return Status::Ok();
  }

  // A batch engine has no guess before the utterance ends.
  StatusOr<std::optional<Hypothesis>> Partial() override {
    return std::optional<Hypothesis>();
  }

  StatusOr<Hypothesis> EndUtterance() override {
    if (!open_) return FailedPrecondition("no utterance is open");
    open_ = false;
    std::vector<int16_t> audio = std::move(audio_);
    audio_.clear();
    Hypothesis h;
    h.start_s = start_s_;
    h.end_s = start_s_ + static_cast<double>(audio.size()) / sample_rate_;
    // Nothing fed: nothing to say, and no request to pay for.
    if (audio.empty()) return h;
    SC_ASSIGN_OR_RETURN(RemoteTranscript t,
                        transcriber_->Transcribe(audio, sample_rate_));
    double confidence = 0;
    for (const RemoteSegment& seg : t.segments) {
      for (const WordTiming& w : seg.words) {
        WordTiming out = w;
        // Keep every word inside the fed span, as the interface promises;
        // servers sometimes stretch the last word past the audio.
        out.start_s = std::clamp(start_s_ + w.start_s, h.start_s, h.end_s);
        out.end_s = std::clamp(start_s_ + w.end_s, out.start_s, h.end_s);
        if (!h.text.empty()) h.text += ' ';
        h.text += out.w;
        confidence += out.confidence;
        h.words.push_back(std::move(out));
      }
    }
    if (!h.words.empty()) confidence /= static_cast<double>(h.words.size());
    h.confidence = confidence;
    return h;
  }

 private:
  const std::shared_ptr<const RemoteTranscriber> transcriber_;
  const int sample_rate_;
  bool open_ = false;
  double start_s_ = 0;
  std::vector<int16_t> audio_;
};

class RemoteRecognizer : public Recognizer {
 public:
  RemoteRecognizer(std::shared_ptr<const RemoteTranscriber> transcriber,
                   int sample_rate)
      : transcriber_(std::move(transcriber)), sample_rate_(sample_rate) {}

  int sample_rate() const override { return sample_rate_; }
  EngineCapabilities capabilities() const override {
    return {.streaming = false,
            .partial_results = false,
            .word_times = true,
            .keyword_spotting = false};
  }
  StatusOr<std::unique_ptr<RecognizerSession>> NewSession() override {
    return std::unique_ptr<RecognizerSession>(
        new RemoteSession(transcriber_, sample_rate_));
  }

 private:
  const std::shared_ptr<const RemoteTranscriber> transcriber_;
  const int sample_rate_;
};

}  // namespace

StatusOr<std::shared_ptr<Recognizer>> OpenRemoteRecognizer(
    RemoteTranscriberOptions options, int sample_rate) {
  if (sample_rate < 8000 || sample_rate > 48000) {
    return InvalidArgument(
        "remote recognizer sample rate must be "
        "8000..48000 Hz");
  }
  SC_ASSIGN_OR_RETURN(std::unique_ptr<RemoteTranscriber> t,
                      RemoteTranscriber::Create(std::move(options)));
  return std::shared_ptr<Recognizer>(std::make_shared<RemoteRecognizer>(
      std::shared_ptr<const RemoteTranscriber>(std::move(t)), sample_rate));
}

}  // namespace sc::speech
