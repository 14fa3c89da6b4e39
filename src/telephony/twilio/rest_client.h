// Twilio REST API client (API version 2010-04-01): calls and recordings.
//
//   RestClientOptions o;
//   o.account_sid = "AC...";
//   o.credentials = RestCredentials::AuthToken("AC...", token);
//   SC_ASSIGN_OR_RETURN(auto client, RestClient::Create(o));
//   CallRequest call;
//   call.to = "+15558675310";
//   call.from = "+15017122661";
//   call.url = "https://copilot.example.com/api/twilio-calls/twiml";
//   SC_ASSIGN_OR_RETURN(CallInfo created, client->CreateCall(call));
//   SC_RETURN_IF_ERROR(client->HangUp(created.sid).status());
//
// Wire format, hold/resume approach, error mapping and retry policy are in
// docs/twilio-rest.md. Requests are byte-compatible with Twilio's official
// twilio-node library (tests/twilio_rest/ checks that against a test double).
//
// Contract:
//   - Every call is blocking and bounded by options.timeout per attempt
//     (plus backoff between attempts). Call it from a worker thread, never
//     from the server's network threads.
//   - Errors: Twilio's error JSON becomes a Status (see TwilioErrorToStatus
//     in rest_wire.h: 20003 Unauthenticated, 20404 NotFound, 21211 and other
//     4xx InvalidArgument, 429 ResourceExhausted, 5xx Unavailable); network
//     failures and timeouts are Unavailable; a malformed SID argument is
//     InvalidArgument before anything is sent. Messages never contain the
//     credentials, and phone numbers in Twilio's messages are scrubbed.
//   - Retries: reads, hang-ups and redirects (all idempotent) are retried on
//     429, 5xx, timeouts and connection errors, up to options.max_retries,
//     with exponential backoff. CreateCall is not idempotent (a repeat
//     could dial the prospect twice), so it is retried only when Twilio
//     cannot have acted: the connection was never established, or Twilio
//     answered 429.
//   - Credentials go only to base_url's origin; a redirect elsewhere (the
//     media host) is followed without them.
//   - Thread-safety: a RestClient is immutable after Create; all methods are
//     const and safe to call from many threads at once.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "telephony/twilio/rest_wire.h"

namespace sc::twilio {

// HTTP Basic credentials. The password is a secret: it is never logged and
// never appears in a Status.
struct RestCredentials {
  std::string username;  // The Account SID (AC...) or an API key SID (SK...).
  std::string password;  // The auth token, or the API key's secret.

