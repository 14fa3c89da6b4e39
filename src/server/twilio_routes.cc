#include "server/twilio_routes.h"

#include <boost/json.hpp>
#include <optional>

#include "core/log.h"
#include "telephony/twilio/access_token.h"
#include "telephony/twilio/call_lifecycle.h"
#include "telephony/twilio/signature.h"
#include "telephony/twilio/voice_webhook.h"

namespace sc::server {
namespace json = boost::json;
namespace {

constexpr std::string_view kTokenPath = "/api/twilio/token";
// Compare-and-set attempts on one call leg before giving up (each loses only
// to another callback of the same leg that committed first).
constexpr int kLegUpdateAttempts = 8;

// Compares without an early exit, so the time taken does not reveal how
// much of a secret matched.
bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  }
  return diff == 0;
}

HttpResponse Twiml(std::string xml) {
  HttpResponse r;
  r.content_type = "text/xml";
  r.body = std::move(xml);
  return r;
}

HttpResponse NoContent() {
  HttpResponse r;
  r.status = 204;
  r.content_type = "text/plain";
  return r;
}

std::string Header(const HttpRequest& req, const std::string& lower_name) {
  auto it = req.headers.find(lower_name);
  return it == req.headers.end() ? std::string() : it->second;
}

std::string FormValue(const twilio::FormParams& form, std::string_view name) {
  for (const auto& [k, v] : form) {
    if (k == name) return v;
  }
  return "";
}

twilio::VoiceWebhookOptions VoiceOptions(const TwilioServerOptions& o) {
  twilio::VoiceWebhookOptions v;
  v.public_base_url = o.public_base_url;
  v.ring_timeout_seconds = o.ring_timeout_seconds;
  v.voicemail = o.no_answer == NoAnswer::kVoicemail
                    ? twilio::Voicemail::kRecord
                    : twilio::Voicemail::kMessageOnly;
  return v;
}

// ---- The phone directory, from the store ------------------------------------

// Joins a user with their phone profile. AI streaming needs both the
// profile's switch and the user's ai.sales-copilot permission.
class StoreDirectory : public twilio::PhoneDirectory {
 public:
  explicit StoreDirectory(storage::Store* store) : store_(store) {}

  StatusOr<twilio::CallerProfile> FindByIdentity(
      std::string_view identity) const override {
    SC_ASSIGN_OR_RETURN(storage::UserRecord user,
                        store_->GetUserByIdentity(std::string(identity)));
    SC_ASSIGN_OR_RETURN(storage::PhoneProfile phone,
                        store_->GetPhoneProfile(user.user_id));
    return Join(user, phone);
  }

  StatusOr<twilio::CallerProfile> FindByNumber(
      std::string_view e164) const override {
    SC_ASSIGN_OR_RETURN(storage::PhoneProfile phone,
                        store_->GetPhoneProfileByNumber(std::string(e164)));
    SC_ASSIGN_OR_RETURN(storage::UserRecord user,
                        store_->GetUser(phone.user_id));
    return Join(user, phone);
  }

 private:
  static twilio::CallerProfile Join(const storage::UserRecord& u,
                                    const storage::PhoneProfile& p) {
    twilio::CallerProfile c;
    c.user_id = u.user_id;
    c.tenant_id = u.tenant_id;
    c.identity = u.identity;
    c.phone_number = p.phone_number;
    c.caller_id_name = p.caller_id_name;
    c.voice_enabled = p.voice_enabled;
    c.recording_enabled = p.recording_enabled;
    c.ai_enabled = p.ai_enabled && u.Has(storage::Permission::kAiSalesCopilot);
    c.may_call = u.Has(storage::Permission::kPhoneCall);
    return c;
  }

  storage::Store* store_;
};

// ---- Call legs: the stored record <-> the lifecycle state -------------------

std::optional<int64_t> MsToS(int64_t ms) {
  if (ms == 0) return std::nullopt;
  return ms / 1000;
}

int64_t SToMs(const std::optional<int64_t>& s) { return s ? *s * 1000 : 0; }

