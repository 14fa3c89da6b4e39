// twilio_rest_tool: performs one Twilio REST operation with our client, for
// the oracle test (oracle_test.js), which performs the same operation with
// twilio-node and compares what the test double recorded.
//
//   twilio_rest_tool --base-url http://127.0.0.1:PORT --account-sid AC...
//                    --username AC... [--timeout-ms N] [--max-retries N]
//                    [--backoff-ms N] [--store-dir DIR] [--ca-file PEM]
//                    '<operation JSON>'
//
// The password (auth token or API key secret) comes from the environment
// variable TWILIO_REST_TOOL_PASSWORD, never the command line. The operation
// JSON uses twilio-node's parameter names (see tests/twilio_rest/cases.json):
//   {"op":"create_call","params":{"to":..,"from":..,"url":..}}
//   {"op":"update_call","sid":"CA..","params":{"status":"completed"}}
//   {"op":"hangup","sid":"CA.."}
//   {"op":"hold","sid":"CA..","waitUrl":".."}
//   {"op":"resume","sid":"CA..(agent)","heldSid":"CA.."}
//   {"op":"fetch_recording","sid":"RE.."}
//   {"op":"download_recording","sid":"RE..","format":"wav"|"mp3"}
//   {"op":"download_recording_url","url":"..","format":"wav"}
//   {"op":"fetch_into_store","callSid":..,"recordingSid":..,
//    "recordingUrl":..,"channels":2,"tenant":".."}
// Prints one JSON line: {"ok":true,"result":{...}} or
// {"ok":false,"code":"NotFound","message":"..."}; exits 0 either way (2 on
// bad usage), so the test can check error mapping.
#include <boost/json.hpp>
#include <cstdlib>
#include <iostream>
#include <map>
#include <string>

#include "telephony/twilio/recording_fetch.h"
#include "telephony/twilio/recording_store.h"
#include "telephony/twilio/rest_client.h"

namespace json = boost::json;
using namespace sc;
using namespace sc::twilio;

namespace {

std::string Str(const json::object& o, std::string_view k) {
  const json::value* v = o.if_contains(k);
  return v && v->is_string() ? std::string(v->get_string()) : "";
}

Status ToCallRequest(const json::object& p, CallRequest& r) {
  for (const auto& [k, v] : p) {
    auto s = [&]() { return v.is_string() ? std::string(v.get_string()) : ""; };
    auto list = [&]() {
      std::vector<std::string> out;
      if (v.is_array()) {
        for (const auto& e : v.get_array()) {
          if (e.is_string()) out.emplace_back(e.get_string());
        }
      }
      return out;
    };
    if (k == "to")
      r.to = s();
    else if (k == "from")
      r.from = s();
    else if (k == "method")
      r.method = s();
    else if (k == "fallbackUrl")
      r.fallback_url = s();
    else if (k == "fallbackMethod")
      r.fallback_method = s();
    else if (k == "statusCallback")
      r.status_callback = s();
    else if (k == "statusCallbackEvent")
      r.status_callback_events = list();
    else if (k == "statusCallbackMethod")
      r.status_callback_method = s();
    else if (k == "sendDigits")
      r.send_digits = s();
    else if (k == "timeout")
      r.timeout_s = static_cast<int>(v.to_number<int64_t>());
    else if (k == "record")
      r.record = v.as_bool() ? RecordCall::kRecord : RecordCall::kDoNotRecord;
    else if (k == "recordingChannels")
      r.recording_channels = s();
    else if (k == "recordingStatusCallback")
      r.recording_status_callback = s();
    else if (k == "recordingStatusCallbackMethod")
      r.recording_status_callback_method = s();
    else if (k == "machineDetection")
      r.machine_detection = s();
    else if (k == "recordingStatusCallbackEvent")
      r.recording_status_callback_events = list();
    else if (k == "callerId")
      r.caller_id = s();
    else if (k == "recordingTrack")
      r.recording_track = s();
    else if (k == "timeLimit")
      r.time_limit_s = static_cast<int>(v.to_number<int64_t>());
    else if (k == "url")
      r.url = s();
    else if (k == "twiml")
      r.twiml = s();
    else if (k == "applicationSid")
      r.application_sid = s();
    else
      return InvalidArgument("create_call: unsupported parameter " +
                             std::string(k));
  }
  return Status::Ok();
}

Status ToCallUpdate(const json::object& p, CallUpdate& u) {
  for (const auto& [k, v] : p) {
    std::string s = v.is_string() ? std::string(v.get_string()) : "";
    if (k == "url")
      u.url = s;
    else if (k == "method")
      u.method = s;
    else if (k == "status")
      u.status = s == "completed" ? CallUpdateStatus::kCompleted
                                  : CallUpdateStatus::kCanceled;
    else if (k == "fallbackUrl")
      u.fallback_url = s;
    else if (k == "fallbackMethod")
      u.fallback_method = s;
    else if (k == "statusCallback")
      u.status_callback = s;
    else if (k == "statusCallbackMethod")
      u.status_callback_method = s;
    else if (k == "twiml")
      u.twiml = s;
    else if (k == "timeLimit")
      u.time_limit_s = static_cast<int>(v.to_number<int64_t>());
    else
      return InvalidArgument("update_call: unsupported parameter " +
                             std::string(k));
  }
  return Status::Ok();
}

json::object CallJson(const CallInfo& c) {
  return {{"sid", c.sid},
          {"accountSid", c.account_sid},
          {"status", c.status},
          {"direction", c.direction},
          {"to", c.to},
          {"from", c.from},
          {"parentCallSid", c.parent_call_sid}};
}

StatusOr<json::object> Run(const RestClient& client, const json::object& op,
                           const std::string& store_dir) {
  const std::string name = Str(op, "op");
  const RecordingFormat format = Str(op, "format") == "mp3"
                                     ? RecordingFormat::kMp3
                                     : RecordingFormat::kWav;
  if (name == "create_call") {
    CallRequest r;
    SC_RETURN_IF_ERROR(ToCallRequest(op.at("params").as_object(), r));
    SC_ASSIGN_OR_RETURN(CallInfo c, client.CreateCall(r));
    return CallJson(c);
  }
  if (name == "update_call") {
    CallUpdate u;
    SC_RETURN_IF_ERROR(ToCallUpdate(op.at("params").as_object(), u));
    SC_ASSIGN_OR_RETURN(CallInfo c, client.UpdateCall(Str(op, "sid"), u));
    return CallJson(c);
  }
  if (name == "hangup") {
    SC_ASSIGN_OR_RETURN(CallInfo c, client.HangUp(Str(op, "sid")));
    return CallJson(c);
  }
  if (name == "hold") {
    SC_ASSIGN_OR_RETURN(CallInfo c,
                        client.Hold(Str(op, "sid"), {Str(op, "waitUrl")}));
    return CallJson(c);
  }
  if (name == "resume") {
    SC_ASSIGN_OR_RETURN(CallInfo c,
                        client.Resume(Str(op, "sid"), Str(op, "heldSid")));
    return CallJson(c);
  }
  if (name == "fetch_recording") {
    SC_ASSIGN_OR_RETURN(RecordingInfo r, client.FetchRecording(Str(op, "sid")));
    return json::object{{"sid", r.sid},
                        {"callSid", r.call_sid},
                        {"accountSid", r.account_sid},
                        {"status", r.status},
                        {"channels", r.channels},
                        {"duration", r.duration_s}};
  }
  if (name == "download_recording" || name == "download_recording_url") {
    SC_ASSIGN_OR_RETURN(
        std::string bytes,
        name == "download_recording"
            ? client.DownloadRecording(Str(op, "sid"), format)
            : client.DownloadRecordingUrl(Str(op, "url"), format));
    return json::object{{"size", bytes.size()}, {"sha256", Sha256Hex(bytes)}};
  }
  if (name == "fetch_into_store") {
    SC_ASSIGN_OR_RETURN(auto store, OpenLocalRecordingStore({store_dir}));
    RecordingFacts f;
    f.tenant = Str(op, "tenant");
    f.call_sid = Str(op, "callSid");
    f.recording_sid = Str(op, "recordingSid");
    f.recording_url = Str(op, "recordingUrl");
    if (const auto* c = op.if_contains("channels")) {
      f.channels = static_cast<int>(c->to_number<int64_t>());
    }
    SC_ASSIGN_OR_RETURN(FetchedRecording r, FetchRecording(client, *store, f));
    const char* outcome = r.stored.outcome == PutOutcome::kCreated ? "created"
                          : r.stored.outcome == PutOutcome::kReplaced
                              ? "replaced"
                              : "already_stored";
    return json::object{
        {"path", r.stored.path},       {"location", r.stored.location},
        {"size", r.stored.size_bytes}, {"sha256", r.stored.sha256_hex},
        {"outcome", outcome},          {"channels", r.channels},
        {"sampleRate", r.sample_rate}, {"duration", r.duration_s}};
  }
  return InvalidArgument("unknown op " + name);
}

}  // namespace

