#include "telephony/twilio/base64.h"

#include <array>

namespace sc::twilio {
namespace {

constexpr char kAlphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// 0..63 for alphabet characters; kBad (high bit set) for everything else, so
// a whole quantum can be checked with one OR.
constexpr uint8_t kBad = 0x80;

constexpr std::array<uint8_t, 256> MakeDecodeTable() {
  std::array<uint8_t, 256> t{};
  for (auto& v : t) v = kBad;
  for (int i = 0; i < 64; ++i) t[static_cast<uint8_t>(kAlphabet[i])] = i;
  return t;
}

constexpr std::array<uint8_t, 256> kDecode = MakeDecodeTable();

inline uint8_t D(char c) { return kDecode[static_cast<uint8_t>(c)]; }

}  // namespace

void Base64Encode(std::span<const uint8_t> bytes, std::string& out) {
  const size_t base = out.size();
  out.resize(base + Base64EncodedSize(bytes.size()));
  char* p = out.data() + base;
  const uint8_t* in = bytes.data();
  size_t n = bytes.size();
  size_t i = 0;
  for (; i + 3 <= n; i += 3) {
    const uint32_t v = (uint32_t{in[i]} << 16) | (uint32_t{in[i + 1]} << 8) |
                       uint32_t{in[i + 2]};
    *p++ = kAlphabet[(v >> 18) & 63];
    *p++ = kAlphabet[(v >> 12) & 63];
    *p++ = kAlphabet[(v >> 6) & 63];
    *p++ = kAlphabet[v & 63];
  }
  if (n - i == 1) {
    const uint32_t v = uint32_t{in[i]} << 16;
    *p++ = kAlphabet[(v >> 18) & 63];
    *p++ = kAlphabet[(v >> 12) & 63];
    *p++ = '=';
    *p++ = '=';
  } else if (n - i == 2) {
    const uint32_t v = (uint32_t{in[i]} << 16) | (uint32_t{in[i + 1]} << 8);
    *p++ = kAlphabet[(v >> 18) & 63];
    *p++ = kAlphabet[(v >> 12) & 63];
    *p++ = kAlphabet[(v >> 6) & 63];
    *p++ = '=';
  }
}

Status Base64Decode(std::string_view text, std::vector<uint8_t>& out) {
  out.clear();
  const size_t n = text.size();
  if (n == 0) return Status::Ok();
  if (n % 4 != 0) {
    return InvalidArgument("base64: length " + std::to_string(n) +
                           " is not a multiple of 4");
  }
  // The last quantum may carry one or two '='; all others are full.
  size_t pad = 0;
  if (text[n - 1] == '=') pad = (text[n - 2] == '=') ? 2 : 1;
  out.resize(n / 4 * 3);
  uint8_t* o = out.data();
  const char* s = text.data();
  const size_t full = n / 4 - (pad ? 1 : 0);
  uint8_t bad = 0;
  for (size_t q = 0; q < full; ++q, s += 4, o += 3) {
    const uint8_t a = D(s[0]), b = D(s[1]), c = D(s[2]), d = D(s[3]);
    bad |= a | b | c | d;
    const uint32_t v = (uint32_t{a} << 18) | (uint32_t{b} << 12) |
                       (uint32_t{c} << 6) | uint32_t{d};
    o[0] = static_cast<uint8_t>(v >> 16);
    o[1] = static_cast<uint8_t>(v >> 8);
    o[2] = static_cast<uint8_t>(v);
  }
  if (bad & kBad) {
    out.clear();
    return InvalidArgument("base64: invalid character");
  }
  if (pad != 0) {
    // s points at the final quantum: "xx==" or "xxx=".
    const uint8_t a = D(s[0]), b = D(s[1]);
    const uint8_t c = (pad == 1) ? D(s[2]) : 0;
    if ((a | b | c) & kBad) {
      out.clear();
      // Covers '=' in a position where it cannot be padding ("x===").
      return InvalidArgument("base64: invalid character or padding");
    }
    const uint32_t v =
        (uint32_t{a} << 18) | (uint32_t{b} << 12) | (uint32_t{c} << 6);
    // Canonical encodings leave the bits below the last byte at zero.
    const uint32_t spill = (pad == 2) ? (v & 0xFFFF) : (v & 0xFF);
    if (spill != 0) {
      out.clear();
      return InvalidArgument("base64: non-zero padding bits");
    }
    o[0] = static_cast<uint8_t>(v >> 16);
    if (pad == 1) o[1] = static_cast<uint8_t>(v >> 8);
    out.resize(out.size() - pad);
  }
  return Status::Ok();
}

}  // namespace sc::twilio
