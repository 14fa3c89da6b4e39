// JSON wire form of call events (docs/events.md), shared by the store (the
// `payload_json` column holds EventDataJson) and the live WebSocket (each
// message is EnvelopeJson).
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "core/status.h"
#include "events/events.h"

namespace sc {

// The event's own fields: {"utterance_id":"agent-1","speaker":"agent",...}.
std::string EventDataJson(const CallEvent& event);

// {"type":"transcript.final","call_sid":..,"seq":..,"at_ms":..,"wall_ms":..,
//  "data":{...}}
std::string EnvelopeJson(const EventEnvelope& envelope);

// The same envelope built from stored parts; `data_json` must be a JSON
// object's text (as EventDataJson produced it).
std::string EnvelopeJsonFromStored(std::string_view type,
                                   std::string_view call_sid, int64_t seq,
                                   int64_t at_ms, int64_t wall_ms,
                                   std::string_view data_json);

// {"frames":..,"bytes":..,"sequence_gaps":..,"bad_frames":..,
//  "dropped_audio_ms":..}: the `stats` of call.ended and of a call record.
std::string MediaStatsJson(const MediaStats& stats);

// {"k":"v",...} for a string map (custom parameters).
std::string StringMapJson(const std::map<std::string, std::string>& map);

// Inverse of EventDataJson for the named type. InvalidArgument on unknown
// types or malformed data.
StatusOr<CallEvent> ParseEventData(std::string_view type,
                                   std::string_view data_json);

}  // namespace sc