twilio::CallState ToState(const storage::TwilioCallRecord& r) {
  twilio::CallState s;
  if (auto status = twilio::ParseCallStatus(r.status); status.ok()) {
    s.status = *status;
  }
  s.callbacks_seen = static_cast<int>(r.callbacks_seen);
  if (r.last_sequence_number >= 0) {
    s.max_sequence_number = r.last_sequence_number;
  }
  s.last_timestamp_unix_s = MsToS(r.last_callback_unix_ms);
  if (r.duration_s >= 0) s.duration_s = r.duration_s;
  s.initiated_unix_s = MsToS(r.initiated_unix_ms);
  s.ringing_unix_s = MsToS(r.ringing_unix_ms);
  s.answered_unix_s = MsToS(r.answered_unix_ms);
  s.ended_unix_s = MsToS(r.ended_unix_ms);
  return s;
}

void FromState(const twilio::CallState& s, storage::TwilioCallRecord* r) {
  r->status = std::string(twilio::CallStatusName(s.status));
  r->callbacks_seen = s.callbacks_seen;
  r->last_sequence_number = s.max_sequence_number.value_or(-1);
  r->last_callback_unix_ms = SToMs(s.last_timestamp_unix_s);
  r->duration_s = s.duration_s.value_or(-1);
  r->initiated_unix_ms = SToMs(s.initiated_unix_s);
  r->ringing_unix_ms = SToMs(s.ringing_unix_s);
  r->answered_unix_ms = SToMs(s.answered_unix_s);
  r->ended_unix_ms = SToMs(s.ended_unix_s);
}

// Applies `callback` (may be null: just record the leg) to the stored leg,
// creating it from `seed` when absent. Identity fields the stored leg lacks
// are filled from `seed`. Optimistic: re-reads and retries when another
// callback of the same leg committed in between.
StatusOr<twilio::ApplyResult> ApplyToLeg(
    storage::Store& store, const storage::TwilioCallRecord& seed,
    const twilio::StatusCallback* callback) {
  for (int attempt = 0; attempt < kLegUpdateAttempts; ++attempt) {
    StatusOr<storage::TwilioCallRecord> stored =
        store.GetTwilioCall(seed.call_sid);
    const bool exists = stored.ok();
    if (!exists && stored.status().code() != StatusCode::kNotFound) {
      return stored.status();
    }
    storage::TwilioCallRecord rec = exists ? *stored : seed;
    if (exists) {
      auto fill = [](std::string& field, const std::string& from) {
        if (field.empty()) field = from;
      };
      fill(rec.parent_call_sid, seed.parent_call_sid);
      fill(rec.account_sid, seed.account_sid);
      fill(rec.user_id, seed.user_id);
      fill(rec.from_number, seed.from_number);
      fill(rec.to_number, seed.to_number);
      if (rec.direction.empty() || rec.direction == "unknown") {
        rec.direction = seed.direction;
      }
      if (rec.tenant_id == "default") rec.tenant_id = seed.tenant_id;
    }
    twilio::ApplyResult result;
    result.state = ToState(rec);
    if (callback != nullptr) result = twilio::Apply(result.state, *callback);
    FromState(result.state, &rec);
    Status written;
    if (exists) {
      written = store.UpdateTwilioCall(rec).status();
      if (written.code() == StatusCode::kFailedPrecondition) continue;
    } else {
      written = store.CreateTwilioCall(rec);
      if (written.code() == StatusCode::kAlreadyExists) continue;
    }
    if (!written.ok()) return written;
    return result;
  }
  return Unavailable("call " + seed.call_sid +
                     " is being updated concurrently; retry");
}

// Our direction for a leg: Twilio's "inbound" is a call to us (or from the
// browser SDK, which the voice webhook records itself), "outbound-*" a call
// Twilio placed.
std::string OurDirection(std::string_view twilio_direction) {
  if (twilio_direction == "inbound") return "inbound";
  if (twilio_direction.starts_with("outbound")) return "outbound";
  return "unknown";
}

// ---- Admission: method, body, signature -------------------------------------

bool IsFormEncoded(const HttpRequest& req) {
  std::string type = Header(req, "content-type");
  for (char& c : type) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return std::string_view(type).starts_with(
      "application/x-www-form-urlencoded");
}

