// A small TwiML (voice) builder whose output is what Twilio's official
// VoiceResponse (npm twilio 6.2.0) writes for the same verbs and attributes:
// the declaration `<?xml version="1.0" encoding="UTF-8"?>`, no whitespace
// between elements, empty elements as `<Hangup/>`, list attributes joined with
// one space, booleans as "true"/"false", and xmlbuilder's escaping (text:
// & < > CR; attributes: & < " TAB LF CR). Characters XML 1.0 forbids (C0
// controls other than TAB/LF/CR) are dropped, where xmlbuilder would throw.
// Attribute order is fixed per element, the order of the golden documents in
// TWILIO.md §2 (XML attribute order carries no meaning). What each verb means:
// TWILIO.md §2; what we return per case: docs/twilio.md §2.
//
//   VoiceResponse r;
//   r.Say("Please hold.", {.language = "en-US"}).Hangup();
//   std::string xml = r.ToXml();
//
// Unset optional fields (empty strings, empty lists, nullopt) are omitted.
//
// Thread-safety: a VoiceResponse is a plain value, not synchronised.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace sc::twilio {

// <Parameter name=".." value=".."/> pairs, in order.
using TwimlParameters = std::vector<std::pair<std::string, std::string>>;

enum class HttpMethod { kUnset, kGet, kPost };

struct StreamOptions {
  std::string url;    // wss://... (no query string: Twilio rejects it).
  std::string track;  // "inbound_track" (Twilio's default), "outbound_track",
                      // "both_tracks"; empty = omitted.
  std::string status_callback;
  HttpMethod status_callback_method = HttpMethod::kUnset;
  std::string name;
  TwimlParameters parameters;
};

struct SayOptions {
  std::string voice;     // e.g. "alice", "Polly.Joanna"; empty = Twilio's.
  std::string language;  // e.g. "en-US".
  std::optional<int> loop;
};

struct PlayOptions {
  std::optional<int> loop;  // 0 = until hang-up.
  std::string digits;
};

struct RecordOptions {
  std::string action;
  HttpMethod method = HttpMethod::kUnset;
  std::optional<int> timeout;  // Seconds of silence that end it.
  std::string finish_on_key;
  std::optional<int> max_length;  // Seconds.
  std::optional<bool> play_beep;
  std::string trim;  // "trim-silence" or "do-not-trim".
  std::string recording_status_callback;
  HttpMethod recording_status_callback_method = HttpMethod::kUnset;
  std::vector<std::string> recording_status_callback_event;
};

struct DialOptions {
  std::string action;
  HttpMethod method = HttpMethod::kUnset;
  std::optional<int> timeout;  // Seconds of ringing, 5-600.
  std::string caller_id;
  std::string record;  // e.g. "record-from-answer-dual"; empty = omitted.
  std::string recording_status_callback;
  HttpMethod recording_status_callback_method = HttpMethod::kUnset;
  std::vector<std::string> recording_status_callback_event;
  std::optional<bool> answer_on_bridge;
  std::optional<int> time_limit;  // Seconds.
};

// <Number>: a phone number leg of a <Dial>.
struct DialNumber {
  std::string number;  // E.164.
  std::string status_callback;
  std::vector<std::string> status_callback_event;  // "initiated ringing ..."
  HttpMethod status_callback_method = HttpMethod::kUnset;
};

// <Client>: a Voice SDK leg. With no `parameters` it is written in the plain
// form <Client>identity</Client>; with parameters as
// <Client><Identity>identity</Identity><Parameter .../></Client>.
struct DialClient {
  std::string identity;
  TwimlParameters parameters;
  std::string status_callback;
  std::vector<std::string> status_callback_event;
  HttpMethod status_callback_method = HttpMethod::kUnset;
};

// <Queue>: dequeue a caller (the other half of an <Enqueue> hold).
struct DialQueue {
  std::string name;
  std::string url;
};

using DialNoun = std::variant<DialNumber, DialClient, DialQueue>;

struct EnqueueOptions {
  std::string action;
  HttpMethod method = HttpMethod::kUnset;
  std::optional<std::string> wait_url;  // "" = silence (it is written).
  HttpMethod wait_url_method = HttpMethod::kUnset;
};

class VoiceResponse {
 public:
  VoiceResponse();
  ~VoiceResponse();
  VoiceResponse(const VoiceResponse&);
  VoiceResponse& operator=(const VoiceResponse&);
  VoiceResponse(VoiceResponse&&) noexcept;
  VoiceResponse& operator=(VoiceResponse&&) noexcept;

  // <Start><Stream .../></Start>: a unidirectional media stream; the
  // following verbs run while it streams.
  VoiceResponse& StartStream(const StreamOptions& stream);
  // <Connect><Stream .../></Connect>: a bidirectional stream.
  VoiceResponse& ConnectStream(const StreamOptions& stream);
  // <Stop><Stream name=".."/></Stop>.
  VoiceResponse& StopStream(std::string_view name);
  // <Dial ...> with the nouns in order (at least one).
  VoiceResponse& Dial(const DialOptions& options,
                      const std::vector<DialNoun>& nouns);
  VoiceResponse& Say(std::string_view text, const SayOptions& options = {});
  VoiceResponse& Play(std::string_view url, const PlayOptions& options = {});
  // <Pause/> or <Pause length="N"/>.
  VoiceResponse& Pause(std::optional<int> length_seconds = std::nullopt);
  VoiceResponse& Record(const RecordOptions& options);
  VoiceResponse& Redirect(std::string_view url,
                          HttpMethod method = HttpMethod::kUnset);
  VoiceResponse& Enqueue(std::string_view queue_name,
                         const EnqueueOptions& options = {});
  VoiceResponse& Hangup();

  // The whole document, declaration included.
  std::string ToXml() const;

 private:
  struct Element;
  std::vector<Element> verbs_;
};

}  // namespace sc::twilio
