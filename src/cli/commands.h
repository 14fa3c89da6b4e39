// The subcommands of `salescopilot`. main.cc parses flags into these option
// structs; each Run* returns the process exit code.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "cli/config.h"
#include "cli/sources.h"

namespace sc::cli {

enum class OutputFormat { kJson, kText };

struct ServeOptions {
  std::string config_path;
  int port = -1;  // -1: from config.
  std::string data_dir;
  std::string bind;
};
int RunServe(const ServeOptions& o);

struct AnalyzeOptions {
  CallInputs inputs;
  OutputFormat format = OutputFormat::kJson;
  std::string config_path;
  bool progress = true;
  // --engine: "pocketsphinx" or "remote" ([speech.remote] must be set);
  // empty: [speech] engine from the configuration.
  std::string engine;
};
int RunAnalyze(const AnalyzeOptions& o);

struct SimulateOptions {
  std::string url;  // ws://HOST:PORT/api/twilio-calls/media-stream
  CallInputs inputs;
  double speed = 1.0;
  std::string call_sid;  // Generated when empty.
  std::string direction = "outbound";
  bool abrupt = false;  // Drop the connection instead of sending stop.
  OutputFormat format = OutputFormat::kText;
  bool quiet = false;  // No live transcript lines on stderr.
  // Signs the media-stream upgrade as Twilio does (X-Twilio-Signature over
  // the stream URL); empty: unsigned. Default from TWILIO_AUTH_TOKEN.
  std::string auth_token;
  // The URL Twilio would have been given for the stream (it is what gets
  // signed); empty: `url` itself.
  std::string signed_url;
  // <Parameter>s for the start message; empty: direction and source.
  std::map<std::string, std::string> custom_parameters;
  std::string account_sid;  // Empty: random.
  // Runs right after the stop message, before waiting for the analysis
  // (simulate --twilio sends the completed callbacks from here).
  std::function<void()> after_stop;
};

// simulate --twilio: a whole call as Twilio would run it against a running
// server (docs/twilio.md, "simulate --twilio"). `media.url` is the server's
// http://HOST:PORT; the rest of `media` (inputs, speed, quiet, format,
// auth_token) applies as for simulate.
struct TwilioSimulateOptions {
  SimulateOptions media;
  // What Twilio was told (SALESCOPILOT_PUBLIC_URL); webhooks are signed
  // over it and sent to media.url. Empty: media.url.
  std::string public_url;
  std::string from;  // "client:IDENTITY" (a browser call) or an E.164 number.
  std::string to;    // The number dialled.
  // Where the stand-in for Twilio's REST API and media host listens; the
  // server's SALESCOPILOT_TWILIO_API_BASE_URL must point at it.
  std::string api_listen = "127.0.0.1:4010";
  int recording_timeout_s = 60;  // Wait this long for the recording link.
  // A stand-in already running (demo starts it before the server, to point
  // the server at it); null: start one on api_listen. Not owned.
  class TwilioStandIn* stand_in = nullptr;
};
int RunSimulateTwilio(const TwilioSimulateOptions& o);

struct SimulationReport {
  std::string call_sid;
  int64_t frames_sent = 0;
  int finals = 0;
  int partials = 0;
  double audio_s = 0;
  double wall_s = 0;
  // End of utterance in the audio -> its final transcript on the live socket.
  double latency_p50_ms = 0, latency_p95_ms = 0, latency_max_ms = 0;
  bool analysis_ready = false;
  std::string analysis_json;  // From GET /api/calls/{sid}, when ready.
};

// Plays a call into a running server exactly as Twilio Media Streams would
// and watches the live socket for what it produced. `on_event` sees every
// live event (JSON) as it arrives.
StatusOr<SimulationReport> Simulate(
    const SimulateOptions& o,
    const std::function<void(const std::string&)>& on_event);
int RunSimulate(const SimulateOptions& o);

struct CallsOptions {
  std::string config_path;
  std::string data_dir;
  std::string call_sid;  // For `show` and `retranscribe`.
  // For `retranscribe`: the recording to use; empty: the call's newest
  // stored recording.
  std::string recording_sid;
  std::string state;  // For `list`: filter.
  int limit = 50;
  OutputFormat format = OutputFormat::kText;
};
int RunCallsList(const CallsOptions& o);
int RunCallsShow(const CallsOptions& o);
// `calls retranscribe`: the call's recording through the remote engine, the
// analysis rebuilt and stored (pipeline/retranscription.h). Exit 3 for an
// unknown call or no stored recording.
int RunCallsRetranscribe(const CallsOptions& o);

// Admin commands over the store (tenants, users, phone profiles); they open
// the database directly, so they work while the server runs (SQLite WAL).
// docs/operations.md, "Users and phone numbers".
enum class PiiDisplay { kMasked, kShown };

struct AdminOptions {
  std::string config_path;
  std::string data_dir;
  OutputFormat format = OutputFormat::kText;
  std::string tenant_id;  // tenant add; user add --tenant; list filters.
  std::string name;       // tenant add --name, user add --name.
  std::string user_id;    // user add/grant/revoke, phone assign/remove.
  std::string identity;   // user add --identity (default: user id).
  std::vector<std::string> permissions;  // --permission, repeatable.
  std::string phone_number;              // phone assign.
  std::string caller_id_name;
  bool voice = true;  // --no-voice clears (CLI11 flag targets).
  bool recording = true;
  bool ai = true;
  PiiDisplay pii = PiiDisplay::kMasked;  // phone list --show-pii.
};
int RunTenantAdd(const AdminOptions& o);
int RunTenantList(const AdminOptions& o);
int RunUserAdd(const AdminOptions& o);
int RunUserList(const AdminOptions& o);
int RunUserGrant(const AdminOptions& o);
int RunUserRevoke(const AdminOptions& o);
int RunPhoneAssign(const AdminOptions& o);
int RunPhoneList(const AdminOptions& o);
int RunPhoneRemove(const AdminOptions& o);
// `config show`: the effective configuration, secrets redacted.
int RunConfigShow(const AdminOptions& o);

// "+15017122661" -> "+1*****2661": enough to tell numbers apart in a list
// without showing them.
std::string MaskPhoneNumber(std::string_view number);

struct DemoOptions {
  std::string
      call_wav;  // Default: build/testcalls/demo.wav under the source tree.
  int port = 8080;
  double speed = 1.0;
  bool keep_serving = true;  // After the call, serve until Ctrl-C.
};
int RunDemo(const DemoOptions& o);

}  // namespace sc::cli
