#include "telephony/twilio/recording_fetch.h"

#include <cstdint>

#include "core/log.h"

namespace sc::twilio {

namespace {

uint32_t Le32(std::string_view b, size_t at) {
  return static_cast<uint32_t>(static_cast<uint8_t>(b[at])) |
         static_cast<uint32_t>(static_cast<uint8_t>(b[at + 1])) << 8 |
         static_cast<uint32_t>(static_cast<uint8_t>(b[at + 2])) << 16 |
         static_cast<uint32_t>(static_cast<uint8_t>(b[at + 3])) << 24;
}

uint16_t Le16(std::string_view b, size_t at) {
  return static_cast<uint16_t>(static_cast<uint8_t>(b[at]) |
                               static_cast<uint8_t>(b[at + 1]) << 8);
}

}  // namespace

StatusOr<WavFormat> ParseWavHeader(std::string_view b) {
  if (b.size() < 12 || b.substr(0, 4) != "RIFF" || b.substr(8, 4) != "WAVE") {
    return InvalidArgument("not a RIFF/WAVE file");
  }
  WavFormat f;
  uint32_t byte_rate = 0;
  bool have_fmt = false;
  size_t at = 12;
  while (at + 8 <= b.size()) {
    std::string_view id = b.substr(at, 4);
    const uint64_t size = Le32(b, at + 4);
    const size_t body = at + 8;
    if (id == "fmt ") {
      if (size < 16 || body + 16 > b.size()) {
        return InvalidArgument("WAV fmt chunk is truncated");
      }
      f.channels = Le16(b, body + 2);
      f.sample_rate = static_cast<int>(Le32(b, body + 4));
      byte_rate = Le32(b, body + 8);
      f.bits_per_sample = Le16(b, body + 14);
      have_fmt = true;
    } else if (id == "data") {
      if (!have_fmt || f.channels == 0 || byte_rate == 0) {
        return InvalidArgument("WAV data chunk before a valid fmt chunk");
      }
      // Streaming writers may leave the size at 0 or 0xFFFFFFFF: use what
      // is actually there.
      const uint64_t present = b.size() - body;
      const uint64_t data = size == 0 || size > present ? present : size;
      f.duration_s = static_cast<double>(data) / byte_rate;
      return f;
    }
    at = body + static_cast<size_t>(size) + (size & 1);
  }
  return InvalidArgument("WAV file has no data chunk");
}

StatusOr<FetchedRecording> FetchRecording(const RestClient& client,
                                          RecordingStore& store,
                                          const RecordingFacts& facts) {
  const RecordingKey key{facts.tenant, facts.call_sid, facts.recording_sid};
  SC_RETURN_IF_ERROR(ValidateRecordingKey(key));
  FetchedRecording out;

  auto existing = store.Stat(key, RecordingMediaType::kWav);
  if (existing.ok()) {
    SC_ASSIGN_OR_RETURN(std::string bytes,
                        store.Read(key, RecordingMediaType::kWav));
    auto format = ParseWavHeader(bytes);
    out.stored = std::move(existing).value();
    if (format.ok()) {
      out.channels = format->channels;
      out.sample_rate = format->sample_rate;
      out.duration_s = format->duration_s;
    }
    return out;
  }
  if (existing.status().code() != StatusCode::kNotFound) {
    return existing.status();
  }

  StatusOr<std::string> media =
      facts.recording_url.empty()
          ? client.DownloadRecording(facts.recording_sid, RecordingFormat::kWav,
                                     facts.account_sid)
          : client.DownloadRecordingUrl(facts.recording_url,
                                        RecordingFormat::kWav);
  if (!media.ok()) return media.status();
  auto format = ParseWavHeader(*media);
  if (!format.ok()) {
    return Unavailable(
        "recording " + facts.recording_sid +
        ": the downloaded media is not usable: " + format.status().message());
  }
  if (facts.channels > 0 && facts.channels != format->channels) {
    LogWarn("recording.channels_mismatch",
            {F("recording", facts.recording_sid),
             F("callback_channels", facts.channels),
             F("file_channels", format->channels)});
  }
  SC_ASSIGN_OR_RETURN(out.stored,
                      store.Put(key, RecordingMediaType::kWav, *media));
  out.channels = format->channels;
  out.sample_rate = format->sample_rate;
  out.duration_s = format->duration_s;
  LogInfo("recording.stored",
          {F("call", facts.call_sid), F("recording", facts.recording_sid),
           F("bytes", static_cast<uint64_t>(out.stored.size_bytes)),
           F("channels", out.channels)});
  return out;
}

}  // namespace sc::twilio
