// The OpenAI audio-transcription wire format (docs/speech-engines.md).
// Private to src/speech/remote; pure functions, exposed for tests.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "speech/remote/remote_transcriber.h"

namespace sc::speech::remote::internal {

// A RIFF/WAVE file: 16-bit PCM, mono, `sample_rate`, little-endian.
std::string EncodeWav(std::span<const int16_t> pcm, int sample_rate);

struct FormField {
  std::string name;
  std::string value;
  std::string filename;      // Non-empty: a file part.
  std::string content_type;  // For file parts.
};

// A multipart/form-data body (RFC 7578) with `boundary`, which must not
// occur in any value (ChooseBoundary makes sure).
std::string MultipartBody(const std::vector<FormField>& fields,
                          std::string_view boundary);
// A boundary that occurs in no field value; `seed` varies it.
std::string ChooseBoundary(const std::vector<FormField>& fields, uint64_t seed);

// The form fields of one transcription request, file first.
std::vector<FormField> TranscriptionFields(
    const RemoteTranscriberOptions& options, std::string wav);

// Parses a verbose_json reply (see RemoteSegment for how words are placed
// into segments). A reply with only "text" (a server that ignored
// verbose_json) gives one segment over [0, audio_s]. Unavailable when the
// body is not such JSON.
StatusOr<RemoteTranscript> ParseVerboseJson(std::string_view body,
                                            double audio_s);

// The Status for a non-2xx reply, from its HTTP status and OpenAI error
// JSON ({"error":{"message","type","code"}}), with `secret` removed from
// anything the server echoed.
Status HttpErrorStatus(int http_status, std::string_view body,
                       std::string_view secret);

}  // namespace sc::speech::remote::internal
