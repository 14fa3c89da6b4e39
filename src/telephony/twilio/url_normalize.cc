#include "telephony/twilio/url_normalize.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

namespace sc::twilio::internal {
namespace {

// The parts twilio-node's splitUrl() finds: /^([a-z][a-z0-9+.-]*:\/\/)
// ([^/?#]*)/i, then userinfo up to the last '@' and the port after the last
// ':' outside an IPv6 literal.
struct SplitUrl {
  std::string_view scheme;    // "https://"
  std::string_view userinfo;  // "user:pass@" or ""
  std::string_view host;      // "example.com"
  std::string_view port;      // ":443" or ""
  std::string_view rest;      // "/path?query"
};

bool IsAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::optional<SplitUrl> Split(std::string_view url) {
  if (url.empty() || !IsAlpha(url[0])) return std::nullopt;
  size_t i = 1;
  while (i < url.size() && (IsAlpha(url[i]) || IsDigit(url[i]) ||
                            url[i] == '+' || url[i] == '.' || url[i] == '-')) {
    ++i;
  }
  if (url.substr(i, 3) != "://") return std::nullopt;
  const size_t prefix = i + 3;
  size_t end = prefix;
  while (end < url.size() && url[end] != '/' && url[end] != '?' &&
         url[end] != '#') {
    ++end;
  }
  std::string_view authority = url.substr(prefix, end - prefix);
  const size_t at = authority.rfind('@');
  const size_t host_start = at == std::string_view::npos ? 0 : at + 1;
  std::string_view host_port = authority.substr(host_start);
  const size_t bracket = host_port.rfind(']');
  const size_t colon =
      host_port.find(':', bracket == std::string_view::npos ? 0 : bracket + 1);
  SplitUrl s;
  s.scheme = url.substr(0, prefix);
  s.userinfo = authority.substr(0, host_start);
  s.host = host_port.substr(0, colon);
  s.port = colon == std::string_view::npos ? std::string_view()
                                           : host_port.substr(colon);
  s.rest = url.substr(end);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

const char kHex[] = "0123456789ABCDEF";

void AppendPercent(std::string& out, unsigned char c) {
  out += '%';
  out += kHex[c >> 4];
  out += kHex[c & 15];
}

enum class EncodeSet { kUserinfo, kPath, kSpecialQuery, kFragment };

// WHATWG URL percent-encode sets
// (https://url.spec.whatwg.org/#percent-encoded-bytes).
bool NeedsEncoding(unsigned char c, EncodeSet set) {
  if (c < 0x20 || c > 0x7E) return true;  // C0 control set and non-ASCII.
  switch (set) {
    case EncodeSet::kFragment:
      return c == ' ' || c == '"' || c == '<' || c == '>' || c == '`';
    case EncodeSet::kSpecialQuery:
      return c == ' ' || c == '"' || c == '#' || c == '<' || c == '>' ||
             c == '\'';
    case EncodeSet::kPath:
      return c == ' ' || c == '"' || c == '#' || c == '<' || c == '>' ||
             c == '?' || c == '`' || c == '{' || c == '}';
    case EncodeSet::kUserinfo:
      return c == ' ' || c == '"' || c == '#' || c == '<' || c == '>' ||
             c == '?' || c == '`' || c == '{' || c == '}' || c == '/' ||
             c == ':' || c == ';' || c == '=' || c == '@' || c == '[' ||
             c == '\\' || c == ']' || c == '^' || c == '|';
  }
  return false;
}

void AppendEncoded(std::string& out, std::string_view s, EncodeSet set) {
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (NeedsEncoding(c, set)) {
      AppendPercent(out, c);
    } else {
      out += ch;
    }
  }
}

bool IsSingleDot(std::string_view seg) {
  return seg == "." || Lower(seg) == "%2e";
}
bool IsDoubleDot(std::string_view seg) {
  const std::string l = Lower(seg);
  return l == ".." || l == ".%2e" || l == "%2e." || l == "%2e%2e";
}

// Forbidden domain code points of the WHATWG host parser (ASCII only).
bool ForbiddenHostChar(unsigned char c) {
  if (c <= 0x20 || c == 0x7F) return true;
  switch (c) {
    case '#':
    case '%':
    case '/':
    case ':':
    case '<':
    case '>':
    case '?':
    case '@':
    case '[':
    case '\\':
    case ']':
    case '^':
    case '|':
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string RemovePort(std::string_view url) {
  const std::optional<SplitUrl> s = Split(url);
  if (!s) return std::string(url);
  std::string out;
  out.reserve(url.size());
  out.append(s->scheme).append(s->userinfo).append(s->host).append(s->rest);
  return out;
}

std::string AddDefaultPort(std::string_view url) {
  const std::optional<SplitUrl> s = Split(url);
  if (!s) return std::string(url);
  return AddPort(url, Lower(s->scheme) == "https://" ? ":443" : ":80");
}

std::string AddPort(std::string_view url, std::string_view port) {
  const std::optional<SplitUrl> s = Split(url);
  if (!s || !s->port.empty()) return std::string(url);
  std::string out;
  out.reserve(url.size() + port.size());
  out.append(s->scheme)
      .append(s->userinfo)
      .append(s->host)
      .append(port)
      .append(s->rest);
  return out;
}

std::optional<std::string> WhatwgSerialize(std::string_view input) {
  // Leading/trailing C0 controls and spaces are stripped; tabs and newlines
  // anywhere are removed.
  while (!input.empty() && static_cast<unsigned char>(input.front()) <= 0x20) {
    input.remove_prefix(1);
  }
  while (!input.empty() && static_cast<unsigned char>(input.back()) <= 0x20) {
    input.remove_suffix(1);
  }
  std::string url;
  for (char c : input) {
    if (c != '\t' && c != '\n' && c != '\r') url += c;
  }
  const size_t colon = url.find(':');
  if (colon == std::string::npos) return std::nullopt;
  const std::string scheme = Lower(std::string_view(url).substr(0, colon));
  int default_port;
  if (scheme == "http" || scheme == "ws") {
    default_port = 80;
  } else if (scheme == "https" || scheme == "wss") {
    default_port = 443;
  } else {
    return std::nullopt;
  }
  size_t pos = colon + 1;
  while (pos < url.size() && (url[pos] == '/' || url[pos] == '\\')) ++pos;
  size_t auth_end = pos;
  while (auth_end < url.size() && url[auth_end] != '/' &&
         url[auth_end] != '\\' && url[auth_end] != '?' &&
         url[auth_end] != '#') {
    ++auth_end;
  }
  std::string_view authority =
      std::string_view(url).substr(pos, auth_end - pos);
  std::string out = scheme + "://";

  const size_t at = authority.rfind('@');
  if (at != std::string_view::npos) {
    std::string_view userinfo = authority.substr(0, at);
    authority.remove_prefix(at + 1);
    const size_t sep = userinfo.find(':');
    std::string user, pass;
    // '@' inside the userinfo is encoded by the userinfo set.
    AppendEncoded(user, userinfo.substr(0, sep), EncodeSet::kUserinfo);
    if (sep != std::string_view::npos) {
      AppendEncoded(pass, userinfo.substr(sep + 1), EncodeSet::kUserinfo);
    }
    if (!user.empty() || !pass.empty()) {
      out += user;
      if (!pass.empty()) out += ":" + pass;
      out += '@';
    }
  }
  std::string_view host = authority;
  std::string_view port;
  if (!host.empty() && host.front() == '[') {
    const size_t close = host.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    // IPv6 literals would need compression to canonical form; not attempted.
    return std::nullopt;
  }
  const size_t port_colon = host.find(':');
  if (port_colon != std::string_view::npos) {
    port = host.substr(port_colon + 1);
    host = host.substr(0, port_colon);
  }
  if (host.empty()) return std::nullopt;
  for (char c : host) {
    const auto u = static_cast<unsigned char>(c);
    // Percent-encoded and non-ASCII hosts need IDNA processing; skipped.
    if (u >= 0x80 || ForbiddenHostChar(u)) return std::nullopt;
  }
  std::string lower_host = Lower(host);
  // A host ending in a number is parsed as IPv4; only the plain dotted
  // decimal form is kept as is, the others are not normalised here.
  {
    std::string_view h = lower_host;
    if (!h.empty() && h.back() == '.') h.remove_suffix(1);
    const size_t dot = h.rfind('.');
    std::string_view last =
        dot == std::string_view::npos ? h : h.substr(dot + 1);
    const bool numeric_last =
        !last.empty() &&
        (std::all_of(last.begin(), last.end(), IsDigit) ||
         (last.size() >= 2 && last[0] == '0' && (last[1] == 'x')));
    if (numeric_last) {
      int parts = 0;
      size_t start = 0;
      std::string_view all = lower_host;
      while (true) {
        const size_t d = all.find('.', start);
        std::string_view part = all.substr(start, d == std::string_view::npos
                                                      ? std::string_view::npos
                                                      : d - start);
        if (part.empty() || part.size() > 3 ||
            !std::all_of(part.begin(), part.end(), IsDigit) ||
            (part.size() > 1 && part[0] == '0') ||
            std::atoi(std::string(part).c_str()) > 255) {
          return std::nullopt;
        }
        ++parts;
        if (d == std::string_view::npos) break;
        start = d + 1;
      }
      if (parts != 4) return std::nullopt;
    }
  }
  out += lower_host;
  if (!port.empty()) {
    if (!std::all_of(port.begin(), port.end(), IsDigit)) return std::nullopt;
    std::string_view digits = port;
    while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
    if (digits.size() > 5) return std::nullopt;
    const int value = std::atoi(std::string(digits).c_str());
    if (value > 65535) return std::nullopt;
    if (value != default_port) out += ":" + std::to_string(value);
  }

  // Path, with dot segments resolved.
  size_t path_end = auth_end;
  while (path_end < url.size() && url[path_end] != '?' &&
         url[path_end] != '#') {
    ++path_end;
  }
  std::string_view raw_path =
      std::string_view(url).substr(auth_end, path_end - auth_end);
  std::vector<std::string> segments;
  if (!raw_path.empty()) {
    raw_path.remove_prefix(1);  // The leading '/' or '\'.
    size_t start = 0;
    while (true) {
      size_t end = start;
      while (end < raw_path.size() && raw_path[end] != '/' &&
             raw_path[end] != '\\') {
        ++end;
      }
      const std::string_view seg = raw_path.substr(start, end - start);
      const bool last = end >= raw_path.size();
      if (IsDoubleDot(seg)) {
        if (!segments.empty()) segments.pop_back();
        if (last) segments.emplace_back();
      } else if (IsSingleDot(seg)) {
        if (last) segments.emplace_back();
      } else {
        std::string encoded;
        AppendEncoded(encoded, seg, EncodeSet::kPath);
        segments.push_back(std::move(encoded));
      }
      if (last) break;
      start = end + 1;
    }
  }
  if (segments.empty()) {
    out += '/';
  } else {
    for (const std::string& seg : segments) out += "/" + seg;
  }

  size_t q_end = path_end;
  if (path_end < url.size() && url[path_end] == '?') {
    q_end = url.find('#', path_end);
    if (q_end == std::string::npos) q_end = url.size();
    out += '?';
    AppendEncoded(
        out, std::string_view(url).substr(path_end + 1, q_end - path_end - 1),
        EncodeSet::kSpecialQuery);
  }
  if (q_end < url.size() && url[q_end] == '#') {
    out += '#';
    AppendEncoded(out, std::string_view(url).substr(q_end + 1),
                  EncodeSet::kFragment);
  }
  return out;
}

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// querystring.unescape: '+' is a space; %XX decoded; a malformed escape is
// kept literally.
std::string QsUnescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 &&
               HexValue(s[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// querystring.escape: everything but [A-Za-z0-9-_.!~*'()] as %XX.
void QsEscape(std::string& out, std::string_view s) {
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (IsAlpha(ch) || IsDigit(ch) || ch == '-' || ch == '_' || ch == '.' ||
        ch == '!' || ch == '~' || ch == '*' || ch == '\'' || ch == '(' ||
        ch == ')') {
      out += ch;
    } else {
      AppendPercent(out, c);
    }
  }
}

// A JavaScript array index ("0", "17"; below 2^32 - 1): such object keys are
// enumerated first, in numeric order.
bool IsArrayIndex(std::string_view key, uint64_t* value) {
  if (key.empty() || key.size() > 10) return false;
  if (!std::all_of(key.begin(), key.end(), IsDigit)) return false;
  if (key.size() > 1 && key[0] == '0') return false;
  *value = std::strtoull(std::string(key).c_str(), nullptr, 10);
  return *value < 4294967295ULL;
}

}  // namespace

std::string LegacyQuerystring(std::string_view url) {
  const size_t q = url.find('?');
  if (q == std::string_view::npos || q + 1 == url.size()) {
    return std::string(url);
  }
  std::string_view query = url.substr(q + 1);
  // Keys in first-appearance order, each with its values.
  std::vector<std::pair<std::string, std::vector<std::string>>> keys;
  size_t start = 0;
  int pairs = 0;
  while (start <= query.size() && pairs < 1000) {
    size_t end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    std::string_view piece = query.substr(start, end - start);
    if (!piece.empty()) {
      ++pairs;
      const size_t eq = piece.find('=');
      std::string key = QsUnescape(piece.substr(0, eq));
      std::string value = eq == std::string_view::npos
                              ? std::string()
                              : QsUnescape(piece.substr(eq + 1));
      auto it = std::find_if(keys.begin(), keys.end(),
                             [&](const auto& k) { return k.first == key; });
      if (it == keys.end()) {
        keys.push_back({std::move(key), {std::move(value)}});
      } else {
        it->second.push_back(std::move(value));
      }
    }
    if (end == query.size()) break;
    start = end + 1;
  }
  std::stable_sort(keys.begin(), keys.end(), [](const auto& a, const auto& b) {
    uint64_t va = 0, vb = 0;
    const bool ia = IsArrayIndex(a.first, &va);
    const bool ib = IsArrayIndex(b.first, &vb);
    if (ia != ib) return ia;
    return ia && va < vb;
  });
  std::string out(url.substr(0, q + 1));
  bool first = true;
  for (const auto& [key, values] : keys) {
    for (const std::string& value : values) {
      if (!first) out += '&';
      first = false;
      QsEscape(out, key);
      out += '=';
      QsEscape(out, value);
    }
  }
  return out;
}

}  // namespace sc::twilio::internal
