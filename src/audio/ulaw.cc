#include "audio/ulaw.h"

#include <array>

namespace sc::audio {
namespace {

constexpr int kBias = 0x84;
constexpr int kClip = 32635;

constexpr int16_t DecodeOne(uint8_t u) {
  u = static_cast<uint8_t>(~u);
  int t = ((u & 0x0F) << 3) + kBias;
  t <<= (u & 0x70) >> 4;
  return static_cast<int16_t>((u & 0x80) ? (kBias - t) : (t - kBias));
}

constexpr std::array<int16_t, 256> MakeTable() {
  std::array<int16_t, 256> t{};
  for (int i = 0; i < 256; ++i) t[i] = DecodeOne(static_cast<uint8_t>(i));
  return t;
}

constexpr std::array<int16_t, 256> kDecode = MakeTable();

}  // namespace

int16_t UlawToLinear(uint8_t u) { return kDecode[u]; }

uint8_t LinearToUlaw(int16_t pcm) {
  int sample = pcm;
  int sign = (sample >> 8) & 0x80;
  if (sign) sample = -sample;
  if (sample > kClip) sample = kClip;
  sample += kBias;
  int exponent = 7;
  for (int mask = 0x4000; (sample & mask) == 0 && exponent > 0; mask >>= 1) {
    --exponent;
  }
  int mantissa = (sample >> (exponent + 3)) & 0x0F;
  return static_cast<uint8_t>(~(sign | (exponent << 4) | mantissa));
}

void DecodeUlaw(std::span<const uint8_t> ulaw, std::vector<int16_t>& out) {
  size_t base = out.size();
  out.resize(base + ulaw.size());
  for (size_t i = 0; i < ulaw.size(); ++i) out[base + i] = kDecode[ulaw[i]];
}

void EncodeUlaw(std::span<const int16_t> pcm, std::vector<uint8_t>& out) {
  out.reserve(out.size() + pcm.size());
  for (int16_t s : pcm) out.push_back(LinearToUlaw(s));
}

}  // namespace sc::audio
