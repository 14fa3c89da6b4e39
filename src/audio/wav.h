// WAV (and other libsndfile formats) reading and writing as 16-bit PCM.
//
//   SC_ASSIGN_OR_RETURN(PcmAudio a, ReadWav("call.wav"));
//   std::vector<int16_t> left = ExtractChannel(a, 0);
//
// Contract:
//   - ReadWav accepts any file libsndfile can decode (WAV, AIFF, FLAC, ...;
//     PCM 8-32 bit, float, double, u-law, A-law), any rate and any channel
//     count, and converts the samples to int16 (floats are scaled from
//     [-1, 1] and clipped). Samples are interleaved.
//   - WriteWav writes a 16-bit PCM WAV file, replacing any existing file.
//   - Errors: NotFound when the file does not exist; InvalidArgument when it
//     is not a format libsndfile understands or the PcmAudio is malformed;
//     IoError for other open/read/write failures. Messages name the path.
//   - Thread-safety: free functions without shared state.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"

namespace sc::audio {

struct PcmAudio {
  int sample_rate = 0;
  int channels = 0;
  std::vector<int16_t> samples;  // Interleaved: frame 0 ch 0, frame 0 ch 1...

  // Samples per channel. 0 when channels is 0.
  int64_t frames() const;
  // frames() / sample_rate, or 0 when the rate is unset.
  double duration_s() const;
};

StatusOr<PcmAudio> ReadWav(const std::string& path);
// REQUIRES: audio.sample_rate > 0, audio.channels > 0 and samples.size() a
// multiple of channels (else InvalidArgument).
Status WriteWav(const std::string& path, const PcmAudio& audio);

// Returns the samples of `channel` (0-based). Empty when channel is out of
// range.
std::vector<int16_t> ExtractChannel(const PcmAudio& audio, int channel);

// A whole RIFF/WAVE file in memory: 16-bit little-endian PCM, mono, at
// `sample_rate` (for HTTP bodies and uploads; WriteWav writes files).
std::string EncodeWav(std::span<const int16_t> pcm, int sample_rate);

}  // namespace sc::audio
