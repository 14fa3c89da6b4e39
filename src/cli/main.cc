// salescopilot: the one binary. This is the only place that parses flags.
#include <CLI/CLI.hpp>
#include <iostream>

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

  sc::cli::SimulateOptions simulate;
  auto* simulate_cmd =
      app.add_subcommand("simulate",
                         "Play a call into a running server exactly as Twilio "
                         "Media Streams would");
  simulate_cmd
      ->add_option("--url", simulate.url,
                   "ws://HOST:PORT/api/twilio-calls/media-stream")
      ->required();
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
  for (auto* sub : {list_cmd, show_cmd}) {
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

  CLI11_PARSE(app, argc, argv);

  if (*serve_cmd) return sc::cli::RunServe(serve);
  if (*analyze_cmd) return sc::cli::RunAnalyze(analyze);
  if (*simulate_cmd) return sc::cli::RunSimulate(simulate);
  if (*list_cmd) return sc::cli::RunCallsList(calls);
  if (*show_cmd) return sc::cli::RunCallsShow(calls);
  if (*demo_cmd) return sc::cli::RunDemo(demo);
  return 2;
}
