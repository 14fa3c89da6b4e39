// Endpointer: voice activity detection and utterance endpointing on mono
// 16-bit PCM (WebRTC VAD plus an energy floor).
//
//   SC_ASSIGN_OR_RETURN(auto ep, Endpointer::Create({}));   // 8 kHz
//   std::vector<EndpointEvent> events;
//   ep->Push(chunk, events);   // any chunk length
//   for (auto& e : events) ...  // kStart, kAudio..., kEnd, kStart, ...
//   ep->Flush(events);          // at end of stream
//
// Contract:
//   - Audio is classified in frames of frame_ms. A frame is voiced when the
//     WebRTC VAD says speech AND its level is at least energy_floor_dbfs
//     (so steady line noise or comfort noise cannot open an utterance).
//   - An utterance opens after start_ms of consecutive voiced frames. kStart
//     carries the position of the first sample of the utterance including up
//     to preroll_ms of audio before the voiced run. kAudio events then carry
//     the utterance audio in order (preroll first), with no gaps or overlap.
//   - The utterance closes after hangover_ms of unvoiced frames (the hangover
//     audio is delivered as kAudio); kEnd carries the position just after the
//     last voiced frame. Audio between utterances is never delivered, so a
//     recognizer fed only kAudio spends nothing on silence.
//   - An utterance reaching max_utterance_ms is cut: kEnd then kStart at the
//     same position, and the audio continues in the new utterance.
//   - Events are a pure function of the sample stream: pushing in chunks of
//     1 sample or 160 samples gives the same events (consecutive kAudio
//     events may be split differently; their concatenation is identical).
//   - Positions are sample counts since the first Push.
//   - Flush() closes an open utterance (kEnd just after its last voiced
//     frame) and drops a trailing partial frame; the Endpointer can then be
//     reused and positions keep counting.
//   - Errors: Create() returns InvalidArgument for an unsupported rate
//     (8000, 16000, 32000, 48000), frame_ms (10, 20, 30), aggressiveness
//     (0..3) or non-positive durations; Push never fails.
//   - Thread-safety: not thread-safe; one Endpointer per audio track.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <span>
#include <vector>

#include "core/status.h"

namespace sc::audio {

struct EndpointerOptions {
  int sample_rate = 8000;        // 8000 or 16000 (32000, 48000 also work).
  int aggressiveness = 2;        // WebRTC VAD mode 0 (lenient) .. 3 (strict).
  int frame_ms = 20;             // 10, 20 or 30.
  int start_ms = 60;             // Voiced audio needed to open an utterance.
  int hangover_ms = 500;         // Unvoiced audio that closes it.
  int preroll_ms = 200;          // Audio kept before the start.
  int max_utterance_ms = 20000;  // Longer utterances are cut (kEnd + kStart).
  // Frames quieter than this (RMS, dB relative to int16 full scale) are
  // unvoiced whatever the VAD says. Telephone speech is typically -35..-15
  // dBFS, line noise below -55; -50 keeps quiet talkers (measured on flite
  // u-law audio at -20 dB gain) and rejects noise (see vad_test.cc).
  double energy_floor_dbfs = -50.0;
};

struct EndpointEvent {
  enum class Kind { kStart, kAudio, kEnd };
  Kind kind = Kind::kAudio;
  // kStart: first sample of the utterance incl. preroll. kEnd: the sample
  // just after the last voiced frame. kAudio: position of samples[0].
  int64_t sample = 0;
  std::vector<int16_t> samples;  // kAudio only.
};

class Endpointer {
 public:
  static StatusOr<std::unique_ptr<Endpointer>> Create(
      const EndpointerOptions& options);
  ~Endpointer();
  Endpointer(const Endpointer&) = delete;
  Endpointer& operator=(const Endpointer&) = delete;

  // Appends the events caused by `pcm` to `out`.
  void Push(std::span<const int16_t> pcm, std::vector<EndpointEvent>& out);
  // Appends the closing events at end of stream to `out`.
  void Flush(std::vector<EndpointEvent>& out);

  bool in_utterance() const { return in_utterance_; }
  const EndpointerOptions& options() const { return options_; }

 private:
  struct VadHandle;
  Endpointer(const EndpointerOptions& options, VadHandle* vad);
  bool IsVoiced(std::span<const int16_t> frame);
  void ProcessFrame(std::span<const int16_t> frame,
                    std::vector<EndpointEvent>& out);
  void EmitAudio(int64_t at, std::span<const int16_t> pcm,
                 std::vector<EndpointEvent>& out);

  const EndpointerOptions options_;
  VadHandle* vad_;
  const int frame_len_;        // Samples per frame.
  const int start_frames_;     // Voiced frames that open an utterance.
  const int hangover_frames_;  // Unvoiced frames that close it.
  const int preroll_frames_;
  const int64_t max_utterance_samples_;

  std::vector<int16_t> partial_;  // Samples of the incomplete next frame.
  int64_t frame_pos_ = 0;         // Position of the next complete frame.
  // Outside an utterance: the recent frames (preroll + voiced run).
  std::deque<std::vector<int16_t>> history_;
  int voiced_run_ = 0;
  bool in_utterance_ = false;
  int64_t utterance_start_ = 0;
  int64_t last_voiced_end_ = 0;
  int unvoiced_run_ = 0;
};

}  // namespace sc::audio
