// For tests: a voiced, speech-like signal the endpointer takes for speech
// (harmonics of 130 Hz; with `envelope`, a slow 4 Hz swell as syllables
// have).
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

namespace sc::audio {

inline std::vector<int16_t> VoicedSignal(int ms, int rate = 8000,
                                         bool envelope = true) {
  std::vector<int16_t> out(static_cast<size_t>(ms) * rate / 1000);
  for (size_t i = 0; i < out.size(); ++i) {
    const double t = static_cast<double>(i) / rate;
    double v = 0;
    for (int h = 1; h <= 12; ++h) v += std::sin(2 * M_PI * 130 * h * t) / h;
    const double gain = envelope ? 0.6 + 0.4 * std::sin(2 * M_PI * 4 * t) : 1;
    out[i] = static_cast<int16_t>(5000 * v * gain);
  }
  return out;
}

}  // namespace sc::audio