Status CheckSignature(const HttpRequest& req, const twilio::FormParams& params,
                      const TwilioServerOptions& o) {
  if (o.signature_check == SignatureCheck::kDisabledForDevelopment) {
    return Status::Ok();
  }
  if (o.auth_token.empty()) {
    return Unauthenticated(
        "no Twilio auth token is configured (TWILIO_AUTH_TOKEN), so no "
        "request can be verified");
  }
  SC_ASSIGN_OR_RETURN(std::string url,
                      twilio::PublicRequestUrl(o.public_base_url, req.target));
  return twilio::ValidateFormRequest(
      o.auth_token, Header(req, "x-twilio-signature"), url, params);
}

// Parses and authenticates a webhook. On failure returns nullopt and sets
// *error to the response.
std::optional<twilio::FormParams> Admit(const HttpRequest& req,
                                        const TwilioRouteContext& ctx,
                                        bool allow_get, HttpResponse* error) {
  const TwilioServerOptions& o = *ctx.options;
  twilio::FormParams params;  // What is signed: the POST body's parameters.
  twilio::FormParams form;    // What the handler reads.
  if (req.method == "POST") {
    if (req.body.size() > o.max_webhook_body_bytes) {
      *error = ErrorResponse(413, "payload_too_large",
                             "webhook body larger than " +
                                 std::to_string(o.max_webhook_body_bytes) +
                                 " bytes");
      return std::nullopt;
    }
    if (!IsFormEncoded(req)) {
      *error = ErrorResponse(
          415, "unsupported_media_type",
          "Twilio webhooks are application/x-www-form-urlencoded");
      return std::nullopt;
    }
    StatusOr<twilio::FormParams> parsed = twilio::ParseFormUrlEncoded(req.body);
    if (!parsed.ok()) {
      *error = ErrorFromStatus(parsed.status());
      return std::nullopt;
    }
    params = *parsed;
    form = std::move(parsed).value();
  } else if (req.method == "GET" && allow_get) {
    // A GET webhook's parameters are in the (signed) URL.
    const size_t q = req.target.find('?');
    StatusOr<twilio::FormParams> parsed = twilio::ParseFormUrlEncoded(
        q == std::string::npos ? std::string_view()
                               : std::string_view(req.target).substr(q + 1));
    if (!parsed.ok()) {
      *error = ErrorFromStatus(parsed.status());
      return std::nullopt;
    }
    form = std::move(parsed).value();
  } else {
    *error = ErrorResponse(405, "method_not_allowed",
                           allow_get ? "use POST or GET on " + req.path
                                     : "use POST on " + req.path);
    return std::nullopt;
  }
  Status signed_ok = CheckSignature(req, params, o);
  if (!signed_ok.ok()) {
    LogWarn("twilio.signature_rejected",
            {F("path", req.path), F("error", signed_ok.ToString()),
             F("call", FormValue(form, "CallSid"))});
    *error = ErrorResponse(403, "forbidden",
                           "X-Twilio-Signature missing or invalid");
    return std::nullopt;
  }
  return form;
}

// ---- Handlers ---------------------------------------------------------------

void LogVoice(std::string_view event, const twilio::FormParams& form,
              const twilio::VoiceResult& r) {
  LogInfo(
      event,
      {F("call", FormValue(form, "CallSid")),
       F("decision", twilio::VoiceDecisionName(r.decision)),
       F("user", r.profile.user_id), F("tenant", r.profile.tenant_id),
       Pii("from", FormValue(form, "From")), Pii("to", FormValue(form, "To"))});
}

