#include "telephony/twilio/media_stream.h"

#include <array>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parser.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <exception>
#include <span>
#include <utility>

#include "audio/ulaw.h"
#include "core/log.h"
#include "telephony/twilio/base64.h"

namespace sc::twilio {
namespace json = boost::json;

namespace {

constexpr std::string_view kInbound = "inbound";
constexpr std::string_view kOutbound = "outbound";
// The largest integer we accept in any field: 18 digits cannot overflow.
constexpr int64_t kMaxInteger = 999'999'999'999'999'999;

// Quotes a protocol token (event or track name) for an error message:
// bounded length, printable ASCII only, so a hostile peer cannot flood or
// corrupt the log through a Status message.
std::string Quote(std::string_view token) {
  constexpr size_t kMax = 32;
  std::string q = "'";
  for (size_t i = 0; i < token.size() && i < kMax; ++i) {
    const char c = token[i];
    q += (c >= 0x20 && c < 0x7f) ? c : '?';
  }
  if (token.size() > kMax) q += "...";
  q += "'";
  return q;
}

std::string_view View(const json::string& s) { return {s.data(), s.size()}; }

Status Missing(std::string_view where, std::string_view field) {
  return InvalidArgument(std::string(where) + ": missing field '" +
                         std::string(field) + "'");
}

Status Mistyped(std::string_view where, std::string_view field,
                std::string_view expected) {
  return InvalidArgument(std::string(where) + ": field '" + std::string(field) +
                         "' must be " + std::string(expected));
}

Status GetString(const json::object& o, std::string_view where,
                 std::string_view field, std::string_view* out) {
  const json::value* v = o.if_contains(field);
  if (v == nullptr) return Missing(where, field);
  const json::string* s = v->if_string();
  if (s == nullptr) return Mistyped(where, field, "a string");
  *out = View(*s);
  return Status::Ok();
}

Status GetObject(const json::object& o, std::string_view where,
                 std::string_view field, const json::object** out) {
  const json::value* v = o.if_contains(field);
  if (v == nullptr) return Missing(where, field);
  *out = v->if_object();
  if (*out == nullptr) return Mistyped(where, field, "an object");
  return Status::Ok();
}

// A non-negative integer sent either as a string of 1-18 decimal digits (how
// Twilio sends sequenceNumber, chunk and timestamp) or as a JSON integer (how
// it sends sampleRate and channels). See media_stream.h.
bool ToInteger(const json::value& v, int64_t* out) {
  if (const json::string* s = v.if_string()) {
    if (s->empty() || s->size() > 18) return false;
    int64_t n = 0;
    for (char c : *s) {
      if (c < '0' || c > '9') return false;
      n = n * 10 + (c - '0');
    }
    *out = n;
    return true;
  }
  if (const int64_t* i = v.if_int64()) {
    if (*i < 0 || *i > kMaxInteger) return false;
    *out = *i;
    return true;
  }
  if (const uint64_t* u = v.if_uint64()) {
    if (*u > static_cast<uint64_t>(kMaxInteger)) return false;
    *out = static_cast<int64_t>(*u);
    return true;
  }
  return false;
}

Status GetInteger(const json::object& o, std::string_view where,
                  std::string_view field, int64_t* out) {
  const json::value* v = o.if_contains(field);
  if (v == nullptr) return Missing(where, field);
  if (!ToInteger(*v, out)) {
    return Mistyped(where, field,
                    "a decimal digit string or a non-negative integer");
  }
  return Status::Ok();
}

// "inbound"/"outbound" (media, start.tracks) and, for dtmf, also
// "inbound_track"/"outbound_track". Returns false for anything else.
bool ParseTrack(std::string_view name, bool* inbound) {
  if (name == kInbound || name == "inbound_track") {
    *inbound = true;
    return true;
  }
  if (name == kOutbound || name == "outbound_track") {
    *inbound = false;
    return true;
  }
  return false;
}

}  // namespace

TrackMapping MapTracks(
    const std::map<std::string, std::string>& custom_parameters,
    CallDirection* direction_out) {
  CallDirection direction = CallDirection::kUnknown;
  if (auto it = custom_parameters.find("direction");
      it != custom_parameters.end()) {
    if (it->second == "outbound") direction = CallDirection::kOutbound;
    if (it->second == "inbound") direction = CallDirection::kInbound;
  }
  if (direction_out != nullptr) *direction_out = direction;

  // Inbound track = the leg the stream is attached to (the caller leg).
  // Outbound dial from the browser: that leg is the agent's client.
  // Inbound call to the agent's number: that leg is the prospect.
  TrackMapping mapping{
      std::string(direction == CallDirection::kInbound ? kOutbound : kInbound)};
  if (auto it = custom_parameters.find("agent_track");
      it != custom_parameters.end() &&
      (it->second == kInbound || it->second == kOutbound)) {
    mapping.agent_track = it->second;
  }
  return mapping;
}

struct MediaStreamSession::Impl {
  explicit Impl(MediaStreamOptions o) : options(o) {}

