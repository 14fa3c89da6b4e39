// URL rewriting used by signature validation (signature.h): the same
// candidate URLs the official twilio-node 6.2.0 `validateRequest` tries.
// Internal to sc_twilio; docs/twilio.md §1 lists the variants.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sc::twilio::internal {

// The URL with its ":port" removed (userinfo, path and query untouched), or
// the input when it has no "scheme://" prefix.
std::string RemovePort(std::string_view url);

// The URL with `port` (e.g. ":443") added when it has none; the input when it
// already has a port or no "scheme://" prefix.
std::string AddPort(std::string_view url, std::string_view port);

// The URL with the default port added when it has none: ":443" for https,
// ":80" for every other scheme (including wss, as the SDKs do). The input when
// it already has a port or no "scheme://" prefix.
std::string AddDefaultPort(std::string_view url);

// What a WHATWG URL serialiser (Node's `new URL(url).toString()`) writes for
// an http, https, ws or wss URL: scheme and host lower-cased, the scheme's
// default port dropped, '\' read as '/', "." and ".." path segments resolved,
// an empty path written "/", and characters outside each component's allowed
// set percent-encoded ("'" in the query as %27, non-ASCII as UTF-8 %XX).
// nullopt for other schemes and for URLs the parser rejects or that need
// IDNA (a non-ASCII host), where no normalised variant is tried.
std::optional<std::string> WhatwgSerialize(std::string_view url);

// The URL with its query string re-encoded as Node's legacy `querystring`
// module does (`stringify(parse(query))`): '+' and %XX decoded, repeated keys
// grouped at their first position, integer-like keys first, and every byte
// other than [A-Za-z0-9-_.!~*'()] percent-encoded. The input when it has no
// query or an empty one.
std::string LegacyQuerystring(std::string_view url);

}  // namespace sc::twilio::internal