int main(int argc, char** argv) {
  std::map<std::string, std::string> flags;
  std::string op_text;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("--", 0) == 0 && i + 1 < argc) {
      flags[a.substr(2)] = argv[++i];
    } else {
      op_text = a;
    }
  }
  const char* password = std::getenv("TWILIO_REST_TOOL_PASSWORD");
  if (op_text.empty() || password == nullptr) {
    std::cerr << "usage: TWILIO_REST_TOOL_PASSWORD=... twilio_rest_tool "
                 "--base-url URL --account-sid AC.. --username U '<op JSON>'\n";
    return 2;
  }
  RestClientOptions o;
  o.base_url = flags["base-url"];
  o.account_sid = flags["account-sid"];
  o.credentials = {flags["username"], password};
  o.jitter = RetryJitter::kNone;
  if (flags.count("timeout-ms"))
    o.timeout = std::chrono::milliseconds(std::stoi(flags["timeout-ms"]));
  if (flags.count("max-retries"))
    o.max_retries = std::stoi(flags["max-retries"]);
  if (flags.count("backoff-ms"))
    o.initial_backoff =
        std::chrono::milliseconds(std::stoi(flags["backoff-ms"]));
  if (flags.count("ca-file")) o.ca_file = flags["ca-file"];

  json::object out;
  boost::system::error_code ec;
  json::value op = json::parse(op_text, ec);
  if (ec || !op.is_object()) {
    std::cerr << "operation is not a JSON object\n";
    return 2;
  }
  StatusOr<json::object> result = InvalidArgument("no client");
  auto client = RestClient::Create(o);
  if (!client.ok()) {
    result = client.status();
  } else {
    try {
      result = Run(**client, op.as_object(), flags["store-dir"]);
    } catch (const std::exception& e) {
      std::cerr << "bad operation JSON: " << e.what() << "\n";
      return 2;
    }
  }
  if (result.ok()) {
    out["ok"] = true;
    out["result"] = std::move(result).value();
  } else {
    out["ok"] = false;
    out["code"] = std::string(StatusCodeName(result.status().code()));
    out["message"] = result.status().message();
  }
  std::cout << json::serialize(out) << std::endl;
  return 0;
}