  Status Parse(std::string_view text, std::vector<Ingress>& out);
  Status Dispatch(const json::object& message, std::vector<Ingress>& out);
  Status OnStart(const json::object& message, std::vector<Ingress>& out);
  Status OnMedia(const json::object& message, std::vector<Ingress>& out);
  Status OnDtmf(const json::object& message, std::vector<Ingress>& out);
  Status OnStop(const json::object& message, std::vector<Ingress>& out);
  // Checks that the call started and `message` belongs to its stream, then
  // reads and accounts its sequenceNumber.
  Status CheckStreamAndSequence(const json::object& message,
                                std::string_view event);
  void NoteSequence(int64_t sequence);
  Speaker SpeakerFor(bool inbound_track) const {
    return inbound_track == agent_is_inbound ? Speaker::kAgent
                                             : Speaker::kProspect;
  }

  MediaStreamOptions options;
  // Reused for every message: the parser's value stack keeps its capacity,
  // and each document is built in parse_buffer through a monotonic resource,
  // so a typical message parses without touching the heap.
  json::parser parser;
  alignas(16) std::array<unsigned char, 4096> parse_buffer;
  std::vector<uint8_t> ulaw;  // Decoded payload; capacity reused.

  MediaStats stats;
  bool started = false;
  bool ended = false;
  bool stopped = false;
  std::string call_sid;
  std::string stream_sid;
  TrackMapping mapping;
  bool agent_is_inbound = true;
  int64_t last_sequence = -1;  // -1: none seen yet.
  int64_t last_media_timestamp_ms = 0;
};

Status MediaStreamSession::Impl::Parse(std::string_view text,
                                       std::vector<Ingress>& out) {
  Status status;
  {
    json::monotonic_resource resource(parse_buffer.data(), parse_buffer.size());
    parser.reset(&resource);
    boost::system::error_code ec;
    parser.write(text.data(), text.size(), ec);
    if (ec) {
      status = InvalidArgument("malformed JSON: " + ec.message());
    } else {
      json::value message = parser.release();
      if (const json::object* o = message.if_object()) {
        status = Dispatch(*o, out);
      } else {
        status = InvalidArgument("message is not a JSON object");
      }
    }
    // Drop every reference to `resource` before it goes away.
    parser.reset();
  }
  return status;
}

Status MediaStreamSession::Impl::Dispatch(const json::object& message,
                                          std::vector<Ingress>& out) {
  std::string_view event;
  SC_RETURN_IF_ERROR(GetString(message, "message", "event", &event));
  // Most frequent first: media is ~100 messages a second per call.
  if (event == "media") return OnMedia(message, out);
  if (event == "mark") {
    return CheckStreamAndSequence(message, event);  // Accepted, no event.
  }
  if (event == "dtmf") return OnDtmf(message, out);
  if (event == "start") return OnStart(message, out);
  if (event == "stop") return OnStop(message, out);
  if (event == "connected") return Status::Ok();  // Accepted, no event.
  return InvalidArgument("unknown event " + Quote(event));
}

void MediaStreamSession::Impl::NoteSequence(int64_t sequence) {
  if (last_sequence >= 0) {
    if (sequence > last_sequence + 1) {
      stats.sequence_gaps += sequence - last_sequence - 1;
    } else if (sequence <= last_sequence) {
      ++stats.sequence_gaps;  // Duplicate or out of order; accepted.
    }
  }
  if (sequence > last_sequence) last_sequence = sequence;
}

Status MediaStreamSession::Impl::CheckStreamAndSequence(
    const json::object& message, std::string_view event) {
  if (!started) return InvalidArgument(std::string(event) + " before start");
  std::string_view sid;
  SC_RETURN_IF_ERROR(GetString(message, event, "streamSid", &sid));
  if (sid != stream_sid) return InvalidArgument("frame for unknown stream");
  int64_t sequence = 0;
  SC_RETURN_IF_ERROR(GetInteger(message, event, "sequenceNumber", &sequence));
  NoteSequence(sequence);
  return Status::Ok();
}

Status MediaStreamSession::Impl::OnStart(const json::object& message,
                                         std::vector<Ingress>& out) {
  if (started) return InvalidArgument("duplicate start");
  int64_t sequence = 0;
  SC_RETURN_IF_ERROR(GetInteger(message, "start", "sequenceNumber", &sequence));
  const json::object* start = nullptr;
  SC_RETURN_IF_ERROR(GetObject(message, "start", "start", &start));

  CallStarted info;
  info.source = "twilio";
  std::string_view sid;
  SC_RETURN_IF_ERROR(GetString(*start, "start", "streamSid", &sid));
  if (sid.empty()) return InvalidArgument("start: empty streamSid");
  info.stream_sid = sid;
  SC_RETURN_IF_ERROR(GetString(*start, "start", "callSid", &sid));
  if (sid.empty()) return InvalidArgument("start: empty callSid");
  info.call_sid = sid;
  SC_RETURN_IF_ERROR(GetString(*start, "start", "accountSid", &sid));
  info.account_sid = sid;
  // The top-level streamSid is optional on start but must agree if present.
  if (const json::value* top = message.if_contains("streamSid")) {
    const json::string* s = top->if_string();
    if (s == nullptr) return Mistyped("start", "streamSid", "a string");
    if (View(*s) != info.stream_sid) {
      return InvalidArgument("start: streamSid differs from start.streamSid");
    }
  }

  const json::value* tracks = start->if_contains("tracks");
  if (tracks == nullptr) return Missing("start", "tracks");
  const json::array* track_list = tracks->if_array();
  if (track_list == nullptr || track_list->empty()) {
    return Mistyped("start", "tracks", "a non-empty array of strings");
  }
  for (const json::value& t : *track_list) {
    const json::string* name = t.if_string();
    if (name == nullptr) {
      return Mistyped("start", "tracks", "a non-empty array of strings");
    }
    if (View(*name) != kInbound && View(*name) != kOutbound) {
      return InvalidArgument("start: unknown track " + Quote(View(*name)));
    }
    info.tracks.emplace_back(View(*name));
  }

  const json::object* format = nullptr;
  SC_RETURN_IF_ERROR(GetObject(*start, "start", "mediaFormat", &format));
  std::string_view encoding;
  int64_t rate = 0;
  int64_t channels = 0;
  if (!GetString(*format, "mediaFormat", "encoding", &encoding).ok() ||
      !GetInteger(*format, "mediaFormat", "sampleRate", &rate).ok() ||
      !GetInteger(*format, "mediaFormat", "channels", &channels).ok() ||
      encoding != "audio/x-mulaw" || rate != 8000 || channels != 1) {
    return InvalidArgument(
        "unsupported mediaFormat (need audio/x-mulaw, 8000 Hz, 1 channel)");
  }

  if (const json::value* params = start->if_contains("customParameters")) {
    const json::object* p = params->if_object();
    if (p == nullptr) return Mistyped("start", "customParameters", "an object");
    for (const auto& [key, value] : *p) {
      if (const json::string* s = value.if_string()) {
        info.custom_parameters.emplace(std::string(key), std::string(View(*s)));
      } else {
        info.custom_parameters.emplace(std::string(key),
                                       json::serialize(value));
      }
    }
  }

  // All checks passed: commit.
  mapping = MapTracks(info.custom_parameters, &info.direction);
  info.agent_track = mapping.agent_track;
  for (const char* key : {"direction", "agent_track"}) {
    auto it = info.custom_parameters.find(key);
    if (it == info.custom_parameters.end()) continue;
    const bool used = (std::string_view(key) == "direction")
                          ? info.direction != CallDirection::kUnknown
                          : it->second == mapping.agent_track;
    if (!used) {
      LogWarn("twilio.custom_parameter_ignored",
              {F("call", info.call_sid), F("parameter", key),
               Pii("value", it->second)});
    }
  }
  agent_is_inbound = mapping.agent_track == kInbound;
  started = true;
  call_sid = info.call_sid;
  stream_sid = info.stream_sid;
  NoteSequence(sequence);
  out.emplace_back(std::move(info));
  return Status::Ok();
}

Status MediaStreamSession::Impl::OnMedia(const json::object& message,
                                         std::vector<Ingress>& out) {
  SC_RETURN_IF_ERROR(CheckStreamAndSequence(message, "media"));
  const json::object* media = nullptr;
  SC_RETURN_IF_ERROR(GetObject(message, "media", "media", &media));
  std::string_view track;
  SC_RETURN_IF_ERROR(GetString(*media, "media", "track", &track));
  if (track != kInbound && track != kOutbound) {
    return InvalidArgument("media: unknown track " + Quote(track));
  }
  const bool inbound = track == kInbound;
  int64_t timestamp_ms = 0;
  SC_RETURN_IF_ERROR(GetInteger(*media, "media", "timestamp", &timestamp_ms));
  std::string_view payload;
  SC_RETURN_IF_ERROR(GetString(*media, "media", "payload", &payload));
  if (Status s = Base64Decode(payload, ulaw); !s.ok()) {
    return InvalidArgument("media.payload: " + s.message());
  }

  ++stats.frames;
  stats.bytes += static_cast<int64_t>(ulaw.size());
  last_media_timestamp_ms = timestamp_ms;
  if (ulaw.empty()) return Status::Ok();  // No audio, no event.
  AudioChunk chunk;
  chunk.speaker = SpeakerFor(inbound);
  chunk.timestamp_ms = timestamp_ms;
  chunk.sample_rate = 8000;
  audio::DecodeUlaw(ulaw, chunk.samples);
  out.emplace_back(std::move(chunk));
  return Status::Ok();
}

Status MediaStreamSession::Impl::OnDtmf(const json::object& message,
                                        std::vector<Ingress>& out) {
  SC_RETURN_IF_ERROR(CheckStreamAndSequence(message, "dtmf"));
  const json::object* dtmf = nullptr;
  SC_RETURN_IF_ERROR(GetObject(message, "dtmf", "dtmf", &dtmf));
  std::string_view track;
  SC_RETURN_IF_ERROR(GetString(*dtmf, "dtmf", "track", &track));
  bool inbound = false;
  if (!ParseTrack(track, &inbound)) {
    return InvalidArgument("dtmf: unknown track " + Quote(track));
  }
  std::string_view digit;
  SC_RETURN_IF_ERROR(GetString(*dtmf, "dtmf", "digit", &digit));
  if (digit.empty()) return InvalidArgument("dtmf: empty digit");
  Dtmf event;
  event.speaker = SpeakerFor(inbound);
  event.timestamp_ms = last_media_timestamp_ms;
  event.digit = digit;
  out.emplace_back(std::move(event));
  return Status::Ok();
}

Status MediaStreamSession::Impl::OnStop(const json::object& message,
                                        std::vector<Ingress>& out) {
  SC_RETURN_IF_ERROR(CheckStreamAndSequence(message, "stop"));
  ended = true;
  stopped = true;
  out.emplace_back(CallEnded{EndReason::kStop});
  return Status::Ok();
}

MediaStreamSession::MediaStreamSession(MediaStreamOptions options)
    : impl_(std::make_unique<Impl>(options)) {}
MediaStreamSession::~MediaStreamSession() = default;
MediaStreamSession::MediaStreamSession(MediaStreamSession&&) noexcept = default;
MediaStreamSession& MediaStreamSession::operator=(
    MediaStreamSession&&) noexcept = default;

Status MediaStreamSession::OnMessage(std::string_view text,
                                     std::vector<Ingress>& out) {
  Impl& s = *impl_;
  Status status;
  if (text.size() > s.options.max_message_bytes) {
    status = ResourceExhausted("message of " + std::to_string(text.size()) +
                               " bytes exceeds the limit of " +
                               std::to_string(s.options.max_message_bytes));
  } else if (s.ended) {
    status = FailedPrecondition(s.stopped ? "message after stop"
                                          : "message after disconnect");
  } else {
    const size_t before = out.size();
    try {
      status = s.Parse(text, out);
    } catch (const std::exception& e) {
      // Not expected (error_code overloads and if_* accessors throughout);
      // kept so that no library exception crosses this boundary.
      status = Internal(std::string("media stream parser: ") + e.what());
    }
    if (!status.ok()) out.resize(before);
  }
  if (!status.ok()) ++s.stats.bad_frames;
  return status;
}

void MediaStreamSession::OnDisconnect(std::vector<Ingress>& out) {
  Impl& s = *impl_;
  if (s.started && !s.ended)
    out.emplace_back(CallEnded{EndReason::kDisconnect});
  s.ended = true;
}

const MediaStats& MediaStreamSession::stats() const { return impl_->stats; }
bool MediaStreamSession::started() const { return impl_->started; }
bool MediaStreamSession::ended() const { return impl_->ended; }
const std::string& MediaStreamSession::call_sid() const {
  return impl_->call_sid;
}
const std::string& MediaStreamSession::stream_sid() const {
  return impl_->stream_sid;
}
const TrackMapping& MediaStreamSession::track_mapping() const {
  return impl_->mapping;
}

}  // namespace sc::twilio
