#include "telephony/twilio/access_token.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstdio>
#include <span>

#include "telephony/twilio/base64.h"

namespace sc::twilio {
namespace {

// JSON string literal as JavaScript's JSON.stringify writes it: quotes,
// backslash and control characters escaped (short forms where they exist),
// everything else, including non-ASCII UTF-8 and '/', verbatim.
void AppendJsonString(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x",
                        static_cast<unsigned char>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void AppendKey(std::string& out, std::string_view key) {
  AppendJsonString(out, key);
  out += ':';
}

std::string Base64Url(std::string_view bytes) {
  std::string b64;
  Base64Encode(
      std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(bytes.data()),
                               bytes.size()),
      b64);
  std::string out;
  out.reserve(b64.size());
  for (char c : b64) {
    if (c == '=') break;
    out += c == '+' ? '-' : c == '/' ? '_' : c;
  }
  return out;
}

StatusOr<std::string> Base64UrlDecode(std::string_view text) {
  std::string b64;
  b64.reserve(text.size() + 3);
  for (char c : text) {
    if (c == '+' || c == '/' || c == '=') {
      return InvalidArgument("access token: not base64url");
    }
    b64 += c == '-' ? '+' : c == '_' ? '/' : c;
  }
  if (b64.size() % 4 == 1) return InvalidArgument("access token: bad length");
  while (b64.size() % 4 != 0) b64 += '=';
  std::vector<uint8_t> bytes;
  Status s = Base64Decode(b64, bytes);
  if (!s.ok()) return InvalidArgument("access token: not base64url");
  return std::string(bytes.begin(), bytes.end());
}

std::string HmacSha256(std::string_view key, std::string_view data) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac,
       &mac_len);
  return std::string(reinterpret_cast<const char*>(mac), mac_len);
}

Status CheckSid(std::string_view sid, std::string_view prefix,
                std::string_view what) {
  if (sid.size() < 3 || !sid.starts_with(prefix)) {
    return InvalidArgument("access token: " + std::string(what) +
                           " must start with " + std::string(prefix));
  }
  for (char c : sid) {
    const bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                    (c >= 'A' && c <= 'Z');
    if (!ok) {
      return InvalidArgument("access token: " + std::string(what) +
                             " has invalid characters");
    }
  }
  return Status::Ok();
}

std::string VoiceGrantJson(const VoiceGrant& g) {
  // The key order of twilio-node's VoiceGrant.toPayload().
  std::string out = "{";
  bool first = true;
  auto comma = [&out, &first] {
    if (!first) out += ',';
    first = false;
  };
  if (g.incoming == IncomingCalls::kAllow) {
    comma();
    out += R"("incoming":{"allow":true})";
  }
  if (!g.outgoing_application_sid.empty()) {
    comma();
    AppendKey(out, "outgoing");
    out += '{';
    AppendKey(out, "application_sid");
    AppendJsonString(out, g.outgoing_application_sid);
    if (!g.outgoing_params.empty()) {
      out += ',';
      AppendKey(out, "params");
      out += '{';
      bool first_param = true;
      for (const auto& [key, value] : g.outgoing_params) {
        if (!first_param) out += ',';
        first_param = false;
        AppendKey(out, key);
        AppendJsonString(out, value);
      }
      out += '}';
    }
    out += '}';
  }
  if (!g.push_credential_sid.empty()) {
    comma();
    AppendKey(out, "push_credential_sid");
    AppendJsonString(out, g.push_credential_sid);
  }
  if (!g.endpoint_id.empty()) {
    comma();
    AppendKey(out, "endpoint_id");
    AppendJsonString(out, g.endpoint_id);
  }
  out += '}';
  return out;
}

}  // namespace

