// Twilio Media Streams receiver: turns the JSON text messages of one Media
// Stream WebSocket into provider-neutral Ingress events (events/events.h).
// Wire format, track/speaker table and error policy: docs/media-stream.md;
// the protocol itself: TWILIO.md §1.
//
// Usage, one session per WebSocket connection:
//
//   sc::twilio::MediaStreamSession session;
//   std::vector<sc::Ingress> events;
//   for each text frame:
//     events.clear();
//     sc::Status s = session.OnMessage(frame, events);
//     if (!s.ok()) log s (message carries no personal data), send nothing;
//     push `events` into the call pipeline (possibly empty, e.g. `mark`).
//   on close:  session.OnDisconnect(events);  // CallEnded{kDisconnect} once
//
// What it yields:
//   connected             -> nothing (accepted, ignored)
//   start                 -> CallStarted (source "twilio", direction and
//                            agent_track from MapTracks below)
//   media                 -> AudioChunk (8000 Hz linear PCM decoded from
//                            u-law; speaker from the track mapping; nothing
//                            for an empty payload)
//   dtmf                  -> Dtmf (speaker from the track mapping; timestamp
//                            = latest media timestamp seen, as Twilio sends
//                            none)
//   mark                  -> nothing (accepted, ignored)
//   stop                  -> CallEnded{kStop}, once
//
// Errors: OnMessage returns a non-OK Status, appends nothing, counts the
// message in stats().bad_frames and leaves the session usable:
//   ResourceExhausted   message longer than max_message_bytes (checked before
//                       any parsing)
//   FailedPrecondition  any message after `stop` or OnDisconnect
//   InvalidArgument     malformed JSON, not an object, missing/mistyped field,
//                       unknown event ("unknown event 'x'"), duplicate start,
//                       media/dtmf/mark/stop before start, wrong streamSid
//                       ("frame for unknown stream"), unsupported mediaFormat,
//                       unknown track, bad base64
// Status messages never contain personal data (no digits, parameters or
// audio); they may quote short protocol tokens (event/track names).
//
// Types: integer fields (sequenceNumber, media.timestamp, sampleRate,
// channels) are accepted either as a JSON string of 1-18 decimal digits (how
// Twilio sends sequenceNumber/timestamp) or as a non-negative JSON integer
// (how it sends sampleRate/channels). Fields we do not use (media.chunk,
// mark.name, stop.*) and unknown fields are ignored, not validated.
//
// Thread-safety: none; a session belongs to its connection's strand/thread.
// Performance: no heap allocation per media message besides the returned
// AudioChunk's sample vector (parser state and scratch buffers are reused).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "events/events.h"

namespace sc::twilio {

// Which Twilio track carries the agent's voice: "inbound" or "outbound". The
// other track is the prospect.
struct TrackMapping {
  std::string agent_track;
};

// Decides which Twilio track is the agent from the stream's <Parameter>s.
//
// Twilio's `inbound` track is the party whose leg the stream is attached to
// (the caller leg); `outbound` is audio Twilio plays into it, i.e. the dialed
// party of a <Dial> (TWILIO.md §1.2). So:
//   custom "direction"   meaning                              agent track
//   "outbound"           agent dialed out from the browser;   inbound
//                        the browser client leg is inbound
//   "inbound"            a prospect called the agent's number outbound
//   absent / other value treated as an outbound dial          inbound
// An explicit custom parameter "agent_track" = "inbound" | "outbound"
// overrides the table. Values are matched exactly (lower case); other values
// are ignored. `*direction_out` (may be null) receives kOutbound, kInbound or
// kUnknown (absent or unrecognized "direction").
TrackMapping MapTracks(
    const std::map<std::string, std::string>& custom_parameters,
    CallDirection* direction_out);

struct MediaStreamOptions {
  // Messages longer than this are rejected with ResourceExhausted before
  // parsing. Twilio's media frames are about 300 bytes and a start message
  // stays under ~2 KB (custom parameters are limited to ~800 bytes).
  size_t max_message_bytes = 64 * 1024;
};

class MediaStreamSession {
 public:
  explicit MediaStreamSession(MediaStreamOptions options = {});
  ~MediaStreamSession();
  MediaStreamSession(MediaStreamSession&&) noexcept;
  MediaStreamSession& operator=(MediaStreamSession&&) noexcept;

  // Parses one WebSocket text message and appends the events it yields to
  // `out` (see the table above). On error nothing is appended.
  Status OnMessage(std::string_view text, std::vector<Ingress>& out);

  // The connection closed. Appends CallEnded{kDisconnect} if a call started
  // and has not ended; afterwards the session is ended and rejects messages.
  // Calling it again appends nothing.
  void OnDisconnect(std::vector<Ingress>& out);

  // frames/bytes: media messages and audio bytes accepted; bad_frames:
  // messages rejected; sequence_gaps: sequence numbers never received plus
  // messages whose number is not above the previous one (duplicates/reorder,
  // which are accepted). dropped_audio_ms is not touched here.
  const MediaStats& stats() const;

  bool started() const;
  // True after `stop` was accepted or OnDisconnect was called.
  bool ended() const;
  // Empty until `start` was accepted.
  const std::string& call_sid() const;
  const std::string& stream_sid() const;
  // Meaningful once started().
  const TrackMapping& track_mapping() const;

 private:
  // Parser state, scratch buffers and call state; keeps Boost.JSON out of
  // this header (it is linked privately).
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sc::twilio
