// simulate --twilio: one call as Twilio would run it against a running
// server. Signed voice webhook -> our TwiML -> signed status callbacks ->
// the media stream the TwiML asked for (its URL and <Parameter>s, a signed
// upgrade) -> stop -> completed callbacks and the <Dial> action ->
// recording callback, the recording served by a local stand-in for
// Twilio's API -> wait until the recording is linked and the analysis is
// ready. docs/twilio.md, "simulate --twilio".
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <mutex>
#include <random>
#include <thread>

#include "audio/resampler.h"
#include "cli/commands.h"
#include "cli/twilio_stand_in.h"
#include "cli/twiml_reader.h"
#include "server/ws_client.h"
#include "telephony/twilio/media_stream_writer.h"
#include "telephony/twilio/rest_wire.h"
#include "telephony/twilio/signature.h"
#include "telephony/twilio/voice_webhook.h"

namespace sc::cli {
namespace json = boost::json;
namespace {

using Params = twilio::FormFields;

const char* Env(const char* name) {
  const char* v = std::getenv(name);
  return (v != nullptr && *v != '\0') ? v : nullptr;
}

// "Tue, 31 Aug 2010 20:36:28 +0000", as Twilio stamps callbacks.
std::string Rfc2822Now() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buf;
}

// Sends what Twilio sends: forms signed over the public URL, delivered to
// the server's real address.
class TwilioSide {
 public:
  TwilioSide(std::string server, std::string public_url, std::string token)
      : server_(std::move(server)),
        public_url_(std::move(public_url)),
        token_(std::move(token)) {}

  StatusOr<server::HttpResult> Post(const std::string& url,
                                    const Params& params) const {
    if (!url.starts_with(public_url_)) {
      return InvalidArgument("the TwiML points Twilio at " + url +
                             ", outside the public URL " + public_url_);
    }
    std::map<std::string, std::string> headers = {
        {"Content-Type", "application/x-www-form-urlencoded"}};
    if (!token_.empty()) {
      headers["X-Twilio-Signature"] =
          twilio::ComputeSignature(token_, url, params);
    }
    return server::HttpSend("POST", server_ + url.substr(public_url_.size()),
                            headers, twilio::FormEncode(params));
  }

  // Posts and insists on a 2xx answer.
  Status PostOk(const std::string& url, const Params& params) const {
    SC_ASSIGN_OR_RETURN(server::HttpResult r, Post(url, params));
    if (r.status < 200 || r.status > 299) {
      return FailedPrecondition("POST " + url + " answered " +
                                std::to_string(r.status) + ": " + r.body);
    }
    return Status::Ok();
  }

  const std::string& public_url() const { return public_url_; }

