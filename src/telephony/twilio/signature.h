// X-Twilio-Signature: computing and checking the HMAC-SHA1 signature Twilio
// puts on every webhook and on the Media Streams WebSocket upgrade.
// Algorithm, URL quirks and the proxy rule: docs/twilio.md §1; the protocol
// itself: TWILIO.md §4.
//
// Usage, in an HTTP handler behind a proxy that terminates TLS:
//
//   SC_ASSIGN_OR_RETURN(std::string url,
//                       PublicRequestUrl(options.public_base_url,
//                                        request.target));  // path + query
//   SC_ASSIGN_OR_RETURN(FormParams form, ParseFormUrlEncoded(request.body));
//   Status s = ValidateFormRequest(auth_token, header_value, url, form);
//   if (!s.ok()) -> 403 and a log line (s.message() carries no secrets and
//                   no parameter values)
//
// What is signed (TWILIO.md §4.1): the full URL Twilio requested, followed by
// every POST parameter as name + value (no delimiters) in byte-wise order of
// the names; a repeated name contributes each distinct value once, values in
// byte-wise order. GET requests and JSON bodies have no parameters; a JSON body
// is bound by the `bodySHA256` query parameter (lowercase hex SHA-256).
//
// Which URLs are tried: Twilio's own back ends sign inconsistently (with or
// without the default port), so, like the official helper libraries
// (twilio-node 6.2.0 `validateRequest`), a signature is accepted when it
// matches any of:
//   1. the URL as given with its port removed, and with the default port added
//      (":443" for https, ":80" for every other scheme, including wss);
//   2. the URL normalised as a WHATWG URL serialiser would (lower-case scheme
//      and host, default port dropped, path "/" when empty, "'" in the query
//      written "%27", non-ASCII and unsafe characters percent-encoded), each
//      without and with the default port, and each of those again with the
//      query re-encoded as Node's legacy `querystring` module writes it.
// Userinfo (user:pass@) is kept as given, as the libraries do; Twilio itself
// drops it before signing voice webhooks, so never put credentials in the
// public base URL.
//
// Every comparison is constant-time in the signature bytes. Errors are
// Unauthenticated ("missing X-Twilio-Signature", "signature mismatch",
// "body hash mismatch") or InvalidArgument (malformed URL or form body); no
// message contains the token, the signature or any parameter value.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace sc::twilio {

// Decoded form parameters in arrival order; a name may repeat.
using FormParams = std::vector<std::pair<std::string, std::string>>;

// Parses an application/x-www-form-urlencoded body (or a query string without
// the '?'): pairs split on '&', name and value split on the first '=', '+'
// decoded as a space, %XX as a byte. Empty segments are skipped; a segment
// without '=' is a name with an empty value. InvalidArgument on a malformed
// escape ("%G1", a truncated "%4") or on a decoded name/value that is not
// valid UTF-8.
StatusOr<FormParams> ParseFormUrlEncoded(std::string_view body);

// base64(HMAC-SHA1(key = auth_token, message = url + sorted params)), exactly
// the string Twilio sends in X-Twilio-Signature for this URL and these
// parameters (no URL variants are applied here).
std::string ComputeSignature(std::string_view auth_token, std::string_view url,
                             const FormParams& params);

// Lowercase hex SHA-256 of `body`, the value of Twilio's `bodySHA256` query
// parameter for a JSON body.
std::string BodySha256Hex(std::string_view body);

// The URL variants a signature is checked against, in the order tried (see
// the header comment), without duplicates. Exposed for tests and for logging
// which variant matched. InvalidArgument when `url` has no "scheme://".
StatusOr<std::vector<std::string>> SignatureCandidateUrls(std::string_view url);

// Checks a form-encoded POST (or, with empty `params`, a GET whose parameters
// are in the URL's query string). `signature` is the header value, empty when
// the header is absent.
Status ValidateFormRequest(std::string_view auth_token,
                           std::string_view signature, std::string_view url,
                           const FormParams& params);

// Checks a request with a JSON body: the signature over `url` with no
// parameters, and the `bodySHA256` query parameter of `url` against the
// SHA-256 of `body` (Unauthenticated "body hash mismatch" when it differs or
// is absent).
Status ValidateJsonRequest(std::string_view auth_token,
                           std::string_view signature, std::string_view url,
                           std::string_view body);

// Checks the Media Streams WebSocket upgrade (TWILIO.md §4.5): a GET with no
// parameters, signed over the wss:// URL. Accepts the variants of
// SignatureCandidateUrls for `wss_url` as given and with a trailing '/' added
// to (or removed from) its path, because Twilio's docs suggest trying both,
// and for a wss:// URL also each with ":443" (wss's real default port; the
// SDK rule above adds ":80").
Status ValidateWebSocketUpgrade(std::string_view auth_token,
                                std::string_view signature,
                                std::string_view wss_url);

// The URL Twilio requested, rebuilt from the configured public base URL and
// the request target the server received.
//
// `public_base_url` is what Twilio was told to call (SALESCOPILOT_PUBLIC_URL),
// e.g. "https://copilot.example.com" or "https://example.com:8443/copilot";
// scheme http or https, no query, no fragment, no userinfo; a trailing '/' is
// ignored. Its path, if any, is a prefix the proxy strips, so it is put back
// in front of the target. `request_target` is the origin-form target the
// server saw: path plus optional "?query", starting with '/', kept byte for
// byte (Twilio signs the query exactly as configured).
//
//   ("https://copilot.example.com", "/api/twilio-calls/status?x=1")
//     -> "https://copilot.example.com/api/twilio-calls/status?x=1"
//
// The Host header and X-Forwarded-* are deliberately not used: they are set by
// whoever sends the request, while the public URL is configuration.
StatusOr<std::string> PublicRequestUrl(std::string_view public_base_url,
                                       std::string_view request_target);

// The same for the Media Streams WebSocket upgrade: the scheme becomes wss
// (https base) or ws (http base), because Twilio signs the wss:// URL it
// connects to even when the proxy forwards it as https.
StatusOr<std::string> PublicWebSocketUrl(std::string_view public_base_url,
                                         std::string_view request_target);

// Validates a public base URL as PublicRequestUrl expects it and returns it
// without a trailing '/'. For config loading: fail at start-up, not per call.
StatusOr<std::string> NormalizePublicBaseUrl(std::string_view public_base_url);

}  // namespace sc::twilio