  static RestCredentials AuthToken(std::string account_sid,
                                   std::string auth_token);
  // Recommended for production: a key can be revoked on its own.
  static RestCredentials ApiKey(std::string api_key_sid,
                                std::string api_key_secret);
};

struct RestClientOptions {
  // Scheme, host and optional port; no path. Default: Twilio's cloud. Tests
  // and `simulate --twilio` point it at the local double, e.g.
  // "http://127.0.0.1:PORT".
  std::string base_url = "https://api.twilio.com";
  // The account whose resources are addressed (/Accounts/{AccountSid}/...).
  // Required.
  std::string account_sid;
  // Required.
  RestCredentials credentials;
  // Bound on one attempt: resolve, connect, TLS, send and receive.
  // Default 30 s, twilio-node's default.
  std::chrono::milliseconds timeout{30000};
  // Extra attempts after the first for retryable failures. Default 3.
  int max_retries = 3;
  // Backoff before retry n: min(max_backoff, initial_backoff * 2^n), with
  // full jitter; defaults (100 ms, 3 s) are twilio-node's.
  std::chrono::milliseconds initial_backoff{100};
  std::chrono::milliseconds max_backoff{3000};
  RetryJitter jitter = RetryJitter::kFull;
  // Extra PEM trust anchors on top of the system store (like twilio-node's
  // TWILIO_CA_BUNDLE). Default: none.
  std::string ca_file;
  // Redirects followed by downloads. Default 5.
  int max_redirects = 5;
  // Largest response accepted (recordings). Default 512 MiB.
  size_t max_response_bytes = size_t{512} << 20;
  std::string user_agent = "salescopilot-twilio-rest/0.1";
};

// Whether Twilio records a call it places.
enum class RecordCall { kUnspecified, kDoNotRecord, kRecord };

// POST /Accounts/{AccountSid}/Calls.json (TWILIO.md §6.2). Empty strings
// and empty lists are not sent. Exactly one of url, twiml, application_sid
// is required (Twilio answers 21205 otherwise).
struct CallRequest {
  std::string to;    // E.164 number, "client:identity" or a SIP URI.
  std::string from;  // A Twilio or verified number (caller ID).
  std::string method;
  std::string fallback_url;
  std::string fallback_method;
  std::string status_callback;
  std::vector<std::string> status_callback_events;  // initiated ringing ...
  std::string status_callback_method;
  std::string send_digits;
  std::optional<int> timeout_s;  // Ring time; Twilio's default 60, max 600.
  RecordCall record = RecordCall::kUnspecified;
  std::string recording_channels;  // "mono" or "dual".
  std::string recording_status_callback;
  std::string recording_status_callback_method;
  std::string machine_detection;
  std::vector<std::string> recording_status_callback_events;
  std::string caller_id;
  std::string recording_track;
  std::optional<int> time_limit_s;
  std::string url;
  std::string twiml;
  std::string application_sid;
};

enum class CallUpdateStatus {
  kUnchanged,
  kCanceled,   // Hangs up only a queued or ringing call.
  kCompleted,  // Hangs up the call in any state.
};

// POST /Accounts/{AccountSid}/Calls/{CallSid}.json (TWILIO.md §6.3).
struct CallUpdate {
  std::string url;  // Redirect: Twilio fetches new TwiML from here.
  std::string method;
  CallUpdateStatus status = CallUpdateStatus::kUnchanged;
  std::string fallback_url;
  std::string fallback_method;
  std::string status_callback;
  std::string status_callback_method;
  std::string twiml;  // Redirect to this TwiML (max 4000 characters).
  std::optional<int> time_limit_s;
};

// The fields of Twilio's Call resource that we use. `to` and `from` are
// personal data: never log them outside Pii() fields.
struct CallInfo {
  std::string sid;
  std::string account_sid;
  std::string parent_call_sid;
  std::string to;
  std::string from;
  std::string status;     // queued, ringing, in-progress, completed, ...
  std::string direction;  // inbound, outbound-api, outbound-dial.
  std::string duration;   // Seconds as Twilio's string; "" while live.
};

// The fields of Twilio's Recording resource that we use.
struct RecordingInfo {
  std::string sid;
  std::string account_sid;
  std::string call_sid;
  std::string conference_sid;
  std::string status;  // processing, completed, absent, failed, ...
  std::string source;  // DialVerb, OutboundAPI, ...
  int channels = 0;
  int duration_s = -1;  // -1 while unknown.
  std::string uri;
};

enum class RecordingFormat { kWav, kMp3 };

// Call hold, chosen from TWILIO.md §2.7 pattern 2 (docs/twilio-rest.md says
// why): the held leg is redirected into a queue of its own, where Twilio
// plays wait music, and resuming redirects the other leg to dial that queue.
struct HoldOptions {
  // TwiML or audio Twilio loops for the held party; empty: Twilio's default
  // hold music. Only Play, Say, Pause, Redirect, Leave, Gather, Hangup are
  // allowed in that TwiML.
  std::string wait_url;
};

// The queue a held call waits in: "hold-" + its SID (under the 64-character
// limit on queue names).
std::string HoldQueueName(std::string_view held_call_sid);

class RestClient {
 public:
  // Validates the options (base URL, SIDs, credentials present, CA file).
  static StatusOr<std::unique_ptr<RestClient>> Create(
      RestClientOptions options);
  ~RestClient();
  RestClient(const RestClient&) = delete;
  RestClient& operator=(const RestClient&) = delete;

  const RestClientOptions& options() const;

  // Places a call; Twilio answers 201 with the queued call.
  StatusOr<CallInfo> CreateCall(const CallRequest& request) const;
  StatusOr<CallInfo> UpdateCall(std::string_view call_sid,
                                const CallUpdate& update) const;
  // UpdateCall with Status=completed: ends the call in any state.
  StatusOr<CallInfo> HangUp(std::string_view call_sid) const;
  // Redirects `held_call_sid` to
  //   <Response><Enqueue waitUrl="...">hold-CA...</Enqueue></Response>.
  // REQUIRES (Twilio): the held leg is not the parent of the bridge's
  // <Dial>, or the other leg is dropped (TWILIO.md §2.7); for our
  // browser-originated and click-to-call calls the prospect is the child.
  StatusOr<CallInfo> Hold(std::string_view held_call_sid,
                          const HoldOptions& options) const;
  // Bridges the held call back: redirects `agent_call_sid` (the leg that
  // stayed, kept alive meanwhile by its <Dial action> TwiML) to
  //   <Response><Dial><Queue>hold-CA...</Queue></Dial></Response>.
  StatusOr<CallInfo> Resume(std::string_view agent_call_sid,
                            std::string_view held_call_sid) const;

  // GET /Accounts/{AccountSid}/Recordings/{RecordingSid}.json. An empty
  // `account_sid` means options().account_sid (a subaccount's recordings
  // name their own account in the recording callback).
  StatusOr<RecordingInfo> FetchRecording(
      std::string_view recording_sid, std::string_view account_sid = {}) const;
  // The media: GET .../Recordings/{RecordingSid}.wav (or .mp3), following
  // redirects. Returns the file's bytes.
  StatusOr<std::string> DownloadRecording(
      std::string_view recording_sid, RecordingFormat format,
      std::string_view account_sid = {}) const;
  // The same for a RecordingUrl from a callback (the extension is added).
  // PermissionDenied unless the URL has base_url's origin, so credentials
  // never go to a host named by a request.
  StatusOr<std::string> DownloadRecordingUrl(std::string_view recording_url,
                                             RecordingFormat format) const;

 private:
  struct Impl;
  explicit RestClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sc::twilio
