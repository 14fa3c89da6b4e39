#include "telephony/twilio/signature.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <span>

#include "telephony/twilio/base64.h"
#include "telephony/twilio/url_normalize.h"

namespace sc::twilio {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t n;
    uint32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      n = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + n >= s.size()) return false;
    for (size_t k = 1; k <= n; ++k) {
      const auto d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF.
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) ||
        (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += n + 1;
  }
  return true;
}

StatusOr<std::string> FormDecode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%') {
      if (i + 2 >= s.size()) {
        return InvalidArgument("form body: truncated percent escape");
      }
      const int hi = HexValue(s[i + 1]);
      const int lo = HexValue(s[i + 2]);
      if (hi < 0 || lo < 0) {
        return InvalidArgument("form body: malformed percent escape");
      }
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += s[i];
    }
  }
  if (!IsValidUtf8(out)) return InvalidArgument("form body: invalid UTF-8");
  return out;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  // The length of a signature is public (28 base64 characters); only the
  // content must not leak through timing.
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool MatchesAny(std::string_view auth_token, std::string_view signature,
                const std::vector<std::string>& urls,
                const FormParams& params) {
  bool match = false;
  // Every candidate is computed, so timing does not reveal which one matched.
  for (const std::string& url : urls) {
    match |= ConstantTimeEquals(signature,
                                ComputeSignature(auth_token, url, params));
  }
  return match;
}

