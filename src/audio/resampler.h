// Resampler: streaming sample-rate conversion of mono 16-bit PCM (speexdsp).
//
//   SC_ASSIGN_OR_RETURN(auto rs, Resampler::Create(8000, 16000));
//   rs->Process(chunk, out);  // Appends the converted samples to `out`.
//
// Contract:
//   - Streaming: state (filter history, fractional phase) is kept across
//     Process() calls, so feeding a signal in chunks of any length (including
//     0 or 1 sample) gives the same output as feeding it at once.
//   - The filter delays the signal by a few milliseconds (about
//     input_latency() input samples); the output of a chunk may be slightly
//     shorter than in_len * out_rate / in_rate, the rest comes with the next
//     chunk. Over a long stream the output length tracks the ratio exactly.
//   - Errors: Create() returns InvalidArgument for non-positive rates or a
//     quality outside 0..10.
//   - Thread-safety: not thread-safe; use one Resampler per audio track.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "core/status.h"

namespace sc::audio {

class Resampler {
 public:
  // quality: speexdsp quality 0 (fastest) .. 10 (best); 5 is speexdsp's
  // "VoIP" default and is transparent for speech recognition.
  static StatusOr<std::unique_ptr<Resampler>> Create(int in_rate, int out_rate,
                                                     int quality = 5);
  ~Resampler();
  Resampler(const Resampler&) = delete;
  Resampler& operator=(const Resampler&) = delete;

  // Appends the converted samples of `in` to `out`. Never fails.
  void Process(std::span<const int16_t> in, std::vector<int16_t>& out);

  int in_rate() const { return in_rate_; }
  int out_rate() const { return out_rate_; }
  // Filter delay in input samples.
  int input_latency() const;

 private:
  struct State;
  Resampler(State* state, int in_rate, int out_rate);
  State* state_;
  int in_rate_;
  int out_rate_;
};

}  // namespace sc::audio