HttpResponse HandleVoice(const twilio::FormParams& form,
                         const TwilioRouteContext& ctx) {
  StoreDirectory directory(ctx.store);
  twilio::VoiceResult r =
      twilio::DecideVoiceCall(form, directory, VoiceOptions(*ctx.options));
  LogVoice("twilio.voice_webhook", form, r);
  const bool dialing = r.decision == twilio::VoiceDecision::kOutboundDial ||
                       r.decision == twilio::VoiceDecision::kInboundRing;
  if (dialing) {
    // Remember who the call belongs to, so status and recording callbacks
    // (which carry only sids) can be attributed.
    storage::TwilioCallRecord seed;
    seed.call_sid = FormValue(form, "CallSid");
    seed.account_sid = FormValue(form, "AccountSid");
    seed.tenant_id =
        r.profile.tenant_id.empty() ? "default" : r.profile.tenant_id;
    seed.user_id = r.profile.user_id;
    seed.direction = r.decision == twilio::VoiceDecision::kOutboundDial
                         ? "outbound"
                         : "inbound";
    seed.from_number = FormValue(form, "From");
    seed.to_number = FormValue(form, "To");
    seed.created_unix_ms = ctx.clock->NowUnixMs();
    // The webhook's CallStatus (ringing, usually) is the leg's first state
    // when it parses as a callback; otherwise the leg is only recorded.
    StatusOr<twilio::StatusCallback> cb = twilio::ParseStatusCallback(form);
    StatusOr<twilio::ApplyResult> applied =
        ApplyToLeg(*ctx.store, seed, cb.ok() ? &*cb : nullptr);
    if (!applied.ok()) {
      // The caller still gets their call; only the bookkeeping failed.
      LogError(
          "twilio.call_record_failed",
          {F("call", seed.call_sid), F("error", applied.status().ToString())});
    }
  }
  return Twiml(std::move(r.twiml));
}

HttpResponse HandleStatus(const twilio::FormParams& form,
                          const TwilioRouteContext& ctx) {
  StatusOr<twilio::StatusCallback> cb = twilio::ParseStatusCallback(form);
  if (!cb.ok()) {
    LogWarn("twilio.status_callback_malformed",
            {F("call", FormValue(form, "CallSid")),
             F("error", cb.status().ToString())});
    return ErrorFromStatus(cb.status());
  }
  storage::TwilioCallRecord seed;
  seed.call_sid = cb->call_sid;
  seed.parent_call_sid = cb->parent_call_sid;
  seed.account_sid = cb->account_sid;
  seed.direction = OurDirection(cb->direction);
  seed.from_number = cb->from;
  seed.to_number = cb->to;
  seed.created_unix_ms = ctx.clock->NowUnixMs();
  if (!cb->parent_call_sid.empty()) {
    // A <Dial> child leg belongs to whoever the parent call belongs to.
    if (auto parent = ctx.store->GetTwilioCall(cb->parent_call_sid);
        parent.ok()) {
      seed.tenant_id = parent->tenant_id;
      seed.user_id = parent->user_id;
      seed.direction = parent->direction;
    }
  }
  StatusOr<twilio::ApplyResult> applied = ApplyToLeg(*ctx.store, seed, &*cb);
  if (!applied.ok()) {
    LogError(
        "twilio.status_callback_failed",
        {F("call", cb->call_sid), F("error", applied.status().ToString())});
    return ErrorFromStatus(applied.status());
  }
  LogInfo(
      "twilio.status_callback",
      {F("call", cb->call_sid), F("status", twilio::CallStatusName(cb->status)),
       F("outcome", twilio::ApplyOutcomeName(applied->outcome)),
       F("sequence", cb->sequence_number.value_or(-1)),
       F("state", twilio::CallStatusName(applied->state.status))});
  if (applied->completion == twilio::Completion::kCompletesCall) {
    const bool was_streaming = ctx.actions.end_streaming_call &&
                               ctx.actions.end_streaming_call(cb->call_sid);
    LogInfo("twilio.call_completed",
            {F("call", cb->call_sid),
             F("status", twilio::CallStatusName(applied->state.status)),
             F("stream_ended_now", was_streaming ? "yes" : "no")});
  }
  return NoContent();
}

storage::RecordingStatus ToStored(twilio::RecordingStatus s) {
  switch (s) {
    case twilio::RecordingStatus::kInProgress:
      return storage::RecordingStatus::kInProgress;
    case twilio::RecordingStatus::kAbsent:
      return storage::RecordingStatus::kAbsent;
    case twilio::RecordingStatus::kCompleted:
      break;
  }
  return storage::RecordingStatus::kCompleted;
}

