// Twilio REST wire helpers: form encoding, URLs, error JSON, retry timing.
//
// Internal to the REST client (rest_client.h), exposed in a header of its own
// so the byte-exact wire rules can be unit-tested without a network. The
// format is documented in docs/twilio-rest.md; the source of truth is
// TWILIO.md §6 and the official twilio-node library, which the oracle test in
// tests/twilio_rest/ compares us against.
//
// Thread-safety: pure functions without shared state.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace sc::twilio {

// An ordered list of form fields. Order matters: it is the order the body is
// written in, and a key may repeat (Twilio encodes lists as repeated keys).
using FormFields = std::vector<std::pair<std::string, std::string>>;

// application/x-www-form-urlencoded exactly as twilio-node writes it (qs
// 6.x, format RFC3986, arrayFormat "repeat"): keys and values are UTF-8,
// every byte except [A-Za-z0-9-._~] becomes %XX with upper-case hex (so a
// space is %20, never '+'), pairs are joined with '&' in the given order.
std::string FormEncode(const FormFields& fields);

// Percent-encodes one string with FormEncode's rules (also right for a path
// segment).
std::string PercentEncode(std::string_view s);

// Decoding is ParseFormUrlEncoded (signature.h), the parser the webhooks
// use.

// "Basic " + base64(username ":" password), as in RFC 7617.
std::string BasicAuthorization(std::string_view username,
                               std::string_view password);

enum class UrlScheme { kHttp, kHttps };

// An absolute http(s) URL split for a client connection.
struct HttpUrl {
  UrlScheme scheme = UrlScheme::kHttps;
  std::string host;  // Lower-cased. IPv6 literals are not supported.
  std::string port;  // Always set: the default for the scheme if absent.
  std::string target = "/";  // Path plus query; never empty.

  // "https://api.twilio.com:443": what decides whether credentials may go.
  std::string Origin() const;
  std::string ToString() const;
};

// Parses "http(s)://host[:port][/path][?query]". Userinfo and fragments are
// refused (InvalidArgument): credentials come from options, never URLs.
StatusOr<HttpUrl> ParseHttpUrl(std::string_view url);

// Resolves a redirect's Location against the URL that was fetched: absolute
// URLs, scheme-relative ("//host/p") and absolute-path ("/p") forms.
StatusOr<HttpUrl> ResolveLocation(const HttpUrl& base,
                                  std::string_view location);

// Twilio's error body (TWILIO.md §6.4), plus the HTTP status it came with.
struct TwilioError {
  int http_status = 0;
  int code = 0;           // 0 when the body had no Twilio code.
  std::string message;    // Twilio's text, phone numbers scrubbed.
  std::string more_info;  // e.g. https://www.twilio.com/docs/errors/20404
};

// Reads {"code","message","more_info","status"} from a non-2xx body. Bodies
// that are not Twilio JSON (a proxy's HTML page) still give a TwilioError
// with code 0 and a message saying what came back.
TwilioError ParseTwilioError(int http_status, std::string_view body);

// Maps a Twilio error to a Status whose message names the operation, the
// Twilio code and HTTP status, Twilio's text and its help link:
//   20003 / HTTP 401           -> Unauthenticated (bad SID/token/API key)
//   20005, 20008 / HTTP 403    -> PermissionDenied
//   20404 / HTTP 404           -> NotFound
//   21220 / HTTP 409           -> FailedPrecondition (call not in progress)
//   20429 / HTTP 429           -> ResourceExhausted (rate limited)
//   other 4xx (21211 invalid To, 21205 Url missing, ...) -> InvalidArgument
//   5xx                        -> Unavailable
Status TwilioErrorToStatus(const TwilioError& error,
                           std::string_view operation);

// Replaces what looks like personal data in Twilio's message text with
// "[redacted]": runs of whitespace-separated tokens made only of digits and
// +-(). that hold six or more digits together (phone numbers, also written
// in groups; SIDs start with letters, so they survive), and tokens starting
// with client: or sip:. Twilio repeats the offending number in messages such
// as 21211's, and Status messages end up in logs. It errs towards redacting.
std::string ScrubPersonalData(std::string_view text);

// Whether a response status is worth retrying: 429 and 5xx other than 501.
bool IsRetryableHttpStatus(int http_status);

enum class RetryJitter {
  kFull,  // Uniform in [0, backoff): spreads retries of many clients (AWS).
  kNone,  // Exactly the backoff: for deterministic tests.
};

// The wait before retry number `retry` (1-based): min(max, initial * 2^retry)
// with the chosen jitter, raised to `retry_after` (a server's Retry-After,
// capped at 30 s) when one was given. `unit_random` in [0, 1) is the jitter
// draw, passed in so this stays a pure function.
std::chrono::milliseconds RetryDelay(
    int retry, std::chrono::milliseconds initial, std::chrono::milliseconds max,
    RetryJitter jitter, double unit_random,
    std::optional<std::chrono::seconds> retry_after);

// Parses a delta-seconds Retry-After header ("3"); HTTP dates are ignored.
std::optional<std::chrono::seconds> ParseRetryAfter(std::string_view value);

// Whether `sid` is a Twilio SID with the given two-letter prefix: prefix
// plus 32 hex digits ("CA" + 32 hex for calls).
bool IsTwilioSid(std::string_view sid, std::string_view prefix);

}  // namespace sc::twilio
