#include "cli/twiml_reader.h"

#include <cstdint>

namespace sc::cli {
namespace {

// Decodes the XML entities TwiML builders write.
StatusOr<std::string> Unescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    const size_t semi = s.find(';', i);
    if (semi == std::string_view::npos) {
      return InvalidArgument("TwiML: unterminated entity");
    }
    std::string_view name = s.substr(i + 1, semi - i - 1);
    if (name == "amp") {
      out += '&';
    } else if (name == "lt") {
      out += '<';
    } else if (name == "gt") {
      out += '>';
    } else if (name == "quot") {
      out += '"';
    } else if (name == "apos") {
      out += '\'';
    } else if (name.size() > 1 && name[0] == '#') {
      uint32_t cp = 0;
      const bool hex = name[1] == 'x' || name[1] == 'X';
      for (char c : name.substr(hex ? 2 : 1)) {
        int d = c >= '0' && c <= '9'          ? c - '0'
                : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                              : -1;
        if (d < 0 || cp > 0x10FFFF) {
          return InvalidArgument("TwiML: bad character reference");
        }
        cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(d);
      }
      // UTF-8.
      if (cp < 0x80) {
        out += static_cast<char>(cp);
      } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
      } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
      } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
      }
    } else {
      return InvalidArgument("TwiML: unknown entity");
    }
    i = semi;
  }
  return out;
}

struct Tag {
  std::string name;
  std::map<std::string, std::string> attrs;
  bool closing = false;       // </Name>
  bool self_closing = false;  // <Name/>
};

// Parses the tag starting at xml[*pos] == '<'; leaves *pos after '>'.
StatusOr<Tag> ReadTag(std::string_view xml, size_t* pos) {
  const size_t end = xml.find('>', *pos);
  if (end == std::string_view::npos) {
    return InvalidArgument("TwiML: unterminated tag");
  }
  std::string_view body = xml.substr(*pos + 1, end - *pos - 1);
  *pos = end + 1;
  Tag tag;
  if (!body.empty() && body.front() == '/') {
    tag.closing = true;
    body.remove_prefix(1);
  }
  if (!body.empty() && body.back() == '/') {
    tag.self_closing = true;
    body.remove_suffix(1);
  }
  auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  };
  size_t i = 0;
  while (i < body.size() && !is_space(body[i])) tag.name += body[i++];
  while (true) {
    while (i < body.size() && is_space(body[i])) ++i;
    if (i >= body.size()) break;
    const size_t eq = body.find('=', i);
    if (eq == std::string_view::npos || eq + 1 >= body.size()) {
      return InvalidArgument("TwiML: malformed attribute in <" + tag.name +
                             ">");
    }
    std::string key(body.substr(i, eq - i));
    const char quote = body[eq + 1];
    if (quote != '"' && quote != '\'') {
      return InvalidArgument("TwiML: unquoted attribute in <" + tag.name + ">");
    }
    const size_t close = body.find(quote, eq + 2);
    if (close == std::string_view::npos) {
      return InvalidArgument("TwiML: unterminated attribute in <" + tag.name +
                             ">");
    }
    SC_ASSIGN_OR_RETURN(tag.attrs[key],
                        Unescape(body.substr(eq + 2, close - eq - 2)));
    i = close + 1;
  }
  if (tag.name.empty()) return InvalidArgument("TwiML: empty tag name");
  return tag;
}

std::string Attr(const Tag& t, const std::string& key) {
  auto it = t.attrs.find(key);
  return it == t.attrs.end() ? std::string() : it->second;
}

}  // namespace

StatusOr<TwimlPlan> ReadTwiml(std::string_view xml) {
  TwimlPlan plan;
  std::vector<std::string> open;  // Element names from the root down.
  std::string text;               // Text of the innermost element.
  bool saw_root = false;
  size_t pos = 0;
  while (pos < xml.size()) {
    if (xml[pos] != '<') {
      const size_t next = xml.find('<', pos);
      text += xml.substr(pos, next == std::string_view::npos
                                  ? std::string_view::npos
                                  : next - pos);
      if (next == std::string_view::npos) break;
      pos = next;
      continue;
    }
    if (xml.substr(pos, 2) == "<?") {  // The XML declaration.
      const size_t end = xml.find("?>", pos);
      if (end == std::string_view::npos) {
        return InvalidArgument("TwiML: unterminated declaration");
      }
      pos = end + 2;
      continue;
    }
    SC_ASSIGN_OR_RETURN(Tag tag, ReadTag(xml, &pos));
    if (tag.closing) {
      if (open.empty() || open.back() != tag.name) {
        return InvalidArgument("TwiML: </" + tag.name + "> does not close " +
                               (open.empty() ? "anything" : open.back()));
      }
      SC_ASSIGN_OR_RETURN(std::string value, Unescape(text));
      const std::string& parent = open.size() >= 2 ? open[open.size() - 2] : "";
      if (tag.name == "Say") plan.says.push_back(value);
      if (tag.name == "Number" && plan.dial) plan.dial->number = value;
      if (tag.name == "Client" && plan.dial && plan.dial->client.empty()) {
        plan.dial->client = value;
      }
      if (tag.name == "Identity" && parent == "Client" && plan.dial) {
        plan.dial->client = value;
      }
      open.pop_back();
      text.clear();
      continue;
    }
    if (!saw_root) {
      if (tag.name != "Response") {
        return InvalidArgument("TwiML: the root element must be <Response>");
      }
      saw_root = true;
    } else if (open.empty()) {
      return InvalidArgument("TwiML: content after </Response>");
    }
    const std::string parent = open.empty() ? "" : open.back();
    text.clear();
    if (tag.name == "Stream" && parent == "Start") {
      plan.stream = TwimlStream{Attr(tag, "url"), Attr(tag, "track"), {}};
    } else if (tag.name == "Parameter" && parent == "Stream" && plan.stream) {
      plan.stream->parameters[Attr(tag, "name")] = Attr(tag, "value");
    } else if (tag.name == "Dial") {
      TwimlDial d;
      d.action = Attr(tag, "action");
      d.record = Attr(tag, "record");
      d.recording_status_callback = Attr(tag, "recordingStatusCallback");
      d.caller_id = Attr(tag, "callerId");
      plan.dial = d;
    } else if ((tag.name == "Number" || tag.name == "Client") && plan.dial) {
      plan.dial->status_callback = Attr(tag, "statusCallback");
    } else if (tag.name == "Hangup") {
      plan.hangup = true;
    } else if (tag.name == "Record") {
      plan.record = true;
    }
    if (!tag.self_closing) open.push_back(tag.name);
  }
  if (!saw_root) return InvalidArgument("TwiML: no <Response>");
  if (!open.empty())
    return InvalidArgument("TwiML: <" + open.back() + "> is not closed");
  return plan;
}

}  // namespace sc::cli