HttpResponse HandleRecording(const twilio::FormParams& form,
                             const TwilioRouteContext& ctx) {
  StatusOr<twilio::RecordingCallback> rc = twilio::ParseRecordingCallback(form);
  if (!rc.ok()) {
    LogWarn("twilio.recording_callback_malformed",
            {F("call", FormValue(form, "CallSid")),
             F("error", rc.status().ToString())});
    return ErrorFromStatus(rc.status());
  }
  const int64_t now = ctx.clock->NowUnixMs();
  StatusOr<storage::RecordingRecord> existing =
      ctx.store->GetRecording(rc->recording_sid);
  if (existing.ok() && existing->status == storage::RecordingStatus::kStored) {
    // A retry after we already have the file: nothing to do.
    LogInfo("twilio.recording_callback_duplicate",
            {F("call", rc->call_sid), F("recording", rc->recording_sid)});
    return NoContent();
  }
  storage::RecordingRecord rec;
  rec.recording_sid = rc->recording_sid;
  rec.call_sid = rc->call_sid;
  rec.account_sid = rc->account_sid;
  rec.status = ToStored(rc->status);
  rec.source_url = rc->recording_url;
  rec.duration_s = rc->duration_s.value_or(0);
  rec.channels = rc->channels.value_or(0);
  rec.created_unix_ms = now;
  rec.updated_unix_ms = now;
  Status put = ctx.store->PutRecording(rec);
  if (!put.ok()) {
    LogError("twilio.recording_record_failed",
             {F("call", rc->call_sid), F("error", put.ToString())});
    return ErrorFromStatus(put);
  }
  bool queued = false;
  if (rc->status == twilio::RecordingStatus::kCompleted) {
    RecordingJob job;
    auto leg = ctx.store->GetTwilioCall(rc->call_sid);
    job.facts.tenant = leg.ok() ? leg->tenant_id : "default";
    job.facts.account_sid = rc->account_sid;
    job.facts.call_sid = rc->call_sid;
    job.facts.recording_sid = rc->recording_sid;
    job.facts.recording_url = rc->recording_url;
    job.facts.channels = rc->channels.value_or(0);
    job.facts.duration_s =
        static_cast<int>(rc->duration_s.value_or(int64_t{-1}));
    queued = ctx.actions.fetch_recording && ctx.actions.fetch_recording(job);
    if (!queued) {
      LogWarn("twilio.recording_not_fetched",
              {F("call", rc->call_sid), F("recording", rc->recording_sid),
               F("reason", "no recording store or fetch queue full")});
    }
  }
  LogInfo("twilio.recording_callback",
          {F("call", rc->call_sid), F("recording", rc->recording_sid),
           F("status", twilio::RecordingStatusName(rc->status)),
           F("fetch_queued", queued ? "yes" : "no")});
  return NoContent();
}

