// Twilio Access Tokens for the Voice JavaScript SDK (TWILIO.md §5): an HS256
// JWT signed with an API key secret, carrying a Voice grant. The header and
// claims are byte-for-byte what the official twilio-node 6.2.0
// `AccessToken` + `VoiceGrant` produce for the same inputs and the same clock
// (key order included); the claims are listed in docs/twilio.md §4.
//
//   AccessTokenRequest req{.account_sid = sid, .api_key_sid = key,
//                          .api_key_secret = secret, .identity = user};
//   req.voice.outgoing_application_sid = twiml_app_sid;
//   req.voice.incoming = IncomingCalls::kAllow;
//   StatusOr<std::string> jwt = CreateAccessToken(req, {}, SystemClock());
//
// The secret never appears in a Status message.
//
// Thread-safety: pure functions (the clock is only read).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/status.h"

namespace sc::twilio {

enum class IncomingCalls { kDeny, kAllow };

// The "voice" grant. Empty fields are left out of the token, as VoiceGrant
// does.
struct VoiceGrant {
  IncomingCalls incoming = IncomingCalls::kDeny;  // kAllow: {"allow":true}.
  std::string outgoing_application_sid;           // TwiML App SID (AP...).
  // grants.voice.outgoing.params: forwarded by Twilio to the TwiML App's
  // voice URL as extra form fields. Written only with an application SID.
  std::vector<std::pair<std::string, std::string>> outgoing_params;
  std::string push_credential_sid;  // CR...
  std::string endpoint_id;
};

struct AccessTokenRequest {
  std::string account_sid;     // AC..., the "sub" claim.
  std::string api_key_sid;     // SK..., the "iss" claim and jti prefix.
  std::string api_key_secret;  // The HMAC key. Never logged.
  std::string identity;        // The Voice SDK client name (grants.identity).
  VoiceGrant voice;
};

enum class NotBefore {
  kOmit,  // No "nbf" claim (twilio-node's default).
  kNow,   // "nbf" = issue time (twilio-python's default).
};

struct AccessTokenOptions {
  // Lifetime: "exp" = now + ttl_seconds. Default 1 hour; must be within
  // [60, 86400] (Twilio rejects tokens valid for more than 24 hours).
  int64_t ttl_seconds = 3600;
  NotBefore not_before = NotBefore::kOmit;
  // Twilio region ("twr" header), e.g. "ie1"; empty = none.
  std::string region;
};

// The signed JWT "<b64url header>.<b64url payload>.<b64url signature>".
// InvalidArgument when a SID is empty or has the wrong prefix (AC/SK/AP),
// the secret or identity is empty, the identity is longer than 121 bytes or
// has characters other than [A-Za-z0-9_] (the Voice JS SDK's limit), or the
// TTL is out of range.
StatusOr<std::string> CreateAccessToken(const AccessTokenRequest& request,
                                        const AccessTokenOptions& options,
                                        const Clock& clock);

// A token split and checked: the decoded header and payload JSON text.
struct DecodedToken {
  std::string header_json;
  std::string payload_json;
};

// Checks the HS256 signature of `jwt` with `secret` (constant-time) and
// returns the decoded parts. It does not parse the JSON or check "exp"; for
// tests and diagnostics. Unauthenticated on a bad signature, InvalidArgument
// on a malformed token.
StatusOr<DecodedToken> VerifyAccessToken(std::string_view jwt,
                                         std::string_view secret);

}  // namespace sc::twilio
