// G.711 mu-law codec (ITU-T G.711, as used by Twilio Media Streams).
//
// Decoding uses a 256-entry table; encoding is branch-light arithmetic.
// Sanity vectors from TWILIO.md §1.5 are checked in ulaw_test.cc.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace sc::audio {

int16_t UlawToLinear(uint8_t u);
uint8_t LinearToUlaw(int16_t pcm);

// Appends the decoded samples of `ulaw` to `out`.
void DecodeUlaw(std::span<const uint8_t> ulaw, std::vector<int16_t>& out);
// Appends the encoded bytes of `pcm` to `out`.
void EncodeUlaw(std::span<const int16_t> pcm, std::vector<uint8_t>& out);

}  // namespace sc::audio
