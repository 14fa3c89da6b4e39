#include "telephony/twilio/twiml.h"

namespace sc::twilio {

struct VoiceResponse::Element {
  std::string name;
  std::vector<std::pair<std::string, std::string>> attributes;
  std::string text;
  std::vector<Element> children;

  Element& Attr(std::string_view key, std::string_view value) {
    attributes.emplace_back(std::string(key), std::string(value));
    return *this;
  }
  // Omitted when empty.
  Element& OptAttr(std::string_view key, std::string_view value) {
    if (!value.empty()) Attr(key, value);
    return *this;
  }
  Element& OptAttr(std::string_view key, const std::optional<int>& value) {
    if (value) Attr(key, std::to_string(*value));
    return *this;
  }
  Element& OptAttr(std::string_view key, const std::optional<bool>& value) {
    if (value) Attr(key, *value ? "true" : "false");
    return *this;
  }
  Element& OptAttr(std::string_view key, HttpMethod method) {
    if (method == HttpMethod::kGet) Attr(key, "GET");
    if (method == HttpMethod::kPost) Attr(key, "POST");
    return *this;
  }
  // A list attribute, joined with single spaces as VoiceResponse does.
  Element& OptAttr(std::string_view key, const std::vector<std::string>& list) {
    if (list.empty()) return *this;
    std::string joined;
    for (const std::string& item : list) {
      if (!joined.empty()) joined += ' ';
      joined += item;
    }
    return Attr(key, joined);
  }
  Element& Child(std::string_view child_name) {
    children.push_back(Element{std::string(child_name), {}, {}, {}});
    return children.back();
  }
};

namespace {

// XML 1.0 allows TAB, LF, CR and everything from U+0020; other C0 controls
// cannot be written at all (xmlbuilder throws on them), so they are dropped.
bool IllegalXmlChar(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u < 0x20 && c != '\t' && c != '\n' && c != '\r';
}

// xmlbuilder's textEscape: & < > CR.
void AppendText(std::string& out, std::string_view s) {
  for (char c : s) {
    if (IllegalXmlChar(c)) continue;
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '\r':
        out += "&#xD;";
        break;
      default:
        out += c;
    }
  }
}

// xmlbuilder's attEscape: & < " TAB LF CR.
void AppendAttr(std::string& out, std::string_view s) {
  for (char c : s) {
    if (IllegalXmlChar(c)) continue;
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\t':
        out += "&#x9;";
        break;
      case '\n':
        out += "&#xA;";
        break;
      case '\r':
        out += "&#xD;";
        break;
      default:
        out += c;
    }
  }
}

}  // namespace

namespace {
template <typename E>
void Write(std::string& out, const E& e) {
  out += '<';
  out += e.name;
  for (const auto& [key, value] : e.attributes) {
    out += ' ';
    out += key;
    out += "=\"";
    AppendAttr(out, value);
    out += '"';
  }
  if (e.text.empty() && e.children.empty()) {
    out += "/>";
    return;
  }
  out += '>';
  AppendText(out, e.text);
  for (const auto& child : e.children) Write(out, child);
  out += "</";
  out += e.name;
  out += '>';
}

template <typename E>
void AddParameters(E& parent, const TwimlParameters& parameters) {
  for (const auto& [name, value] : parameters) {
    parent.Child("Parameter").Attr("name", name).Attr("value", value);
  }
}

template <typename E>
void AddStream(E& parent, const StreamOptions& o) {
  E& stream = parent.Child("Stream");
  stream.OptAttr("url", o.url)
      .OptAttr("track", o.track)
      .OptAttr("statusCallback", o.status_callback)
      .OptAttr("statusCallbackMethod", o.status_callback_method)
      .OptAttr("name", o.name);
  AddParameters(stream, o.parameters);
}
}  // namespace

VoiceResponse::VoiceResponse() = default;
VoiceResponse::~VoiceResponse() = default;
VoiceResponse::VoiceResponse(const VoiceResponse&) = default;
VoiceResponse& VoiceResponse::operator=(const VoiceResponse&) = default;
VoiceResponse::VoiceResponse(VoiceResponse&&) noexcept = default;
VoiceResponse& VoiceResponse::operator=(VoiceResponse&&) noexcept = default;

VoiceResponse& VoiceResponse::StartStream(const StreamOptions& stream) {
  verbs_.push_back(Element{"Start", {}, {}, {}});
  AddStream(verbs_.back(), stream);
  return *this;
}

VoiceResponse& VoiceResponse::ConnectStream(const StreamOptions& stream) {
  verbs_.push_back(Element{"Connect", {}, {}, {}});
  AddStream(verbs_.back(), stream);
  return *this;
}

VoiceResponse& VoiceResponse::StopStream(std::string_view name) {
  verbs_.push_back(Element{"Stop", {}, {}, {}});
  verbs_.back().Child("Stream").Attr("name", name);
  return *this;
}

