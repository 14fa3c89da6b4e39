#include "telephony/twilio/rest_client.h"

#include <algorithm>
#include <boost/json.hpp>
#include <random>
#include <thread>

#include "core/log.h"
#include "telephony/twilio/http_transport.h"
#include "telephony/twilio/twiml.h"

namespace sc::twilio {
namespace json = boost::json;

namespace {

constexpr std::string_view kApiPrefix = "/2010-04-01/Accounts/";

// Whether repeating a request that may have reached Twilio is harmless.
enum class Idempotency {
  kIdempotent,     // GET; an update that sets an absolute state.
  kNotIdempotent,  // Creating a call: a repeat may place a second call.
};

enum class Redirects { kFollow, kFail };

void AddIfSet(FormFields& f, std::string_view key, const std::string& value) {
  if (!value.empty()) f.emplace_back(key, value);
}

void AddIfSet(FormFields& f, std::string_view key,
              const std::optional<int>& value) {
  if (value) f.emplace_back(key, std::to_string(*value));
}

void AddEach(FormFields& f, std::string_view key,
             const std::vector<std::string>& values) {
  for (const auto& v : values) f.emplace_back(key, v);
}

std::string StringField(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr) return "";
  if (v->is_string()) return std::string(v->get_string());
  if (v->is_int64()) return std::to_string(v->get_int64());
  if (v->is_uint64()) return std::to_string(v->get_uint64());
  return "";
}

int IntField(const json::object& o, std::string_view key, int fallback) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr) return fallback;
  if (v->is_int64()) return static_cast<int>(v->get_int64());
  if (v->is_uint64()) return static_cast<int>(v->get_uint64());
  if (v->is_string()) {
    const auto& s = v->get_string();
    if (s.empty() || s.size() > 9) return fallback;
    int n = 0;
    for (char c : s) {
      if (c < '0' || c > '9') return fallback;
      n = n * 10 + (c - '0');
    }
    return n;
  }
  return fallback;
}

StatusOr<json::object> ParseObject(std::string_view operation,
                                   std::string_view body) {
  boost::system::error_code ec;
  json::value v = json::parse(json::string_view(body.data(), body.size()), ec);
  if (ec || !v.is_object()) {
    return Unavailable(
        std::string(operation) +
        ": Twilio answered with a body that is not a JSON object");
  }
  return std::move(v.get_object());
}

CallInfo ToCallInfo(const json::object& o) {
  CallInfo c;
  c.sid = StringField(o, "sid");
  c.account_sid = StringField(o, "account_sid");
  c.parent_call_sid = StringField(o, "parent_call_sid");
  c.to = StringField(o, "to");
  c.from = StringField(o, "from");
  c.status = StringField(o, "status");
  c.direction = StringField(o, "direction");
  c.duration = StringField(o, "duration");
  return c;
}

Status CheckSid(std::string_view sid, std::string_view prefix,
                std::string_view what) {
  if (IsTwilioSid(sid, prefix)) return Status::Ok();
  return InvalidArgument(std::string(what) + " must be " + std::string(prefix) +
                         " followed by 32 hex digits");
}

std::string_view Extension(RecordingFormat format) {
  return format == RecordingFormat::kMp3 ? ".mp3" : ".wav";
}

}  // namespace

RestCredentials RestCredentials::AuthToken(std::string account_sid,
                                           std::string auth_token) {
  return {std::move(account_sid), std::move(auth_token)};
}

RestCredentials RestCredentials::ApiKey(std::string api_key_sid,
                                        std::string api_key_secret) {
  return {std::move(api_key_sid), std::move(api_key_secret)};
}

std::string HoldQueueName(std::string_view held_call_sid) {
  return "hold-" + std::string(held_call_sid);
}

struct RestClient::Impl {
  RestClientOptions options;
  HttpUrl base;
  std::string authorization;  // "Basic ...": a secret, never logged.
  std::unique_ptr<HttpTransport> transport;

  std::string AccountPath(std::string_view account_sid) const {
    return std::string(kApiPrefix) +
           std::string(account_sid.empty() ? options.account_sid : account_sid);
  }

  StatusOr<HttpResponse> Execute(std::string_view operation,
                                 std::string_view method, HttpUrl url,
                                 const FormFields* form,
                                 Idempotency idempotency,
                                 Redirects redirects) const;

