// salescopilot: the one binary. This is the only place that parses flags.
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>

#include "cli/calibrate.h"
#include "cli/commands.h"

namespace {

void AddInputs(CLI::App* cmd, sc::cli::CallInputs& in) {
  cmd->add_option(
      "file", in.wav,
      "Stereo WAV (any rate): agent on --agent-channel, prospect on the other");
  cmd->add_option("--agent-channel", in.agent_channel,
                  "Channel of the agent (0 or 1)")
      ->check(CLI::Range(0, 1));
  cmd->add_option("--agent", in.agent_wav,
                  "Mono WAV of the agent (with --prospect)");
  cmd->add_option("--prospect", in.prospect_wav,
                  "Mono WAV of the prospect (with --agent)");
}

void AddFormat(CLI::App* cmd, sc::cli::OutputFormat& f) {
  cmd->add_option("--format", f, "Output: json or text")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, sc::cli::OutputFormat>{
              {"json", sc::cli::OutputFormat::kJson},
              {"text", sc::cli::OutputFormat::kText}},
          CLI::ignore_case));
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Sales Copilot: a real-time AI coach for sales calls"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "salescopilot 0.1.0");

  sc::cli::ServeOptions serve;
  auto* serve_cmd =
      app.add_subcommand("serve", "Run the HTTP + WebSocket server");
  serve_cmd->add_option("--port", serve.port,
                        "Port (default 8080; 0 = any free port)");
  serve_cmd->add_option("--data", serve.data_dir,
                        "Data directory (SQLite database)");
  serve_cmd->add_option("--bind", serve.bind,
                        "Address to listen on (default 127.0.0.1)");
  serve_cmd->add_option("--config", serve.config_path, "TOML config file");

  sc::cli::AnalyzeOptions analyze;
  auto* analyze_cmd = app.add_subcommand(
      "analyze",
      "Run the live-call pipeline on a recording and print the analysis");
  AddInputs(analyze_cmd, analyze.inputs);
  analyze_cmd->add_option(
      "--transcript", analyze.inputs.transcript,
      "Transcript JSON lines instead of audio (skips recognition)");
  AddFormat(analyze_cmd, analyze.format);
  analyze_cmd->add_option("--config", analyze.config_path, "TOML config file");
  analyze_cmd->add_flag("!--no-progress", analyze.progress,
                        "No progress on stderr");
  analyze_cmd
      ->add_option("--engine", analyze.engine,
                   "Speech engine: pocketsphinx or remote (default: config)")
      ->check(CLI::IsMember({"pocketsphinx", "remote"}));

  sc::cli::SimulateOptions simulate;
  auto* simulate_cmd =
      app.add_subcommand("simulate",
                         "Play a call into a running server exactly as Twilio "
                         "Media Streams would");
  simulate_cmd
      ->add_option("--url", simulate.url,
                   "ws://HOST:PORT/api/twilio-calls/media-stream (with "
                   "--twilio: http://HOST:PORT)")
      ->required();
  sc::cli::TwilioSimulateOptions twilio_sim;
  bool simulate_twilio = false;
  simulate_cmd->add_flag("--twilio", simulate_twilio,
                         "Run the whole call as Twilio would: signed "
                         "webhooks, our TwiML, the stream it asks for, "
                         "status and recording callbacks");
  simulate_cmd->add_option("--from", twilio_sim.from,
                           "--twilio: caller, client:IDENTITY or +E164");
  simulate_cmd->add_option("--to", twilio_sim.to,
                           "--twilio: the number dialled (+E164)");
  simulate_cmd->add_option("--public-url", twilio_sim.public_url,
                           "--twilio: the URL Twilio was given (default: "
                           "SALESCOPILOT_PUBLIC_URL, else --url)");
  simulate_cmd->add_option("--twilio-api-listen", twilio_sim.api_listen,
                           "--twilio: HOST:PORT of the stand-in for "
                           "Twilio's API (default 127.0.0.1:4010)");
  simulate_cmd->add_option("--auth-token", simulate.auth_token,
                           "Sign as Twilio with this auth token (default: "
                           "TWILIO_AUTH_TOKEN)");
  AddInputs(simulate_cmd, simulate.inputs);
  simulate_cmd->add_option("--speed", simulate.speed,
                           "Play N times faster than real time");
  simulate_cmd->add_option("--call-sid", simulate.call_sid,
                           "CallSid (default: random)");
  simulate_cmd
      ->add_option("--direction", simulate.direction,
                   "outbound (agent dialed) or inbound (prospect called)")
      ->check(CLI::IsMember({"outbound", "inbound"}));
  simulate_cmd->add_flag(
      "--abrupt", simulate.abrupt,
      "End with a dropped connection instead of a stop message");
  simulate_cmd->add_flag("--quiet", simulate.quiet,
                         "Do not print the live transcript");
  std::vector<std::string> simulate_params;
  simulate_cmd->add_option(
      "--param", simulate_params,
      "Custom <Parameter> of the start message, KEY=VALUE (repeatable; e.g. "
      "user_id=alice tenant_id=acme, so the call uses that user's settings)");
  AddFormat(simulate_cmd, simulate.format);

  sc::cli::CallsOptions calls;
  auto* calls_cmd = app.add_subcommand("calls", "Stored calls");
  calls_cmd->require_subcommand(1);
  calls_cmd->add_option("--data", calls.data_dir, "Data directory");
  calls_cmd->add_option("--config", calls.config_path, "TOML config file");
  auto* list_cmd =
      calls_cmd->add_subcommand("list", "List calls, newest first");
  list_cmd->add_option("--state", calls.state,
                       "active, completed or interrupted");
  list_cmd->add_option("--limit", calls.limit, "At most this many")
      ->check(CLI::Range(1, 100000));
  AddFormat(list_cmd, calls.format);
  auto* show_cmd = calls_cmd->add_subcommand(
      "show", "Show one call's transcript and analysis");
  show_cmd->add_option("call_sid", calls.call_sid, "CallSid")->required();
  AddFormat(show_cmd, calls.format);
  auto* retranscribe_cmd = calls_cmd->add_subcommand(
      "retranscribe",
      "Re-transcribe a call's recording with the remote engine and store "
      "the rebuilt analysis");
  retranscribe_cmd->add_option("call_sid", calls.call_sid, "CallSid")
      ->required();
  retranscribe_cmd->add_option("--recording", calls.recording_sid,
                               "RecordingSid (default: the newest stored)");
  AddFormat(retranscribe_cmd, calls.format);
  for (auto* sub : {list_cmd, show_cmd, retranscribe_cmd}) {
    sub->add_option("--data", calls.data_dir, "Data directory");
  }

  sc::cli::DemoOptions demo;
  auto* demo_cmd = app.add_subcommand("demo",
                                      "Start a server on a temporary data dir "
                                      "and play a sample call through it live");
  demo_cmd->add_option("--call", demo.call_wav,
                       "Stereo WAV to play (default: the demo call)");
  demo_cmd->add_option("--port", demo.port,
                       "Port (default 8080; 0 = any free port)");
  demo_cmd->add_option("--speed", demo.speed,
                       "Play N times faster than real time");
  demo_cmd->add_flag("!--exit", demo.keep_serving,
                     "Exit when the call has been analysed");

  // ---- Admin: tenants, users, phone profiles, configuration --------------
  sc::cli::AdminOptions admin;
  auto add_store_flags = [&](CLI::App* cmd) {
    cmd->add_option("--data", admin.data_dir, "Data directory");
    cmd->add_option("--config", admin.config_path, "TOML config file");
  };
  auto* tenant_cmd = app.add_subcommand("tenant", "Tenants (organizations)");
  tenant_cmd->require_subcommand(1);
  auto* tenant_add = tenant_cmd->add_subcommand("add", "Add a tenant");
  tenant_add->add_option("tenant_id", admin.tenant_id, "Tenant id")->required();
  tenant_add->add_option("--name", admin.name, "Display name");
  auto* tenant_list = tenant_cmd->add_subcommand("list", "List tenants");
  AddFormat(tenant_list, admin.format);

  auto* user_cmd = app.add_subcommand("user", "Users (salespeople)");
  user_cmd->require_subcommand(1);
  auto* user_add = user_cmd->add_subcommand("add", "Add a user");
  user_add->add_option("user_id", admin.user_id, "User id")->required();
  user_add->add_option("--tenant", admin.tenant_id, "Tenant id")->required();
  user_add->add_option("--identity", admin.identity,
                       "Voice SDK client identity (default: the user id)");
  user_add->add_option("--name", admin.name, "Display name");
  user_add->add_option("--permission", admin.permissions,
                       "phone.call, phone.monitor, crm.access or "
                       "ai.sales-copilot (repeatable)");
  auto* user_list = user_cmd->add_subcommand("list", "List users");
  user_list->add_option("--tenant", admin.tenant_id, "Only this tenant");
  AddFormat(user_list, admin.format);
  auto* user_grant =
      user_cmd->add_subcommand("grant", "Grant permissions to a user");
  auto* user_revoke =
      user_cmd->add_subcommand("revoke", "Revoke permissions of a user");
  // Voice calibration (cli/calibrate.h).
  sc::cli::CalibrateOptions calib;
  auto* user_calibrate = user_cmd->add_subcommand(
      "calibrate",
      "Learn a user's voice profile from a recording of them speaking and "
      "store it (used on their track of later calls)");
  user_calibrate
      ->add_option("--audio", calib.audio_path,
                   "WAV of the user speaking for a few minutes "
                   "(8 kHz u-law/PCM telephone audio or 16 kHz)")
      ->required();
  user_calibrate->add_option("--script", calib.script_path,
                             "Text file of what the user read (better rate; "
                             "finds words the dictionary lacks)");
  user_calibrate
      ->add_option("--channel", calib.channel,
                   "The user's channel in the file (default 0)")
      ->check(CLI::NonNegativeNumber);
  user_calibrate
      ->add_option("--min-speech", calib.min_speech_s,
                   "Refuse less recognized speech than this, in "
                   "seconds (default 20)")
      ->check(CLI::PositiveNumber);
  auto* user_voice = user_cmd->add_subcommand(
      "voice-profile", "Show a user's stored voice profile (JSON)");
  for (auto* cmd : {user_calibrate, user_voice}) {
    cmd->add_option("--tenant", calib.tenant_id, "Tenant id")->required();
    cmd->add_option("--user", calib.user_id, "User id")->required();
    cmd->add_option("--data", calib.data_dir, "Data directory");
    cmd->add_option("--config", calib.config_path, "TOML config file");
  }
  for (auto* cmd : {user_grant, user_revoke}) {
    cmd->add_option("user_id", admin.user_id, "User id")->required();
    cmd->add_option("permission", admin.permissions, "Permissions")->required();
  }

  auto* phone_cmd = app.add_subcommand("phone", "Phone profiles (numbers)");
  phone_cmd->require_subcommand(1);
  auto* phone_assign = phone_cmd->add_subcommand(
      "assign", "Give a user a dedicated number (replaces their profile)");
  phone_assign->add_option("user_id", admin.user_id, "User id")->required();
  phone_assign->add_option("number", admin.phone_number, "E.164 number")
      ->required();
  phone_assign->add_option("--caller-id-name", admin.caller_id_name,
                           "Caller ID name");
  phone_assign->add_flag("!--no-voice", admin.voice,
                         "The user may not place or receive calls");
  phone_assign->add_flag("!--no-recording", admin.recording,
                         "Do not record the user's calls");
  phone_assign->add_flag("!--no-ai", admin.ai,
                         "Do not stream the user's calls to the copilot");
  auto* phone_list = phone_cmd->add_subcommand("list", "List phone profiles");
  phone_list->add_option("--tenant", admin.tenant_id, "Only this tenant");
  bool show_pii = false;
  phone_list->add_flag("--show-pii", show_pii,
                       "Show full numbers (masked by default)");
  AddFormat(phone_list, admin.format);
  auto* phone_remove =
      phone_cmd->add_subcommand("remove", "Remove a user's phone profile");
  phone_remove->add_option("user_id", admin.user_id, "User id")->required();

  auto* config_cmd = app.add_subcommand("config", "Configuration");
  config_cmd->require_subcommand(1);
  auto* config_show = config_cmd->add_subcommand(
      "show", "Print the effective configuration (secrets redacted)");

  for (auto* cmd :
       {tenant_add, tenant_list, user_add, user_list, user_grant, user_revoke,
        phone_assign, phone_list, phone_remove, config_show}) {
    add_store_flags(cmd);
  }

  CLI11_PARSE(app, argc, argv);
  if (show_pii) admin.pii = sc::cli::PiiDisplay::kShown;

  if (*serve_cmd) return sc::cli::RunServe(serve);
  if (*analyze_cmd) return sc::cli::RunAnalyze(analyze);
  for (const std::string& kv : simulate_params) {
    const size_t eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) {
      std::cerr << "salescopilot simulate: --param wants KEY=VALUE\n";
      return 2;
    }
    if (simulate.custom_parameters.empty()) {
      simulate.custom_parameters = {{"direction", simulate.direction},
                                    {"source", "simulate"}};
    }
    simulate.custom_parameters[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  if (*simulate_cmd && simulate_twilio) {
    twilio_sim.media = simulate;
    return sc::cli::RunSimulateTwilio(twilio_sim);
  }
  if (*simulate_cmd) {
    if (simulate.auth_token.empty() && std::getenv("TWILIO_AUTH_TOKEN")) {
      simulate.auth_token = std::getenv("TWILIO_AUTH_TOKEN");
    }
    return sc::cli::RunSimulate(simulate);
  }
  if (*list_cmd) return sc::cli::RunCallsList(calls);
  if (*retranscribe_cmd) return sc::cli::RunCallsRetranscribe(calls);
  if (*show_cmd) return sc::cli::RunCallsShow(calls);
  if (*demo_cmd) return sc::cli::RunDemo(demo);
  if (*tenant_add) return sc::cli::RunTenantAdd(admin);
  if (*tenant_list) return sc::cli::RunTenantList(admin);
  if (*user_add) return sc::cli::RunUserAdd(admin);
  if (*user_list) return sc::cli::RunUserList(admin);
  if (*user_grant) return sc::cli::RunUserGrant(admin);
  if (*user_revoke) return sc::cli::RunUserRevoke(admin);
  if (*user_calibrate) return sc::cli::RunUserCalibrate(calib);
  if (*user_voice) return sc::cli::RunUserVoiceProfile(calib);
  if (*phone_assign) return sc::cli::RunPhoneAssign(admin);
  if (*phone_list) return sc::cli::RunPhoneList(admin);
  if (*phone_remove) return sc::cli::RunPhoneRemove(admin);
  if (*config_show) return sc::cli::RunConfigShow(admin);
  return 2;
}
