// For the pipeline's tests: a file-sourced call and audio pushed into it the
// way the media path does (20 ms chunks of 8 kHz PCM).
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "pipeline/pipeline.h"

namespace sc::pipeline {

inline CallStarted FileCall(const std::string& sid) {
  CallStarted c;
  c.call_sid = sid;
  c.source = "file";
  return c;
}

// Pushes `pcm` (8 kHz) for `who`, starting at `at_ms` of the call.
inline void PushPcm(CallProcessor& call, Speaker who,
                    const std::vector<int16_t>& pcm, int64_t at_ms = 0) {
  for (size_t i = 0; i < pcm.size(); i += 160) {
    AudioChunk c;
    c.speaker = who;
    c.timestamp_ms = at_ms + static_cast<int64_t>(i) / 8;
    c.samples.assign(
        pcm.begin() + static_cast<long>(i),
        pcm.begin() + static_cast<long>(std::min(pcm.size(), i + 160)));
    call.PushAudio(std::move(c));
  }
}

}  // namespace sc::pipeline
