// Strict base64 (RFC 4648 §4: standard alphabet, '=' padding), as used for
// Twilio Media Streams payloads (docs/media-stream.md).
//
// The decoder accepts exactly the canonical encoding: length a multiple of 4,
// only [A-Za-z0-9+/] plus one or two trailing '=', and zero "pad bits" in the
// last quantum. Anything else (whitespace, URL-safe '-' '_', missing padding,
// '=' in the middle, "x===" quanta, non-zero pad bits) is rejected, so that
// every payload has exactly one byte sequence and bugs in a peer show up.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace sc::twilio {

// The length of the encoding of `n` bytes (with padding).
constexpr size_t Base64EncodedSize(size_t n) { return (n + 2) / 3 * 4; }

// Appends the base64 encoding of `bytes` to `out`.
void Base64Encode(std::span<const uint8_t> bytes, std::string& out);

// Replaces the contents of `out` with the decoding of `text`. The vector's
// capacity is reused, so decoding into the same vector does not allocate once
// it has grown to the frame size. On error `out` is left empty and an
// InvalidArgument says what was wrong (never the payload itself).
Status Base64Decode(std::string_view text, std::vector<uint8_t>& out);

}  // namespace sc::twilio