HttpResponse HandleToken(const HttpRequest& req,
                         const TwilioRouteContext& ctx) {
  const TwilioServerOptions& o = *ctx.options;
  if (req.method != "GET") {
    return ErrorResponse(405, "method_not_allowed", "use GET on " + req.path);
  }
  if (o.admin_token.empty()) {
    return ErrorResponse(503, "unavailable",
                         "the token endpoint is disabled until "
                         "SALESCOPILOT_ADMIN_TOKEN is configured");
  }
  const std::string auth = Header(req, "authorization");
  const std::string expected = "Bearer " + o.admin_token;
  if (!ConstantTimeEquals(auth, expected)) {
    LogWarn("twilio.token_unauthorized", {F("path", req.path)});
    HttpResponse r = ErrorResponse(401, "unauthenticated",
                                   "Authorization: Bearer <admin token> "
                                   "required");
    r.headers["WWW-Authenticate"] = "Bearer";
    return r;
  }
  auto user_it = req.query.find("user_id");
  if (user_it == req.query.end() || user_it->second.empty()) {
    return ErrorResponse(400, "invalid_argument", "user_id is required");
  }
  std::string missing;
  for (const auto& [name, value] :
       {std::pair<const char*, const std::string*>{"TWILIO_ACCOUNT_SID",
                                                   &o.account_sid},
        {"TWILIO_API_KEY_SID", &o.api_key_sid},
        {"TWILIO_API_KEY_SECRET", &o.api_key_secret},
        {"TWILIO_TWIML_APP_SID", &o.twiml_app_sid}}) {
    if (value->empty())
      missing += (missing.empty() ? "" : ", ") + std::string(name);
  }
  if (!missing.empty()) {
    return ErrorResponse(503, "unavailable", "not configured: " + missing);
  }
  StatusOr<storage::UserRecord> user = ctx.store->GetUser(user_it->second);
  if (!user.ok()) return ErrorFromStatus(user.status());
  if (!user->Has(storage::Permission::kPhoneCall)) {
    return ErrorResponse(403, "permission_denied",
                         "user lacks permission phone.call");
  }
  StatusOr<storage::PhoneProfile> phone =
      ctx.store->GetPhoneProfile(user->user_id);
  if (!phone.ok() || !phone->voice_enabled) {
    return ErrorResponse(403, "permission_denied",
                         "user has no phone profile with voice enabled");
  }
  twilio::AccessTokenRequest token;
  token.account_sid = o.account_sid;
  token.api_key_sid = o.api_key_sid;
  token.api_key_secret = o.api_key_secret;
  token.identity = user->identity;
  token.voice.incoming = twilio::IncomingCalls::kAllow;
  token.voice.outgoing_application_sid = o.twiml_app_sid;
  twilio::AccessTokenOptions options;
  options.ttl_seconds = o.access_token_ttl_s;
  StatusOr<std::string> jwt =
      twilio::CreateAccessToken(token, options, *ctx.clock);
  if (!jwt.ok()) return ErrorFromStatus(jwt.status());
  LogInfo("twilio.token_issued",
          {F("user", user->user_id), F("ttl_s", o.access_token_ttl_s)});
  HttpResponse r;
  r.body = json::serialize(
      json::object{{"token", *jwt},
                   {"identity", user->identity},
                   {"expires_unix_s",
                    ctx.clock->NowUnixMs() / 1000 + o.access_token_ttl_s}});
  r.headers["Cache-Control"] = "no-store";
  return r;
}

}  // namespace

bool IsTwilioRoute(std::string_view path) {
  return path == twilio::kVoiceWebhookPath ||
         path == twilio::kStatusCallbackPath ||
         path == twilio::kRecordingCallbackPath ||
         path == twilio::kDialActionPath ||
         path == twilio::kVoicemailActionPath || path == kTokenPath;
}

HttpResponse RouteTwilio(const HttpRequest& req,
                         const TwilioRouteContext& ctx) {
  if (ctx.store == nullptr || ctx.options == nullptr) {
    return ErrorResponse(503, "unavailable", "Twilio is not set up");
  }
  if (req.path == kTokenPath) return HandleToken(req, ctx);
  const bool dial_action = req.path == twilio::kDialActionPath;
  HttpResponse error;
  std::optional<twilio::FormParams> form =
      Admit(req, ctx, /*allow_get=*/dial_action, &error);
  if (!form) return error;
  if (req.path == twilio::kVoiceWebhookPath) return HandleVoice(*form, ctx);
  if (req.path == twilio::kStatusCallbackPath) return HandleStatus(*form, ctx);
  if (req.path == twilio::kRecordingCallbackPath) {
    return HandleRecording(*form, ctx);
  }
  const twilio::VoiceWebhookOptions vo = VoiceOptions(*ctx.options);
  twilio::VoiceResult r = dial_action
                              ? twilio::DecideDialAction(*form, vo)
                              : twilio::DecideVoicemailRecorded(*form, vo);
  LogVoice(dial_action ? "twilio.dial_action" : "twilio.voicemail_recorded",
           *form, r);
  return Twiml(std::move(r.twiml));
}

Status CheckMediaStreamUpgrade(const HttpRequest& req,
                               const TwilioServerOptions& o) {
  if (o.signature_check == SignatureCheck::kDisabledForDevelopment) {
    return Status::Ok();
  }
  if (o.auth_token.empty()) {
    return Unauthenticated(
        "no Twilio auth token is configured (TWILIO_AUTH_TOKEN), so no "
        "media stream can be verified");
  }
  SC_ASSIGN_OR_RETURN(std::string url, twilio::PublicWebSocketUrl(
                                           o.public_base_url, req.target));
  return twilio::ValidateWebSocketUpgrade(
      o.auth_token, Header(req, "x-twilio-signature"), url);
}

}  // namespace sc::server