// The value of query parameter `name` in `url` (first occurrence, not
// decoded), or nullopt.
std::optional<std::string_view> QueryParam(std::string_view url,
                                           std::string_view name) {
  const size_t q = url.find('?');
  if (q == std::string_view::npos) return std::nullopt;
  std::string_view query = url.substr(q + 1);
  const size_t hash = query.find('#');
  if (hash != std::string_view::npos) query = query.substr(0, hash);
  while (!query.empty()) {
    const size_t amp = query.find('&');
    std::string_view piece = query.substr(0, amp);
    const size_t eq = piece.find('=');
    if (piece.substr(0, eq) == name) {
      return eq == std::string_view::npos ? std::string_view()
                                          : piece.substr(eq + 1);
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

std::string ToggleTrailingSlash(std::string_view url) {
  size_t end = url.find_first_of("?#");
  if (end == std::string_view::npos) end = url.size();
  std::string out(url.substr(0, end));
  const size_t scheme_end = url.find("://");
  const size_t path_start =
      scheme_end == std::string_view::npos ? 0 : url.find('/', scheme_end + 3);
  if (!out.empty() && out.back() == '/' && path_start != std::string::npos &&
      path_start + 1 < out.size()) {
    out.pop_back();  // "/media/" -> "/media", but never the root "/".
  } else if (out.empty() || out.back() != '/') {
    out += '/';
  }
  out.append(url.substr(end));
  return out;
}

}  // namespace

StatusOr<FormParams> ParseFormUrlEncoded(std::string_view body) {
  FormParams params;
  while (!body.empty()) {
    const size_t amp = body.find('&');
    std::string_view piece = body.substr(0, amp);
    if (!piece.empty()) {
      const size_t eq = piece.find('=');
      SC_ASSIGN_OR_RETURN(std::string name, FormDecode(piece.substr(0, eq)));
      std::string value;
      if (eq != std::string_view::npos) {
        SC_ASSIGN_OR_RETURN(value, FormDecode(piece.substr(eq + 1)));
      }
      params.emplace_back(std::move(name), std::move(value));
    }
    if (amp == std::string_view::npos) break;
    body.remove_prefix(amp + 1);
  }
  return params;
}

std::string ComputeSignature(std::string_view auth_token, std::string_view url,
                             const FormParams& params) {
  // Names in byte order; each name's distinct values in byte order
  // (std::string compares as unsigned bytes).
  std::map<std::string_view, std::set<std::string_view>> sorted;
  for (const auto& [name, value] : params) sorted[name].insert(value);
  std::string data(url);
  for (const auto& [name, values] : sorted) {
    for (std::string_view value : values) {
      data.append(name);
      data.append(value);
    }
  }
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  HMAC(EVP_sha1(), auth_token.data(), static_cast<int>(auth_token.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac,
       &mac_len);
  std::string out;
  Base64Encode(std::span<const uint8_t>(mac, mac_len), out);
  return out;
}

std::string BodySha256Hex(std::string_view body) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(body.data()), body.size(),
         digest);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * SHA256_DIGEST_LENGTH);
  for (unsigned char c : digest) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

StatusOr<std::vector<std::string>> SignatureCandidateUrls(
    std::string_view url) {
  if (url.find("://") == std::string_view::npos) {
    return InvalidArgument("signature: URL has no scheme");
  }
  std::vector<std::string> out;
  auto add = [&out](std::string candidate) {
    if (std::find(out.begin(), out.end(), candidate) == out.end()) {
      out.push_back(std::move(candidate));
    }
  };
  add(internal::RemovePort(url));
  add(internal::AddDefaultPort(url));
  if (std::optional<std::string> normal = internal::WhatwgSerialize(url)) {
    const std::string without = internal::RemovePort(*normal);
    const std::string with = internal::AddDefaultPort(*normal);
    add(without);
    add(with);
    add(internal::LegacyQuerystring(without));
    add(internal::LegacyQuerystring(with));
  }
  return out;
}

Status ValidateFormRequest(std::string_view auth_token,
                           std::string_view signature, std::string_view url,
                           const FormParams& params) {
  if (signature.empty()) return Unauthenticated("missing X-Twilio-Signature");
  SC_ASSIGN_OR_RETURN(std::vector<std::string> urls,
                      SignatureCandidateUrls(url));
  if (!MatchesAny(auth_token, signature, urls, params)) {
    return Unauthenticated("signature mismatch");
  }
  return Status::Ok();
}

Status ValidateJsonRequest(std::string_view auth_token,
                           std::string_view signature, std::string_view url,
                           std::string_view body) {
  SC_RETURN_IF_ERROR(ValidateFormRequest(auth_token, signature, url, {}));
  const std::optional<std::string_view> hash = QueryParam(url, "bodySHA256");
  if (!hash || !ConstantTimeEquals(*hash, BodySha256Hex(body))) {
    return Unauthenticated("body hash mismatch");
  }
  return Status::Ok();
}

Status ValidateWebSocketUpgrade(std::string_view auth_token,
                                std::string_view signature,
                                std::string_view wss_url) {
  if (signature.empty()) return Unauthenticated("missing X-Twilio-Signature");
  SC_ASSIGN_OR_RETURN(std::vector<std::string> urls,
                      SignatureCandidateUrls(wss_url));
  const std::string toggled_url = ToggleTrailingSlash(wss_url);
  SC_ASSIGN_OR_RETURN(std::vector<std::string> toggled,
                      SignatureCandidateUrls(toggled_url));
  // The SDK rule adds ":80" to every non-https scheme, but wss's own default
  // port is 443, which is where Twilio connects.
  if (wss_url.starts_with("wss://")) {
    toggled.push_back(internal::AddPort(wss_url, ":443"));
    toggled.push_back(internal::AddPort(toggled_url, ":443"));
  }
  for (std::string& u : toggled) {
    if (std::find(urls.begin(), urls.end(), u) == urls.end()) {
      urls.push_back(std::move(u));
    }
  }
  if (!MatchesAny(auth_token, signature, urls, {})) {
    return Unauthenticated("signature mismatch");
  }
  return Status::Ok();
}

StatusOr<std::string> NormalizePublicBaseUrl(std::string_view base) {
  std::string_view rest;
  if (base.starts_with("https://")) {
    rest = base.substr(8);
  } else if (base.starts_with("http://")) {
    rest = base.substr(7);
  } else {
    return InvalidArgument(
        "public base URL must start with http:// or https://");
  }
  if (base.find_first_of("?#") != std::string_view::npos) {
    return InvalidArgument("public base URL must have no query or fragment");
  }
  const size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  if (authority.empty()) return InvalidArgument("public base URL has no host");
  if (authority.find('@') != std::string_view::npos) {
    return InvalidArgument("public base URL must not contain credentials");
  }
  for (char c : base) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) {
      return InvalidArgument("public base URL contains spaces or controls");
    }
  }
  while (base.size() > 1 && base.back() == '/') base.remove_suffix(1);
  return std::string(base);
}

StatusOr<std::string> PublicRequestUrl(std::string_view public_base_url,
                                       std::string_view request_target) {
  SC_ASSIGN_OR_RETURN(std::string base,
                      NormalizePublicBaseUrl(public_base_url));
  if (!request_target.starts_with('/')) {
    return InvalidArgument("request target must start with '/'");
  }
  base.append(request_target);
  return base;
}

StatusOr<std::string> PublicWebSocketUrl(std::string_view public_base_url,
                                         std::string_view request_target) {
  StatusOr<std::string> url = PublicRequestUrl(public_base_url, request_target);
  if (!url.ok()) return url.status();
  // The base was checked to be http:// or https://.
  const std::string& http = *url;
  if (http.starts_with("https://")) return "wss://" + http.substr(8);
  return "ws://" + http.substr(7);
}

}  // namespace sc::twilio