 private:
  std::string server_;
  std::string public_url_;
  std::string token_;
};

struct Leg {
  std::string call_sid;
  std::string parent_call_sid;
  std::string from, to, direction;
  int sequence = 0;
};

Params StatusParams(const std::string& account, Leg& leg,
                    const std::string& status, int duration_s) {
  Params p = {{"AccountSid", account},
              {"ApiVersion", "2010-04-01"},
              {"CallSid", leg.call_sid},
              {"CallStatus", status},
              {"CallbackSource", "call-progress-events"},
              {"Direction", leg.direction},
              {"From", leg.from},
              {"SequenceNumber", std::to_string(leg.sequence++)},
              {"Timestamp", Rfc2822Now()},
              {"To", leg.to}};
  if (!leg.parent_call_sid.empty()) {
    p.push_back({"ParentCallSid", leg.parent_call_sid});
  }
  if (status == "completed") {
    p.push_back({"CallDuration", std::to_string(duration_s)});
  }
  return p;
}

StatusOr<std::vector<int16_t>> At8k(const std::vector<int16_t>& pcm, int rate) {
  if (rate == 8000) return pcm;
  SC_ASSIGN_OR_RETURN(auto rs, audio::Resampler::Create(rate, 8000));
  std::vector<int16_t> out;
  rs->Process(pcm, out);
  return out;
}

struct TwilioReport {
  SimulationReport media;
  bool streamed = false;
  std::string decision;  // "dial", "rejected".
  std::vector<std::string> says;
  std::string final_status;
  std::string recording_status;  // "", "stored", "failed", ...
  std::string recording_path;
  int downloads = 0;
};

StatusOr<TwilioReport> SimulateTwilio(
    const TwilioSimulateOptions& o,
    const std::function<void(const std::string&)>& on_event) {
  SC_ASSIGN_OR_RETURN(server::ParsedUrl base, server::ParseWsUrl(o.media.url));
  const std::string server = "http://" + base.host + ":" + base.port;
  const std::string public_url = o.public_url.empty() ? server : o.public_url;
  if (o.from.empty() || o.to.empty()) {
    return InvalidArgument("simulate --twilio needs --from and --to");
  }
  SC_ASSIGN_OR_RETURN(CallAudio audio, LoadCallAudio(o.media.inputs));
  SC_ASSIGN_OR_RETURN(std::vector<int16_t> agent,
                      At8k(audio.agent, audio.sample_rate));
  SC_ASSIGN_OR_RETURN(std::vector<int16_t> prospect,
                      At8k(audio.prospect, audio.sample_rate));
  const size_t frames = std::max(agent.size(), prospect.size());
  agent.resize(frames, 0);
  prospect.resize(frames, 0);
  const int duration_s = static_cast<int>(frames / 8000);

  std::mt19937_64 rng(std::random_device{}());
  const std::string account = o.media.account_sid.empty()
                                  ? twilio::NewAccountSid(rng)
                                  : o.media.account_sid;
  StandInCredentials creds{
      account, o.media.auth_token,
      Env("TWILIO_API_KEY_SID") ? Env("TWILIO_API_KEY_SID") : "",
      Env("TWILIO_API_KEY_SECRET") ? Env("TWILIO_API_KEY_SECRET") : ""};
  std::unique_ptr<TwilioStandIn> own_stand_in;
  TwilioStandIn* stand_in = o.stand_in;
  if (stand_in == nullptr) {
    SC_ASSIGN_OR_RETURN(own_stand_in,
                        TwilioStandIn::Start(o.api_listen, creds));
    stand_in = own_stand_in.get();
  }
  TwilioSide twilio_side(server, public_url, o.media.auth_token);

  const bool from_browser = o.from.starts_with("client:");
  Leg parent{twilio::NewCallSid(rng), "", o.from, o.to, "inbound", 0};
  Leg child{
      twilio::NewCallSid(rng), parent.call_sid, "", "", "outbound-dial", 0};
  const std::string recording_sid = twilio::NewSid("RE", rng);

  // 1. The voice webhook, as the TwiML App (browser) or the number would.
  TwilioReport report;
  report.media.call_sid = parent.call_sid;
  Params voice = {{"AccountSid", account},
                  {"ApiVersion", "2010-04-01"},
                  {"CallSid", parent.call_sid},
                  {"CallStatus", "ringing"},
                  {"Called", o.to},
                  {"Caller", o.from},
                  {"Direction", "inbound"},
                  {"From", o.from},
                  {"To", o.to}};
  SC_ASSIGN_OR_RETURN(
      server::HttpResult twiml_http,
      twilio_side.Post(public_url + std::string(twilio::kVoiceWebhookPath),
                       voice));
  if (twiml_http.status != 200) {
    return FailedPrecondition("voice webhook answered " +
                              std::to_string(twiml_http.status) + ": " +
                              twiml_http.body);
  }
  SC_ASSIGN_OR_RETURN(TwimlPlan plan, ReadTwiml(twiml_http.body));
  report.says = plan.says;
  if (!plan.dial) {
    report.decision = "rejected";
    return report;
  }
  report.decision = "dial";
  child.from = from_browser ? plan.dial->caller_id : o.from;
  child.to = from_browser ? plan.dial->number : "client:" + plan.dial->client;

  // 2. The call rings and is answered: both legs report progress.
  const std::string status_url =
      public_url + std::string(twilio::kStatusCallbackPath);
  for (const char* s : {"initiated", "ringing", "in-progress"}) {
    SC_RETURN_IF_ERROR(
        twilio_side.PostOk(status_url, StatusParams(account, parent, s, 0)));
    if (!plan.dial->status_callback.empty()) {
      SC_RETURN_IF_ERROR(twilio_side.PostOk(
          plan.dial->status_callback, StatusParams(account, child, s, 0)));
    }
  }

  // 3. After the stream stops: completed, the <Dial> action, the recording.
  const bool recorded = !plan.dial->record.empty() &&
                        plan.dial->record != "do-not-record" &&
                        !plan.dial->recording_status_callback.empty();
  Status after_stop_status;
  auto after_stop = [&] {
    Status s;
    if (!plan.dial->status_callback.empty()) {
      s = twilio_side.PostOk(
          plan.dial->status_callback,
          StatusParams(account, child, "completed", duration_s));
    }
    if (s.ok() && !plan.dial->action.empty()) {
      Params action = voice;
      action.push_back({"DialCallStatus", "completed"});
      action.push_back({"DialCallSid", child.call_sid});
      action.push_back({"DialCallDuration", std::to_string(duration_s)});
      s = twilio_side.PostOk(plan.dial->action, action);
    }
    if (s.ok()) {
      s = twilio_side.PostOk(
          status_url, StatusParams(account, parent, "completed", duration_s));
    }
    if (s.ok() && recorded) {
      // The dual-channel recording: the parent leg in the first channel,
      // the dialled leg in the second (TWILIO.md §2.2).
      const bool agent_is_parent = from_browser;
      std::vector<int16_t> stereo;
      stereo.reserve(frames * 2);
      for (size_t i = 0; i < frames; ++i) {
        stereo.push_back(agent_is_parent ? agent[i] : prospect[i]);
        stereo.push_back(agent_is_parent ? prospect[i] : agent[i]);
      }
      stand_in->AddRecording(account, recording_sid, MakeWav(8000, 2, stereo),
                             duration_s, 2);
      const std::string media_url = stand_in->base_url() +
                                    "/2010-04-01/Accounts/" + account +
                                    "/Recordings/" + recording_sid;
      s = twilio_side.PostOk(plan.dial->recording_status_callback,
                             {{"AccountSid", account},
                              {"CallSid", parent.call_sid},
                              {"RecordingChannels", "2"},
                              {"RecordingDuration", std::to_string(duration_s)},
                              {"RecordingSid", recording_sid},
                              {"RecordingSource", "DialVerb"},
                              {"RecordingStartTime", Rfc2822Now()},
                              {"RecordingStatus", "completed"},
                              {"RecordingTrack", "both"},
                              {"RecordingUrl", media_url}});
    }
    after_stop_status = s;
  };

  // 4. The media stream the TwiML asked for.
  if (plan.stream) {
    SimulateOptions m = o.media;
    SC_ASSIGN_OR_RETURN(
        server::ParsedUrl stream_url,
        server::ParseWsUrl(plan.stream->url.starts_with("wss://")
                               ? "ws://" + plan.stream->url.substr(6)
                               : plan.stream->url));
    m.url = "ws://" + base.host + ":" + base.port + stream_url.target;
    m.signed_url = plan.stream->url;
    m.custom_parameters = plan.stream->parameters;
    m.call_sid = parent.call_sid;
    m.account_sid = account;
    auto direction = plan.stream->parameters.find("direction");
    m.direction = direction != plan.stream->parameters.end() &&
                          direction->second == "inbound"
                      ? "inbound"
                      : "outbound";
    m.after_stop = after_stop;
    SC_ASSIGN_OR_RETURN(report.media, Simulate(m, on_event));
    report.streamed = true;
  } else {
    after_stop();
  }
  SC_RETURN_IF_ERROR(after_stop_status);

  // 5. Wait for the server to link the recording (and report the leg).
  const auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::seconds(o.recording_timeout_s);
  while (true) {
    auto r =
        server::HttpGet(server + "/api/calls/" + parent.call_sid + "/twilio");
    if (r.ok() && r->status == 200) {
      boost::system::error_code ec;
      json::value v = json::parse(r->body, ec);
      if (!ec && v.is_object()) {
        const json::object& obj = v.as_object();
        if (const json::value* leg = obj.if_contains("twilio");
            leg != nullptr && leg->is_object()) {
          report.final_status = std::string(leg->at("status").as_string());
        }
        for (const json::value& rec : obj.at("recordings").as_array()) {
          report.recording_status = std::string(rec.at("status").as_string());
          report.recording_path = std::string(rec.at("local_path").as_string());
        }
      }
    }
    const bool settled = !recorded || report.recording_status == "stored" ||
                         report.recording_status == "failed";
    if (settled || std::chrono::steady_clock::now() > deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  report.downloads = stand_in->downloads();
  return report;
}

}  // namespace

int RunSimulateTwilio(const TwilioSimulateOptions& in) {
  TwilioSimulateOptions o = in;
  if (o.media.auth_token.empty() && Env("TWILIO_AUTH_TOKEN")) {
    o.media.auth_token = Env("TWILIO_AUTH_TOKEN");
  }
  if (o.media.account_sid.empty() && Env("TWILIO_ACCOUNT_SID")) {
    o.media.account_sid = Env("TWILIO_ACCOUNT_SID");
  }
  if (o.public_url.empty() && Env("SALESCOPILOT_PUBLIC_URL")) {
    o.public_url = Env("SALESCOPILOT_PUBLIC_URL");
  }
  std::mutex out_mu;
  auto printer = [&](const std::string& text) {
    if (o.media.quiet) return;
    boost::system::error_code ec;
    json::value v = json::parse(text, ec);
    if (ec || !v.is_object()) return;
    const json::object& ev = v.get_object();
    if (ev.at("type").as_string() != "transcript.final") return;
    const json::object& d = ev.at("data").as_object();
    std::lock_guard<std::mutex> lock(out_mu);
    std::cerr << (d.at("speaker").as_string() == "agent" ? "AGENT    "
                                                         : "PROSPECT ")
              << std::string(d.at("text").as_string()) << "\n";
  };
  StatusOr<TwilioReport> report = SimulateTwilio(o, printer);
  if (!report.ok()) {
    std::cerr << "salescopilot simulate --twilio: "
              << report.status().ToString() << "\n";
    return report.status().code() == StatusCode::kInvalidArgument ? 2 : 1;
  }
  const TwilioReport& r = *report;
  const bool ok = r.decision == "dial" &&
                  (!r.streamed || r.media.analysis_ready) &&
                  r.recording_status != "failed";
  if (o.media.format == OutputFormat::kJson) {
    json::array says;
    for (const auto& s : r.says) says.push_back(json::value(s));
    json::object out{{"call_sid", r.media.call_sid},
                     {"decision", r.decision},
                     {"says", std::move(says)},
                     {"streamed", r.streamed},
                     {"frames_sent", r.media.frames_sent},
                     {"audio_s", r.media.audio_s},
                     {"wall_s", r.media.wall_s},
                     {"finals", r.media.finals},
                     {"partials", r.media.partials},
                     {"analysis_ready", r.media.analysis_ready},
                     {"twilio_status", r.final_status},
                     {"recording_status", r.recording_status},
                     {"recording_path", r.recording_path},
                     {"recording_downloads", r.downloads}};
    boost::system::error_code ec;
    out["analysis"] = r.media.analysis_json.empty()
                          ? json::value(nullptr)
                          : json::parse(r.media.analysis_json, ec);
    std::cout << json::serialize(out) << "\n";
  } else {
    std::printf("call %s: TwiML decision %s", r.media.call_sid.c_str(),
                r.decision.c_str());
    for (const auto& s : r.says) std::printf(" (says: %s)", s.c_str());
    std::printf("\n");
    if (r.streamed) {
      std::printf(
          "streamed %.1f s of audio in %.1f s: %d final transcripts; analysis "
          "%s\n",
          r.media.audio_s, r.media.wall_s, r.media.finals,
          r.media.analysis_ready ? "ready" : "NOT ready");
    }
    std::printf(
        "Twilio status %s; recording %s %s\n",
        r.final_status.empty() ? "-" : r.final_status.c_str(),
        r.recording_status.empty() ? "none" : r.recording_status.c_str(),
        r.recording_path.c_str());
  }
  return ok ? 0 : 1;
}

}  // namespace sc::cli
