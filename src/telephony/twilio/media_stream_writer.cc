#include "telephony/twilio/media_stream_writer.h"

#include "core/log.h"
#include "telephony/twilio/base64.h"

namespace sc::twilio {
namespace {

// Appends "key":"value" (value escaped), preceded by a comma unless first.
void AddString(std::string& out, std::string_view key, std::string_view value) {
  if (out.back() != '{') out += ',';
  out += '"';
  AppendJsonEscaped(out, key);
  out += "\":\"";
  AppendJsonEscaped(out, value);
  out += '"';
}

// Twilio sends these integers as JSON strings.
void AddIntString(std::string& out, std::string_view key, int64_t value) {
  if (out.back() != '{') out += ',';
  out += '"';
  out += key;
  out += "\":\"";
  out += std::to_string(value);
  out += '"';
}

}  // namespace

std::string ConnectedMessage() {
  return R"({"event":"connected","protocol":"Call","version":"1.0.0"})";
}

std::string StartMessage(const StartParams& p) {
  std::string out = "{";
  AddString(out, "event", "start");
  AddIntString(out, "sequenceNumber", p.sequence_number);
  out += ",\"start\":{";
  AddString(out, "accountSid", p.account_sid);
  AddString(out, "streamSid", p.stream_sid);
  AddString(out, "callSid", p.call_sid);
  out += ",\"tracks\":[";
  for (size_t i = 0; i < p.tracks.size(); ++i) {
    if (i > 0) out += ',';
    out += '"';
    AppendJsonEscaped(out, p.tracks[i]);
    out += '"';
  }
  out +=
      "],\"mediaFormat\":{\"encoding\":\"audio/x-mulaw\",\"sampleRate\":8000,"
      "\"channels\":1},\"customParameters\":{";
  for (const auto& [name, value] : p.custom_parameters) {
    AddString(out, name, value);
  }
  out += "}}";
  AddString(out, "streamSid", p.stream_sid);
  out += '}';
  return out;
}

std::string MediaMessage(std::string_view stream_sid, int64_t sequence_number,
                         std::string_view track, int64_t chunk,
                         int64_t timestamp_ms, std::span<const uint8_t> ulaw) {
  std::string out;
  out.reserve(160 + stream_sid.size() + Base64EncodedSize(ulaw.size()));
  out += '{';
  AddString(out, "event", "media");
  AddIntString(out, "sequenceNumber", sequence_number);
  out += ",\"media\":{";
  AddString(out, "track", track);
  AddIntString(out, "chunk", chunk);
  AddIntString(out, "timestamp", timestamp_ms);
  out += ",\"payload\":\"";
  Base64Encode(ulaw, out);
  out += "\"}";
  AddString(out, "streamSid", stream_sid);
  out += '}';
  return out;
}

std::string StopMessage(std::string_view stream_sid, int64_t sequence_number,
                        std::string_view account_sid,
                        std::string_view call_sid) {
  std::string out = "{";
  AddString(out, "event", "stop");
  AddIntString(out, "sequenceNumber", sequence_number);
  out += ",\"stop\":{";
  AddString(out, "accountSid", account_sid);
  AddString(out, "callSid", call_sid);
  out += '}';
  AddString(out, "streamSid", stream_sid);
  out += '}';
  return out;
}

std::string DtmfMessage(std::string_view stream_sid, int64_t sequence_number,
                        std::string_view digit) {
  std::string out = "{";
  AddString(out, "event", "dtmf");
  AddString(out, "streamSid", stream_sid);
  AddIntString(out, "sequenceNumber", sequence_number);
  out += ",\"dtmf\":{";
  AddString(out, "track", "inbound_track");
  AddString(out, "digit", digit);
  out += "}}";
  return out;
}

std::string MarkMessage(std::string_view stream_sid, int64_t sequence_number,
                        std::string_view name) {
  std::string out = "{";
  AddString(out, "event", "mark");
  AddIntString(out, "sequenceNumber", sequence_number);
  AddString(out, "streamSid", stream_sid);
  out += ",\"mark\":{";
  AddString(out, "name", name);
  out += "}}";
  return out;
}

std::string NewSid(std::string_view prefix, std::mt19937_64& rng) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string sid(prefix);
  for (int word = 0; word < 2; ++word) {
    uint64_t bits = rng();
    for (int i = 0; i < 16; ++i, bits >>= 4) sid += kHex[bits & 0xF];
  }
  return sid;
}

bool IsSid(std::string_view sid, std::string_view prefix) {
  if (sid.size() != prefix.size() + 32 ||
      sid.substr(0, prefix.size()) != prefix) {
    return false;
  }
  for (char c : sid.substr(prefix.size())) {
    const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
                     (c >= 'A' && c <= 'F');
    if (!hex) return false;
  }
  return true;
}

}  // namespace sc::twilio
