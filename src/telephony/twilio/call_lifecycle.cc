#include "telephony/twilio/call_lifecycle.h"

#include <algorithm>
#include <array>
#include <charconv>

namespace sc::twilio {
namespace {

constexpr std::array<std::pair<std::string_view, CallStatus>, 9> kStatuses = {{
    {"queued", CallStatus::kQueued},
    {"initiated", CallStatus::kInitiated},
    {"ringing", CallStatus::kRinging},
    {"in-progress", CallStatus::kInProgress},
    {"completed", CallStatus::kCompleted},
    {"busy", CallStatus::kBusy},
    {"failed", CallStatus::kFailed},
    {"no-answer", CallStatus::kNoAnswer},
    {"canceled", CallStatus::kCanceled},
}};

// The last value of `name` in the form, or nullptr.
const std::string* Find(const FormParams& form, std::string_view name) {
  const std::string* found = nullptr;
  for (const auto& [key, value] : form) {
    if (key == name) found = &value;
  }
  return found;
}

std::string Get(const FormParams& form, std::string_view name) {
  const std::string* v = Find(form, name);
  return v ? *v : std::string();
}

Status Required(const FormParams& form, std::string_view what,
                std::string_view name, std::string& out) {
  const std::string* v = Find(form, name);
  if (!v || v->empty()) {
    return InvalidArgument(std::string(what) + ": missing " +
                           std::string(name));
  }
  out = *v;
  return Status::Ok();
}

bool ParseInt(std::string_view text, int64_t& out) {
  if (text.empty() || text.size() > 18) return false;
  const auto [ptr, ec] =
      std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size() && out >= 0;
}

// An optional non-negative integer field.
Status OptionalInt(const FormParams& form, std::string_view what,
                   std::string_view name, std::optional<int64_t>& out) {
  const std::string* v = Find(form, name);
  if (!v || v->empty()) return Status::Ok();
  int64_t value = 0;
  if (!ParseInt(*v, value)) {
    return InvalidArgument(std::string(what) + ": " + std::string(name) +
                           " is not a non-negative integer");
  }
  out = value;
  return Status::Ok();
}

Status OptionalSmallInt(const FormParams& form, std::string_view what,
                        std::string_view name, std::optional<int>& out) {
  std::optional<int64_t> wide;
  SC_RETURN_IF_ERROR(OptionalInt(form, what, name, wide));
  if (wide) {
    if (*wide > 1'000'000) {
      return InvalidArgument(std::string(what) + ": " + std::string(name) +
                             " is out of range");
    }
    out = static_cast<int>(*wide);
  }
  return Status::Ok();
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
// days_from_civil).
int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void Min(std::optional<int64_t>& slot, std::optional<int64_t> value) {
  if (value && (!slot || *value < *slot)) slot = value;
}

}  // namespace

std::string_view CallStatusName(CallStatus status) {
  for (const auto& [name, s] : kStatuses) {
    if (s == status) return name;
  }
  return "unknown";
}

StatusOr<CallStatus> ParseCallStatus(std::string_view name) {
  for (const auto& [n, s] : kStatuses) {
    if (n == name) return s;
  }
  return InvalidArgument("unknown CallStatus");
}

bool IsTerminal(CallStatus status) { return CallStatusRank(status) == 4; }

int CallStatusRank(CallStatus status) {
  switch (status) {
    case CallStatus::kQueued:
      return 0;
    case CallStatus::kInitiated:
      return 1;
    case CallStatus::kRinging:
      return 2;
    case CallStatus::kInProgress:
      return 3;
    case CallStatus::kCompleted:
    case CallStatus::kBusy:
    case CallStatus::kFailed:
    case CallStatus::kNoAnswer:
    case CallStatus::kCanceled:
      return 4;
  }
  return 0;
}

StatusOr<int64_t> ParseRfc2822(std::string_view text) {
  const Status bad = InvalidArgument("not an RFC 2822 date");
  auto skip_spaces = [&text] {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  };
  auto token = [&text, &skip_spaces]() {
    skip_spaces();
    size_t end = 0;
    while (end < text.size() && text[end] != ' ') ++end;
    std::string_view t = text.substr(0, end);
    text.remove_prefix(end);
    return t;
  };
  skip_spaces();
  // Optional "Tue," weekday.
  if (const size_t comma = text.find(','); comma != std::string_view::npos) {
    if (comma != 3) return bad;
    text.remove_prefix(comma + 1);
  }
  const std::string_view day_s = token();
  const std::string_view month_s = token();
  const std::string_view year_s = token();
  const std::string_view time_s = token();
  const std::string_view zone_s = token();
  skip_spaces();
  if (!text.empty()) return bad;
  int64_t day = 0, year = 0;
  if (!ParseInt(day_s, day) || day < 1 || day > 31 || day_s.size() > 2) {
    return bad;
  }
  if (!ParseInt(year_s, year) || year_s.size() != 4) return bad;
  static constexpr std::array<std::string_view, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun",
      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto month_it = std::find(kMonths.begin(), kMonths.end(), month_s);
  if (month_it == kMonths.end()) return bad;
  const int month = static_cast<int>(month_it - kMonths.begin()) + 1;
  // HH:MM or HH:MM:SS.
  if (time_s.size() != 5 && time_s.size() != 8) return bad;
  int64_t hh = 0, mm = 0, ss = 0;
  if (time_s[2] != ':' || !ParseInt(time_s.substr(0, 2), hh) ||
      !ParseInt(time_s.substr(3, 2), mm)) {
    return bad;
  }
  if (time_s.size() == 8 &&
      (time_s[5] != ':' || !ParseInt(time_s.substr(6, 2), ss))) {
    return bad;
  }
  if (hh > 23 || mm > 59 || ss > 60) return bad;
  int64_t offset_s = 0;
  if (zone_s == "GMT" || zone_s == "UT" || zone_s == "UTC" || zone_s == "Z") {
    offset_s = 0;
  } else if (zone_s.size() == 5 && (zone_s[0] == '+' || zone_s[0] == '-')) {
    int64_t zh = 0, zm = 0;
    if (!ParseInt(zone_s.substr(1, 2), zh) ||
        !ParseInt(zone_s.substr(3, 2), zm) || zm > 59) {
      return bad;
    }
    offset_s = (zh * 3600 + zm * 60) * (zone_s[0] == '-' ? -1 : 1);
  } else {
    return bad;
  }
  const int64_t days = DaysFromCivil(year, month, static_cast<int>(day));
  return days * 86400 + hh * 3600 + mm * 60 + ss - offset_s;
}

StatusOr<StatusCallback> ParseStatusCallback(const FormParams& form) {
  constexpr std::string_view kWhat = "status callback";
  StatusCallback cb;
  SC_RETURN_IF_ERROR(Required(form, kWhat, "CallSid", cb.call_sid));
  SC_RETURN_IF_ERROR(Required(form, kWhat, "AccountSid", cb.account_sid));
  std::string status;
  SC_RETURN_IF_ERROR(Required(form, kWhat, "CallStatus", status));
  StatusOr<CallStatus> parsed = ParseCallStatus(status);
  if (!parsed.ok()) {
    return InvalidArgument(std::string(kWhat) + ": unknown CallStatus");
  }
  cb.status = *parsed;
  cb.parent_call_sid = Get(form, "ParentCallSid");
  cb.direction = Get(form, "Direction");
  cb.from = Get(form, "From");
  cb.to = Get(form, "To");
  cb.callback_source = Get(form, "CallbackSource");
  cb.recording_sid = Get(form, "RecordingSid");
  cb.recording_url = Get(form, "RecordingUrl");
  SC_RETURN_IF_ERROR(
      OptionalInt(form, kWhat, "SequenceNumber", cb.sequence_number));
  SC_RETURN_IF_ERROR(
      OptionalInt(form, kWhat, "CallDuration", cb.call_duration_s));
  SC_RETURN_IF_ERROR(
      OptionalSmallInt(form, kWhat, "SipResponseCode", cb.sip_response_code));
  if (const std::string* ts = Find(form, "Timestamp"); ts && !ts->empty()) {
    StatusOr<int64_t> t = ParseRfc2822(*ts);
    if (!t.ok()) {
      return InvalidArgument(std::string(kWhat) +
                             ": Timestamp is not an RFC 2822 date");
    }
    cb.timestamp_unix_s = *t;
  }
  return cb;
}

std::string_view RecordingStatusName(RecordingStatus status) {
  switch (status) {
    case RecordingStatus::kInProgress:
      return "in-progress";
    case RecordingStatus::kCompleted:
      return "completed";
    case RecordingStatus::kAbsent:
      return "absent";
  }
  return "unknown";
}

StatusOr<RecordingCallback> ParseRecordingCallback(const FormParams& form) {
  constexpr std::string_view kWhat = "recording callback";
  RecordingCallback cb;
  SC_RETURN_IF_ERROR(Required(form, kWhat, "AccountSid", cb.account_sid));
  SC_RETURN_IF_ERROR(Required(form, kWhat, "CallSid", cb.call_sid));
  SC_RETURN_IF_ERROR(Required(form, kWhat, "RecordingSid", cb.recording_sid));
  std::string status;
  SC_RETURN_IF_ERROR(Required(form, kWhat, "RecordingStatus", status));
  if (status == "in-progress") {
    cb.status = RecordingStatus::kInProgress;
  } else if (status == "completed") {
    cb.status = RecordingStatus::kCompleted;
  } else if (status == "absent") {
    cb.status = RecordingStatus::kAbsent;
  } else {
    return InvalidArgument(std::string(kWhat) + ": unknown RecordingStatus");
  }
  cb.recording_url = Get(form, "RecordingUrl");
  if (cb.status == RecordingStatus::kCompleted && cb.recording_url.empty()) {
    return InvalidArgument(std::string(kWhat) + ": missing RecordingUrl");
  }
  if (!cb.recording_url.empty() && !cb.recording_url.starts_with("https://") &&
      !cb.recording_url.starts_with("http://")) {
    return InvalidArgument(std::string(kWhat) +
                           ": RecordingUrl is not an http(s) URL");
  }
  SC_RETURN_IF_ERROR(
      OptionalInt(form, kWhat, "RecordingDuration", cb.duration_s));
  SC_RETURN_IF_ERROR(
      OptionalSmallInt(form, kWhat, "RecordingChannels", cb.channels));
  if (cb.channels && *cb.channels != 1 && *cb.channels != 2) {
    return InvalidArgument(std::string(kWhat) +
                           ": RecordingChannels must be 1 or 2");
  }
  SC_RETURN_IF_ERROR(OptionalSmallInt(form, kWhat, "ErrorCode", cb.error_code));
  cb.start_time = Get(form, "RecordingStartTime");
  cb.source = Get(form, "RecordingSource");
  cb.track = Get(form, "RecordingTrack");
  return cb;
}

std::string_view ApplyOutcomeName(ApplyOutcome outcome) {
  switch (outcome) {
    case ApplyOutcome::kApplied:
      return "applied";
    case ApplyOutcome::kDuplicate:
      return "duplicate";
    case ApplyOutcome::kStale:
      return "stale";
    case ApplyOutcome::kConflict:
      return "conflict";
  }
  return "unknown";
}

ApplyResult Apply(const CallState& state, const StatusCallback& callback) {
  ApplyResult result;
  result.state = state;
  CallState& s = result.state;
  ++s.callbacks_seen;
  if (callback.sequence_number &&
      (!s.max_sequence_number ||
       *callback.sequence_number > *s.max_sequence_number)) {
    s.max_sequence_number = callback.sequence_number;
  }
  if (callback.timestamp_unix_s &&
      (!s.last_timestamp_unix_s ||
       *callback.timestamp_unix_s > *s.last_timestamp_unix_s)) {
    s.last_timestamp_unix_s = callback.timestamp_unix_s;
  }
  // The time each status was reached: the earliest report of it.
  switch (callback.status) {
    case CallStatus::kInitiated:
      Min(s.initiated_unix_s, callback.timestamp_unix_s);
      break;
    case CallStatus::kRinging:
      Min(s.ringing_unix_s, callback.timestamp_unix_s);
      break;
    case CallStatus::kInProgress:
      Min(s.answered_unix_s, callback.timestamp_unix_s);
      break;
    default:
      break;
  }

  const int current = CallStatusRank(state.status);
  const int incoming = CallStatusRank(callback.status);
  const bool terminal_seen = IsTerminal(state.status);
  if (callback.status == state.status) {
    result.outcome = ApplyOutcome::kDuplicate;
  } else if (terminal_seen && IsTerminal(callback.status)) {
    result.outcome = ApplyOutcome::kConflict;
  } else if (incoming < current) {
    result.outcome = ApplyOutcome::kStale;
  } else {
    result.outcome = ApplyOutcome::kApplied;
    s.status = callback.status;
  }
  // Facts of the winning terminal callback (and of its retries).
  if (IsTerminal(callback.status) && callback.status == s.status) {
    if (callback.call_duration_s) {
      s.duration_s =
          std::max(s.duration_s.value_or(0), *callback.call_duration_s);
    }
    Min(s.ended_unix_s, callback.timestamp_unix_s);
    if (result.outcome == ApplyOutcome::kApplied) {
      result.completion = Completion::kCompletesCall;
    }
  }
  return result;
}

}  // namespace sc::twilio
