// The decisions behind Twilio's voice webhooks, as pure functions from the
// parsed form to TwiML: what to do with a call placed from the browser
// (Voice JS SDK), a call to a user's dedicated number, and what to do after
// the <Dial> ends or the voicemail is recorded. The HTTP layer validates the
// signature (signature.h), parses the form, fetches the facts through a
// PhoneDirectory and returns `twiml` with status 200 and Content-Type
// text/xml, whatever the decision: a call Twilio cannot be given TwiML for is
// a call it plays an "application error" message on. TwiML per case, with
// examples: docs/twilio.md §2; the request parameters: TWILIO.md §3.1.
//
//   VoiceWebhookOptions options{.public_base_url =
//   "https://copilot.example.com"}; VoiceResult r = DecideVoiceCall(form,
//   directory, options); sc::Log(LogLevel::kInfo, "twilio.voice_webhook",
//   ...r.log_fields...); respond 200, "text/xml", r.twiml
//
// Cases of DecideVoiceCall (the first that applies):
//   - CallSid or AccountSid missing: kRejectedMalformedRequest.
//   - From = "client:IDENTITY" (a browser call, Direction "inbound"):
//     no profile for IDENTITY: kRejectedUnknownClient; profile without
//     phone.call: kRejectedNoPermission; voice disabled:
//     kRejectedVoiceDisabled; To not E.164: kRejectedMalformedTo; else
//     kOutboundDial: [<Start><Stream both_tracks> (AI enabled only)]
//     <Dial callerId=profile number [record-from-answer-dual + recording
//     callback, when recording is enabled] action=dial-action>
//     <Number statusCallback=status, all four events>To</Number></Dial>.
//   - Otherwise To is the dialled number: not E.164: kRejectedMalformedTo;
//     no profile owns it: kRejectedUnknownNumber; voice disabled:
//     kRejectedVoiceDisabled; else kInboundRing: [stream, AI only]
//     <Dial timeout=ring_timeout action=dial-action [record...]>
//     <Client statusCallback=status>IDENTITY</Client></Dial>.
//   - A directory error other than NotFound: kRejectedLookupFailed.
// Every rejection is <Say>(a polite sentence)</Say><Hangup/>.
//
// Stream <Parameter>s (read back by media_stream.h MapTracks and by the
// server): call_sid, user_id, tenant_id, direction ("outbound" or
// "inbound"), agent_track ("inbound" for outbound calls: the browser leg is
// the caller leg; "outbound" for inbound calls: the browser is the dialled
// party). The stream URL is wss://<public host>/api/twilio-calls/media-stream.
//
// Personal data: From/To go only into Pii() log fields; TwiML contains the
// dialled number because Twilio needs it.
//
// Thread-safety: pure functions; the directory must be safe to call from the
// calling thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/log.h"
#include "core/status.h"
#include "telephony/twilio/signature.h"

