// Twilio Media Streams sender side: the exact JSON text Twilio sends on a
// Media Stream WebSocket (TWILIO.md §1.3; docs/media-stream.md), for our
// `simulate` command and for tests.
//
// Every function returns one complete message, compact (no whitespace), with
// the fields in the order of Twilio's documented examples and Twilio's JSON
// types: sequenceNumber, chunk and timestamp are strings; sampleRate and
// channels are numbers. String values are JSON-escaped. The functions do not
// validate their arguments (a simulator may want to send bad input on
// purpose); MediaStreamSession is the validator.
//
// SIDs: Twilio's are a two-letter prefix plus 32 lower-case hex digits
// ("CA…" calls, "MZ…" streams, "AC…" accounts). Randomness is passed in so
// tests and simulations are reproducible.
//
// Thread-safety: pure functions (the Rng argument is the caller's).
#pragma once

#include <cstdint>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sc::twilio {

struct StartParams {
  std::string account_sid;
  std::string stream_sid;
  std::string call_sid;
  std::vector<std::string> tracks = {"inbound"};  // "inbound", "outbound".
  // In the order they appear in the message (Twilio keeps <Parameter> order).
  std::vector<std::pair<std::string, std::string>> custom_parameters;
  int64_t sequence_number = 1;  // Twilio's start is always "1".
};

// {"event":"connected","protocol":"Call","version":"1.0.0"}
std::string ConnectedMessage();

std::string StartMessage(const StartParams& params);

// `track` is "inbound" or "outbound"; `ulaw` is raw G.711 u-law at 8 kHz
// (Twilio sends 160 bytes = 20 ms per message).
std::string MediaMessage(std::string_view stream_sid, int64_t sequence_number,
                         std::string_view track, int64_t chunk,
                         int64_t timestamp_ms, std::span<const uint8_t> ulaw);

std::string StopMessage(std::string_view stream_sid, int64_t sequence_number,
                        std::string_view account_sid,
                        std::string_view call_sid);

// Twilio only reports DTMF on the inbound track, named "inbound_track".
std::string DtmfMessage(std::string_view stream_sid, int64_t sequence_number,
                        std::string_view digit);

std::string MarkMessage(std::string_view stream_sid, int64_t sequence_number,
                        std::string_view name);

// `prefix` followed by 32 random lower-case hex digits.
std::string NewSid(std::string_view prefix, std::mt19937_64& rng);
inline std::string NewCallSid(std::mt19937_64& rng) {
  return NewSid("CA", rng);
}
inline std::string NewStreamSid(std::mt19937_64& rng) {
  return NewSid("MZ", rng);
}
inline std::string NewAccountSid(std::mt19937_64& rng) {
  return NewSid("AC", rng);
}
// True if `sid` is `prefix` followed by exactly 32 hex digits (either case,
// as the REST API's ^MZ[0-9a-fA-F]{32}$ pattern allows).
bool IsSid(std::string_view sid, std::string_view prefix);

}  // namespace sc::twilio
