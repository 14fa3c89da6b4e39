// The Twilio call lifecycle: parsing of the call status callback (TWILIO.md
// §3.3) and the recording status callback (§3.4), and the call state machine
// as a pure function that tolerates retries, duplicates and out-of-order
// delivery. State table and rules: docs/twilio.md §3.
//
//   CallState state;                          // per CallSid, stored
//   SC_ASSIGN_OR_RETURN(StatusCallback cb, ParseStatusCallback(form));
//   ApplyResult r = Apply(state, cb);
//   state = r.state;                          // store it
//   if (r.completion == Completion::kCompletesCall) finalize the call once;
//   log r.outcome (applied / duplicate / stale / conflict)
//
// Rules of Apply:
//   - Statuses are ranked: queued 0 < initiated 1 < ringing 2 < in-progress 3
//     < terminal 4 (completed, busy, failed, no-answer, canceled).
//   - A callback moves the state only to a higher rank; the same status again
//     is a duplicate, a lower rank is stale. Terminal states are final: the
//     first terminal status wins and completes the call exactly once; a later
//     different terminal status is reported as a conflict and ignored.
//   - The facts a callback carries (SequenceNumber, Timestamp) are merged
//     whatever its outcome (maxima; per-status times as minima), and the
//     duration only from the winning terminal callback, so the final state does
//     not depend on arrival order for any set of callbacks whose terminal
//     statuses agree.
// Twilio numbers its callbacks per call from 0 (SequenceNumber) and promises
// no arrival order; ranks alone decide, because a lost or late callback must
// not hold the state back (there is no resend of a missing number).
//
// Thread-safety: pure functions over values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "telephony/twilio/signature.h"

namespace sc::twilio {

enum class CallStatus {
  kQueued,
  kInitiated,
  kRinging,
  kInProgress,
  kCompleted,
  kBusy,
  kFailed,
  kNoAnswer,
  kCanceled,
};

// Twilio's spelling: "queued", "in-progress", "no-answer", ...
std::string_view CallStatusName(CallStatus status);
// InvalidArgument for anything else (exact, lower-case match).
StatusOr<CallStatus> ParseCallStatus(std::string_view name);
// completed, busy, failed, no-answer, canceled.
bool IsTerminal(CallStatus status);
// 0 (queued) .. 4 (terminal).
int CallStatusRank(CallStatus status);

// A call status callback (StatusCallback of a REST call, or the
// statusCallback of <Number>/<Client>).
struct StatusCallback {
  std::string call_sid;                     // Required; the leg this is about.
  std::string account_sid;                  // Required.
  std::string parent_call_sid;              // Set for <Dial> child legs.
  CallStatus status = CallStatus::kQueued;  // Required (CallStatus).
  std::string direction;  // inbound, outbound-api, outbound-dial; may be "".
  std::string from;       // Personal data: log only as Pii().
  std::string to;         // Personal data: log only as Pii().
  std::optional<int64_t> sequence_number;   // SequenceNumber, from 0.
  std::optional<int64_t> timestamp_unix_s;  // Timestamp (RFC 2822).
  std::optional<int64_t> call_duration_s;   // CallDuration (terminal only).
  std::string callback_source;              // "call-progress-events".
  std::optional<int> sip_response_code;
  std::string recording_sid;  // With REST Record=true, on completion.
  std::string recording_url;
};

// InvalidArgument naming the offending field ("status callback: missing
// CallSid", "...: unknown CallStatus", "...: SequenceNumber is not a
// non-negative integer", "...: Timestamp is not an RFC 2822 date"). Values
// are never quoted in messages. Unknown parameters are ignored.
StatusOr<StatusCallback> ParseStatusCallback(const FormParams& form);

enum class RecordingStatus { kInProgress, kCompleted, kAbsent };
std::string_view RecordingStatusName(RecordingStatus status);

// A recording status callback (recordingStatusCallback of <Dial>/<Record> or
// of a REST call).
struct RecordingCallback {
  std::string account_sid;    // Required.
  std::string call_sid;       // Required; always the parent leg.
  std::string recording_sid;  // Required (RE...).
  std::string recording_url;  // Required unless absent; no extension: add
                              // ".wav" or ".mp3" to fetch.
  RecordingStatus status = RecordingStatus::kCompleted;  // Required.
  std::optional<int64_t> duration_s;                     // RecordingDuration.
  std::optional<int> channels;    // RecordingChannels: 1 or 2.
  std::string start_time;         // RecordingStartTime, as sent.
  std::string source;             // DialVerb, OutboundAPI, ...
  std::string track;              // inbound, outbound, both.
  std::optional<int> error_code;  // ErrorCode, when Twilio sends one.
};

// InvalidArgument naming the offending field, as ParseStatusCallback.
StatusOr<RecordingCallback> ParseRecordingCallback(const FormParams& form);

// Parses an RFC 2822 date as Twilio writes it ("Tue, 31 Aug 2010 20:36:28
// +0000"; the weekday is optional, any numeric zone) to Unix seconds.
StatusOr<int64_t> ParseRfc2822(std::string_view text);

// What is known about one call leg. A default-constructed state means "no
// callback seen yet" (status queued, nothing else known).
struct CallState {
  CallStatus status = CallStatus::kQueued;
  int callbacks_seen = 0;  // Every callback applied to this state.
  std::optional<int64_t> max_sequence_number;
  std::optional<int64_t> last_timestamp_unix_s;
  std::optional<int64_t> duration_s;  // From the terminal callback.
  // When each status was reached: the earliest Timestamp among the callbacks
  // reporting it (so retries and reordering do not move it); nullopt until
  // such a callback with a Timestamp arrives.
  std::optional<int64_t> initiated_unix_s;
  std::optional<int64_t> ringing_unix_s;
  std::optional<int64_t> answered_unix_s;  // in-progress.
  std::optional<int64_t> ended_unix_s;     // The winning terminal status.

  friend bool operator==(const CallState&, const CallState&) = default;
};

enum class ApplyOutcome {
  kApplied,    // The status moved forward.
  kDuplicate,  // The same status again (a retry or a repeated event).
  kStale,      // A lower rank arrived late (out of order); ignored.
  kConflict,   // A different terminal status after a terminal one; ignored.
};
std::string_view ApplyOutcomeName(ApplyOutcome outcome);

enum class Completion {
  kNo,
  kCompletesCall,  // This callback made the call terminal: finalize it now.
};

struct ApplyResult {
  CallState state;
  ApplyOutcome outcome = ApplyOutcome::kApplied;
  Completion completion = Completion::kNo;
};

// The state after `callback`. REQUIRES: `callback` belongs to the leg of
// `state` (same CallSid); the caller keys states by CallSid.
ApplyResult Apply(const CallState& state, const StatusCallback& callback);

}  // namespace sc::twilio