  StatusOr<CallInfo> PostCall(std::string_view operation,
                              const std::string& path, const FormFields& form,
                              Idempotency idempotency) const {
    HttpUrl url = base;
    url.target = path;
    SC_ASSIGN_OR_RETURN(HttpResponse r,
                        Execute(operation, "POST", std::move(url), &form,
                                idempotency, Redirects::kFail));
    SC_ASSIGN_OR_RETURN(json::object o, ParseObject(operation, r.body));
    CallInfo info = ToCallInfo(o);
    if (!IsTwilioSid(info.sid, "CA")) {
      return Unavailable(std::string(operation) +
                         ": Twilio's response has no valid call sid");
    }
    return info;
  }
};

StatusOr<HttpResponse> RestClient::Impl::Execute(std::string_view operation,
                                                 std::string_view method,
                                                 HttpUrl url,
                                                 const FormFields* form,
                                                 Idempotency idempotency,
                                                 Redirects redirects) const {
  thread_local std::minstd_rand rng{std::random_device{}()};
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  int retries = 0;
  int redirects_followed = 0;
  for (;;) {
    HttpRequest req;
    req.method = std::string(method);
    req.url = url;
    // Credentials go only to the configured API origin.
    if (url.Origin() == base.Origin()) {
      req.headers.emplace_back("Authorization", authorization);
    }
    req.headers.emplace_back("User-Agent", options.user_agent);
    req.headers.emplace_back(
        "Accept", redirects == Redirects::kFollow ? "*/*" : "application/json");
    req.headers.emplace_back("Accept-Charset", "utf-8");
    if (form != nullptr) {
      req.headers.emplace_back("Content-Type",
                               "application/x-www-form-urlencoded");
      req.body = FormEncode(*form);
    }
    HttpResult result = transport->Send(req, options.timeout);

    Status failure;
    bool retryable = false;
    std::optional<std::chrono::seconds> retry_after;
    if (!result.status.ok()) {
      failure = Status(result.status.code(),
                       std::string(operation) + ": " + result.status.message());
      retryable = result.status.code() == StatusCode::kUnavailable &&
                  (idempotency == Idempotency::kIdempotent ||
                   result.delivery == Delivery::kNotSent);
    } else {
      const HttpResponse& r = result.response;
      if (r.status >= 200 && r.status < 300) return std::move(result.response);
      const std::string location = r.Header("Location");
      if (r.status >= 300 && r.status < 400 && !location.empty() &&
          redirects == Redirects::kFollow) {
        if (++redirects_followed > options.max_redirects) {
          return Unavailable(std::string(operation) + ": more than " +
                             std::to_string(options.max_redirects) +
                             " redirects");
        }
        SC_ASSIGN_OR_RETURN(url, ResolveLocation(url, location));
        continue;
      }
      failure =
          TwilioErrorToStatus(ParseTwilioError(r.status, r.body), operation);
      retryable = IsRetryableHttpStatus(r.status) &&
                  (idempotency == Idempotency::kIdempotent || r.status == 429);
      retry_after = ParseRetryAfter(r.Header("Retry-After"));
    }
    if (!retryable || retries >= options.max_retries) return failure;
    ++retries;
    auto delay =
        RetryDelay(retries, options.initial_backoff, options.max_backoff,
                   options.jitter, unit(rng), retry_after);
    LogWarn("twilio.rest.retry",
            {F("operation", operation), F("retry", retries),
             F("delay_ms", static_cast<int64_t>(delay.count())),
             F("error", failure.ToString())});
    std::this_thread::sleep_for(delay);
  }
}

RestClient::RestClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RestClient::~RestClient() {
  // Best effort: do not leave the encoded secret in freed memory.
  std::fill(impl_->authorization.begin(), impl_->authorization.end(), '\0');
}

const RestClientOptions& RestClient::options() const { return impl_->options; }