VoiceResponse& VoiceResponse::Dial(const DialOptions& o,
                                   const std::vector<DialNoun>& nouns) {
  verbs_.push_back(Element{"Dial", {}, {}, {}});
  Element& dial = verbs_.back();
  dial.OptAttr("callerId", o.caller_id)
      .OptAttr("record", o.record)
      .OptAttr("recordingStatusCallback", o.recording_status_callback)
      .OptAttr("recordingStatusCallbackMethod",
               o.recording_status_callback_method)
      .OptAttr("recordingStatusCallbackEvent",
               o.recording_status_callback_event)
      .OptAttr("answerOnBridge", o.answer_on_bridge)
      .OptAttr("timeout", o.timeout)
      .OptAttr("timeLimit", o.time_limit)
      .OptAttr("action", o.action)
      .OptAttr("method", o.method);
  for (const DialNoun& noun : nouns) {
    if (const auto* n = std::get_if<DialNumber>(&noun)) {
      Element& e = dial.Child("Number");
      e.OptAttr("statusCallback", n->status_callback)
          .OptAttr("statusCallbackEvent", n->status_callback_event)
          .OptAttr("statusCallbackMethod", n->status_callback_method);
      e.text = n->number;
    } else if (const auto* c = std::get_if<DialClient>(&noun)) {
      Element& e = dial.Child("Client");
      e.OptAttr("statusCallback", c->status_callback)
          .OptAttr("statusCallbackEvent", c->status_callback_event)
          .OptAttr("statusCallbackMethod", c->status_callback_method);
      if (c->parameters.empty()) {
        e.text = c->identity;
      } else {
        e.Child("Identity").text = c->identity;
        AddParameters(e, c->parameters);
      }
    } else if (const auto* q = std::get_if<DialQueue>(&noun)) {
      Element& e = dial.Child("Queue");
      e.OptAttr("url", q->url);
      e.text = q->name;
    }
  }
  return *this;
}

VoiceResponse& VoiceResponse::Say(std::string_view text, const SayOptions& o) {
  verbs_.push_back(Element{"Say", {}, std::string(text), {}});
  verbs_.back()
      .OptAttr("voice", o.voice)
      .OptAttr("language", o.language)
      .OptAttr("loop", o.loop);
  return *this;
}

VoiceResponse& VoiceResponse::Play(std::string_view url, const PlayOptions& o) {
  verbs_.push_back(Element{"Play", {}, std::string(url), {}});
  verbs_.back().OptAttr("loop", o.loop).OptAttr("digits", o.digits);
  return *this;
}

VoiceResponse& VoiceResponse::Pause(std::optional<int> length_seconds) {
  verbs_.push_back(Element{"Pause", {}, {}, {}});
  verbs_.back().OptAttr("length", length_seconds);
  return *this;
}

VoiceResponse& VoiceResponse::Record(const RecordOptions& o) {
  verbs_.push_back(Element{"Record", {}, {}, {}});
  verbs_.back()
      .OptAttr("action", o.action)
      .OptAttr("method", o.method)
      .OptAttr("timeout", o.timeout)
      .OptAttr("finishOnKey", o.finish_on_key)
      .OptAttr("maxLength", o.max_length)
      .OptAttr("playBeep", o.play_beep)
      .OptAttr("trim", o.trim)
      .OptAttr("recordingStatusCallback", o.recording_status_callback)
      .OptAttr("recordingStatusCallbackMethod",
               o.recording_status_callback_method)
      .OptAttr("recordingStatusCallbackEvent",
               o.recording_status_callback_event);
  return *this;
}

VoiceResponse& VoiceResponse::Redirect(std::string_view url,
                                       HttpMethod method) {
  verbs_.push_back(Element{"Redirect", {}, std::string(url), {}});
  verbs_.back().OptAttr("method", method);
  return *this;
}

VoiceResponse& VoiceResponse::Enqueue(std::string_view queue_name,
                                      const EnqueueOptions& o) {
  verbs_.push_back(Element{"Enqueue", {}, std::string(queue_name), {}});
  Element& e = verbs_.back();
  if (o.wait_url) e.Attr("waitUrl", *o.wait_url);
  e.OptAttr("waitUrlMethod", o.wait_url_method)
      .OptAttr("action", o.action)
      .OptAttr("method", o.method);
  return *this;
}

VoiceResponse& VoiceResponse::Hangup() {
  verbs_.push_back(Element{"Hangup", {}, {}, {}});
  return *this;
}

std::string VoiceResponse::ToXml() const {
  std::string out = R"(<?xml version="1.0" encoding="UTF-8"?>)";
  if (verbs_.empty()) {
    out += "<Response/>";
    return out;
  }
  out += "<Response>";
  for (const Element& verb : verbs_) Write(out, verb);
  out += "</Response>";
  return out;
}

}  // namespace sc::twilio
