#include "telephony/twilio/rest_wire.h"

#include <openssl/evp.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <cmath>

namespace sc::twilio {
namespace json = boost::json;

namespace {

bool IsUnreserved(unsigned char c) {
  return std::isalnum(c) != 0 || c == '-' || c == '.' || c == '_' || c == '~';
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(c));
  return out;
}

}  // namespace

std::string PercentEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    if (IsUnreserved(c)) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::string FormEncode(const FormFields& fields) {
  std::string out;
  for (const auto& [key, value] : fields) {
    if (!out.empty()) out.push_back('&');
    out += PercentEncode(key);
    out.push_back('=');
    out += PercentEncode(value);
  }
  return out;
}

std::string BasicAuthorization(std::string_view username,
                               std::string_view password) {
  std::string plain;
  plain.reserve(username.size() + 1 + password.size());
  plain.append(username).push_back(':');
  plain.append(password);
  std::string encoded(4 * ((plain.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()),
                          reinterpret_cast<const unsigned char*>(plain.data()),
                          static_cast<int>(plain.size()));
  encoded.resize(static_cast<size_t>(n));
  // The plain text holds the secret: wipe it before the memory is reused.
  OPENSSL_cleanse(plain.data(), plain.size());
  return "Basic " + encoded;
}

std::string HttpUrl::Origin() const {
  return std::string(scheme == UrlScheme::kHttps ? "https://" : "http://") +
         host + ":" + port;
}

std::string HttpUrl::ToString() const {
  const bool default_port = (scheme == UrlScheme::kHttps && port == "443") ||
                            (scheme == UrlScheme::kHttp && port == "80");
  return std::string(scheme == UrlScheme::kHttps ? "https://" : "http://") +
         host + (default_port ? "" : ":" + port) + target;
}

StatusOr<HttpUrl> ParseHttpUrl(std::string_view url) {
  HttpUrl out;
  std::string_view rest;
  const std::string lower = Lower(url.substr(0, 8));
  if (lower.rfind("https://", 0) == 0) {
    out.scheme = UrlScheme::kHttps;
    out.port = "443";
    rest = url.substr(8);
  } else if (lower.rfind("http://", 0) == 0) {
    out.scheme = UrlScheme::kHttp;
    out.port = "80";
    rest = url.substr(7);
  } else {
    return InvalidArgument("URL must start with http:// or https://");
  }
  if (rest.find('#') != std::string_view::npos) {
    return InvalidArgument("URL must not have a fragment");
  }
  size_t slash = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, slash);
  if (slash != std::string_view::npos) {
    out.target = std::string(rest.substr(slash));
    if (out.target[0] == '?') out.target.insert(out.target.begin(), '/');
  }
  if (authority.find('@') != std::string_view::npos) {
    return InvalidArgument("URL must not carry credentials (userinfo)");
  }
  if (!authority.empty() && authority[0] == '[') {
    return InvalidArgument("IPv6 literal hosts are not supported");
  }
  size_t colon = authority.rfind(':');
  if (colon != std::string_view::npos) {
    std::string_view port = authority.substr(colon + 1);
    if (port.empty() || port.size() > 5 ||
        !std::all_of(port.begin(), port.end(),
                     [](char c) { return c >= '0' && c <= '9'; })) {
      return InvalidArgument("URL has a bad port");
    }
    const int number = std::stoi(std::string(port));
    if (number < 1 || number > 65535) {
      return InvalidArgument("URL port is out of range");
    }
    out.port = std::string(port);
    authority = authority.substr(0, colon);
  }
  if (authority.empty()) return InvalidArgument("URL has no host");
  for (char c : authority) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' ||
          c == '_')) {
      return InvalidArgument("URL host has a character not allowed in DNS");
    }
  }
  out.host = Lower(authority);
  return out;
}

StatusOr<HttpUrl> ResolveLocation(const HttpUrl& base,
                                  std::string_view location) {
  if (location.rfind("//", 0) == 0) {
    return ParseHttpUrl(
        (base.scheme == UrlScheme::kHttps ? "https:" : "http:") +
        std::string(location));
  }
  if (!location.empty() && location[0] == '/') {
    HttpUrl out = base;
    out.target = std::string(location.substr(0, location.find('#')));
    return out;
  }
  return ParseHttpUrl(location.substr(0, location.find('#')));
}

TwilioError ParseTwilioError(int http_status, std::string_view body) {
  TwilioError e;
  e.http_status = http_status;
  boost::system::error_code ec;
  json::value v = json::parse(json::string_view(body.data(), body.size()), ec);
  if (!ec && v.is_object()) {
    const json::object& o = v.get_object();
    if (auto* c = o.if_contains("code")) {
      if (c->is_int64()) e.code = static_cast<int>(c->get_int64());
      if (c->is_uint64()) e.code = static_cast<int>(c->get_uint64());
    }
    if (auto* m = o.if_contains("message"); m && m->is_string()) {
      e.message = ScrubPersonalData(std::string(m->get_string()));
    }
    if (auto* i = o.if_contains("more_info"); i && i->is_string()) {
      e.more_info = std::string(i->get_string());
    }
  }
  if (e.message.empty()) {
    e.message = "response body is not Twilio error JSON (" +
                std::to_string(body.size()) + " bytes)";
  }
  return e;
}

