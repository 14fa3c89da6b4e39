// The call event vocabulary: the spine of the system (docs/events.md).
//
// Two closed sets of small value types:
//  - Ingress: what a call source (Twilio media stream, WAV file, browser
//    microphone) feeds into the pipeline. Provider-neutral: nothing here knows
//    about Twilio JSON, base64 or u-law.
//  - CallEvent: what the pipeline produces. Every CallEvent is persisted in
//    order and pushed to live subscribers inside an EventEnvelope.
// Later stages add alternatives; names on the wire never change.
//
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace sc {

enum class Speaker { kAgent = 0, kProspect = 1 };
const char* SpeakerName(Speaker s);  // "agent" | "prospect"

enum class CallDirection { kUnknown, kInbound, kOutbound };
const char* CallDirectionName(
    CallDirection d);  // "unknown"|"inbound"|"outbound"

// ---- Ingress -------------------------------------------------------------

struct CallStarted {
  std::string call_sid;
  std::string stream_sid;
  std::string account_sid;
  CallDirection direction = CallDirection::kUnknown;
  // Which source track carries the agent's voice, e.g. "inbound" or
  // "outbound" for Twilio, "0"/"1" for a stereo file.
  std::string agent_track;
  std::vector<std::string> tracks;
  std::map<std::string, std::string> custom_parameters;
  std::string source;  // "twilio" | "file" | "browser"
};

// Linear 16-bit PCM from one speaker. `timestamp_ms` is the position of the
// first sample from the start of the call (the stream's clock, not arrival).
struct AudioChunk {
  Speaker speaker = Speaker::kAgent;
  int64_t timestamp_ms = 0;
  int sample_rate = 8000;
  std::vector<int16_t> samples;
};

struct Dtmf {
  Speaker speaker = Speaker::kProspect;
  int64_t timestamp_ms = 0;
  std::string digit;  // Personal data: never logged in clear.
};

enum class EndReason { kStop, kDisconnect, kError, kRestart, kEndOfFile };
const char* EndReasonName(EndReason r);  // "stop"|"disconnect"|...

struct CallEnded {
  EndReason reason = EndReason::kStop;
};

using Ingress = std::variant<CallStarted, AudioChunk, Dtmf, CallEnded>;

// ---- Call events -----------------------------------------------------------

struct Word {
  std::string w;
  int64_t start_ms = 0;
  int64_t end_ms = 0;
};

// An utterance in progress; replaced by later partials and by the final.
struct TranscriptPartial {
  std::string utterance_id;  // "<speaker>-<n>", stable across partials/final.
  Speaker speaker = Speaker::kAgent;
  int64_t start_ms = 0;
  int64_t end_ms = 0;
  std::string text;
};

// The mood of one utterance (docs/sentiment.md): score in [-1, 1] and its
// label "positive" | "neutral" | "negative".
struct UtteranceSentiment {
  double score = 0;
  std::string label = "neutral";
};

struct TranscriptFinal {
  std::string utterance_id;
  Speaker speaker = Speaker::kAgent;
  int64_t start_ms = 0;
  int64_t end_ms = 0;
  std::string text;
  double confidence = 0;  // 0..1
  std::vector<Word> words;
  // Set by the pipeline's analyzers before the event goes out; absent in
  // events stored before sentiment existed.
  std::optional<UtteranceSentiment> sentiment;
};

struct CallStartedEvent {
  CallStarted info;
};

struct CallStatusChanged {
  std::string status;  // "in-progress", "completed", ...
};

struct DtmfEvent {
  Speaker speaker = Speaker::kProspect;
  std::string digit;
};

// Something the agent or an operator should know about, e.g. audio loss.
struct Alert {
  std::string kind;     // "sequence_gap" | "audio_dropped" | "media_error" ...
  std::string message;  // Human-readable; never contains personal data.
};

// A value per speaker, e.g. questions asked by each side.
template <typename T>
struct PerSpeaker {
  T agent{};
  T prospect{};
  T& operator[](Speaker s) { return s == Speaker::kAgent ? agent : prospect; }
  const T& operator[](Speaker s) const {
    return s == Speaker::kAgent ? agent : prospect;
  }
};

// The live conversation metrics after each final utterance (docs/metrics.md
// defines each; the analysis document's `metrics` uses the same names).
struct MetricsTick {
  int64_t agent_talk_ms = 0;
  int64_t prospect_talk_ms = 0;
  PerSpeaker<int64_t> longest_monologue_ms;
  double interactivity_per_min = 0;  // Speaker switches per minute.
  int64_t patience_ms = 0;  // Agent's mean pause before answering; 0 if none.
  PerSpeaker<int64_t> questions;
  PerSpeaker<int64_t> interruptions;
  int64_t overtalk_ms = 0;
  PerSpeaker<double> words_per_minute;
  PerSpeaker<int64_t> filler_words;
  PerSpeaker<double> sentiment_trend;  // Rolling sentiment, -1..1.
  // The agent's words per minute over their calibrated baseline (voice
  // calibration): 1.2 is 20% faster than they naturally speak. 0 when the
  // agent has no voice profile (the JSON then omits it).
  double agent_pace_vs_baseline = 0;
};

// An objection heard in the prospect's speech (docs/objections.md).
struct ObjectionDetected {
  std::string utterance_id;
  Speaker speaker = Speaker::kProspect;
  std::string category;    // "price", "budget", ... or a user category.
  double confidence = 0;   // 0..1
  int64_t start_ms = 0;    // Start of the triggering words.
  std::string text;        // The utterance. Personal data.
  std::string trigger;     // The words that triggered it. Personal data.
  std::string suggestion;  // One-line answer from the playbook.
  // What it was heard in: "text" (the transcript), "audio" (only the
  // keyphrase spotter heard it; `trigger` is the spotted phrase) or
  // "text+audio" (both agree).
  std::string evidence = "text";
};

// Guidance pushed to the agent's screen (docs/guidance.md).
struct GuidanceCard {
  std::string card_id;   // "card-<n>", unique within the call.
  std::string kind;      // "objection" | "sentiment" | "talk_ratio" | ...
  std::string category;  // Objection category or checklist item id.
  std::string title;
  std::string text;
  std::string reason;  // Why now; never personal data.
  // What the card suggests: the playbook approach id ("roi") of an
  // objection card, the nudge type of others; feedback learns per approach.
  std::string approach;
  bool has_alternative = false;
  std::string alternative_of;  // The card this one replaces, if any.
};

// The agent used or dismissed a card.
struct CardFeedback {
  std::string card_id;
  std::string action;    // "used" | "dismissed"
  std::string category;  // The card's category and approach, so feedback
  std::string approach;  // is counted per approach across calls.
};

// Media statistics of one call, reported when it ends.
struct MediaStats {
  int64_t frames = 0;            // Media messages accepted.
  int64_t bytes = 0;             // Audio bytes accepted.
  int64_t sequence_gaps = 0;     // Missing sequence numbers.
  int64_t bad_frames = 0;        // Rejected messages.
  int64_t dropped_audio_ms = 0;  // Audio not recognized (queue overflow).
};

struct CallEndedEvent {
  EndReason reason = EndReason::kStop;
  int64_t duration_ms = 0;
  MediaStats stats;
};

struct AnalysisReady {
  // Which transcript the stored analysis was built from: empty for the live
  // one (the wire object stays {}), "remote" after post-call
  // re-transcription replaced it (docs/operations.md, "Re-transcription").
  std::string transcript_source;
};

using CallEvent =
    std::variant<CallStartedEvent, CallStatusChanged, TranscriptPartial,
                 TranscriptFinal, DtmfEvent, Alert, MetricsTick, CallEndedEvent,
                 AnalysisReady, ObjectionDetected, GuidanceCard, CardFeedback>;

// The wire name of an event ("transcript.final", ...; docs/events.md).
const char* EventType(const CallEvent& e);

struct EventEnvelope {
  std::string call_sid;
  int64_t seq = 0;      // 1, 2, 3... per call; persisted order.
  int64_t at_ms = 0;    // Position in the call (stream clock).
  int64_t wall_ms = 0;  // Unix ms when produced.
  CallEvent event;
};

}  // namespace sc