StatusOr<std::unique_ptr<RestClient>> RestClient::Create(
    RestClientOptions options) {
  auto impl = std::make_unique<Impl>();
  auto base = ParseHttpUrl(options.base_url);
  if (!base.ok()) {
    return InvalidArgument("Twilio base_url: " + base.status().message());
  }
  if (base->target != "/") {
    return InvalidArgument("Twilio base_url must not have a path or query");
  }
  SC_RETURN_IF_ERROR(CheckSid(options.account_sid, "AC", "account_sid"));
  if (options.credentials.username.empty() ||
      options.credentials.password.empty()) {
    return InvalidArgument(
        "Twilio credentials are required: the Account SID and auth token, or "
        "an API key SID and secret");
  }
  if (options.max_retries < 0 || options.max_redirects < 0 ||
      options.timeout.count() <= 0) {
    return InvalidArgument(
        "Twilio REST options: negative retries/redirects or "
        "a non-positive timeout");
  }
  HttpTransportOptions transport_options;
  transport_options.ca_file = options.ca_file;
  transport_options.max_response_bytes = options.max_response_bytes;
  SC_ASSIGN_OR_RETURN(impl->transport,
                      HttpTransport::Create(transport_options));
  impl->base = std::move(base).value();
  impl->authorization = BasicAuthorization(options.credentials.username,
                                           options.credentials.password);
  impl->options = std::move(options);
  return std::unique_ptr<RestClient>(new RestClient(std::move(impl)));
}

StatusOr<CallInfo> RestClient::CreateCall(const CallRequest& r) const {
  if (r.to.empty() || r.from.empty()) {
    return InvalidArgument("CreateCall: To and From are required");
  }
  // The order is twilio-node's (src/rest/api/v2010/account/call.ts), so the
  // body is byte-identical to the official library's.
  FormFields f;
  f.emplace_back("To", r.to);
  f.emplace_back("From", r.from);
  AddIfSet(f, "Method", r.method);
  AddIfSet(f, "FallbackUrl", r.fallback_url);
  AddIfSet(f, "FallbackMethod", r.fallback_method);
  AddIfSet(f, "StatusCallback", r.status_callback);
  AddEach(f, "StatusCallbackEvent", r.status_callback_events);
  AddIfSet(f, "StatusCallbackMethod", r.status_callback_method);
  AddIfSet(f, "SendDigits", r.send_digits);
  AddIfSet(f, "Timeout", r.timeout_s);
  if (r.record != RecordCall::kUnspecified) {
    f.emplace_back("Record",
                   r.record == RecordCall::kRecord ? "true" : "false");
  }
  AddIfSet(f, "RecordingChannels", r.recording_channels);
  AddIfSet(f, "RecordingStatusCallback", r.recording_status_callback);
  AddIfSet(f, "RecordingStatusCallbackMethod",
           r.recording_status_callback_method);
  AddIfSet(f, "MachineDetection", r.machine_detection);
  AddEach(f, "RecordingStatusCallbackEvent",
          r.recording_status_callback_events);
  AddIfSet(f, "CallerId", r.caller_id);
  AddIfSet(f, "RecordingTrack", r.recording_track);
  AddIfSet(f, "TimeLimit", r.time_limit_s);
  AddIfSet(f, "Url", r.url);
  AddIfSet(f, "Twiml", r.twiml);
  AddIfSet(f, "ApplicationSid", r.application_sid);
  return impl_->PostCall("CreateCall", impl_->AccountPath({}) + "/Calls.json",
                         f, Idempotency::kNotIdempotent);
}

StatusOr<CallInfo> RestClient::UpdateCall(std::string_view call_sid,
                                          const CallUpdate& u) const {
  SC_RETURN_IF_ERROR(CheckSid(call_sid, "CA", "UpdateCall: call sid"));
  FormFields f;
  AddIfSet(f, "Url", u.url);
  AddIfSet(f, "Method", u.method);
  if (u.status != CallUpdateStatus::kUnchanged) {
    f.emplace_back("Status", u.status == CallUpdateStatus::kCompleted
                                 ? "completed"
                                 : "canceled");
  }
  AddIfSet(f, "FallbackUrl", u.fallback_url);
  AddIfSet(f, "FallbackMethod", u.fallback_method);
  AddIfSet(f, "StatusCallback", u.status_callback);
  AddIfSet(f, "StatusCallbackMethod", u.status_callback_method);
  AddIfSet(f, "Twiml", u.twiml);
  AddIfSet(f, "TimeLimit", u.time_limit_s);
  if (f.empty()) return InvalidArgument("UpdateCall: nothing to update");
  // Every update sets an absolute state (a status, or the TwiML the call
  // runs next), so repeating one that Twilio already applied is harmless.
  return impl_->PostCall(
      "UpdateCall",
      impl_->AccountPath({}) + "/Calls/" + std::string(call_sid) + ".json", f,
      Idempotency::kIdempotent);
}

StatusOr<CallInfo> RestClient::HangUp(std::string_view call_sid) const {
  CallUpdate u;
  u.status = CallUpdateStatus::kCompleted;
  return UpdateCall(call_sid, u);
}

