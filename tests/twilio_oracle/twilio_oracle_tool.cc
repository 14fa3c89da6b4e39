// twilio_oracle_tool: prints what our Twilio protocol code produces for a JSON
// list of cases, so tests/twilio_oracle/oracle_test.js can compare it with
// Twilio's official helper library (npm twilio). Test-only; not installed.
//
//   twilio_oracle_tool < cases.json > results.json
//
// Input: {"cases":[{"op":..., ...}, ...]}; output: {"results":[...]} in the
// same order, each result an object (see Run below), or {"error": "..."} for
// a case our code rejected.
#include <boost/json.hpp>
#include <iostream>
#include <iterator>
#include <string>

#include "core/clock.h"
#include "telephony/twilio/access_token.h"
#include "telephony/twilio/signature.h"
#include "telephony/twilio/twiml.h"
#include "telephony/twilio/voice_webhook.h"

namespace json = boost::json;
using namespace sc::twilio;  // NOLINT: a small tool.

namespace {

std::string Str(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::optional<int> Int(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (!v || !v->is_int64()) return std::nullopt;
  return static_cast<int>(v->as_int64());
}

std::optional<bool> Bool(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (!v || !v->is_bool()) return std::nullopt;
  return v->as_bool();
}

HttpMethod Method(const json::object& o, std::string_view key) {
  const std::string m = Str(o, key);
  if (m == "GET") return HttpMethod::kGet;
  if (m == "POST") return HttpMethod::kPost;
  return HttpMethod::kUnset;
}

std::vector<std::string> List(const json::object& o, std::string_view key) {
  std::vector<std::string> out;
  if (const json::value* v = o.if_contains(key); v && v->is_array()) {
    for (const auto& item : v->as_array()) {
      out.emplace_back(item.as_string());
    }
  }
  return out;
}

// [["name","value"], ...]
std::vector<std::pair<std::string, std::string>> Pairs(const json::value* v) {
  std::vector<std::pair<std::string, std::string>> out;
  if (!v || !v->is_array()) return out;
  for (const auto& item : v->as_array()) {
    const auto& pair = item.as_array();
    out.emplace_back(std::string(pair.at(0).as_string()),
                     std::string(pair.at(1).as_string()));
  }
  return out;
}

StreamOptions Stream(const json::object& o) {
  StreamOptions s;
  s.url = Str(o, "url");
  s.track = Str(o, "track");
  s.status_callback = Str(o, "statusCallback");
  s.status_callback_method = Method(o, "statusCallbackMethod");
  s.name = Str(o, "name");
  s.parameters = Pairs(o.if_contains("parameters"));
  return s;
}

void AddVerb(VoiceResponse& r, const json::object& v) {
  const std::string verb = Str(v, "verb");
  const json::object empty;
  const json::object& opt =
      v.contains("options") ? v.at("options").as_object() : empty;
  if (verb == "say") {
    SayOptions o;
    o.voice = Str(opt, "voice");
    o.language = Str(opt, "language");
    o.loop = Int(opt, "loop");
    r.Say(Str(v, "text"), o);
  } else if (verb == "play") {
    PlayOptions o;
    o.loop = Int(opt, "loop");
    o.digits = Str(opt, "digits");
    r.Play(Str(v, "url"), o);
  } else if (verb == "pause") {
    r.Pause(Int(opt, "length"));
  } else if (verb == "hangup") {
    r.Hangup();
  } else if (verb == "start_stream") {
    r.StartStream(Stream(opt));
  } else if (verb == "connect_stream") {
    r.ConnectStream(Stream(opt));
  } else if (verb == "stop_stream") {
    r.StopStream(Str(opt, "name"));
  } else if (verb == "redirect") {
    r.Redirect(Str(v, "url"), Method(opt, "method"));
  } else if (verb == "enqueue") {
    EnqueueOptions o;
    o.action = Str(opt, "action");
    o.method = Method(opt, "method");
    if (opt.contains("waitUrl")) o.wait_url = Str(opt, "waitUrl");
    o.wait_url_method = Method(opt, "waitUrlMethod");
    r.Enqueue(Str(v, "name"), o);
  } else if (verb == "record") {
    RecordOptions o;
    o.action = Str(opt, "action");
    o.method = Method(opt, "method");
    o.timeout = Int(opt, "timeout");
    o.finish_on_key = Str(opt, "finishOnKey");
    o.max_length = Int(opt, "maxLength");
    o.play_beep = Bool(opt, "playBeep");
    o.trim = Str(opt, "trim");
    o.recording_status_callback = Str(opt, "recordingStatusCallback");
    o.recording_status_callback_method =
        Method(opt, "recordingStatusCallbackMethod");
    o.recording_status_callback_event =
        List(opt, "recordingStatusCallbackEvent");
    r.Record(o);
  } else if (verb == "dial") {
    DialOptions o;
    o.caller_id = Str(opt, "callerId");
    o.record = Str(opt, "record");
    o.recording_status_callback = Str(opt, "recordingStatusCallback");
    o.recording_status_callback_method =
        Method(opt, "recordingStatusCallbackMethod");
    o.recording_status_callback_event =
        List(opt, "recordingStatusCallbackEvent");
    o.answer_on_bridge = Bool(opt, "answerOnBridge");
    o.timeout = Int(opt, "timeout");
    o.time_limit = Int(opt, "timeLimit");
    o.action = Str(opt, "action");
    o.method = Method(opt, "method");
    std::vector<DialNoun> nouns;
    for (const auto& item : v.at("nouns").as_array()) {
      const json::object& n = item.as_object();
      const json::object& nopt =
          n.contains("options") ? n.at("options").as_object() : empty;
      if (n.contains("number")) {
        DialNumber d;
        d.number = Str(n, "number");
        d.status_callback = Str(nopt, "statusCallback");
        d.status_callback_event = List(nopt, "statusCallbackEvent");
        d.status_callback_method = Method(nopt, "statusCallbackMethod");
        nouns.emplace_back(d);
      } else if (n.contains("client")) {
        DialClient d;
        d.identity = Str(n, "client");
        d.parameters = Pairs(n.if_contains("parameters"));
        d.status_callback = Str(nopt, "statusCallback");
        d.status_callback_event = List(nopt, "statusCallbackEvent");
        d.status_callback_method = Method(nopt, "statusCallbackMethod");
        nouns.emplace_back(d);
      } else if (n.contains("queue")) {
        DialQueue d;
        d.name = Str(n, "queue");
        d.url = Str(nopt, "url");
        nouns.emplace_back(d);
      }
    }
    r.Dial(o, nouns);
  } else {
    throw std::runtime_error("unknown verb " + verb);
  }
}

class Directory : public PhoneDirectory {
 public:
  explicit Directory(const json::value* profiles) {
    if (!profiles) return;
    for (const auto& item : profiles->as_array()) {
      const json::object& o = item.as_object();
      CallerProfile p;
      p.user_id = Str(o, "user_id");
      p.tenant_id = Str(o, "tenant_id");
      p.identity = Str(o, "identity");
      p.phone_number = Str(o, "phone_number");
      p.voice_enabled = Bool(o, "voice_enabled").value_or(false);
      p.recording_enabled = Bool(o, "recording_enabled").value_or(false);
      p.ai_enabled = Bool(o, "ai_enabled").value_or(false);
      p.may_call = Bool(o, "may_call").value_or(false);
      profiles_.push_back(p);
    }
  }
  sc::StatusOr<CallerProfile> FindByIdentity(
      std::string_view identity) const override {
    for (const auto& p : profiles_) {
      if (p.identity == identity) return p;
    }
    return sc::NotFound("no such identity");
  }
  sc::StatusOr<CallerProfile> FindByNumber(
      std::string_view e164) const override {
    for (const auto& p : profiles_) {
      if (p.phone_number == e164) return p;
    }
    return sc::NotFound("no such number");
  }

 private:
  std::vector<CallerProfile> profiles_;
};

json::object Run(const json::object& c) {
  const std::string op = Str(c, "op");
  json::object out;
  if (op == "sign") {
    out["signature"] = ComputeSignature(Str(c, "token"), Str(c, "url"),
                                        Pairs(c.if_contains("params")));
  } else if (op == "validate_form") {
    sc::Status s =
        ValidateFormRequest(Str(c, "token"), Str(c, "signature"), Str(c, "url"),
                            Pairs(c.if_contains("params")));
    out["valid"] = s.ok();
  } else if (op == "validate_json") {
    sc::Status s = ValidateJsonRequest(Str(c, "token"), Str(c, "signature"),
                                       Str(c, "url"), Str(c, "body"));
    out["valid"] = s.ok();
  } else if (op == "validate_ws") {
    sc::Status s = ValidateWebSocketUpgrade(Str(c, "token"),
                                            Str(c, "signature"), Str(c, "url"));
    out["valid"] = s.ok();
  } else if (op == "twiml") {
    VoiceResponse r;
    for (const auto& verb : c.at("verbs").as_array()) {
      AddVerb(r, verb.as_object());
    }
    out["twiml"] = r.ToXml();
  } else if (op == "voice") {
    const json::object& o = c.at("options").as_object();
    VoiceWebhookOptions options;
    options.public_base_url = Str(o, "public_base_url");
    if (auto t = Int(o, "ring_timeout_seconds"))
      options.ring_timeout_seconds = *t;
    if (Str(o, "voicemail") == "message") {
      options.voicemail = Voicemail::kMessageOnly;
    }
    const FormParams form = Pairs(c.if_contains("form"));
    const Directory directory(c.if_contains("profiles"));
    const std::string kind = Str(c, "kind");
    VoiceResult result;
    if (kind == "call") {
      result = DecideVoiceCall(form, directory, options);
    } else if (kind == "dial_action") {
      result = DecideDialAction(form, options);
    } else {
      result = DecideVoicemailRecorded(form, options);
    }
    out["twiml"] = result.twiml;
    out["decision"] = std::string(VoiceDecisionName(result.decision));
  } else if (op == "token") {
    AccessTokenRequest req;
    req.account_sid = Str(c, "account_sid");
    req.api_key_sid = Str(c, "api_key_sid");
    req.api_key_secret = Str(c, "secret");
    req.identity = Str(c, "identity");
    req.voice.outgoing_application_sid = Str(c, "outgoing_application_sid");
    req.voice.incoming = Bool(c, "incoming_allow").value_or(false)
                             ? IncomingCalls::kAllow
                             : IncomingCalls::kDeny;
    req.voice.outgoing_params = Pairs(c.if_contains("outgoing_params"));
    AccessTokenOptions options;
    if (auto ttl = Int(c, "ttl")) options.ttl_seconds = *ttl;
    if (Bool(c, "nbf").value_or(false)) options.not_before = NotBefore::kNow;
    options.region = Str(c, "region");
    const sc::ManualClock clock(c.at("now_ms").as_int64());
    sc::StatusOr<std::string> token = CreateAccessToken(req, options, clock);
    if (!token.ok()) {
      out["error"] = token.status().ToString();
    } else {
      out["token"] = *token;
    }
  } else if (op == "verify_token") {
    auto decoded = VerifyAccessToken(Str(c, "token"), Str(c, "secret"));
    out["valid"] = decoded.ok();
    if (decoded.ok()) {
      out["header"] = decoded->header_json;
      out["payload"] = decoded->payload_json;
    }
  } else {
    out["error"] = "unknown op " + op;
  }
  return out;
}

}  // namespace

int main() {
  try {
    const std::string input((std::istreambuf_iterator<char>(std::cin)),
                            std::istreambuf_iterator<char>());
    const json::value doc = json::parse(input);
    json::array results;
    for (const auto& c : doc.at("cases").as_array()) {
      results.push_back(Run(c.as_object()));
    }
    json::object out;
    out["results"] = std::move(results);
    std::cout << json::serialize(out) << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "twilio_oracle_tool: " << e.what() << "\n";
    return 2;
  }
}