namespace sc::twilio {

// Paths (below the public base URL) that our TwiML points Twilio at. The
// server routes each of them (docs/twilio.md, "Endpoints and configuration").
inline constexpr std::string_view kVoiceWebhookPath = "/api/twilio-calls/twiml";
inline constexpr std::string_view kMediaStreamPath =
    "/api/twilio-calls/media-stream";
inline constexpr std::string_view kStatusCallbackPath =
    "/api/twilio-calls/status";
inline constexpr std::string_view kRecordingCallbackPath =
    "/api/twilio-calls/recording";
inline constexpr std::string_view kDialActionPath =
    "/api/twilio-calls/dial-action";
inline constexpr std::string_view kVoicemailActionPath =
    "/api/twilio-calls/voicemail";

// What the webhook needs to know about one user's phone set-up: their user
// record (identity, phone.call permission) joined with their phone profile.
struct CallerProfile {
  std::string user_id;
  std::string tenant_id;
  std::string identity;        // Voice SDK client identity.
  std::string phone_number;    // The user's dedicated E.164 number.
  std::string caller_id_name;  // Not used in TwiML (Twilio takes CNAM from
                               // the number's registration); kept for logs.
  bool voice_enabled = false;
  bool recording_enabled = false;
  bool ai_enabled = false;
  bool may_call = false;  // Holds permission phone.call.
};

// Where the facts come from (the store, in the server). NotFound when there is
// no such profile; any other error is reported as kRejectedLookupFailed.
class PhoneDirectory {
 public:
  virtual ~PhoneDirectory() = default;
  virtual StatusOr<CallerProfile> FindByIdentity(
      std::string_view identity) const = 0;
  virtual StatusOr<CallerProfile> FindByNumber(std::string_view e164) const = 0;
};

enum class Voicemail {
  kRecord,       // <Say> a prompt and <Record> a message.
  kMessageOnly,  // <Say> that nobody is available, then hang up.
};

struct VoiceWebhookOptions {
  // Public base URL Twilio reaches us at (SALESCOPILOT_PUBLIC_URL), http(s),
  // e.g. "https://copilot.example.com"; callback URLs are built from it and
  // the stream URL from it with the scheme made wss. Required.
  std::string public_base_url;
  // Seconds an inbound call rings the browser before voicemail (5-600).
  int ring_timeout_seconds = 20;
  Voicemail voicemail = Voicemail::kRecord;
  // Longest voicemail, seconds.
  int voicemail_max_length_seconds = 120;
  // <Say> voice and language for every prompt.
  std::string say_voice = "Polly.Joanna";
  std::string say_language = "en-US";
};

enum class VoiceDecision {
  kOutboundDial,          // Browser call dialled out.
  kInboundRing,           // Call to a user's number rings their browser.
  kVoicemail,             // Dial action: nobody answered; recording a message.
  kUnavailable,           // Dial action: nobody answered; message, hang up.
  kCallFinished,          // Dial action after an answered call, or voicemail
                          // saved: hang up.
  kOutboundNotConnected,  // Dial action: the dialled number did not answer.
  kRejectedMalformedRequest,
  kRejectedUnknownClient,
  kRejectedNoPermission,
  kRejectedVoiceDisabled,
  kRejectedMalformedTo,
  kRejectedUnknownNumber,
  kRejectedLookupFailed,
  kRejectedBadConfig,  // public_base_url unusable; a server bug, say sorry.
};
// "outbound_dial", "inbound_ring", "rejected_unknown_number", ...
std::string_view VoiceDecisionName(VoiceDecision decision);

struct VoiceResult {
  std::string twiml;  // A complete TwiML document; always set.
  VoiceDecision decision = VoiceDecision::kRejectedMalformedRequest;
  // call_sid, decision, user_id/tenant_id when known, from/to as Pii().
  std::vector<LogField> log_fields;
  // The profile the decision was made for (empty user_id when none).
  CallerProfile profile;
};

// The voice webhook (POST kVoiceWebhookPath): a new call.
VoiceResult DecideVoiceCall(const FormParams& form,
                            const PhoneDirectory& directory,
                            const VoiceWebhookOptions& options);

// The <Dial action> request (POST kDialActionPath) after the <Dial> of
// DecideVoiceCall ended. DialCallStatus completed/answered: <Hangup/>
// (kCallFinished). Otherwise (no-answer, busy, failed, canceled, absent):
// for a browser call (From=client:...) a sentence that the number could not
// be reached (kOutboundNotConnected); for an inbound call, voicemail or the
// unavailable message per options.voicemail (kVoicemail / kUnavailable).
VoiceResult DecideDialAction(const FormParams& form,
                             const VoiceWebhookOptions& options);

// The <Record action> request (POST kVoicemailActionPath) after a voicemail:
// a thank-you and <Hangup/> (kCallFinished). The recording itself arrives on
// kRecordingCallbackPath.
VoiceResult DecideVoicemailRecorded(const FormParams& form,
                                    const VoiceWebhookOptions& options);

// True for "+" followed by 2-15 digits, the first not 0 (ITU E.164).
bool IsE164(std::string_view number);

}  // namespace sc::twilio
