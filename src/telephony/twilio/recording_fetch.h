// Fetching a finished call recording from Twilio into the recording store.
//
//   // In the recording status callback handler, on a worker thread, once
//   // RecordingStatus=completed (TWILIO.md §3.4):
//   RecordingFacts facts{.tenant = t, .account_sid = p["AccountSid"],
//                        .call_sid = p["CallSid"],
//                        .recording_sid = p["RecordingSid"],
//                        .recording_url = p["RecordingUrl"]};
//   SC_ASSIGN_OR_RETURN(FetchedRecording r,
//                       FetchRecording(*rest_client, *store, facts));
//   // Link r.stored.location (+ size, sha256, channels, duration) to the call.
//
// Contract:
//   - Idempotent, as Twilio retries callbacks: when the store already holds
//     the recording nothing is downloaded (outcome kAlreadyStored).
//   - Downloads the WAV media (RecordingUrl + ".wav" when the callback gave
//     a URL, which must be on the REST client's base_url origin, else
//     .../Recordings/{RecordingSid}.wav), checks it is a RIFF/WAVE file and
//     stores it atomically.
//   - Errors: InvalidArgument for malformed SIDs (nothing is fetched); the
//     REST client's errors (NotFound while Twilio still processes the
//     recording, Unavailable, ...); Unavailable when the media is not WAV;
//     the store's IoError. Every failure can be retried later.
//   - Blocking; thread-safe as long as the client and store are (they are).
#pragma once

#include <string>

#include "core/status.h"
#include "telephony/twilio/recording_store.h"
#include "telephony/twilio/rest_client.h"

namespace sc::twilio {

// What a recording status callback says about a recording (TWILIO.md §3.4).
struct RecordingFacts {
  std::string tenant;         // Our tenant, for the store's layout; may be "".
  std::string account_sid;    // AccountSid; "" means the client's account.
  std::string call_sid;       // CallSid: always the parent leg.
  std::string recording_sid;  // RecordingSid.
  std::string recording_url;  // RecordingUrl, without extension; may be "".
  int channels = 0;           // RecordingChannels; 0 when not given.
  int duration_s = -1;        // RecordingDuration; -1 when not given.
};

struct FetchedRecording {
  StoredRecording stored;
  // Read from the WAV header of the stored file.
  int channels = 0;
  int sample_rate = 0;
  double duration_s = 0;
};

StatusOr<FetchedRecording> FetchRecording(const RestClient& client,
                                          RecordingStore& store,
                                          const RecordingFacts& facts);

// The format of a RIFF/WAVE file held in memory.
struct WavFormat {
  int channels = 0;
  int sample_rate = 0;
  int bits_per_sample = 0;
  double duration_s = 0;
};
// InvalidArgument when `bytes` is not a RIFF/WAVE file with fmt and data
// chunks.
StatusOr<WavFormat> ParseWavHeader(std::string_view bytes);

}  // namespace sc::twilio
