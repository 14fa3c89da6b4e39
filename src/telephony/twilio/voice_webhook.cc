#include "telephony/twilio/voice_webhook.h"

#include <algorithm>

#include "telephony/twilio/twiml.h"

namespace sc::twilio {
namespace {

// What callers hear. Full sentences, no personal data, nothing that says
// more about our users than "not available".
constexpr std::string_view kSayNotAllowed =
    "Sorry, this account is not allowed to place calls. Please contact your "
    "administrator. Goodbye.";
constexpr std::string_view kSayBadNumber =
    "Sorry, the number you dialed is not a valid phone number. Please check "
    "it and try again. Goodbye.";
constexpr std::string_view kSayNotInService =
    "Sorry, the number you called is not in service. Goodbye.";
constexpr std::string_view kSayCannotTakeCalls =
    "Sorry, this number cannot take calls right now. Goodbye.";
constexpr std::string_view kSayTryLater =
    "Sorry, we cannot connect your call right now. Please try again later. "
    "Goodbye.";
constexpr std::string_view kSayLeaveMessage =
    "The person you called is not available. Please leave a message after "
    "the tone, and hang up when you are done.";
constexpr std::string_view kSayNoMessage =
    "We did not receive a message. Goodbye.";
constexpr std::string_view kSayUnavailable =
    "The person you called is not available. Please try again later. "
    "Goodbye.";
constexpr std::string_view kSayThanks =
    "Thank you. Your message has been recorded. Goodbye.";
constexpr std::string_view kSayBusy = "The number you called is busy. Goodbye.";
constexpr std::string_view kSayNoAnswer =
    "The number you called did not answer. Goodbye.";
constexpr std::string_view kSayFailed =
    "The call could not be connected. Goodbye.";

constexpr std::string_view kStreamName = "copilot";

std::string Get(const FormParams& form, std::string_view name) {
  std::string found;
  for (const auto& [key, value] : form) {
    if (key == name) found = value;
  }
  return found;
}

SayOptions Voice(const VoiceWebhookOptions& o) {
  SayOptions say;
  say.voice = o.say_voice;
  say.language = o.say_language;
  return say;
}

// Facts every result logs; From/To only as personal data.
struct Context {
  std::string call_sid;
  std::string from;
  std::string to;
};

Context ReadContext(const FormParams& form) {
  return Context{Get(form, "CallSid"), Get(form, "From"), Get(form, "To")};
}

VoiceResult Finish(VoiceDecision decision, std::string twiml,
                   const Context& ctx, CallerProfile profile = {}) {
  VoiceResult r;
  r.decision = decision;
  r.twiml = std::move(twiml);
  r.log_fields.push_back(F("call_sid", ctx.call_sid));
  r.log_fields.push_back(F("decision", VoiceDecisionName(decision)));
  if (!profile.user_id.empty()) {
    r.log_fields.push_back(F("user_id", profile.user_id));
    r.log_fields.push_back(F("tenant_id", profile.tenant_id));
  }
  r.log_fields.push_back(Pii("from", ctx.from));
  r.log_fields.push_back(Pii("to", ctx.to));
  r.profile = std::move(profile);
  return r;
}

VoiceResult SayAndHangup(VoiceDecision decision, std::string_view sentence,
                         const Context& ctx, const VoiceWebhookOptions& o,
                         CallerProfile profile = {}) {
  VoiceResponse r;
  r.Say(sentence, Voice(o)).Hangup();
  return Finish(decision, r.ToXml(), ctx, std::move(profile));
}

std::vector<std::string> AllCallEvents() {
  return {"initiated", "ringing", "answered", "completed"};
}

// The <Start><Stream> that sends both tracks of this call to the copilot.
StreamOptions CopilotStream(const std::string& wss_url, const Context& ctx,
                            const CallerProfile& p, std::string_view direction,
                            std::string_view agent_track) {
  StreamOptions s;
  s.url = wss_url;
  s.track = "both_tracks";
  s.name = std::string(kStreamName);
  s.parameters = {{"call_sid", ctx.call_sid},
                  {"user_id", p.user_id},
                  {"tenant_id", p.tenant_id},
                  {"direction", std::string(direction)},
                  {"agent_track", std::string(agent_track)}};
  return s;
}

struct Urls {
  std::string stream;
  std::string status;
  std::string recording;
  std::string dial_action;
  std::string voicemail_action;
};

StatusOr<Urls> BuildUrls(const VoiceWebhookOptions& o) {
  Urls u;
  SC_ASSIGN_OR_RETURN(u.stream,
                      PublicWebSocketUrl(o.public_base_url, kMediaStreamPath));
  SC_ASSIGN_OR_RETURN(u.status,
                      PublicRequestUrl(o.public_base_url, kStatusCallbackPath));
  SC_ASSIGN_OR_RETURN(
      u.recording, PublicRequestUrl(o.public_base_url, kRecordingCallbackPath));
  SC_ASSIGN_OR_RETURN(u.dial_action,
                      PublicRequestUrl(o.public_base_url, kDialActionPath));
  SC_ASSIGN_OR_RETURN(
      u.voicemail_action,
      PublicRequestUrl(o.public_base_url, kVoicemailActionPath));
  return u;
}

void AddRecording(DialOptions& dial, const CallerProfile& p, const Urls& u) {
  if (!p.recording_enabled) return;
  // Dual channel: the parent (caller) leg in channel 1, the dialled party in
  // channel 2, so the recording separates the speakers like the stream does.
  dial.record = "record-from-answer-dual";
  dial.recording_status_callback = u.recording;
  dial.recording_status_callback_method = HttpMethod::kPost;
  dial.recording_status_callback_event = {"completed", "absent"};
}

VoiceResult OutboundDial(const Context& ctx, const CallerProfile& p,
                         const Urls& u, const VoiceWebhookOptions& o) {
  VoiceResponse r;
  if (p.ai_enabled) {
    // The browser is the leg the stream is attached to, so its voice is the
    // inbound track.
    r.StartStream(CopilotStream(u.stream, ctx, p, "outbound", "inbound"));
  }
  DialOptions dial;
  dial.caller_id = p.phone_number;
  AddRecording(dial, p, u);
  // The browser hears ringing until the called party answers.
  dial.answer_on_bridge = true;
  dial.action = u.dial_action;
  dial.method = HttpMethod::kPost;
  DialNumber number;
  number.number = ctx.to;
  number.status_callback = u.status;
  number.status_callback_event = AllCallEvents();
  number.status_callback_method = HttpMethod::kPost;
  r.Dial(dial, {number});
  return Finish(VoiceDecision::kOutboundDial, r.ToXml(), ctx, p);
}

VoiceResult InboundRing(const Context& ctx, const CallerProfile& p,
                        const Urls& u, const VoiceWebhookOptions& o) {
  VoiceResponse r;
  if (p.ai_enabled) {
    // The caller's leg carries the stream: the prospect is the inbound
    // track and the agent's browser, being dialled, the outbound one.
    r.StartStream(CopilotStream(u.stream, ctx, p, "inbound", "outbound"));
  }
  DialOptions dial;
  AddRecording(dial, p, u);
  dial.answer_on_bridge = true;
  dial.timeout = std::clamp(o.ring_timeout_seconds, 5, 600);
  dial.action = u.dial_action;
  dial.method = HttpMethod::kPost;
  DialClient client;
  client.identity = p.identity;
  client.status_callback = u.status;
  client.status_callback_event = AllCallEvents();
  client.status_callback_method = HttpMethod::kPost;
  r.Dial(dial, {client});
  return Finish(VoiceDecision::kInboundRing, r.ToXml(), ctx, p);
}

}  // namespace

bool IsE164(std::string_view number) {
  if (number.size() < 3 || number.size() > 16 || number[0] != '+') {
    return false;
  }
  if (number[1] == '0') return false;
  return std::all_of(number.begin() + 1, number.end(),
                     [](char c) { return c >= '0' && c <= '9'; });
}

std::string_view VoiceDecisionName(VoiceDecision decision) {
  switch (decision) {
    case VoiceDecision::kOutboundDial:
      return "outbound_dial";
    case VoiceDecision::kInboundRing:
      return "inbound_ring";
    case VoiceDecision::kVoicemail:
      return "voicemail";
    case VoiceDecision::kUnavailable:
      return "unavailable";
    case VoiceDecision::kCallFinished:
      return "call_finished";
    case VoiceDecision::kOutboundNotConnected:
      return "outbound_not_connected";
    case VoiceDecision::kRejectedMalformedRequest:
      return "rejected_malformed_request";
    case VoiceDecision::kRejectedUnknownClient:
      return "rejected_unknown_client";
    case VoiceDecision::kRejectedNoPermission:
      return "rejected_no_permission";
    case VoiceDecision::kRejectedVoiceDisabled:
      return "rejected_voice_disabled";
    case VoiceDecision::kRejectedMalformedTo:
      return "rejected_malformed_to";
    case VoiceDecision::kRejectedUnknownNumber:
      return "rejected_unknown_number";
    case VoiceDecision::kRejectedLookupFailed:
      return "rejected_lookup_failed";
    case VoiceDecision::kRejectedBadConfig:
      return "rejected_bad_config";
  }
  return "unknown";
}

VoiceResult DecideVoiceCall(const FormParams& form,
                            const PhoneDirectory& directory,
                            const VoiceWebhookOptions& options) {
  const Context ctx = ReadContext(form);
  if (ctx.call_sid.empty() || Get(form, "AccountSid").empty()) {
    return SayAndHangup(VoiceDecision::kRejectedMalformedRequest, kSayTryLater,
                        ctx, options);
  }
  StatusOr<Urls> urls = BuildUrls(options);
  if (!urls.ok()) {
    return SayAndHangup(VoiceDecision::kRejectedBadConfig, kSayTryLater, ctx,
                        options);
  }

  constexpr std::string_view kClient = "client:";
  if (ctx.from.starts_with(kClient)) {
    // A call placed from the browser through the TwiML App.
    const std::string identity = ctx.from.substr(kClient.size());
    StatusOr<CallerProfile> found = directory.FindByIdentity(identity);
    if (!found.ok()) {
      return found.status().code() == StatusCode::kNotFound
                 ? SayAndHangup(VoiceDecision::kRejectedUnknownClient,
                                kSayNotAllowed, ctx, options)
                 : SayAndHangup(VoiceDecision::kRejectedLookupFailed,
                                kSayTryLater, ctx, options);
    }
    CallerProfile& p = *found;
    if (!p.may_call) {
      return SayAndHangup(VoiceDecision::kRejectedNoPermission, kSayNotAllowed,
                          ctx, options, std::move(p));
    }
    if (!p.voice_enabled || !IsE164(p.phone_number)) {
      // Without a valid number of their own there is no caller ID to send.
      return SayAndHangup(VoiceDecision::kRejectedVoiceDisabled, kSayNotAllowed,
                          ctx, options, std::move(p));
    }
    if (!IsE164(ctx.to)) {
      return SayAndHangup(VoiceDecision::kRejectedMalformedTo, kSayBadNumber,
                          ctx, options, std::move(p));
    }
    return OutboundDial(ctx, p, *urls, options);
  }

  // A call to one of our numbers.
  if (!IsE164(ctx.to)) {
    return SayAndHangup(VoiceDecision::kRejectedMalformedTo, kSayNotInService,
                        ctx, options);
  }
  StatusOr<CallerProfile> found = directory.FindByNumber(ctx.to);
  if (!found.ok()) {
    return found.status().code() == StatusCode::kNotFound
               ? SayAndHangup(VoiceDecision::kRejectedUnknownNumber,
                              kSayNotInService, ctx, options)
               : SayAndHangup(VoiceDecision::kRejectedLookupFailed,
                              kSayTryLater, ctx, options);
  }
  CallerProfile& p = *found;
  if (!p.voice_enabled || p.identity.empty()) {
    return SayAndHangup(VoiceDecision::kRejectedVoiceDisabled,
                        kSayCannotTakeCalls, ctx, options, std::move(p));
  }
  return InboundRing(ctx, p, *urls, options);
}

VoiceResult DecideDialAction(const FormParams& form,
                             const VoiceWebhookOptions& options) {
  const Context ctx = ReadContext(form);
  const std::string status = Get(form, "DialCallStatus");
  if (status == "completed" || status == "answered") {
    VoiceResponse r;
    r.Hangup();
    return Finish(VoiceDecision::kCallFinished, r.ToXml(), ctx);
  }
  if (ctx.from.starts_with("client:")) {
    // The browser placed the call; tell the agent why it did not connect.
    if (status == "canceled") {
      // The agent hung up before it was answered: nobody is listening.
      VoiceResponse r;
      r.Hangup();
      return Finish(VoiceDecision::kCallFinished, r.ToXml(), ctx);
    }
    const std::string_view sentence = status == "busy"        ? kSayBusy
                                      : status == "no-answer" ? kSayNoAnswer
                                                              : kSayFailed;
    return SayAndHangup(VoiceDecision::kOutboundNotConnected, sentence, ctx,
                        options);
  }
  if (options.voicemail == Voicemail::kMessageOnly) {
    return SayAndHangup(VoiceDecision::kUnavailable, kSayUnavailable, ctx,
                        options);
  }
  StatusOr<Urls> urls = BuildUrls(options);
  if (!urls.ok()) {
    return SayAndHangup(VoiceDecision::kRejectedBadConfig, kSayUnavailable, ctx,
                        options);
  }
  VoiceResponse r;
  r.Say(kSayLeaveMessage, Voice(options));
  RecordOptions rec;
  rec.action = urls->voicemail_action;
  rec.method = HttpMethod::kPost;
  rec.max_length = std::max(1, options.voicemail_max_length_seconds);
  rec.play_beep = true;
  rec.recording_status_callback = urls->recording;
  rec.recording_status_callback_method = HttpMethod::kPost;
  rec.recording_status_callback_event = {"completed", "absent"};
  r.Record(rec);
  // Reached only when nothing was recorded (Twilio then skips the action).
  r.Say(kSayNoMessage, Voice(options)).Hangup();
  return Finish(VoiceDecision::kVoicemail, r.ToXml(), ctx);
}

VoiceResult DecideVoicemailRecorded(const FormParams& form,
                                    const VoiceWebhookOptions& options) {
  return SayAndHangup(VoiceDecision::kCallFinished, kSayThanks,
                      ReadContext(form), options);
}

}  // namespace sc::twilio