StatusOr<CallInfo> RestClient::Hold(std::string_view held_call_sid,
                                    const HoldOptions& options) const {
  SC_RETURN_IF_ERROR(CheckSid(held_call_sid, "CA", "Hold: call sid"));
  CallUpdate u;
  EnqueueOptions enqueue;
  if (!options.wait_url.empty()) enqueue.wait_url = options.wait_url;
  u.twiml =
      VoiceResponse().Enqueue(HoldQueueName(held_call_sid), enqueue).ToXml();
  return UpdateCall(held_call_sid, u);
}

StatusOr<CallInfo> RestClient::Resume(std::string_view agent_call_sid,
                                      std::string_view held_call_sid) const {
  SC_RETURN_IF_ERROR(CheckSid(held_call_sid, "CA", "Resume: held call sid"));
  CallUpdate u;
  u.twiml = VoiceResponse()
                .Dial(DialOptions{}, {DialQueue{HoldQueueName(held_call_sid)}})
                .ToXml();
  return UpdateCall(agent_call_sid, u);
}

StatusOr<RecordingInfo> RestClient::FetchRecording(
    std::string_view recording_sid, std::string_view account_sid) const {
  SC_RETURN_IF_ERROR(CheckSid(recording_sid, "RE", "FetchRecording: sid"));
  if (!account_sid.empty()) {
    SC_RETURN_IF_ERROR(CheckSid(account_sid, "AC", "FetchRecording: account"));
  }
  HttpUrl url = impl_->base;
  url.target = impl_->AccountPath(account_sid) + "/Recordings/" +
               std::string(recording_sid) + ".json";
  SC_ASSIGN_OR_RETURN(
      HttpResponse r,
      impl_->Execute("FetchRecording", "GET", std::move(url), nullptr,
                     Idempotency::kIdempotent, Redirects::kFail));
  SC_ASSIGN_OR_RETURN(json::object o, ParseObject("FetchRecording", r.body));
  RecordingInfo info;
  info.sid = StringField(o, "sid");
  info.account_sid = StringField(o, "account_sid");
  info.call_sid = StringField(o, "call_sid");
  info.conference_sid = StringField(o, "conference_sid");
  info.status = StringField(o, "status");
  info.source = StringField(o, "source");
  info.channels = IntField(o, "channels", 0);
  info.duration_s = IntField(o, "duration", -1);
  info.uri = StringField(o, "uri");
  if (info.sid != recording_sid) {
    return Unavailable("FetchRecording: Twilio answered for another recording");
  }
  return info;
}

StatusOr<std::string> RestClient::DownloadRecording(
    std::string_view recording_sid, RecordingFormat format,
    std::string_view account_sid) const {
  SC_RETURN_IF_ERROR(CheckSid(recording_sid, "RE", "DownloadRecording: sid"));
  if (!account_sid.empty()) {
    SC_RETURN_IF_ERROR(
        CheckSid(account_sid, "AC", "DownloadRecording: account"));
  }
  HttpUrl url = impl_->base;
  url.target = impl_->AccountPath(account_sid) + "/Recordings/" +
               std::string(recording_sid) + std::string(Extension(format));
  SC_ASSIGN_OR_RETURN(
      HttpResponse r,
      impl_->Execute("DownloadRecording", "GET", std::move(url), nullptr,
                     Idempotency::kIdempotent, Redirects::kFollow));
  return std::move(r.body);
}

StatusOr<std::string> RestClient::DownloadRecordingUrl(
    std::string_view recording_url, RecordingFormat format) const {
  auto url = ParseHttpUrl(recording_url);
  if (!url.ok()) {
    return InvalidArgument("DownloadRecordingUrl: " + url.status().message());
  }
  if (url->Origin() != impl_->base.Origin()) {
    return PermissionDenied(
        "DownloadRecordingUrl: the recording URL is not on the configured "
        "Twilio API origin " +
        impl_->base.Origin() + "; credentials are not sent elsewhere");
  }
  const size_t query = url->target.find('?');
  url->target.insert(query == std::string::npos ? url->target.size() : query,
                     Extension(format));
  SC_ASSIGN_OR_RETURN(
      HttpResponse r,
      impl_->Execute("DownloadRecordingUrl", "GET", std::move(url).value(),
                     nullptr, Idempotency::kIdempotent, Redirects::kFollow));
  return std::move(r.body);
}

}  // namespace sc::twilio