Status TwilioErrorToStatus(const TwilioError& e, std::string_view operation) {
  std::string text = std::string(operation) + ": Twilio error ";
  text += e.code != 0 ? std::to_string(e.code) : std::string("(no code)");
  text += " (HTTP " + std::to_string(e.http_status) + "): " + e.message;
  if (!e.more_info.empty()) text += " [" + e.more_info + "]";
  StatusCode code;
  const int s = e.http_status;
  if (e.code == 20003 || s == 401) {
    code = StatusCode::kUnauthenticated;
  } else if (e.code == 20005 || e.code == 20008 || s == 403) {
    code = StatusCode::kPermissionDenied;
  } else if (e.code == 20404 || s == 404) {
    code = StatusCode::kNotFound;
  } else if (e.code == 21220 || s == 409) {
    code = StatusCode::kFailedPrecondition;
  } else if (e.code == 20429 || s == 429) {
    code = StatusCode::kResourceExhausted;
  } else if (s >= 400 && s < 500) {
    code = StatusCode::kInvalidArgument;
  } else if (s >= 500) {
    code = StatusCode::kUnavailable;
  } else {
    // A 1xx/3xx that ended a request: Twilio never answers so, so treat it
    // as a broken dependency rather than a caller error.
    code = StatusCode::kUnavailable;
  }
  return Status(code, std::move(text));
}

namespace {

// One whitespace-separated token of a message, with the part of it that
// remains once quotes and trailing punctuation are set aside.
struct Token {
  size_t begin = 0, end = 0;            // The token in the text.
  size_t core_begin = 0, core_end = 0;  // Without quotes and punctuation.
  int digits = 0;
  bool phone_chars = false;  // Only digits and +-(). in the core.
  bool identity = false;     // client:... or sip:...
};

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < text.size()) {
    if (std::isspace(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    Token t;
    t.begin = i;
    while (i < text.size() &&
           !std::isspace(static_cast<unsigned char>(text[i])))
      ++i;
    t.end = i;
    t.core_begin = t.begin;
    t.core_end = t.end;
    while (t.core_begin < t.core_end &&
           (text[t.core_begin] == '\'' || text[t.core_begin] == '"'))
      ++t.core_begin;
    while (t.core_end > t.core_begin &&
           std::string_view("'\".,;:").find(text[t.core_end - 1]) !=
               std::string_view::npos)
      --t.core_end;
    std::string_view core =
        text.substr(t.core_begin, t.core_end - t.core_begin);
    t.phone_chars = !core.empty();
    for (char c : core) {
      if (c >= '0' && c <= '9') {
        ++t.digits;
      } else if (std::string_view("+-().").find(c) == std::string_view::npos) {
        t.phone_chars = false;
      }
    }
    const std::string lower = Lower(core);
    t.identity = lower.rfind("client:", 0) == 0 || lower.rfind("sip:", 0) == 0;
    tokens.push_back(t);
  }
  return tokens;
}

}  // namespace

std::string ScrubPersonalData(std::string_view text) {
  const std::vector<Token> tokens = Tokenize(text);
  std::string out;
  size_t copied = 0;  // Text before this offset is already in `out`.
  for (size_t i = 0; i < tokens.size();) {
    size_t last = i;
    bool redact = tokens[i].identity;
    if (!redact && tokens[i].phone_chars) {
      // A number may be written in groups ("+1 555 123 4567"): a run of
      // phone-character tokens counts as one.
      int digits = tokens[i].digits;
      while (last + 1 < tokens.size() && tokens[last + 1].phone_chars &&
             tokens[last].core_end == tokens[last].end &&
             tokens[last + 1].core_begin == tokens[last + 1].begin) {
        ++last;
        digits += tokens[last].digits;
      }
      redact = digits >= 6;
    }
    if (redact) {
      out.append(text.substr(copied, tokens[i].core_begin - copied));
      out += "[redacted]";
      copied = tokens[last].core_end;
    }
    i = last + 1;
  }
  out.append(text.substr(copied));
  return out;
}

bool IsRetryableHttpStatus(int s) {
  return s == 429 || (s >= 500 && s <= 599 && s != 501);
}

std::chrono::milliseconds RetryDelay(
    int retry, std::chrono::milliseconds initial, std::chrono::milliseconds max,
    RetryJitter jitter, double unit_random,
    std::optional<std::chrono::seconds> retry_after) {
  const double exp = std::ldexp(static_cast<double>(initial.count()),
                                std::clamp(retry, 0, 30));
  double backoff = std::min(static_cast<double>(max.count()), exp);
  if (jitter == RetryJitter::kFull) {
    backoff *= std::clamp(unit_random, 0.0, 1.0);
  }
  auto delay = std::chrono::milliseconds(static_cast<int64_t>(backoff));
  if (retry_after) {
    auto server = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::min(*retry_after, std::chrono::seconds(30)));
    delay = std::max(delay, server);
  }
  return delay;
}

std::optional<std::chrono::seconds> ParseRetryAfter(std::string_view value) {
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  if (value.empty() || value.size() > 6) return std::nullopt;
  int64_t n = 0;
  for (char c : value) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return std::chrono::seconds(n);
}

bool IsTwilioSid(std::string_view sid, std::string_view prefix) {
  if (sid.size() != prefix.size() + 32 ||
      sid.substr(0, prefix.size()) != prefix)
    return false;
  return std::all_of(sid.begin() + static_cast<ptrdiff_t>(prefix.size()),
                     sid.end(), [](char c) { return HexValue(c) >= 0; });
}

}  // namespace sc::twilio