StatusOr<std::string> CreateAccessToken(const AccessTokenRequest& request,
                                        const AccessTokenOptions& options,
                                        const Clock& clock) {
  SC_RETURN_IF_ERROR(CheckSid(request.account_sid, "AC", "account SID"));
  SC_RETURN_IF_ERROR(CheckSid(request.api_key_sid, "SK", "API key SID"));
  if (!request.voice.outgoing_application_sid.empty()) {
    SC_RETURN_IF_ERROR(CheckSid(request.voice.outgoing_application_sid, "AP",
                                "TwiML App SID"));
  }
  if (request.api_key_secret.empty()) {
    return InvalidArgument("access token: API key secret is empty");
  }
  if (request.identity.empty() || request.identity.size() > 121) {
    return InvalidArgument("access token: identity must be 1-121 characters");
  }
  for (char c : request.identity) {
    const bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                    (c >= 'A' && c <= 'Z') || c == '_';
    if (!ok) {
      return InvalidArgument(
          "access token: identity may contain only [A-Za-z0-9_]");
    }
  }
  if (options.ttl_seconds < 60 || options.ttl_seconds > 86400) {
    return InvalidArgument("access token: TTL must be 60-86400 seconds");
  }
  // Whole seconds, floored, as Math.floor(Date.now() / 1000).
  const int64_t now_ms = clock.NowUnixMs();
  const int64_t now = now_ms >= 0 ? now_ms / 1000 : -((-now_ms + 999) / 1000);

  // {"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1"[,"twr":region]}: the
  // order jsonwebtoken writes for twilio-node's header options.
  std::string header = R"({"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1")";
  if (!options.region.empty()) {
    header += ',';
    AppendKey(header, "twr");
    AppendJsonString(header, options.region);
  }
  header += '}';

  // {"jti","grants",["nbf"],"iat","exp","iss","sub"}: twilio-node's payload,
  // then the registered claims jsonwebtoken appends.
  std::string payload = "{";
  AppendKey(payload, "jti");
  AppendJsonString(payload, request.api_key_sid + "-" + std::to_string(now));
  payload += ',';
  AppendKey(payload, "grants");
  payload += '{';
  AppendKey(payload, "identity");
  AppendJsonString(payload, request.identity);
  payload += ',';
  AppendKey(payload, "voice");
  payload += VoiceGrantJson(request.voice);
  payload += '}';
  if (options.not_before == NotBefore::kNow) {
    payload += ",\"nbf\":" + std::to_string(now);
  }
  payload += ",\"iat\":" + std::to_string(now);
  payload += ",\"exp\":" + std::to_string(now + options.ttl_seconds);
  payload += ',';
  AppendKey(payload, "iss");
  AppendJsonString(payload, request.api_key_sid);
  payload += ',';
  AppendKey(payload, "sub");
  AppendJsonString(payload, request.account_sid);
  payload += '}';

  std::string signing_input = Base64Url(header) + "." + Base64Url(payload);
  const std::string mac = HmacSha256(request.api_key_secret, signing_input);
  return signing_input + "." + Base64Url(mac);
}

StatusOr<DecodedToken> VerifyAccessToken(std::string_view jwt,
                                         std::string_view secret) {
  const size_t dot1 = jwt.find('.');
  const size_t dot2 =
      dot1 == std::string_view::npos ? dot1 : jwt.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos ||
      jwt.find('.', dot2 + 1) != std::string_view::npos) {
    return InvalidArgument("access token: not three dot-separated parts");
  }
  DecodedToken decoded;
  SC_ASSIGN_OR_RETURN(decoded.header_json,
                      Base64UrlDecode(jwt.substr(0, dot1)));
  SC_ASSIGN_OR_RETURN(decoded.payload_json,
                      Base64UrlDecode(jwt.substr(dot1 + 1, dot2 - dot1 - 1)));
  SC_ASSIGN_OR_RETURN(std::string signature,
                      Base64UrlDecode(jwt.substr(dot2 + 1)));
  const std::string expected = HmacSha256(secret, jwt.substr(0, dot2));
  if (signature.size() != expected.size() ||
      CRYPTO_memcmp(signature.data(), expected.data(), expected.size()) != 0) {
    return Unauthenticated("access token: bad signature");
  }
  return decoded;
}

}  // namespace sc::twilio
