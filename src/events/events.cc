#include "events/events.h"

namespace sc {

const char* SpeakerName(Speaker s) {
  return s == Speaker::kAgent ? "agent" : "prospect";
}

const char* CallDirectionName(CallDirection d) {
  switch (d) {
    case CallDirection::kInbound:
      return "inbound";
    case CallDirection::kOutbound:
      return "outbound";
    case CallDirection::kUnknown:
      break;
  }
  return "unknown";
}

const char* EndReasonName(EndReason r) {
  switch (r) {
    case EndReason::kStop:
      return "stop";
    case EndReason::kDisconnect:
      return "disconnect";
    case EndReason::kError:
      return "error";
    case EndReason::kRestart:
      return "restart";
    case EndReason::kEndOfFile:
      return "end_of_file";
  }
  return "stop";
}

namespace {
struct TypeName {
  const char* operator()(const CallStartedEvent&) const {
    return "call.started";
  }
  const char* operator()(const CallStatusChanged&) const {
    return "call.status";
  }
  const char* operator()(const TranscriptPartial&) const {
    return "transcript.partial";
  }
  const char* operator()(const TranscriptFinal&) const {
    return "transcript.final";
  }
  const char* operator()(const DtmfEvent&) const { return "dtmf"; }
  const char* operator()(const Alert&) const { return "alert"; }
  const char* operator()(const MetricsTick&) const { return "metrics"; }
  const char* operator()(const CallEndedEvent&) const { return "call.ended"; }
  const char* operator()(const AnalysisReady&) const {
    return "analysis.ready";
  }
  const char* operator()(const ObjectionDetected&) const { return "objection"; }
  const char* operator()(const GuidanceCard&) const { return "guidance.card"; }
  const char* operator()(const CardFeedback&) const {
    return "guidance.feedback";
  }
};
}  // namespace

const char* EventType(const CallEvent& e) { return std::visit(TypeName{}, e); }

}  // namespace sc
