#include "audio/vad.h"

#include <algorithm>
#include <cmath>
#include <string>

// The WebRTC VAD C API from libwebrtc-audio-processing; Debian does not
// install its header, so the prototypes are declared here (signatures of
// webrtc/common_audio/vad/include/webrtc_vad.h in that release).
extern "C" {
struct WebRtcVadInst;
typedef struct WebRtcVadInst VadInst;
VadInst* WebRtcVad_Create();
void WebRtcVad_Free(VadInst* handle);
int WebRtcVad_Init(VadInst* handle);
int WebRtcVad_set_mode(VadInst* handle, int mode);
int WebRtcVad_Process(VadInst* handle, int fs, const int16_t* audio_frame,
                      size_t frame_length);
}

namespace sc::audio {

struct Endpointer::VadHandle {
  VadInst* inst = nullptr;
};

StatusOr<std::unique_ptr<Endpointer>> Endpointer::Create(
    const EndpointerOptions& o) {
  if (o.sample_rate != 8000 && o.sample_rate != 16000 &&
      o.sample_rate != 32000 && o.sample_rate != 48000) {
    return InvalidArgument("endpointer: unsupported sample_rate " +
                           std::to_string(o.sample_rate));
  }
  if (o.frame_ms != 10 && o.frame_ms != 20 && o.frame_ms != 30) {
    return InvalidArgument("endpointer: frame_ms must be 10, 20 or 30, got " +
                           std::to_string(o.frame_ms));
  }
  if (o.aggressiveness < 0 || o.aggressiveness > 3) {
    return InvalidArgument("endpointer: aggressiveness must be 0..3, got " +
                           std::to_string(o.aggressiveness));
  }
  if (o.start_ms <= 0 || o.hangover_ms <= 0 || o.preroll_ms < 0 ||
      o.max_utterance_ms <= o.start_ms + o.preroll_ms) {
    return InvalidArgument(
        "endpointer: start_ms and hangover_ms must be positive, preroll_ms "
        "non-negative, and max_utterance_ms above start_ms + preroll_ms");
  }
  VadInst* inst = WebRtcVad_Create();
  if (inst == nullptr) return Internal("endpointer: WebRtcVad_Create failed");
  if (WebRtcVad_Init(inst) != 0 ||
      WebRtcVad_set_mode(inst, o.aggressiveness) != 0) {
    WebRtcVad_Free(inst);
    return Internal("endpointer: WebRTC VAD init failed");
  }
  return std::unique_ptr<Endpointer>(new Endpointer(o, new VadHandle{inst}));
}

namespace {
int Ceil(int a, int b) { return (a + b - 1) / b; }
}  // namespace

Endpointer::Endpointer(const EndpointerOptions& o, VadHandle* vad)
    : options_(o),
      vad_(vad),
      frame_len_(o.sample_rate / 1000 * o.frame_ms),
      start_frames_(Ceil(o.start_ms, o.frame_ms)),
      hangover_frames_(Ceil(o.hangover_ms, o.frame_ms)),
      preroll_frames_(o.preroll_ms / o.frame_ms),
      max_utterance_samples_(static_cast<int64_t>(o.max_utterance_ms) *
                             (o.sample_rate / 1000)) {
  partial_.reserve(static_cast<size_t>(frame_len_));
}

Endpointer::~Endpointer() {
  WebRtcVad_Free(vad_->inst);
  delete vad_;
}

bool Endpointer::IsVoiced(std::span<const int16_t> frame) {
  // The VAD runs on every frame, so its noise model keeps adapting.
  const int vad = WebRtcVad_Process(vad_->inst, options_.sample_rate,
                                    frame.data(), frame.size());
  double energy = 0;
  for (int16_t s : frame) energy += static_cast<double>(s) * s;
  energy /= static_cast<double>(frame.size());
  const double dbfs = 10.0 * std::log10(energy / (32768.0 * 32768.0) + 1e-12);
  return vad == 1 && dbfs >= options_.energy_floor_dbfs;
}

void Endpointer::EmitAudio(int64_t at, std::span<const int16_t> pcm,
                           std::vector<EndpointEvent>& out) {
  if (pcm.empty()) return;
  // Merge with the previous event when contiguous, to keep events few.
  if (!out.empty() && out.back().kind == EndpointEvent::Kind::kAudio &&
      out.back().sample + static_cast<int64_t>(out.back().samples.size()) ==
          at) {
    out.back().samples.insert(out.back().samples.end(), pcm.begin(), pcm.end());
    return;
  }
  EndpointEvent e;
  e.kind = EndpointEvent::Kind::kAudio;
  e.sample = at;
  e.samples.assign(pcm.begin(), pcm.end());
  out.push_back(std::move(e));
}

void Endpointer::ProcessFrame(std::span<const int16_t> frame,
                              std::vector<EndpointEvent>& out) {
  const int64_t pos = frame_pos_;
  frame_pos_ += frame_len_;
  const bool voiced = IsVoiced(frame);

  if (!in_utterance_) {
    history_.emplace_back(frame.begin(), frame.end());
    voiced_run_ = voiced ? voiced_run_ + 1 : 0;
    // Keep the voiced run plus the preroll before it.
    const size_t keep = static_cast<size_t>(preroll_frames_ + voiced_run_);
    while (history_.size() > keep) history_.pop_front();
    if (voiced_run_ < start_frames_) return;

    in_utterance_ = true;
    unvoiced_run_ = 0;
    last_voiced_end_ = frame_pos_;
    utterance_start_ =
        frame_pos_ - static_cast<int64_t>(history_.size()) * frame_len_;
    out.push_back({EndpointEvent::Kind::kStart, utterance_start_, {}});
    int64_t at = utterance_start_;
    for (const auto& f : history_) {
      EmitAudio(at, f, out);
      at += frame_len_;
    }
    history_.clear();
    voiced_run_ = 0;
    return;
  }

  EmitAudio(pos, frame, out);
  if (voiced) {
    unvoiced_run_ = 0;
    last_voiced_end_ = frame_pos_;
  } else if (++unvoiced_run_ >= hangover_frames_) {
    out.push_back({EndpointEvent::Kind::kEnd, last_voiced_end_, {}});
    in_utterance_ = false;
    unvoiced_run_ = 0;
    return;
  }
  if (frame_pos_ - utterance_start_ >= max_utterance_samples_) {
    // Cut a long utterance; the next one starts where this ends, so no
    // audio is lost or repeated.
    out.push_back({EndpointEvent::Kind::kEnd, frame_pos_, {}});
    out.push_back({EndpointEvent::Kind::kStart, frame_pos_, {}});
    utterance_start_ = frame_pos_;
    last_voiced_end_ = frame_pos_;
    unvoiced_run_ = 0;
  }
}

void Endpointer::Push(std::span<const int16_t> pcm,
                      std::vector<EndpointEvent>& out) {
  const size_t flen = static_cast<size_t>(frame_len_);
  // Complete a partial frame first.
  if (!partial_.empty()) {
    const size_t take = std::min(flen - partial_.size(), pcm.size());
    partial_.insert(partial_.end(), pcm.begin(), pcm.begin() + take);
    pcm = pcm.subspan(take);
    if (partial_.size() < flen) return;
    ProcessFrame(partial_, out);
    partial_.clear();
  }
  while (pcm.size() >= flen) {
    ProcessFrame(pcm.first(flen), out);
    pcm = pcm.subspan(flen);
  }
  partial_.assign(pcm.begin(), pcm.end());
}

void Endpointer::Flush(std::vector<EndpointEvent>& out) {
  if (in_utterance_) {
    out.push_back({EndpointEvent::Kind::kEnd, last_voiced_end_, {}});
  }
  in_utterance_ = false;
  unvoiced_run_ = 0;
  voiced_run_ = 0;
  history_.clear();
  // The dropped partial frame still counts as stream time.
  frame_pos_ += static_cast<int64_t>(partial_.size());
  partial_.clear();
}

}  // namespace sc::audio
